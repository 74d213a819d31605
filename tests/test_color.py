"""Color conversions: unit tests and hypothesis property tests."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from skimage.color import rgb2lab

import colorlab as cl

unit_floats = st.floats(0.0, 1.0, allow_nan=False, width=64)
rgb_arrays = arrays(
    np.float64, st.tuples(st.integers(1, 6), st.integers(1, 6), st.just(3)), elements=unit_floats
)


def ab_values(width: int) -> st.SearchStrategy[float]:
    """Any value an ab channel can hold; dividing by 128 is exact for these (not subnormal)."""
    return st.floats(-200, 200, width=width).filter(lambda x: x == 0 or abs(x) > 1e-30)


@settings(max_examples=300, deadline=None)
@given(rgb_arrays)
def test_rgb_lab_rgb_round_trip(rgb):
    back = cl.lab_to_rgb(cl.rgb_to_lab(rgb).astype(np.float64))
    np.testing.assert_allclose(back, rgb, atol=1e-4)


@settings(max_examples=300, deadline=None)
@given(rgb_arrays)
def test_every_srgb_color_normalizes_into_minus_one_one(rgb):
    y = cl.normalize_ab(cl.split_lab(cl.rgb_to_lab(rgb))[1])
    assert np.all(y >= -1.0) and np.all(y <= 1.0)


@settings(max_examples=300, deadline=None)
@given(arrays(np.float32, st.integers(1, 20), elements=ab_values(32)))
@pytest.mark.slow
def test_denormalize_inverts_normalize_exactly(ab):
    assert np.array_equal(cl.denormalize_ab(cl.normalize_ab(ab)), ab)


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=ab_values(64)))
def test_denormalize_inverts_normalize_float64(ab):
    assert np.array_equal(cl.denormalize_ab(cl.normalize_ab(ab)), ab)


def test_lab_matches_skimage_and_is_float32():
    rgb = np.random.default_rng(0).random((8, 9, 3))
    lab = cl.rgb_to_lab(rgb)
    assert lab.dtype == np.float32
    np.testing.assert_allclose(lab, rgb2lab(rgb), atol=1e-3)


def test_known_colors():
    lab = cl.rgb_to_lab(np.array([[[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [0.5, 0.5, 0.5]]]))
    np.testing.assert_allclose(lab[0, 0], [100, 0, 0], atol=0.01)
    np.testing.assert_allclose(lab[0, 1], [0, 0, 0], atol=0.01)
    assert abs(lab[0, 2, 1]) < 0.01 and abs(lab[0, 2, 2]) < 0.01  # gray has a = b = 0
    green = cl.rgb_to_lab(np.array([[[0.0, 1.0, 0.0]]]))[0, 0]
    assert green[1] < -80 and green[2] > 80  # green: very negative a, positive b


def test_batches_work():
    rgb = np.random.default_rng(1).random((2, 4, 4, 3))
    lab = cl.rgb_to_lab(rgb)
    assert lab.shape == (2, 4, 4, 3)
    L, ab = cl.split_lab(lab)
    assert L.shape == (2, 4, 4, 1) and ab.shape == (2, 4, 4, 2)
    np.testing.assert_array_equal(cl.compose_lab(L, ab), lab)


@pytest.mark.parametrize("image", [np.full((4, 4, 3), 200, np.uint8), np.full((4, 4, 3), 200.0)])
def test_0_255_input_says_divide_by_255(image):
    with pytest.raises(cl.ImageError, match="divide by 255"):
        cl.rgb_to_lab(image)


@pytest.mark.parametrize(
    "image, match",
    [
        (np.zeros((3, 4, 4)), "channels-first"),
        (np.zeros((4, 4)), "single grayscale layer"),
        (np.zeros((4, 4, 4)), "3 channels"),
        (np.full((2, 2, 3), np.nan), "NaN"),
        (np.full((2, 2, 3), -0.5), "negative"),
        (np.array([["a", "b", "c"]]), "numeric"),
    ],
)
def test_rgb_validation(image, match):
    with pytest.raises(cl.ImageError, match=match):
        cl.rgb_to_lab(image)


def test_lab_to_rgb_clips_out_of_gamut_without_warning(recwarn):
    rgb = cl.lab_to_rgb(np.array([[[50.0, 127.0, -127.0], [95.0, -120.0, 120.0]]]))
    assert rgb.dtype == np.float32 and rgb.min() >= 0 and rgb.max() <= 1
    assert not [w for w in recwarn if "range" in str(w.message)]


def test_lab_to_rgb_rejects_scaled_L():
    with pytest.raises(cl.ImageError, match=r"L must lie in \[0, 100\]"):
        cl.lab_to_rgb(np.array([[[150.0, 0.0, 0.0]]]))


def test_compose_accepts_2d_L_and_checks_shapes():
    assert cl.compose_lab(np.zeros((3, 4)), np.zeros((3, 4, 2))).shape == (3, 4, 3)
    with pytest.raises(cl.ImageError, match="same pixels"):
        cl.compose_lab(np.zeros((3, 5, 1)), np.zeros((3, 4, 2)))
    with pytest.raises(cl.ImageError, match="2 channels"):
        cl.compose_lab(np.zeros((3, 4, 1)), np.zeros((3, 4, 3)))


def test_normalize_ab_values_and_dtype():
    ab = np.array([-128.0, 0.0, 64.0], np.float32)
    y = cl.normalize_ab(ab)
    assert y.dtype == np.float32 and y.tolist() == [-1.0, 0.0, 0.5]
    assert cl.normalize_ab(np.array([128])).dtype == np.float32  # ints become floats


def test_measured_srgb_ab_range_fits_the_article():
    """Every 8-bit sRGB color (on a 64-step grid per channel): a in about -86..98, b -108..95."""
    steps = np.linspace(0, 1, 64)
    rgb = np.stack(np.meshgrid(steps, steps, steps, indexing="ij"), -1).reshape(-1, 1, 3)
    ab = cl.split_lab(cl.rgb_to_lab(rgb))[1]
    a, b = ab[..., 0], ab[..., 1]
    assert -87.5 < a.min() < -85 and 97 < a.max() < 99
    assert -109 < b.min() < -107 and 93 < b.max() < 95.5


def test_to_gray_has_no_color():
    rgb = cl.datasets.sample_photo("astronaut", size=32)
    gray = cl.to_gray(rgb)
    ab = cl.split_lab(cl.rgb_to_lab(gray))[1]
    assert np.abs(ab).max() < 0.5
    np.testing.assert_allclose(
        cl.split_lab(cl.rgb_to_lab(gray))[0], cl.split_lab(cl.rgb_to_lab(rgb))[0], atol=0.2
    )
