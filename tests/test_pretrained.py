"""Pretrained encoder files (checked, never downloaded), the pretrained photo model, temperature."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import keras
import numpy as np
import pytest
from keras import layers

import colorlab as cl
import colorlab.cli
from colorlab import bins as B
from colorlab import models, pretrained, training
from colorlab.pipeline import dataset

NAME = pretrained.MOBILENET_V2[0.35][0]


def stand_in_backbone(filters: int = 4) -> keras.Model:
    """A tiny network with MobileNetV2's feature layer names, for training in seconds."""
    return models.stand_in_backbone(filters)


def test_missing_weights_file_is_one_clear_error(tmp_path):
    with pytest.raises(cl.ModelError) as err:
        pretrained.mobilenet_backbone(0.35, folder=tmp_path)
    message = str(err.value)
    assert str(tmp_path / NAME) in message and "missing" in message
    assert "nothing is downloaded" in message and pretrained.ENV_VAR in message


def test_wrong_weights_file_is_one_clear_error(tmp_path):
    (tmp_path / NAME).write_bytes(b"not an HDF5 file at all")
    with pytest.raises(cl.ModelError, match="SHA-256 is .* expected df1c3db1"):
        pretrained.mobilenet_weights(0.35, folder=tmp_path)


def test_unknown_width_is_refused():
    with pytest.raises(cl.ModelError, match="width 0.75.*0.35, 0.5"):
        pretrained.mobilenet_weights(0.75)


def test_environment_variable_names_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(pretrained.ENV_VAR, str(tmp_path))
    assert pretrained.default_folder() == tmp_path
    with pytest.raises(cl.ModelError, match=str(tmp_path)):
        pretrained.mobilenet_weights(0.5)


