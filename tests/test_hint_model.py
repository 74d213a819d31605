"""The hint model (issue 21): its layers, its input, colorize(hints=, like=), a few steps."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from test_pretrained import stand_in_backbone

import colorlab as cl
from colorlab import hints, layers, models, training


def test_hint_pooling_keeps_each_hint_at_full_strength_in_its_cell():
    x = np.zeros((1, 8, 8, 3), np.float32)
    x[0, 1, 1] = [0.5, 0.5, 1]
    x[0, 2, 2] = [0.1, -0.3, 1]  # the same 4×4 cell: their mean
    out = layers.HintPooling(4)(x).numpy()[0]
    assert np.allclose(out[0, 0], [0.3, 0.1, 1.0])
    assert np.allclose(out[1:, :], 0) and np.allclose(out[:, 1:], 0)


def test_model_input_puts_L_the_hints_and_the_global_hint_in_that_order():
    L = np.full((4, 5, 1), 30.0, np.float32)
    ab, mask = hints.hint_map([(4, 3, "#0000ff")], (4, 5))
    x = hints.model_input(L, ab, mask, hints.like_hint(np.ones((2, 2, 3)) * [1.0, 0.0, 0.0]))
    assert x.shape == (4, 5, hints.INPUT_CHANNELS)
    assert np.allclose(x[..., 0], 30) and x[3, 4, 3] == 1 and x[..., 3].sum() == 1
    assert x[3, 4, 2] < -0.5  # blue: b well below 0
    assert np.allclose(x[..., 6], 1) and np.all(x[..., 4] > 0.4)  # red reference: a > 0


def test_a_model_without_hint_inputs_refuses_hints_and_like_with_a_clear_error():
    photo = np.full((16, 16, 3), 0.5)
    for kwargs in ({"hints": [(1, 1, "#ff0000")]}, {"like": photo}):
        with pytest.raises(cl.ModelError, match="has no hint inputs.*cl.load_model\\('hints'\\)"):
            cl.colorize(models.article_model(), photo, **kwargs)


def stand_in_photo_model():
    """A tiny untrained photo model (stand-in backbone) for the hint model to build on."""
    return models.pretrained_photo_model(stand_in_backbone(), width=4, working_size=64, seed=0)[1]


def _vote(embedding, hinted, own=-3.0, like=None, like_score=0.0):
    """HintVoting on a (h, w, E) embedding with {(row, col): (a, b)} hints; its (h, w, 4)."""
    h, w, _ = embedding.shape
    hints_ = np.zeros((1, h, w, 3), np.float32)
    for (r, c), ab in hinted.items():
        hints_[0, r, c] = [*ab, 1]
    scores = np.zeros((1, h, w, 2), np.float32)
    scores[..., 0], scores[..., 1] = own, like_score
    given = np.zeros((1, 3), np.float32) if like is None else np.array([[*like, 1]], np.float32)
    out = layers.HintVoting()([embedding[None].astype(np.float32), hints_, scores, given])
    return out.numpy()[0]


def test_a_hint_wins_where_the_photo_looks_like_its_cell_and_not_elsewhere():
    e = np.zeros((6, 6, 2))
    e[:, :3, 0] = 1  # left half: one kind of thing
    e[:, 3:, 1] = 1  # right half: another
    out = _vote(e, {(2, 1): (0.5, -0.25)})
    assert np.allclose(out[2, 1, :2], [0.5, -0.25], atol=0.05)  # its own cell: the hint
    assert out[5, 2, 2] < 0.5 and out[5, 2, 0] > 0.25  # same half, far corner: mostly the hint
    assert out[2, 4, 2] > 0.99  # the other half keeps its own guess
    # One hint: its weight is what the own guess does not take (there is no reference).
    assert np.allclose(out[..., 0] / 0.5 + out[..., 2], 1, atol=1e-4)


def test_with_no_hints_and_no_reference_every_cell_keeps_its_own_guess():
    out = _vote(np.random.default_rng(0).normal(size=(4, 5, 3)), {})
    assert np.allclose(out[..., 2], 1) and np.allclose(out[..., [0, 1, 3]], 0)


def test_a_reference_shifts_the_guess_to_its_overall_color():
    out = _vote(np.zeros((3, 3, 2)), {}, like=(0.3, 0.1), like_score=5.0)
    assert np.all(out[..., 3] > 0.99)
    guess = np.zeros((1, 3, 3, 2), np.float32)
    guess[0, 0, 0] = [0.2, 0.0]  # a photo with some variation, mean (0.2 / 9, 0)
    ab = layers.CastVotes()([out[None], guess, np.array([[0.3, 0.1, 1]], np.float32)])
    ab = ab.numpy()[0]
    assert np.allclose(ab.mean(axis=(0, 1)), [0.3, 0.1], atol=1e-3)  # its overall color …
    assert ab[0, 0, 0] - ab[1, 1, 0] == pytest.approx(0.2, abs=1e-3)  # … its own variations


def test_the_hint_model_is_the_photo_model_when_given_no_hints():
    photo = stand_in_photo_model()
    model = models.hint_photo_model(photo, seed=0)
    L = np.random.default_rng(0).uniform(0, 100, (2, 64, 96, 1)).astype(np.float32)
    x = np.concatenate([L, np.zeros((2, 64, 96, hints.INPUT_CHANNELS - 1), np.float32)], -1)
    assert np.allclose(model.predict(x, verbose=0), photo.predict(L, verbose=0), atol=1e-6)
    assert not any(w.trainable for w in model.get_layer("photo_model").weights)
    plain = model.predict(x, verbose=0)
    x[0, 20, 30, 1:4] = [0.6, -0.4, 1]
    hinted = model.predict(x, verbose=0)
    # At its pixel the color moves most of the way to the hint (the vote is on 8-pixel cells).
    before, after = (np.abs(y[0, 20, 30] - [0.6, -0.4]).sum() for y in (plain, hinted))
    assert after < 0.5 * before
    assert np.allclose(hinted[1], photo.predict(L[1:], verbose=0)[0], atol=1e-6)  # per photo


def test_the_hint_model_needs_a_photo_model_of_the_course():
    with pytest.raises(ValueError, match="not a photo model of pretrained_photo_model"):
        models.hint_photo_model(models.article_model())


@pytest.fixture(scope="module")
def trained():
    """A tiny hint model trained a few steps by the code make weights uses."""
    model = models.hint_photo_model(stand_in_photo_model(), seed=0)
    rng = np.random.default_rng(0)
    images = rng.random((6, 80, 80, 3)).astype(np.float32)
    history = training.fit_photos(
        model,
        images,
        epochs=2,
        steps_per_epoch=3,
        crop=64,
        batch_size=2,
        targets=training.hint_targets(seed=0),
    )
    return model, history


def test_the_hint_model_trains_on_simulated_hints(trained):
    model, history = trained
    assert hints.takes_hints(model) and model.name == "hints"
    assert len(history.history["loss"]) == 2 and np.isfinite(history.history["loss"]).all()


def test_colorize_with_hints_builds_the_map_at_the_working_size_and_uses_it(trained):
    model, _ = trained
    photo = np.random.default_rng(1).random((100, 130, 3))
    plain = cl.colorize(model, photo)
    hinted = cl.colorize(model, photo, hints=[(129, 99, "#ff0000"), (3, 2, (0, 0, 255))])
    liked = cl.colorize(model, photo, like=np.ones((8, 8, 3)) * [0.0, 0.6, 0.0])
    assert plain.shape == hinted.shape == liked.shape == (100, 130, 3)
    assert not np.allclose(plain, hinted) and not np.allclose(plain, liked)
    with pytest.raises(ValueError, match="hint 1 .*outside the photo"):
        cl.colorize(model, photo, hints=[(130, 0, "#ff0000")])


def test_the_hint_model_pads_with_no_hints_and_the_same_global_hint():
    # A probe whose output is its input's channels 1-2 (the hint map) …
    given = keras.Input((None, None, hints.INPUT_CHANNELS))
    out = layers.TakeChannels(1, 3)(given)
    probe = keras.Model(given, out)
    from colorlab.colorize import predict_ab

    x = hints.model_input(np.full((5, 6, 1), 50.0, np.float32))
    x[4, 5, 1:4] = [0.5, 0.5, 1]  # a hint at the corner must not be mirrored into the margin
    got = predict_ab(probe, x, stride=8)
    assert got.shape == (5, 6, 2) and np.allclose(got[4, 5], 0.5)
    assert np.count_nonzero(got) == 2  # the one hint, nowhere else
    # … and the global hint, read as the mean over the padded picture, stays what was given.
    like = keras.Model(
        given, keras.layers.GlobalAveragePooling2D()(layers.TakeChannels(4, 7)(given))
    )
    x[..., 4:] = [0.25, -0.5, 1.0]
    assert np.allclose(predict_ab(_as_grid(like), x, stride=8)[0, 0], [0.25, -0.5])


def _as_grid(vector_model):
    """Spread a (B, 3) model's output over a (B, H, W, 2) grid, as predict_ab expects."""
    given = keras.Input((None, None, hints.INPUT_CHANNELS))
    v = vector_model(given)
    grid = layers.TakeChannels(0, 1)(given)
    from colorlab.layers import TileToGrid

    return keras.Model(given, layers.TakeChannels(0, 2)(TileToGrid()([grid, v])))


