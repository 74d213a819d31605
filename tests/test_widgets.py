"""Every widget, driven the way a learner drives it: set a value, read what it shows."""

from __future__ import annotations

import numpy as np
import pytest

import colorlab as cl
from colorlab import color, widgets


@pytest.fixture(scope="module")
def camera():
    return cl.datasets.gray_photo("camera", size=64)


def test_pixel_explorer_follows_the_window(camera):
    box = widgets.pixel_explorer(camera)
    before = (box.readout.value, box.zoom.value)
    box.row.value, box.col.value = 0, 0
    assert box.readout.value.startswith("rows 0-7, columns 0-7")
    patch = camera[:8, :8]
    assert f"from {patch.min()} to {patch.max()}" in box.readout.value
    assert (box.readout.value, box.zoom.value) != before


def test_window_and_outline_stay_inside(camera):
    assert widgets.window(camera, 1000, 1000).shape == (8, 8)
    marked = widgets.outline(camera, 0, 0, 8)
    assert marked.shape == camera.shape + (3,) and (marked[8, 0] == [255, 0, 0]).all()


def test_pixel_painter_changes_one_pixel_only(camera):
    patch = camera[:16, :16]
    box = widgets.pixel_painter(patch)
    box.row.value, box.col.value = 3, 4
    old_png = box.view.value
    box.value.value = 255 - int(patch[3, 4])
    changed = box.current() != patch
    assert changed.sum() == 1 and changed[3, 4]
    assert box.view.value != old_png and "pixel (3, 4)" in box.label.value
    assert patch[3, 4] == camera[3, 4]  # the original is untouched


def test_rgb_mixer_names_white_gray_and_colors():
    box = widgets.rgb_mixer()
    box.r.value, box.g.value, box.b.value = 100, 100, 100
    assert "gray" in box.readout.value and "rgb(100,100,100)" in box.swatch.value
    box.r.value, box.g.value, box.b.value = 0, 0, 0
    assert "black" in box.readout.value
    box.g.value = 200
    assert "green: green layer highest" in box.readout.value
    box.r.value = 200  # red and green light together: yellow, not "red is the strongest"
    assert "yellow: red and green layers high" in box.readout.value
    for rgb, name in [((255, 128, 0), "orange"), ((0, 0, 200), "blue"), ((200, 0, 200), "magenta")]:
        assert widgets.describe_rgb(*rgb).startswith(name)


def test_channel_toggles_zero_the_unticked_layers():
    rgb = np.random.default_rng(0).random((8, 8, 3)).astype(np.float32)
    box = widgets.channel_toggles(rgb)
    full = box.view.value
    box.red.value = box.blue.value = False
    assert box.readout.value == "showing: G" and box.view.value != full
    box.green.value = False
    assert "nothing" in box.readout.value
    kept = widgets.keep_channels(rgb, False, True, False)
    assert (kept[..., 0] == 0).all() and (kept[..., 1] == rgb[..., 1]).all()


def test_lab_explorer_warns_out_of_gamut():
    box = widgets.lab_explorer()
    box.L.value, box.a.value, box.b.value = 50, 0, 0
    assert "outside" not in box.readout.value and "R 119, G 119, B 119" in box.readout.value
    box.L.value, box.a.value, box.b.value = 95, -100, -100
    assert "outside" in box.readout.value


def test_lab_swatch_and_ab_plane():
    rgb, ok = color.lab_swatch(100, 0, 0)
    assert ok and np.allclose(rgb, 1, atol=1e-3)
    plane, inside = color.ab_plane(50, n=21)
    assert plane.shape == (21, 21, 3) and inside[10, 10] and not inside[0, 0]
    # Fewer colors exist near black and white than at middle lightness.
    assert color.ab_plane(50, 41)[1].mean() > color.ab_plane(95, 41)[1].mean()


def test_ab_plane_explorer_updates():
    box = widgets.ab_plane_explorer()
    before = box.view.value
    box.L.value = 90
    assert box.view.value != before and box.readout.value.startswith("L = 90")


def test_tanh_explorer_follows_the_sliders():
    box = widgets.tanh_explorer()
    box.za.value, box.zb.value = 0.0, -4.0
    assert "tanh(0.00) = 0.000" in box.readout.value
    assert "-127." in box.readout.value  # tanh(-4)·128 ≈ -127.1
    d = color.tanh_to_color(10, -10)
    assert d["a"] == pytest.approx(128, abs=1e-3) and not d["in_gamut"]


def test_saturation_and_wipe():
    L = np.full((8, 8, 1), 60.0)
    ab = np.full((8, 8, 2), 20.0)
    gray = widgets.saturate(L, ab, 0)
    assert np.allclose(gray[..., 0], gray[..., 2], atol=1e-3)
    vivid, plain = widgets.saturate(L, ab, 2), widgets.saturate(L, ab, 1)
    assert np.ptp(vivid[0, 0]) > np.ptp(plain[0, 0])
    box = widgets.saturation_explorer(L, ab)
    before = box.view.value
    box.factor.value = 2.0
    assert box.view.value != before and box.readout.value.startswith("× 2.00")
    wipe = widgets.wipe_explorer(np.zeros((8, 8, 3)), np.ones((8, 8, 3)))
    before = wipe.view.value
    wipe.position.value = 0.0
    assert wipe.view.value != before and "(0% before)" in wipe.readout.value
    with pytest.raises(ValueError, match="same shape"):
        widgets.wipe(np.zeros((2, 2, 3)), np.zeros((3, 3, 3)), 0.5)


@pytest.mark.slow
def test_train_explorer_trains_on_click():
    rgb = cl.images.center_crop(cl.datasets.sample_photo("astronaut"), 32)
    box = widgets.train_explorer(rgb)
    box.epochs.value, box.width.value, box.lr.value = 3, 4, 1e-2
    assert box.view.value == b""
    box.button.click()
    assert box.readout.value.startswith("3 epochs, learning rate 1e-02, width 4")
    assert "dB" in box.readout.value and box.view.value[:4] == b"\x89PNG"
    assert not box.button.disabled


def test_upload_colorizer_temperature_slider_recolors(tmp_path):
    import datetime

    from test_pretrained import stand_in_backbone

    from colorlab import bins, models

    _, colorizer = models.pretrained_photo_model(
        stand_in_backbone(), bins.gamut_bins(), width=4, working_size=64, seed=0
    )
    box = widgets.upload_colorizer({"photos": colorizer, "lesson": models.lesson_model(width=4)})
    assert box.temperature is not None and box.temperature.value == pytest.approx(0.38)
    cl.save_image(cl.datasets.sample_photo("chelsea", size=(48, 64)), tmp_path / "cat.png")
    content = (tmp_path / "cat.png").read_bytes()
    upload = {
        "name": "cat.png",
        "type": "image/png",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
    }
    broken = {**upload, "name": "broken.png", "content": memoryview(b"not a png"), "size": 9}
    box.upload.value = (upload, broken)
    assert "✓ cat.png" in box.readout.value and "✗ broken.png" in box.readout.value
    faithful = box.results[0][2]["photos"][0].copy()
    lesson = box.results[0][2]["lesson"][0].copy()
    box.temperature.value = 0.1
    vivid = box.results[0][2]["photos"][0]
    assert not np.allclose(vivid, faithful)  # the slider colored it again, more vividly
    np.testing.assert_allclose(box.results[0][2]["lesson"][0], lesson)  # no temperature there
    assert colorizer.get_layer("annealed_mean").temperature == pytest.approx(0.38)
