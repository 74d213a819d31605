"""Odd arrays, folders and arguments end in one clear error that says what to do.

Each case here used to end in a traceback from inside NumPy, scikit-image, Keras or
pathlib (an empty image, a 2 × 2 photo for SSIM, a gray image for a color metric, a
deleted current folder, an unknown loss name, a working size of 0).
"""

from __future__ import annotations

import os

import numpy as np
import pytest

import colorlab as cl
from colorlab import course, datasets, drawn, metrics


@pytest.mark.parametrize("shape", [(0, 0, 3), (0, 5, 3), (5, 0, 3), (0, 4)])
def test_empty_images_are_refused_everywhere(shape, tmp_path):
    empty = np.zeros(shape)
    with pytest.raises(cl.ImageError, match="empty"):
        cl.color.check_image(empty, channels=(3, 1))
    with pytest.raises(cl.ImageError, match="empty"):
        cl.save_image(empty, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()
    with pytest.raises(cl.ImageError, match="empty"):
        metrics.psnr(empty, empty)
    with pytest.raises(cl.ImageError, match="empty"):
        cl.colorize(cl.models.lesson_model(width=4), empty)


def test_odd_arrays_say_what_to_do():
    with pytest.raises(cl.ImageError, match=r"image\[\.\.\., :3\]"):
        cl.rgb_to_lab(np.zeros((4, 4, 4)))
    with pytest.raises(cl.ImageError, match="astype"):
        cl.rgb_to_lab(np.zeros((4, 4, 3), bool))
    batch = np.zeros((0, 4, 4, 3))  # no photos at all is still a batch
    assert cl.rgb_to_lab(batch).shape == (0, 4, 4, 3)


def test_metrics_refuse_what_they_cannot_measure():
    tiny = np.full((2, 2, 3), 0.5)
    with pytest.raises(cl.ImageError, match="too small for SSIM"):
        metrics.ssim(tiny, tiny)
    with pytest.raises(cl.ImageError, match="too small for SSIM"):
        metrics.report(tiny, tiny)
    assert metrics.psnr(tiny, tiny) == metrics.PSNR_IDENTICAL  # PSNR needs no neighborhood
    gray = np.full((8, 8), 0.5)
    assert metrics.psnr(gray, gray) == metrics.PSNR_IDENTICAL and metrics.ssim(gray, gray) == 1
    for color_metric in (metrics.delta_cf, metrics.ab_error, metrics.auc, metrics.evaluate):
        with pytest.raises(cl.ImageError, match="3 channels.*grayscale"):
            color_metric(gray, gray)
    with pytest.raises(cl.ImageError, match="RGB"):
        metrics.colorfulness(gray)


def test_report_table_names_the_row_it_cannot_show():
    row = metrics.evaluate(np.full((8, 8, 3), 0.5), np.full((8, 8, 3), 0.5))
    with pytest.raises(ValueError, match="'cat.jpg'.*sides=None"):
        metrics.report_table([("cat.jpg", row)])
    assert "cat.jpg" in metrics.report_table([("cat.jpg", row)], sides=None)


def test_a_deleted_current_folder(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    os.rmdir(gone)
    assert (course.course_root() / "notebooks").is_dir()  # the checkout, as from elsewhere
    with pytest.raises(cl.ImageError, match="current folder no longer exists"):
        datasets.photo_paths("my_photos")


def test_color_photos_takes_a_folder(tmp_path):
    for i, img in enumerate(drawn.scenes(3, size=32, seed=1)[0]):
        cl.save_image(img, tmp_path / f"{i}.png")
    cl.save_image(np.full((32, 32, 3), 0.5), tmp_path / "gray.png")
    assert len(datasets.color_photos(tmp_path)) == len(datasets.color_photos(str(tmp_path))) == 3
    with pytest.raises(cl.ImageError, match="does not exist"):
        datasets.color_photos(tmp_path / "nope")


def test_drawn_pictures_refuse_impossible_requests():
    with pytest.raises(ValueError, match="seed"):
        drawn.scenes(2, seed=-1)
    with pytest.raises(ValueError, match="seed"):
        drawn.two_skies(2, seed=1.5)
    with pytest.raises(ValueError, match="n must be ≥ 0"):
        drawn.two_skies(-1)


def test_model_arguments_are_checked_before_keras_sees_them():
    with pytest.raises(ValueError, match="rgb_log_mse, log_mse, mse"):
        cl.models.photo_model(width=4, loss="l1")
    with pytest.raises(ValueError, match="rgb_log_mse"):
        cl.models.compile_for_photos(cl.models.lesson_model(width=4), loss="mae")
    L = cl.models.keras.Input((None, None, 1))
    with pytest.raises(ValueError, match="width"):
        cl.models.encoder(L, 0)
    model = cl.models.lesson_model(width=4)
    for bad in (0, -5, 2.5):
        with pytest.raises(ValueError, match="working_size"):
            cl.colorize(model, np.full((16, 16, 3), 0.5), working_size=bad)
