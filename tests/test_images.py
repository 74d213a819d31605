"""load_image / save_image: every kind of photo works, every bad input gets a clear ImageError.

All test files are made here, at run time: no downloaded fixtures.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import colorlab as cl
from colorlab.images import MAX_PIXELS, MIN_SIDE, resize

# ----------------------------------------------------------------- helpers


def gradient_rgb(h: int = 40, w: int = 60) -> np.ndarray:
    """A uint8 RGB test picture with different values in every channel."""
    y, x = np.mgrid[0:h, 0:w]
    return np.stack([x * 255 // (w - 1), y * 255 // (h - 1), np.full_like(x, 90)], -1).astype(
        np.uint8
    )


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width×height pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + (png_chunk(b"IEND", b""))
    )


def assert_clear(exc: pytest.ExceptionInfo, path: Path, *words: str) -> None:
    """The message names the file, says what to do, and is not Pillow's own text."""
    msg = str(exc.value)
    assert isinstance(exc.value, ValueError)
    assert str(path) in msg, msg
    assert ":" in msg, msg  # "<file> <problem>: <what to do>"
    for pillow_text in ("cannot identify image file", "Traceback", "PIL."):
        assert pillow_text not in msg, msg
    for word in words:
        assert word in msg.lower(), msg
    assert "\n" not in msg


# ------------------------------------------------------------- good inputs


def test_rgb_png_round_values(tmp_path):
    arr = gradient_rgb()
    Image.fromarray(arr).save(tmp_path / "rgb.png")
    out = cl.load_image(tmp_path / "rgb.png")
    assert out.dtype == np.float32 and out.shape == (40, 60, 3)
    np.testing.assert_allclose(out, arr / 255.0, atol=1e-6)


@pytest.mark.parametrize("mode", ["L", "1", "P"])
def test_gray_and_palette_modes_become_rgb(tmp_path, mode):
    img = Image.fromarray(gradient_rgb()).convert(mode)
    img.save(tmp_path / "x.png")
    out = cl.load_image(tmp_path / "x.png")
    assert out.shape == (40, 60, 3) and out.dtype == np.float32
    assert 0.0 <= out.min() and out.max() <= 1.0
    if mode in ("L", "1"):
        assert np.array_equal(out[..., 0], out[..., 1]) and np.array_equal(out[..., 1], out[..., 2])


def test_16bit_gray_keeps_its_scale(tmp_path):
    values = np.linspace(0, 65535, 64 * 32).reshape(32, 64).astype(np.uint16)
    Image.fromarray(values).save(tmp_path / "deep.png")
    assert Image.open(tmp_path / "deep.png").mode.startswith("I")
    out = cl.load_image(tmp_path / "deep.png")
    np.testing.assert_allclose(out[..., 0], values / 65535.0, atol=1e-6)
    assert out[0, 0, 0] == 0.0 and out[-1, -1, 0] == pytest.approx(1.0)


def test_rgba_is_composited_on_white(tmp_path):
    rgba = np.zeros((20, 20, 4), np.uint8)
    rgba[..., 0] = 255  # red ...
    rgba[:10, :, 3] = 255  # ... opaque in the top half, fully transparent below
    Image.fromarray(rgba, "RGBA").save(tmp_path / "t.png")
    out = cl.load_image(tmp_path / "t.png")
    np.testing.assert_allclose(out[0, 0], [1, 0, 0])
    np.testing.assert_allclose(out[-1, -1], [1, 1, 1])


def test_la_and_transparent_palette_on_white(tmp_path):
    la = Image.new("LA", (16, 16), (0, 0))  # black but fully transparent
    la.save(tmp_path / "la.png")
    np.testing.assert_allclose(cl.load_image(tmp_path / "la.png"), 1.0)
    p = Image.new("P", (16, 16), 0)
    p.putpalette([0, 0, 0] * 256)
    p.info["transparency"] = 0
    p.save(tmp_path / "p.png", transparency=0)
    np.testing.assert_allclose(cl.load_image(tmp_path / "p.png"), 1.0)


def test_cmyk_jpeg(tmp_path):
    Image.fromarray(gradient_rgb()).convert("CMYK").save(tmp_path / "cmyk.jpg")
    assert Image.open(tmp_path / "cmyk.jpg").mode == "CMYK"
    out = cl.load_image(tmp_path / "cmyk.jpg")
    assert out.shape == (40, 60, 3)
    np.testing.assert_allclose(out, gradient_rgb() / 255.0, atol=0.08)


def test_exif_orientation_is_applied(tmp_path):
    img = Image.fromarray(gradient_rgb(40, 60))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    img.save(tmp_path / "phone.jpg", exif=exif, quality=95)
    out = cl.load_image(tmp_path / "phone.jpg")
    assert out.shape == (60, 40, 3)


