"""The tf.data pipeline (in-graph Lab matches scikit-image) and the metrics (hand-computed)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image
from skimage.color import rgb2lab

import colorlab as cl
from colorlab import metrics, pipeline


@settings(max_examples=200, deadline=None)
@given(
    arrays(np.float32, st.tuples(st.integers(1, 8), st.just(3)), elements=st.floats(0, 1, width=32))
)
@pytest.mark.slow
def test_in_graph_lab_matches_skimage(rgb):
    ours = pipeline.rgb_to_lab_tf(rgb[None]).numpy()[0]
    theirs = rgb2lab(rgb[None].astype(np.float64))[0]
    np.testing.assert_allclose(ours, theirs, atol=0.05)


def test_in_graph_lab_on_every_corner_and_a_photo():
    corners = np.array(np.meshgrid([0, 1], [0, 1], [0, 1])).T.reshape(-1, 1, 3).astype("f4")
    np.testing.assert_allclose(pipeline.rgb_to_lab_tf(corners).numpy(), rgb2lab(corners), atol=0.05)
    photo = cl.datasets.sample_photo("coffee", size=64)
    np.testing.assert_allclose(pipeline.rgb_to_lab_tf(photo).numpy(), rgb2lab(photo), atol=0.05)


def test_dataset_batches_and_targets():
    images, _ = cl.drawn.scenes(10, size=48, seed=0)
    ds = pipeline.dataset(images, crop=32, batch_size=4, augment_data=False, shuffle=False)
    batches = list(ds)
    assert [b[0].shape[0] for b in batches] == [4, 4, 2]
    L, y = batches[0]
    assert L.shape == (4, 32, 32, 1) and y.shape == (4, 32, 32, 2)
    expected = cl.split_lab(cl.rgb_to_lab(images[0, 8:40, 8:40]))
    np.testing.assert_allclose(L[0].numpy(), expected[0], atol=0.05)
    np.testing.assert_allclose(y[0].numpy(), expected[1] / 128, atol=0.05 / 128)


def test_augmentation_varies_but_is_seeded():
    images, _ = cl.drawn.scenes(4, size=48, seed=0)
    a = next(iter(pipeline.dataset(images, crop=32, batch_size=4, seed=1)))[0].numpy()
    b = next(iter(pipeline.dataset(images, crop=32, batch_size=4, seed=1)))[0].numpy()
    c = next(iter(pipeline.dataset(images, crop=32, batch_size=4, seed=2)))[0].numpy()
    np.testing.assert_allclose(a, b)
    assert not np.allclose(a, c)


def test_dataset_from_a_folder_skips_bad_files(tmp_path, capsys):
    for i, color in enumerate(["red", "green", "blue"]):
        Image.new("RGB", (50, 40), color).save(tmp_path / f"p{i}.png")
    (tmp_path / "broken.jpg").write_bytes(b"not a photo")
    ds = pipeline.dataset(tmp_path, crop=32, batch_size=8)
    L, y = next(iter(ds))
    assert L.shape == (3, 32, 32, 1)
    assert "broken.jpg" in capsys.readouterr().err


def test_dataset_errors(tmp_path):
    with pytest.raises(cl.ImageError, match="no photo"):
        pipeline.dataset(tmp_path)
    with pytest.raises(cl.ImageError, match="smaller than crop"):
        pipeline.dataset(np.zeros((2, 16, 16, 3), np.float32), crop=32)
    with pytest.raises(cl.ImageError, match=r"\(N, H, W, 3\)"):
        pipeline.dataset(np.zeros((16, 16, 3), np.float32), crop=8)


# --------------------------------------------------------------------- metrics


def test_psnr_by_hand():
    truth = np.zeros((4, 4, 3))
    pred = truth.copy()
    pred[0, 0, 0] = 1.0  # one value off by 1 among 48: MSE = 1/48
    assert metrics.psnr(truth, pred) == pytest.approx(10 * np.log10(48))


def test_colorfulness_by_hand():
    # Half the pixels pure red (rg = 1, yb = 0.5), half gray (0, 0).
    img = np.zeros((2, 2, 3))
    img[0] = [1.0, 0.0, 0.0]
    img[1] = [0.5, 0.5, 0.5]
    sigma = np.sqrt(0.5**2 + 0.25**2)  # std of {1, 0} is 0.5, of {0.5, 0} is 0.25
    mu = np.sqrt(0.5**2 + 0.25**2)
    assert metrics.colorfulness(img) == pytest.approx(sigma + 0.3 * mu)
    assert metrics.delta_cf(img, cl.to_gray(img)) == pytest.approx(sigma + 0.3 * mu, abs=1e-3)


def test_auc_by_hand():
    errors = np.array([0.0, 10.0, 200.0, 150.0])
    # t = 0..9: 1 of 4; t = 10..149: 2 of 4; t = 150: 3 of 4. Mean over 151 thresholds:
    expected = (10 * 0.25 + 140 * 0.5 + 1 * 0.75) / 151
    assert metrics.auc_from_errors(errors) == pytest.approx(expected)


def test_ab_error_of_known_colors():
    red = cl.lab_to_rgb(np.array([[[50.0, 40.0, 0.0]]]))
    gray = cl.lab_to_rgb(np.array([[[50.0, 0.0, 0.0]]]))
    assert metrics.ab_error(red, gray)[0, 0] == pytest.approx(40, abs=0.3)


def test_ssim_and_delta_e_identity_and_order():
    img = cl.datasets.sample_photo("chelsea", size=32)
    assert metrics.ssim(img, img) == pytest.approx(1.0)
    assert metrics.delta_e(img, img) == 0.0
    gray = cl.to_gray(img)
    assert metrics.delta_e(img, gray) > 2.3


def test_report_has_model_and_gray_baseline():
    img = cl.datasets.sample_photo("coffee", size=32)
    rep = metrics.report(img, img)
    assert set(rep) == {"model", "gray"}
    assert set(metrics.METRICS) <= set(rep["model"]) and set(metrics.METRICS) <= set(rep["gray"])
    assert rep["model"]["auc"] == 1.0 and rep["gray"]["auc"] < 1.0
    assert rep["gray"]["cf"] < 1e-3
    mean = metrics.mean_report([rep, rep])
    assert mean["gray"]["psnr"] == pytest.approx(rep["gray"]["psnr"])
    with pytest.raises(ValueError, match="nothing"):
        metrics.mean_report([])


def test_metrics_reject_mismatched_shapes():
    with pytest.raises(cl.ImageError, match="shapes"):
        metrics.psnr(np.zeros((4, 4, 3)), np.zeros((5, 4, 3)))


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float32, st.tuples(st.integers(1, 8), st.just(3)), elements=st.floats(0, 1, width=32))
)
def test_in_graph_rgb_matches_skimage_both_ways(rgb):
    """lab_to_rgb_tf and fast_lab_to_rgb invert like lab2rgb; lightness is rgb2lab's L."""
    from skimage.color import lab2rgb

    from colorlab.color import fast_lab_to_rgb, lightness

    lab = rgb2lab(rgb[None].astype(np.float64))
    np.testing.assert_allclose(pipeline.lab_to_rgb_tf(lab).numpy(), lab2rgb(lab), atol=0.002)
    np.testing.assert_allclose(fast_lab_to_rgb(lab), lab2rgb(lab), atol=0.002)
    np.testing.assert_allclose(lightness(rgb[None]), lab[..., :1], atol=0.05)