def test_gain_with_hints_gives_one_row_per_count_with_more_hints_only_adding_points(trained):
    model, _ = trained
    photos = [np.random.default_rng(i).random((70, 90, 3)) for i in range(2)]
    rows = training.gain_with_hints(model, photos, counts=(0, 1, 5), seed=3)
    assert [r["hints"] for r in rows] == [0, 1, 5]
    assert all(np.isfinite([r["gain"], r["sem"], r["above_gray"]]).all() for r in rows)
    # With no hints it is the model on its own, as every other score of the course counts it.
    assert rows[0]["gain"] == pytest.approx(training.gain_over_gray(model, photos)["gain"])


def test_the_hint_training_tool_trains_measures_and_never_overwrites(tmp_path, monkeypatch):
    """`make weights MODELS=hints`'s own code, a few steps on tiny photos (a stand-in backbone)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import train_hints

    small = {"epochs": 1, "steps": 2, "batch": 2, "photo": stand_in_photo_model()}
    monkeypatch.setattr(train_hints, "HINTS", {**train_hints.HINTS, **small})
    monkeypatch.setattr(train_hints, "COUNTS", (0, 2))
    monkeypatch.setattr(train_hints, "WEIGHTS", tmp_path / "weights")
    (tmp_path / "weights").mkdir()
    photos = tmp_path / "photos"
    photos.mkdir()
    for k, scene in enumerate(cl.datasets.heldout_scenes(24, size=80, offset=700)):
        cl.save_image(scene, photos / f"p{k:02d}.png")
    model, settings = train_hints.train_hints(photos)
    assert [r["hints"] for r in settings["curves"]["validation"]] == [0, 2]
    saved = train_hints.save(model, settings, tmp_path / "weights")
    again = cl.load_model(saved)
    assert hints.takes_hints(again) and getattr(again, "optimizer", None) is None
    x = np.random.default_rng(0).random((1, 64, 64, hints.INPUT_CHANNELS)).astype("float32")
    assert np.allclose(again(x), model(x), atol=1e-5)
    with pytest.raises(SystemExit) as stop:
        train_hints.main([str(photos)])
    assert stop.value.code == 2


def test_the_hint_training_tool_says_when_the_folder_is_too_small_before_training(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import train_hints

    for k, scene in enumerate(cl.datasets.heldout_scenes(3, size=48, offset=700)):
        cl.save_image(scene, tmp_path / f"p{k}.png")
    with pytest.raises(cl.ImageError, match="no color photo for the tuning split.*at least 20"):
        train_hints.train_hints(tmp_path)


def test_gain_with_hints_on_no_photos_is_one_clear_error():
    with pytest.raises(ValueError, match="at least one color photo"):
        training.gain_with_hints(models.article_model(), [])


def test_like_hint_of_a_large_reference_is_its_overall_color():
    rng = np.random.default_rng(0)
    big = np.clip(rng.normal([0.8, 0.5, 0.2], 0.05, (1500, 1200, 3)), 0, 1)
    full = cl.rgb_to_lab(big)[..., 1:].reshape(-1, 2).mean(axis=0) / 128
    assert np.allclose(hints.like_hint(big)[:2], full, atol=0.005)
