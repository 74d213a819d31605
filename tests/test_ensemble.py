"""cl.models.photo_ensemble: several photo colorizers averaged into one network."""

from __future__ import annotations

import numpy as np
import pytest

import colorlab as cl
from colorlab import bins as B
from colorlab import models, pretrained

SIZE = 64


def member(backbone, seed: int, width: int = 4, gate: bool = True):
    return models.pretrained_photo_model(
        backbone, B.gamut_bins(), width=width, working_size=SIZE, gate=gate, seed=seed
    )[1]


@pytest.fixture(scope="module")
def pair():
    backbone = models.stand_in_backbone()
    return member(backbone, 0), member(backbone, 1)


def gray_L(size=SIZE):
    photo = cl.datasets.sample_photo("coffee", size=size)
    return cl.split_lab(cl.rgb_to_lab(photo))[0][None].astype(np.float32)


def test_the_ensemble_is_the_members_average(pair):
    a, b = pair
    both = models.photo_ensemble([a, b])
    L = gray_L()
    mean = (np.asarray(a(L)) + np.asarray(b(L))) / 2
    assert np.allclose(both(L), mean, atol=1e-5)
    # The two members really differ, so the average is not one of them.
    assert np.abs(np.asarray(a(L)) - np.asarray(b(L))).max() > 1e-3
    # One backbone, run once: the ensemble holds its weights once.
    encoder = a.get_layer("encoder").count_params()
    assert both.count_params() == a.count_params() + b.count_params() - encoder


def test_one_temperature_sets_every_member(pair):
    a, b = pair
    both = models.photo_ensemble([a, b])
    photo = cl.to_gray(cl.datasets.sample_photo("coffee", size=SIZE))
    for model in (a, b):
        model.get_layer("annealed_mean").temperature = 0.2
    vivid = (np.asarray(a(gray_L())) + np.asarray(b(gray_L()))) / 2
    for model in (a, b):
        model.get_layer("annealed_mean").temperature = 0.38
    out = cl.colorize(both, photo, temperature=0.2)
    expected = cl.colorize(both, photo)  # the model's own temperature, restored after
    assert both.get_layer("annealed_mean").temperature == pytest.approx(0.38)
    assert not np.allclose(out, expected, atol=1e-3)
    both.get_layer("annealed_mean").temperature = 0.2
    assert np.allclose(both(gray_L()), vivid, atol=1e-5)
    both.get_layer("annealed_mean").temperature = 0.38


def test_the_ensemble_saves_loads_and_keeps_what_uses_the_photo_model(pair, tmp_path):
    both = models.photo_ensemble(pair)
    path = tmp_path / "photos.keras"
    both.save(path)
    again = cl.load_model(path)
    L = gray_L()
    assert np.allclose(again(L), both(L), atol=1e-5)
    assert cl.layers.working_size(again) == (SIZE, 32)
    # The encoder, the hint model and the bin probabilities find what they need.
    assert (
        pretrained.photo_encoder(again).count_params()
        == pair[0].get_layer("encoder").count_params()
    )
    hints = models.hint_photo_model(again, seed=0)
    no_hints = np.concatenate([L, np.zeros((*L.shape[:3], 6), np.float32)], axis=-1)
    assert hints(no_hints).shape == (*L.shape[:3], 2)
    probs = B.bin_probabilities(again, L[0])
    each = [B.bin_probabilities(m, L[0]) for m in pair]
    assert np.allclose(probs, (each[0] + each[1]) / 2, atol=1e-5)
    assert np.allclose(probs.sum(-1), 1, atol=1e-4)


def test_what_cannot_be_averaged_is_refused(pair):
    a, b = pair
    with pytest.raises(ValueError, match="at least two members"):
        models.photo_ensemble([a])
    with pytest.raises(ValueError, match="must be Keras models"):
        models.photo_ensemble([a, "photos_s1.keras"])  # a path, not a loaded model
    with pytest.raises(ValueError, match="not built like member 0"):
        models.photo_ensemble([a, member(models.stand_in_backbone(), 2)])  # another backbone
    with pytest.raises(ValueError, match="same width"):
        models.photo_ensemble([a, member(a.get_layer("encoder"), 3, width=8)])
    with pytest.raises(ValueError, match="not built like member 0"):
        models.photo_ensemble([a, member(a.get_layer("encoder"), 3, gate=False)])
    with pytest.raises(ValueError, match="not a classification colorizer"):
        models.photo_ensemble([models.article_model(), a])


def test_each_member_alone_is_the_member(pair):
    a, b = pair
    both = models.photo_ensemble([a, b])
    alone = models.ensemble_members(both)
    L = gray_L()
    assert [m.count_params() for m in alone] == [a.count_params(), b.count_params()]
    for mine, original in zip(alone, pair, strict=True):
        assert np.allclose(mine(L), original(L), atol=1e-5)
        assert cl.layers.working_size(mine) == (SIZE, 32)
    assert models.ensemble_members(a) == [a]
    with pytest.raises(ValueError, match="not a photo model"):
        models.ensemble_members(models.stand_in_backbone())
