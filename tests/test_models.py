"""Model builders, custom layers, saving/loading (.keras, safe mode), bins, shipped models."""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest

import colorlab as cl
from colorlab import bins as B
from colorlab import models
from colorlab.saving import WEIGHTS, shipped_models


@pytest.fixture(scope="module")
def tiny_fusion():
    return models.fusion_model(
        models.embedding_model(models.scene_classifier(3, width=4)), width=4, seed=0
    )


def test_article_model_is_the_recipe():
    m = models.article_model(seed=0)
    convs = [layer for layer in m.layers if isinstance(layer, keras.layers.Conv2D)]
    assert [c.filters for c in convs] == [8, 8, 16, 16, 32, 32, 32, 16, 2]
    assert [c.strides[0] for c in convs] == [2, 1, 1, 2, 1, 2, 1, 1, 1]
    assert convs[-1].activation.__name__ == "tanh"
    assert all(c.activation.__name__ == "relu" for c in convs[:-1])
    assert sum(isinstance(layer, keras.layers.UpSampling2D) for layer in m.layers) == 3
    assert m.optimizer.__class__.__name__ == "RMSprop" and m.loss == "mse"


@pytest.mark.parametrize("shape", [(37, 53), (8, 8), (64, 40)])
def test_colorize_any_size(shape):
    rgb = cl.datasets.sample_photo("coffee", size=shape)
    out = cl.colorize(models.lesson_model(width=4, seed=0), rgb)
    assert out.shape == rgb.shape and out.dtype == np.float32
    gray_in = cl.colorize(models.lesson_model(width=4, seed=0), rgb[..., 0])
    assert gray_in.shape == rgb.shape
    # The lightness is kept: only the color comes from the network.
    np.testing.assert_allclose(
        cl.split_lab(cl.rgb_to_lab(out))[0], cl.split_lab(cl.rgb_to_lab(rgb))[0], atol=1.5
    )


def test_colorize_rejects_bad_shapes():
    with pytest.raises(cl.ImageError, match="RGB"):
        cl.colorize(models.lesson_model(width=4), np.zeros((8, 8, 4)))


def roundtrip(model, tmp_path, name):
    path = cl.save_model(model, tmp_path / f"{name}.keras")
    again = cl.load_model(path)
    x = cl.split_lab(cl.rgb_to_lab(cl.datasets.sample_photo("chelsea", size=(32, 48))))[0][None]
    np.testing.assert_allclose(model(x).numpy(), again(x).numpy(), atol=1e-5)
    return again


def test_roundtrips_through_keras_files(tmp_path, tiny_fusion):
    roundtrip(models.lesson_model(width=4, seed=0), tmp_path, "lesson")
    roundtrip(models.article_model(seed=0), tmp_path, "article")
    again = roundtrip(tiny_fusion, tmp_path, "fusion")
    assert any(isinstance(layer, cl.layers.TileToGrid) for layer in again.layers)
    _, colorizer = models.classification_model(B.gamut_bins(), width=4, seed=0)
    again = roundtrip(colorizer, tmp_path, "classification")
    layer = again.get_layer("annealed_mean")
    assert layer.temperature == pytest.approx(0.38) and len(layer.bins) == len(B.gamut_bins())


def test_safe_mode_loading_without_custom_code(tmp_path, tiny_fusion):
    """The files hold no Lambda layers: plain keras.models.load_model accepts them."""
    path = cl.save_model(tiny_fusion, tmp_path / "f.keras")
    keras.models.load_model(path, safe_mode=True)


def test_save_model_protects_files(tmp_path):
    path = cl.save_model(models.lesson_model(width=4), tmp_path / "m.keras")
    with pytest.raises(FileExistsError, match="overwrite"):
        cl.save_model(models.lesson_model(width=4), path)
    with pytest.raises(cl.ModelError, match=".keras"):
        cl.save_model(models.lesson_model(width=4), tmp_path / "m.h5")


def test_load_model_errors(tmp_path):
    with pytest.raises(cl.ModelError, match="neither a shipped model"):
        cl.load_model("no_such_model")
    (tmp_path / "broken.keras").write_bytes(b"not a zip")
    with pytest.raises(cl.ModelError, match="could not be loaded"):
        cl.load_model(tmp_path / "broken.keras")
    (tmp_path / "m.h5").write_bytes(b"x")
    with pytest.raises(cl.ModelError, match="not a .keras"):
        cl.load_model(tmp_path / "m.h5")