def test_animated_gif_gives_first_frame(tmp_path):
    frames = [Image.new("RGB", (20, 20), c) for c in ((255, 0, 0), (0, 0, 255))]
    frames[0].save(tmp_path / "anim.gif", save_all=True, append_images=frames[1:], duration=100)
    assert Image.open(tmp_path / "anim.gif").n_frames == 2
    out = cl.load_image(tmp_path / "anim.gif")
    assert out[10, 10, 0] > 0.9 and out[10, 10, 2] < 0.1


def test_png_saved_under_jpg_name(tmp_path):
    Image.fromarray(gradient_rgb()).save(tmp_path / "really_png.jpg", format="PNG")
    np.testing.assert_allclose(cl.load_image(tmp_path / "really_png.jpg"), gradient_rgb() / 255)


def test_non_ascii_file_name(tmp_path):
    path = tmp_path / "фото_листа_ü_写真.png"
    Image.fromarray(gradient_rgb()).save(path)
    assert cl.load_image(path).shape == (40, 60, 3)


def test_size_int_sets_shorter_side_and_tuple_exact(tmp_path):
    Image.fromarray(gradient_rgb(40, 60)).save(tmp_path / "x.png")
    assert cl.load_image(tmp_path / "x.png", size=20).shape == (20, 30, 3)
    assert cl.load_image(tmp_path / "x.png", size=(16, 24)).shape == (16, 24, 3)
    portrait = resize(np.zeros((60, 40, 3), np.float32), 20)
    assert portrait.shape == (30, 20, 3)


def test_resize_anti_aliases(tmp_path):
    stripes = np.zeros((64, 64, 3), np.uint8)
    stripes[:, ::2] = 255  # one-pixel stripes: plain subsampling would give all-white
    Image.fromarray(stripes).save(tmp_path / "s.png")
    small = cl.load_image(tmp_path / "s.png", size=16)
    assert abs(small.mean() - 0.5) < 0.05 and small.std() < 0.1


@pytest.mark.parametrize("size", [0, 3, (4, 100), "big", (10.5, 20), True])
def test_bad_size_argument(tmp_path, size):
    Image.fromarray(gradient_rgb()).save(tmp_path / "x.png")
    with pytest.raises((ValueError, TypeError), match="size"):
        cl.load_image(tmp_path / "x.png", size=size)


# -------------------------------------------------------------- bad inputs

BAD_INPUTS = {}


def bad(name):
    def register(make):
        BAD_INPUTS[name] = make
        return make

    return register


@bad("missing path")
def _missing(tmp):
    return tmp / "no_such_photo.jpg", ("does not exist",)


@bad("a folder")
def _folder(tmp):
    (tmp / "album").mkdir()
    return tmp / "album", ("folder",)


@bad("an empty file")
def _empty(tmp):
    (tmp / "empty.jpg").write_bytes(b"")
    return tmp / "empty.jpg", ("empty",)


@bad("a truncated JPEG")
def _truncated_jpeg(tmp):
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), np.uint8)).save(
        buf, "JPEG"
    )
    (tmp / "cut.jpg").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    return tmp / "cut.jpg", ("truncated",)


@bad("a truncated PNG")
def _truncated_png(tmp):
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), np.uint8)).save(
        buf, "PNG"
    )
    (tmp / "cut.png").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    return tmp / "cut.png", ("truncated",)