@pytest.mark.skipif(
    not (pretrained.default_folder() / NAME).is_file(),
    reason="the ImageNet weights are not beside the course (../shared/pretrained)",
)
def test_real_backbone_loads_from_the_file_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("something tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    backbone = pretrained.mobilenet_backbone(0.35)
    assert not backbone.trainable and backbone.count_params() == 410_208
    assert backbone.output_shape[-1] == 1280
    for name in models.BACKBONE_LEVELS:
        backbone.get_layer(name)


@pytest.mark.parametrize("gate", [False, True])
def test_pretrained_photo_model_trains_a_few_steps(gate, tmp_path):
    bins = B.gamut_bins()
    train, colorizer = models.pretrained_photo_model(
        stand_in_backbone(),
        bins,
        width=4,
        working_size=64,
        seed=0,
        gate=gate,
        steps_per_execution=1,
    )
    backbone = train.get_layer("encoder")
    frozen = [w.numpy().copy() for w in backbone.weights]
    photos = (np.random.default_rng(0).random((4, 72, 72, 3)) * 255).astype("uint8")
    targets = training.classification_targets(bins, np.ones(len(bins), "f4"), packed=gate)
    data = dataset(photos, crop=64, batch_size=2, repeat=True, seed=0).map(targets)
    history = train.fit(data, steps_per_epoch=3, epochs=1, verbose=0).history
    assert all(np.isfinite(v[-1]) for v in history.values())
    # The ImageNet features stay as they were: only the decoder (and gate) learn.
    for before, after in zip(frozen, backbone.weights, strict=True):
        np.testing.assert_array_equal(before, after.numpy())
    path = cl.save_model(colorizer, tmp_path / "p.keras")
    again = cl.load_model(path)
    rgb = cl.datasets.sample_photo("chelsea", size=(40, 50))
    np.testing.assert_allclose(cl.colorize(colorizer, rgb), cl.colorize(again, rgb), atol=1e-5)


def test_temperature_changes_colors_and_is_restored():
    _, colorizer = models.pretrained_photo_model(
        stand_in_backbone(), B.gamut_bins(), width=4, working_size=64, seed=0
    )
    rgb = cl.datasets.sample_photo("chelsea", size=(40, 50))
    vivid = cl.colorize(colorizer, rgb, temperature=0.1)
    faithful = cl.colorize(colorizer, rgb, temperature=1.0)
    assert not np.allclose(vivid, faithful)
    assert colorizer.get_layer("annealed_mean").temperature == pytest.approx(0.38)
    np.testing.assert_allclose(
        cl.colorize(colorizer, rgb, temperature=0.38), cl.colorize(colorizer, rgb)
    )


@pytest.mark.parametrize("value", [0, -1, "hot", True, 11])
def test_bad_temperature_is_refused(value):
    _, colorizer = models.pretrained_photo_model(
        stand_in_backbone(), B.gamut_bins(), width=4, working_size=64
    )
    with pytest.raises(cl.ModelError, match="temperature"):
        cl.colorize(colorizer, np.full((8, 8, 3), 0.5), temperature=value)


def test_regression_model_says_it_has_no_temperature():
    with pytest.raises(cl.ModelError, match="regression.*no temperature"):
        cl.colorize(models.lesson_model(width=4), np.full((8, 8, 3), 0.5), temperature=0.5)


def test_gate_needs_bins():
    with pytest.raises(ValueError, match="needs bins"):
        models.pretrained_photo_model(stand_in_backbone(), None, width=4, gate=True)


def test_train_from_unfreezes_the_last_layers_but_not_batch_normalization():
    rgb = keras.Input((None, None, 3))
    x = rgb
    for name in models.BACKBONE_LEVELS:
        stride = 4 if name == models.BACKBONE_LEVELS[0] else 2
        x = layers.Conv2D(4, 3, strides=stride, padding="same", name=name)(x)
        x = layers.BatchNormalization(name=f"{name}_bn")(x)
    backbone = keras.Model(rgb, x)
    models.pretrained_photo_model(backbone, None, width=4, train_from=models.BACKBONE_LEVELS[2])
    trainable = {layer.name: layer.trainable for layer in backbone.layers}
    assert not trainable[models.BACKBONE_LEVELS[1]]
    assert trainable[models.BACKBONE_LEVELS[2]] and trainable[models.BACKBONE_LEVELS[3]]
    assert not trainable[f"{models.BACKBONE_LEVELS[3]}_bn"]
    with pytest.raises(ValueError, match="not a layer of.*last layers are"):
        models.pretrained_photo_model(stand_in_backbone(), None, width=4, train_from="block_99")


def test_cli_temperature(tmp_path, capsys):
    _, colorizer = models.pretrained_photo_model(
        stand_in_backbone(), B.gamut_bins(), width=4, working_size=64, seed=0
    )
    model = cl.save_model(colorizer, tmp_path / "m.keras")
    photos = tmp_path / "photos"
    photos.mkdir()
    for name in ("chelsea", "coffee"):
        cl.save_image(cl.datasets.sample_photo(name, size=(40, 56)), photos / f"{name}.png")
    assert (
        cl.cli.main(
            ["evaluate", str(photos), "--model", str(model), "--json", "--temperature", "0.2"]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["temperature"] == 0.2
    out = tmp_path / "out"
    code = cl.cli.main(
        [
            "colorize",
            str(photos / "chelsea.png"),
            "--model",
            str(model),
            "--temperature",
            "0.5",
            "--out",
            str(out),
        ]
    )
    assert code == 0 and any(out.iterdir())
    with pytest.raises(SystemExit):
        cl.cli.main(["colorize", str(photos / "chelsea.png"), "--temperature", "-1"])


def test_weights_tool_trains_the_photo_model_a_few_steps(tmp_path, monkeypatch):
    """`make weights`'s own code, a few steps on tiny photos (a stand-in for MobileNetV2)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import train_weights

    backbone = stand_in_backbone()  # one frozen backbone for both members, as MobileNetV2's file
    monkeypatch.setattr(pretrained, "mobilenet_backbone", lambda alpha: backbone)
    monkeypatch.setitem(train_weights.PHOTO, "epochs", 1)
    monkeypatch.setitem(train_weights.PHOTO, "steps", 2)
    monkeypatch.setitem(train_weights.PHOTO, "batch", 2)
    monkeypatch.setitem(train_weights.PHOTO, "size", 64)
    monkeypatch.setattr(train_weights, "TEMPERATURES", (1.0, 0.3))
    for k, scene in enumerate(cl.datasets.heldout_scenes(24, size=80, offset=700)):
        cl.save_image(scene, tmp_path / f"p{k:02d}.png")
    model, settings = train_weights.train_photos(tmp_path)
    assert settings["seed"] == 0  # the card's run is seed 0 unless asked otherwise
    # Two members, trained from seeds 0 and 1, averaged into one network.
    assert settings["member seeds"] == [0, 1] and len(settings["member minutes"]) == 2
    assert {"ensemble", "bin_logits", "bin_logits_m1"} <= {x.name for x in model.layers}
    assert len(settings["members alone (tuning)"]) == 2  # each alone, for the card
    card = {
        **settings,
        "members alone (validation)": settings["members alone (tuning)"],
        "validation temperatures": settings["tuning temperatures"],
    }
    rows = train_weights.member_rows(card, settings["member seeds"])
    assert sum(r.startswith("| seed ") for r in rows) == 2
    assert any(r.startswith("| their average") for r in rows)
    assert train_weights.member_rows({**card, "members alone (validation)": []}, [0, 1]) == []
    assert settings["temperature"] in (1.0, 0.3)
    assert [r["temperature"] for r in settings["tuning temperatures"]] == [1.0, 0.3]
    assert model.get_layer("annealed_mean").temperature == settings["temperature"]
    # The model keeps its crops' size; sizes near it are measured at the chosen T.
    sizes = train_weights.working_sizes(64)
    assert sizes == [64, 72, 88] and settings["working size"] == 64
    assert cl.layers.working_size(model) == (64, 32)
    tried = {(r["working_size"], r["temperature"]) for r in settings["tuning working sizes"]}
    assert tried == {(n, settings["temperature"]) for n in sizes}
    out = cl.colorize(model, cl.datasets.sample_photo("coffee", size=(40, 60)))
    assert out.shape == (40, 60, 3)