def test_imagenet_encoder_with_a_stand_in(tmp_path):
    stand_in = keras.Sequential(
        [
            keras.Input((32, 32, 3)),
            keras.layers.Conv2D(4, 3, strides=2),
            keras.layers.GlobalAveragePooling2D(),
        ]
    )
    encoder = models.imagenet_encoder(stand_in, input_size=32)
    fusion = models.fusion_model(encoder, width=4, seed=0)
    x = np.full((2, 40, 24, 1), 50.0, np.float32)
    assert fusion(x).shape == (2, 40, 24, 2)
    assert not stand_in.trainable  # frozen by default
    roundtrip(fusion, tmp_path, "imagenet_fusion")


def test_tile_to_grid_values():
    out = cl.layers.TileToGrid()([np.zeros((1, 2, 3, 4)), np.array([[1.0, 2.0]])]).numpy()
    assert out.shape == (1, 2, 3, 2) and (out[..., 0] == 1).all() and (out[..., 1] == 2).all()


def test_annealed_mean_layer_matches_numpy():
    bins = B.gamut_bins()
    logits = np.random.default_rng(0).normal(size=(1, 2, 2, len(bins))).astype(np.float32)
    layer = cl.layers.AnnealedMean(bins.tolist(), temperature=0.5)
    probs = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    np.testing.assert_allclose(
        layer(logits).numpy() * 128, B.annealed_mean(probs, bins, 0.5), atol=1e-3
    )


def test_bins_soft_encoding_and_weights():
    bins = B.gamut_bins()
    assert len(bins) == len(np.unique(bins, axis=0))
    ab = np.random.default_rng(0).uniform(-60, 60, (50, 2))
    soft = B.soft_encode(ab, bins)
    np.testing.assert_allclose(soft.sum(-1), 1, atol=1e-5)
    nearest = np.argmin(((ab[:, None] - bins) ** 2).sum(-1), 1)
    assert (soft.argmax(-1) == nearest).all()
    w = B.class_weights(ab, bins, lam=0.5)
    assert w.shape == (len(bins),) and (w > 0).all()
    with pytest.raises(ValueError, match="temperature"):
        B.annealed_mean(soft[0], bins, 0)


def test_in_graph_targets_match_numpy():
    bins = B.gamut_bins()
    rgb = cl.datasets.sample_photo("coffee", size=(16, 16))
    L, ab = cl.split_lab(cl.rgb_to_lab(rgb))
    fn = cl.training.classification_targets(bins, np.ones(len(bins), np.float32))
    _, targets, weights = fn(L[None], cl.normalize_ab(ab)[None].astype(np.float32))
    pooled = ab.reshape(4, 4, 4, 4, 2).mean(axis=(1, 3))
    np.testing.assert_allclose(targets.numpy()[0], B.soft_encode(pooled, bins), atol=1e-3)
    assert weights.shape == (1, 4, 4)


def test_shipped_models_cards_and_size():
    cards = shipped_models()
    assert set(cards) == {"scenes_regression", "scenes_fusion", "scenes_classification"}
    total = sum((WEIGHTS / f"{name}.keras").stat().st_size for name in cards)
    assert total <= 20 * 2**20
    for name, card in cards.items():
        assert card["summary"] and "\n" not in card["summary"]
        md = (WEIGHTS / f"{name}.md").read_text()
        assert "make weights" in md and "Good at" in md and "gray baseline" in md
        assert (
            card["quality"]["scenes"]["model"]["psnr"] > card["quality"]["scenes"]["gray"]["psnr"]
        )
        json.dumps(card)


@pytest.mark.parametrize("name", ["scenes_regression", "scenes_fusion", "scenes_classification"])
def test_shipped_model_beats_gray_on_unseen_scenes(name):
    model = cl.load_model(name)
    scenes, _ = cl.datasets.scenes(8, 96, seed=cl.training.HELDOUT_SCENE_SEED + 900)
    rep = cl.metrics.mean_report([cl.metrics.report(x, cl.colorize(model, x)) for x in scenes])
    assert rep["model"]["psnr"] > rep["gray"]["psnr"] + 3
    assert rep["model"]["delta_cf"] < rep["gray"]["delta_cf"]
