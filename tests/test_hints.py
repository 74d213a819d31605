"""Color hints (issue 21): parsing colors, checking points, the hint map and simulated hints."""

from __future__ import annotations

import numpy as np
import pytest

from colorlab import hints


@pytest.mark.parametrize(
    ("color", "expected"),
    [("#1E90FF", (30, 144, 255)), ("1e90ff", (30, 144, 255)), ((30, 144, 255), (30, 144, 255))],
)
def test_parse_color_reads_both_forms(color, expected):
    assert np.allclose(hints.parse_color(color) * 255, expected)


@pytest.mark.parametrize(
    ("color", "says"),
    [
        ("#12345", "six hexadecimal digits"),
        ("blue", "six hexadecimal digits"),
        ((1, 2), "triple"),
        ((1, 2, "x"), "triple"),
        ((0, 0, 256), "from 0 to 255"),
        ((-1, 0, 0), "from 0 to 255"),
        (None, "triple"),
    ],
)
def test_parse_color_refuses_a_malformed_color_and_says_what_to_give(color, says):
    with pytest.raises(ValueError, match=says):
        hints.parse_color(color)


def test_hint_ab_keeps_the_colors_direction_and_drops_its_lightness():
    blue, dark_blue = hints.hint_ab((40, 80, 220)), hints.hint_ab((10, 20, 55))
    assert blue[1] < -40 and dark_blue[1] < -10  # both toward blue (b < 0)
    assert np.allclose(hints.hint_ab("#ffffff"), 0, atol=0.01)


def test_check_hints_names_the_bad_hint_by_its_place():
    good = (0, 0, "#ff0000")
    with pytest.raises(ValueError, match=r"hint 2 .*y = 4 is outside the photo"):
        hints.check_hints([good, (1, 4, "#ff0000")], (4, 5))
    with pytest.raises(ValueError, match=r"hint 1 .*x = -1 is outside"):
        hints.check_hints([(-1, 0, "#ff0000")], (4, 5))
    with pytest.raises(ValueError, match=r"hint 1 .*x = 1.5 is not a whole number"):
        hints.check_hints([(1.5, 0, "#ff0000")], (4, 5))
    with pytest.raises(ValueError, match=r"hint 2 .*six hexadecimal"):
        hints.check_hints([good, (1, 1, "#ff00")], (4, 5))
    with pytest.raises(ValueError, match=r"hint 1 .*give \(x, y, color\)"):
        hints.check_hints([(1, 1)], (4, 5))
    assert hints.check_hints([(2.0, 3, "#ff0000")], (4, 5))[0][:2] == (2, 3)


def test_hint_map_puts_each_hint_at_column_x_and_row_y():
    ab, mask = hints.hint_map([(4, 1, "#ff0000"), (0, 2, "#0000ff")], (3, 5))
    assert mask[..., 0].tolist() == [[0, 0, 0, 0, 0], [0, 0, 0, 0, 1], [1, 0, 0, 0, 0]]
    assert ab[1, 4, 0] > 0.5 and ab[2, 0, 1] < -0.5  # red: a > 0; blue: b < 0
    assert np.all(ab[mask[..., 0] == 0] == 0)
    empty_ab, empty_mask = hints.hint_map([], (3, 5))
    assert not empty_ab.any() and not empty_mask.any()


def test_simulate_hints_reveals_patch_means_of_the_truth_and_sometimes_none():
    rng = np.random.default_rng(0)
    truth = rng.uniform(-0.5, 0.5, (40, 50, 2)).astype(np.float32)
    counts, none = [], 0
    for _ in range(300):
        hint, mask = hints.simulate_hints(truth, rng)
        assert hint.shape == (40, 50, 2) and mask.shape == (40, 50, 1)
        assert np.all(hint[mask[..., 0] == 0] == 0)
        assert np.abs(hint).max() <= 0.5  # a mean of the truth stays inside its range
        none += not mask.any()
        counts.append(mask.mean())
    assert 10 < none < 60  # about 10% get no hint at all
    assert max(counts) > 3 * np.median(counts)  # the number of points varies widely
    again = hints.simulate_hints(truth, np.random.default_rng(5))
    assert all(
        np.array_equal(a, b)
        for a, b in zip(again, hints.simulate_hints(truth, np.random.default_rng(5)), strict=True)
    )


def test_hint_map_at_a_smaller_size_keeps_every_point_in_the_same_place():
    shape, at = (300, 400), (30, 40)
    points = [(0, 0, "#ff0000"), (399, 299, "#0000ff"), (205, 104, "#00ff00")]
    ab, mask = hints.hint_map(points, shape, at=at)
    assert ab.shape == (30, 40, 2) and int(mask.sum()) == 3
    assert [tuple(int(v) for v in p) for p in np.argwhere(mask[..., 0])] == [
        (0, 0),
        (10, 20),
        (29, 39),
    ]
    assert ab[10, 20, 0] < -0.3  # green: a < 0
    with pytest.raises(ValueError, match="outside the photo"):  # checked in the photo's pixels
        hints.hint_map([(400, 0, "#ff0000")], shape, at=at)


@pytest.mark.parametrize("bad", [None, "120,45,#ff0000", 7, {(1, 1): "#ff0000"}])
def test_hints_that_are_not_a_list_of_points_get_one_clear_error(bad):
    with pytest.raises(ValueError, match=r"give a list of \(x, y, color\) points"):
        hints.hint_map(bad, (4, 5))


def test_hint_map_refuses_an_empty_size():
    with pytest.raises(ValueError, match="at least 1 pixel"):
        hints.hint_map([], (4, 5), at=(0, 5))
