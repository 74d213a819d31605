"""Bundled photos, the leaf, procedural scenes and the learner's folder."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import colorlab as cl
from colorlab import datasets, drawn


@pytest.mark.parametrize("name", datasets.COLOR_PHOTOS)
def test_color_samples_load_offline_and_have_color(name):
    rgb = datasets.sample_photo(name)
    assert rgb.dtype == np.float32 and rgb.ndim == 3 and rgb.shape[2] == 3
    assert min(rgb.shape[:2]) >= 256
    ab = cl.split_lab(cl.rgb_to_lab(rgb))[1]
    assert np.abs(ab).mean() > 3, "a color photo should have some color"


@pytest.mark.parametrize("name", datasets.GRAY_PHOTOS)
def test_gray_samples_are_truly_gray(name):
    rgb = datasets.sample_photo(name)
    assert np.array_equal(rgb[..., 0], rgb[..., 1]) and np.array_equal(rgb[..., 1], rgb[..., 2])


def test_sample_photos_dict_and_size():
    photos = datasets.sample_photos(size=32)
    assert set(photos) == set(datasets.COLOR_PHOTOS)
    assert all(min(p.shape[:2]) == 32 for p in photos.values())


def test_unknown_sample_lists_the_names():
    with pytest.raises(ValueError, match="astronaut"):
        datasets.sample_photo("mona_lisa")


def test_leaf_is_green_on_white():
    img = drawn.leaf(128)
    assert img.shape == (128, 128, 3) and img.dtype == np.float32
    white = (img > 0.99).all(-1)
    assert white.mean() > 0.5  # mostly background
    leafy = img[~white]
    assert (leafy[:, 1] > leafy[:, 0]).mean() > 0.9 and (leafy[:, 1] > leafy[:, 2]).mean() > 0.9
    # The article's point: the leaf is visible in all three layers (darker than white).
    assert all(img[..., c][~white].mean() < 0.8 for c in range(3))
    np.testing.assert_array_equal(drawn.leaf(128), img)  # drawn the same every time


def test_scenes_shapes_labels_and_determinism():
    images, labels = drawn.scenes(12, size=32, seed=3)
    assert images.shape == (12, 32, 32, 3) and images.dtype == np.float32
    assert labels.shape == (12,) and labels.min() >= 0
    assert labels.max() < len(drawn.SCENE_CATEGORIES)
    assert 0 <= images.min() and images.max() <= 1
    again, labels2 = drawn.scenes(12, size=32, seed=3)
    np.testing.assert_array_equal(images, again)
    np.testing.assert_array_equal(labels, labels2)
    first, _ = drawn.scenes(5, size=32, seed=3)
    np.testing.assert_array_equal(first, images[:5])  # a prefix does not change
    other, _ = drawn.scenes(12, size=32, seed=4)
    assert not np.array_equal(other, images)


def test_scenes_cover_every_category_and_vary():
    images, labels = drawn.scenes(120, size=32, seed=0)
    assert set(labels.tolist()) == set(range(len(drawn.SCENE_CATEGORIES)))
    # No two scenes are the same, and each has both sky and ground colors.
    flat = images.reshape(len(images), -1)
    assert len(np.unique(flat.round(3), axis=0)) == len(images)
    ab = cl.split_lab(cl.rgb_to_lab(images))[1]
    assert (np.abs(ab).reshape(len(images), -1).mean(1) > 3).all()


def test_day_and_sunset_skies_differ_in_color():
    images, labels = drawn.scenes(120, size=32, seed=0)
    b = cl.split_lab(cl.rgb_to_lab(images[:, :6]))[1][..., 1].mean(axis=(1, 2))  # top rows
    sunset = labels == drawn.SCENE_CATEGORIES.index("sunset")
    assert b[~sunset].mean() < -10  # blue day sky: negative b
    assert b[sunset].mean() > b[~sunset].mean() + 15  # warmer, toward yellow/red


def test_folder_photos_reads_good_and_reports_bad(tmp_path, capsys):
    Image.new("RGB", (20, 20), "red").save(tmp_path / "a.png")
    (tmp_path / "b.jpg").write_text("not a photo")
    (tmp_path / "notes.txt").write_text("ignored: not an image extension")
    got = list(datasets.folder_photos(tmp_path))
    assert [p.name for p, _ in got] == ["a.png"]
    assert "b.jpg" in capsys.readouterr().err
    with pytest.raises(cl.ImageError, match="b.jpg"):
        list(datasets.folder_photos(tmp_path, on_error="raise"))


def test_photo_paths_errors(tmp_path):
    with pytest.raises(cl.ImageError, match="does not exist"):
        datasets.photo_paths(tmp_path / "nowhere")
    (tmp_path / "f.png").write_bytes(b"x")
    with pytest.raises(cl.ImageError, match="not a folder"):
        datasets.photo_paths(tmp_path / "f.png")


def test_a_mistyped_folder_gets_a_suggestion(tmp_path, monkeypatch):
    (tmp_path / "data" / "my_photos").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(cl.ImageError, match="Did you mean .*my_photos") as err:
        datasets.photo_paths("data/myphotos")
    assert str(tmp_path) in str(err.value)  # says where the path was looked for


def test_color_photos_keeps_readable_color_ones(tmp_path, capsys):
    color = cl.datasets.sample_photo("coffee", size=32)
    cl.save_image(color, tmp_path / "a.png")
    cl.save_image(cl.to_gray(color), tmp_path / "b.png")
    (tmp_path / "c.png").write_bytes(b"")
    photos = cl.datasets.color_photos(sorted(tmp_path.iterdir()))
    assert len(photos) == 1 and photos[0].shape == color.shape
    assert "c.png is empty" in capsys.readouterr().err


def test_folder_photos_with_opacity_gives_each_photos_alpha_and_the_scores_skip_it(tmp_path):
    """Lesson 10 scores only a photo's opaque pixels: folder_photos(opacity=True) gives the
    alpha (None without one) and compare_models(opaque=) measures as on the opaque part."""
    from colorlab.models import lesson_model

    rgba = np.zeros((16, 16, 4), np.uint8)
    rgba[..., 0], rgba[:, :8, 3] = 200, 255  # red, the right half transparent
    Image.fromarray(rgba, "RGBA").save(tmp_path / "a.png")
    Image.new("RGB", (16, 16), "blue").save(tmp_path / "b.png")
    (a, rgb_a, alpha_a), (b, _, alpha_b) = datasets.folder_photos(tmp_path, opacity=True)
    assert (a.name, b.name, alpha_b) == ("a.png", "b.png", None)
    assert alpha_a.shape == (16, 16) and alpha_a[:, :8].min() == 1 and alpha_a[:, 8:].max() == 0
    models = {"tiny": lesson_model(width=4)}
    colored, masked = cl.metrics.compare_models(rgb_a, models, opaque=alpha_a >= 0.5)["tiny"]
    half = cl.metrics.evaluate(rgb_a[:, :8], colored[:, :8])  # SSIM differs: windows at the edge
    assert {k: v for k, v in masked.items() if k != "ssim"} == pytest.approx(
        {k: v for k, v in half.items() if k != "ssim"}
    )
    assert cl.metrics.compare_models(rgb_a, models)["tiny"][1]["psnr"] != masked["psnr"]