def test_in_graph_rgb_clips_out_of_gamut_like_skimage():
    import warnings

    from skimage.color import lab2rgb

    from colorlab.color import fast_lab_to_rgb, lightness

    lab = np.array([[[50.0, 120.0, -120.0], [90.0, -100.0, 100.0], [5.0, 0.0, 100.0]]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-image warns about the negative Z it clips
        theirs = lab2rgb(lab)
    np.testing.assert_allclose(pipeline.lab_to_rgb_tf(lab).numpy(), theirs, atol=0.002)
    np.testing.assert_allclose(fast_lab_to_rgb(lab), theirs, atol=0.002)
    gray = np.full((2, 2, 1), 0.5, np.float32)
    np.testing.assert_allclose(lightness(gray), rgb2lab(np.repeat(gray, 3, -1))[..., :1], atol=0.05)


def test_fast_conversions_on_a_photo_taller_than_one_block():
    """Blocks of rows in two threads: a 300-row photo is cut in three and put back in order."""
    from skimage.color import lab2rgb

    from colorlab.color import fast_lab_to_rgb, lightness

    photo = cl.datasets.sample_photo("astronaut", size=(300, 200))
    lab = rgb2lab(photo)
    np.testing.assert_allclose(lightness(photo), lab[..., :1], atol=0.05)
    np.testing.assert_allclose(fast_lab_to_rgb(lab), lab2rgb(lab), atol=0.002)


def test_has_color_separates_gray_sepia_and_color():
    from colorlab.metrics import GRAY_CF, has_color

    photo = cl.datasets.sample_photo("coffee", size=64)
    assert has_color(photo)
    gray = cl.to_gray(photo)
    assert not has_color(gray)
    # A B&W photo saved as a JPEG in RGB picks up faint color noise: still no color.
    noisy = np.clip(gray + np.random.default_rng(0).normal(0, 0.003, gray.shape), 0, 1)
    assert not has_color(noisy)
    # Sepia: a brown tint over the gray picture is color (it is in the truth).
    sepia = np.clip(gray * np.array([1.0, 0.85, 0.65]), 0, 1)
    assert has_color(sepia) and cl.metrics.colorfulness(sepia) > 2 * GRAY_CF


def test_report_table_plain_and_markdown():
    r = {
        "model": {k: 1.0 for k in cl.metrics.METRICS},
        "gray": {k: 0.5 for k in cl.metrics.METRICS},
    }
    name = "IMG_20230412_181502 from the phone.jpg / scenes_regression"
    plain = cl.metrics.report_table([(name, r)]).splitlines()
    assert len(plain) == 3 and plain[1].startswith(name + " ")  # never cut
    assert plain[2].split()[0] == "gray" and len({len(line) for line in plain}) == 1
    md = cl.metrics.report_table([("x", r)], markdown=True).splitlines()
    assert md[0].startswith("| photo | colorizer | psnr") and md[2].endswith("1.000 |")


def test_split_photos_is_every_tenth_by_name(tmp_path):
    names = [f"n{i:03d}.jpg" for i in range(35)]
    for name in reversed(names):  # creation order must not matter
        (tmp_path / name).write_bytes(b"")
    train, val = cl.datasets.split_photos(cl.datasets.photo_paths(tmp_path))
    assert [p.name for p in val] == ["n000.jpg", "n010.jpg", "n020.jpg", "n030.jpg"]
    assert len(train) == 31 and not set(train) & set(val)
    with pytest.raises(ValueError):
        cl.datasets.split_photos([], every=1)


def test_load_folder_skips_gray_photos_with_one_line(tmp_path, capsys):
    color = cl.datasets.sample_photo("coffee", size=40)
    cl.save_image(color, tmp_path / "a.png")
    cl.save_image(cl.to_gray(color), tmp_path / "b_gray.png")
    cl.save_image(cl.to_gray(color), tmp_path / "c_gray.png")
    images = pipeline.load_folder(tmp_path, 32)
    assert images.shape == (1, 32, 32, 3)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "skipped 2 of 3 photos" in err and "no color" in err
    for name in ("a.png",):
        (tmp_path / name).unlink()
    with pytest.raises(cl.ImageError, match="holds no color photo"):
        pipeline.load_folder(tmp_path, 32)


# ------------------------------------------- transparency: held-back scores skip it


def _cutout_folder(tmp_path):
    """A folder: a.png red on its left half, transparent on the right; b.png opaque blue;
    c.png wholly transparent; d.png transparent except for a gray (colorless) left half."""
    rgba = np.zeros((24, 32, 4), np.uint8)
    rgba[..., 0], rgba[:, :16, 3] = 200, 255
    Image.fromarray(rgba, "RGBA").save(tmp_path / "a.png")
    Image.new("RGB", (32, 24), "blue").save(tmp_path / "b.png")
    Image.new("RGBA", (32, 24), (255, 0, 0, 0)).save(tmp_path / "c.png")
    gray = np.zeros((24, 32, 4), np.uint8)
    gray[..., :3], gray[:, :16, 3], gray[:, 16:, 0] = 120, 255, 255  # red only where unseen
    Image.fromarray(gray, "RGBA").save(tmp_path / "d.png")
    return tmp_path


def test_psnr_and_gray_psnr_score_only_the_opaque_pixels():
    truth = np.zeros((6, 8, 3))
    guess = truth.copy()
    guess[:, 4:] = 1.0  # wrong on the right half only
    left = np.zeros((6, 8), bool)
    left[:, :4] = True
    assert metrics.psnr(truth, guess, left) == metrics.PSNR_IDENTICAL
    assert metrics.psnr(truth, guess) == pytest.approx(3.01, abs=0.01)
    assert metrics.psnr(truth, guess, np.ones((6, 8), bool)) == metrics.psnr(truth, guess)
    color = np.zeros((6, 8, 3))
    color[:, :4] = (0.8, 0.2, 0.2)
    color[:, 4:] = 1.0  # white, as a transparent part is shown
    assert metrics.gray_psnr(color, left) == pytest.approx(metrics.gray_psnr(color[:, :4]))
    assert metrics.gray_psnr(color, left) < metrics.gray_psnr(color)  # white flattered gray
    with pytest.raises(cl.ImageError, match=r"psnr: the opaque mask \(8, 6\) must match"):
        metrics.psnr(truth, guess, left.T)
    with pytest.raises(cl.ImageError, match="leaves out every pixel"):
        metrics.psnr(truth, guess, np.zeros((6, 8), bool))


def test_load_folder_and_color_photos_give_the_opaque_pixels(tmp_path, capsys):
    folder = _cutout_folder(tmp_path)
    photos, opaque = pipeline.load_folder(folder, 16, opacity=True)
    err = capsys.readouterr().err
    # c.png has no opaque pixel (said, named); d.png's only color is where it is transparent.
    assert "c.png: every pixel is transparent" in err
    assert "skipped 1 of 3 photos" in err and "no color" in err
    assert photos.shape == (2, 16, 16, 3) and opaque.shape == (2, 16, 16)
    assert opaque.dtype == bool and opaque[1].all()  # b.png: no transparency
    # a.png, 24×32 → 16×21, cropped to its middle 16 columns: the left 8 or so are opaque.
    assert opaque[0][:, :7].all() and not opaque[0][:, 10:].any()
    assert np.allclose(photos[0][~opaque[0]], 1.0)  # the transparent part is white
    assert pipeline.load_folder(folder, 16).shape == (2, 16, 16, 3)  # the same photos
    kept, masks = cl.datasets.color_photos(folder, opacity=True)
    assert [m is None for m in masks] == [False, True] and masks[0].shape == (24, 32)
    assert masks[0][:, :16].all() and not masks[0][:, 16:].any()
    assert np.array_equal(kept[0], cl.datasets.color_photos(folder)[0])


def test_gain_over_gray_leaves_a_transparent_part_out(tmp_path):
    from colorlab.models import photo_model

    photos, masks = cl.datasets.color_photos(_cutout_folder(tmp_path), opacity=True)
    model = photo_model(width=4, working_size=32)
    masked = cl.training.gain_over_gray(model, photos, masks)
    colored = cl.colorize(model, cl.to_gray(photos[0]))
    by_hand = metrics.psnr(photos[0], colored, masks[0])
    gray = metrics.gray_psnr(photos[0], masks[0])
    blue = cl.training.gain_over_gray(model, photos[1:])
    assert masked["gain"] == pytest.approx(((by_hand - gray) + blue["gain"]) / 2)
    assert masked["gain"] != pytest.approx(cl.training.gain_over_gray(model, photos)["gain"])
    with pytest.raises(ValueError, match="1 masks for 2 photos"):
        cl.training.gain_over_gray(model, photos, masks[:1])


@pytest.mark.slow
def test_fit_photos_guard_scores_held_back_photos_on_their_opaque_pixels(tmp_path):
    from colorlab.models import photo_model

    held, masks = cl.datasets.color_photos(_cutout_folder(tmp_path), opacity=True)
    model = photo_model(width=4, working_size=32, steps_per_execution=1)
    start = cl.training.gain_over_gray(model, held, masks)["gain"]
    history = cl.training.fit_photos(
        model, np.random.default_rng(0).random((4, 40, 40, 3), np.float32), epochs=1,
        steps_per_epoch=1, crop=32, batch_size=2, validation=held, keep_start=True,
        validation_opaque=masks,
    )  # fmt: skip
    assert history.kept.start_gain == pytest.approx(start)
    assert history.history["val_start_gain"] == pytest.approx([start])
    end = cl.training.gain_over_gray(model, held, masks)["gain"]
    assert end == pytest.approx(history.kept.gain, abs=1e-4)
    with pytest.raises(ValueError, match="masks for 2 photos"):
        cl.training.fit_photos(
            model, np.zeros((2, 40, 40, 3), np.float32), epochs=1, steps_per_epoch=1, crop=32,
            batch_size=2, validation=held, keep_start=True, validation_opaque=masks[:1],
        )  # fmt: skip


def test_has_color_judges_the_opaque_pixels_and_masks_are_checked_per_photo():
    from colorlab.models import photo_model

    photo = np.ones((6, 8, 3))
    photo[:, :2] = (0.9, 0.1, 0.1)  # red on the left, white (a transparent part) elsewhere
    left = np.zeros((6, 8), bool)
    left[:, :2] = True
    assert metrics.has_color(photo) and metrics.has_color(photo, opaque=left)
    assert not metrics.has_color(photo, opaque=~left)  # only the white part: no color
    with pytest.raises(cl.ImageError, match="has_color: the opaque mask"):
        metrics.has_color(photo, opaque=left.T)
    model = photo_model(width=4, working_size=32, steps_per_execution=1)
    with pytest.raises(cl.ImageError, match=r"opaque mask 2 is \(8, 6\) but photo 2"):
        cl.training.gain_over_gray(model, [photo, photo], [left, left.T])
    with pytest.raises(ValueError, match="validation_opaque needs validation"):
        cl.training.fit_photos(
            model, np.zeros((2, 40, 40, 3), np.float32), epochs=1, steps_per_epoch=1, crop=32,
            batch_size=2, validation_opaque=[left],
        )  # fmt: skip