@bad("only a PNG signature")
def _header_only(tmp):
    (tmp / "stub.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return tmp / "stub.png", ()


@bad("a text file named .jpg")
def _text(tmp):
    (tmp / "notes.jpg").write_text("these are my holiday notes, not a photo\n")
    return tmp / "notes.jpg", ("not an image",)


@bad("a PDF named .png")
def _pdf(tmp):
    (tmp / "scan.png").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
    return tmp / "scan.png", ("not an image",)


@bad("a 1x1 image")
def _one_pixel(tmp):
    Image.new("RGB", (1, 1), "red").save(tmp / "dot.png")
    return tmp / "dot.png", (f"at least {MIN_SIDE}×{MIN_SIDE}",)


@bad("a 4x500 strip")
def _strip(tmp):
    Image.new("RGB", (500, 4), "red").save(tmp / "strip.png")
    return tmp / "strip.png", ("only 500×4",)


@bad("a decompression bomb")
def _bomb(tmp):
    (tmp / "bomb.png").write_bytes(bomb_png(40_000, 40_000))
    return tmp / "bomb.png", (f"{MAX_PIXELS:,}", "max_pixels=none")


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_raises_clear_image_error(tmp_path, case):
    path, words = BAD_INPUTS[case](tmp_path)
    with pytest.raises(cl.ImageError) as exc:
        cl.load_image(path)
    assert_clear(exc, path, *words)


def test_bad_input_matrix_is_complete():
    """The issue's list of bad inputs, each covered above."""
    assert len(BAD_INPUTS) >= 11


def test_pixel_limit_is_adjustable(tmp_path):
    Image.fromarray(gradient_rgb(100, 100)).save(tmp_path / "big.png")
    with pytest.raises(cl.ImageError, match="max_pixels=None") as exc:
        cl.load_image(tmp_path / "big.png", max_pixels=5_000)
    assert "10,000 pixels" in str(exc.value)
    assert cl.load_image(tmp_path / "big.png", max_pixels=None).shape == (100, 100, 3)


def test_missing_path_suggests_same_stem(tmp_path):
    Image.new("RGB", (20, 20)).save(tmp_path / "cat.png")
    with pytest.raises(cl.ImageError, match="did you mean cat.png"):
        cl.load_image(tmp_path / "cat.jpg")


# --------------------------------------------------------------- save_image


def test_save_roundtrip_and_creates_folders(tmp_path):
    rgb = gradient_rgb() / 255.0
    path = cl.save_image(rgb, tmp_path / "a" / "b" / "out.png")
    assert path.exists()
    np.testing.assert_allclose(cl.load_image(path), rgb, atol=1 / 255)


def test_save_refuses_to_overwrite(tmp_path):
    path = cl.save_image(np.zeros((10, 10, 3)), tmp_path / "keep.png")
    before = path.read_bytes()
    with pytest.raises(FileExistsError, match="overwrite=True"):
        cl.save_image(np.ones((10, 10, 3)), path)
    assert path.read_bytes() == before
    cl.save_image(np.ones((10, 10, 3)), path, overwrite=True)
    assert cl.load_image(path).min() == 1.0


def test_save_accepts_gray_and_uint8(tmp_path):
    cl.save_image(np.full((10, 12), 0.5), tmp_path / "g.png")
    cl.save_image(gradient_rgb(), tmp_path / "u.png")
    np.testing.assert_allclose(cl.load_image(tmp_path / "u.png"), gradient_rgb() / 255.0)


@pytest.mark.parametrize(
    "array, match",
    [
        (np.full((10, 10, 3), 200.0), "divide"),
        (np.zeros((10, 10, 4)), "shape"),
        (np.full((10, 10, 3), np.nan), "NaN"),
        (np.zeros((10, 10, 3), np.int64), "int64"),
    ],
)
def test_save_rejects_bad_arrays(tmp_path, array, match):
    with pytest.raises(cl.ImageError, match=match):
        cl.save_image(array, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_save_rejects_unknown_extension(tmp_path):
    with pytest.raises(cl.ImageError, match="extension"):
        cl.save_image(np.zeros((10, 10, 3)), tmp_path / "x.photo")


def test_not_a_path_gets_a_clear_error():
    with pytest.raises(cl.ImageError, match="not a ndarray"):
        cl.load_image(np.zeros((8, 8, 3)))
    with pytest.raises(cl.ImageError, match="not a NoneType"):
        cl.load_image(None)


def _half_transparent(tmp_path):
    """A 40 × 60 RGBA photo: colors on the left, the right half transparent."""
    rgba = np.zeros((40, 60, 4), np.uint8)
    rgba[..., :3] = np.random.default_rng(3).integers(0, 256, (40, 60, 3))
    rgba[:, :30, 3] = 255
    path = tmp_path / "logo.png"
    Image.fromarray(rgba, "RGBA").save(path)
    return path


def test_transparency_is_white_to_see_and_left_out_of_the_scores(tmp_path):
    path = _half_transparent(tmp_path)
    rgb, alpha = cl.load_image(path, opacity=True)
    assert alpha.shape == (40, 60) and alpha[:, :30].min() == 1 and alpha[:, 30:].max() == 0
    np.testing.assert_array_equal(rgb[:, 30:], 1.0)  # shown on white
    np.testing.assert_array_equal(cl.load_image(path), rgb)
    small, small_alpha = cl.load_image(path, size=20, opacity=True)
    assert small_alpha.shape == small.shape[:2] == (20, 30)
    opaque_rgb = tmp_path / "opaque.png"
    cl.save_image(rgb, opaque_rgb)
    assert cl.load_image(opaque_rgb, opacity=True)[1] is None
    # The metrics see only the opaque pixels: as if the photo were its left half.
    pred = cl.to_gray(rgb)
    masked = cl.metrics.evaluate(rgb, pred, opaque=alpha > 0.5)
    left = cl.metrics.evaluate(rgb[:, :30], pred[:, :30])
    for key in ("psnr", "cf", "delta_cf", "auc", "delta_e"):
        assert masked[key] == pytest.approx(left[key], rel=1e-5), key
    assert masked["psnr"] < cl.metrics.evaluate(rgb, pred)["psnr"]  # white flattered it
    with pytest.raises(cl.ImageError, match="opaque"):
        cl.metrics.evaluate(rgb, pred, opaque=np.zeros((40, 60), bool))


def test_evaluate_leaves_transparent_pixels_out(tmp_path):
    from colorlab.cli import evaluate_folder
    from colorlab.models import article_model

    path = _half_transparent(tmp_path)
    report, failures = evaluate_folder(tmp_path, article_model(), "untrained")
    rgb, alpha = cl.load_image(path, opacity=True)
    gray_left = cl.metrics.psnr(rgb[:, :30], cl.to_gray(rgb)[:, :30])
    assert failures == 0
    assert report["images"][0]["gray"]["psnr"] == pytest.approx(gray_left, rel=1e-5)
