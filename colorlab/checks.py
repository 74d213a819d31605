"""Self-checks for the exercises: each prints "✓ correct" or raises AssertionError with a hint.

Every check is called from the cell right below its exercise, e.g.
``cl.checks.my_photos_folder(my_folder)``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

CORRECT = "✓ correct"


def _require(condition: bool, hint: str) -> None:
    if not condition:
        raise AssertionError(f"Not yet: {hint}")


def _done(extra: str = "") -> None:
    print(CORRECT + (f": {extra}" if extra else ""))


def _is_array(x: object, name: str) -> np.ndarray:
    _require(x is not None and not isinstance(x, type(Ellipsis)), f"`{name}` is still empty.")
    _require(
        isinstance(x, np.ndarray), f"`{name}` should be a NumPy array, not {type(x).__name__}."
    )
    return x


# ------------------------------------------------------------------- 00


def start_photo(photo: object) -> None:
    """Exercise 00.1: the 'coffee' photo loaded with its shorter side at 128 pixels.

    Example:
        >>> import colorlab as cl
        >>> start_photo(cl.datasets.sample_photo("coffee", size=128))
        ✓ correct: 128 × 192 pixels, 3 layers
    """
    photo = _is_array(photo, "photo")
    _require(
        photo.ndim == 3 and photo.shape[2] == 3,
        f"a color photo has shape (height, width, 3); yours is {photo.shape}.",
    )
    _require(
        min(photo.shape[:2]) == 128,
        f"the shorter side should be 128; yours is {photo.shape[:2]}: use size=128.",
    )
    _require(
        photo.shape[:2] == (128, 192),
        "that is not the coffee photo: use cl.datasets.sample_photo('coffee', size=128).",
    )
    _require(
        photo.dtype == np.float32 and photo.max() <= 1.0,
        "load it with colorlab, which gives float values in [0, 1].",
    )
    _done(f"{photo.shape[0]} × {photo.shape[1]} pixels, 3 layers")


def my_photos_folder(folder: object) -> None:
    """Exercise 00.2: the path of the folder where the learner's own photos go.

    Example:
        >>> from colorlab.course import notebooks_dir
        >>> my_photos_folder(notebooks_dir().parent / "data" / "my_photos")
        ✓ correct: put your photos there for lesson 10
    """
    _require(isinstance(folder, str | Path), "give the folder as a string or a pathlib.Path.")
    from colorlab.course import notebooks_dir

    expected = (notebooks_dir().parent / "data" / "my_photos").resolve()
    path = Path(folder)
    if not path.is_absolute():
        path = Path.cwd() / path
    _require(path.exists(), f"{folder} does not exist (the notebook runs in {Path.cwd()}).")
    _require(
        path.resolve() == expected,
        "that folder exists but is not the one: look for my_photos inside data/.",
    )
    _done("put your photos there for lesson 10")


# ------------------------------------------------------------------- 01


def gradient(gradient: object) -> None:
    """Exercise 01.1: a 64×256 uint8 image whose column j holds the value j.

    Example:
        >>> import numpy as np
        >>> gradient(np.tile(np.arange(256, dtype=np.uint8), (64, 1)))
        ✓ correct: black on the left, white on the right
    """
    g = _is_array(gradient, "gradient")
    _require(g.shape == (64, 256), f"the shape should be (64, 256) (rows, columns); got {g.shape}.")
    _require(g.dtype == np.uint8, f"use dtype uint8 (numbers 0-255); got {g.dtype}.")
    _require(bool((g == g[0]).all()), "every row should be the same: use np.tile or broadcasting.")
    _require(g[0, 0] == 0 and g[0, -1] == 255, "the first column should be 0, the last 255.")
    _require(bool((g[0] == np.arange(256)).all()), "column j should hold j: try np.arange(256).")
    _done("black on the left, white on the right")


def inverted(original: np.ndarray, inverted: object) -> None:
    """Exercise 01.2: the photographic negative of a uint8 photo (255 - value).

    Example:
        >>> import numpy as np
        >>> img = np.array([[0, 100, 255]], np.uint8)
        >>> inverted(img, 255 - img)
        ✓ correct: black became white and white became black
    """
    inv = _is_array(inverted, "inverted")
    _require(inv.shape == original.shape, f"keep the shape {original.shape}; got {inv.shape}.")
    expected = 255 - original.astype(np.int64)
    if np.array_equal(inv.astype(np.int64) % 256, (-original.astype(np.int64)) % 256) and not (
        np.array_equal(inv, expected)
    ):
        raise AssertionError(
            "Not yet: -image wraps around in uint8 (0 stays 0, 1 becomes 255): "
            "subtract from 255 instead."
        )
    _require(np.array_equal(inv.astype(np.int64), expected), "each value v should become 255 - v.")
    _require(inv.dtype == np.uint8, f"keep dtype uint8; got {inv.dtype}.")
    _done("black became white and white became black")


# ------------------------------------------------------------------- 02


def green_only(rgb: np.ndarray, green_only: object) -> None:
    """Exercise 02.1: the photo with its red and blue layers set to 0.

    Example:
        >>> import numpy as np
        >>> img = np.full((2, 2, 3), 100, np.uint8)
        >>> out = img.copy(); out[..., [0, 2]] = 0
        >>> green_only(img, out)
        ✓ correct: only the green layer is left
    """
    out = _is_array(green_only, "green_only")
    _require(out.shape == rgb.shape, f"keep all three layers: shape {rgb.shape}, not {out.shape}.")
    _require(
        not np.shares_memory(out, rgb) or out is not rgb,
        "make a copy first (rgb.copy()), or you change the original photo too.",
    )
    _require(bool((out[..., 0] == 0).all()), "the red layer (index 0) should be all 0.")
    _require(bool((out[..., 2] == 0).all()), "the blue layer (index 2) should be all 0.")
    _require(np.array_equal(out[..., 1], rgb[..., 1]), "keep the green layer (index 1) unchanged.")
    _done("only the green layer is left")


def gray_from_rgb(rgb: np.ndarray, gray: object) -> None:
    """Exercise 02.2: a gray version, the mean of R, G and B copied into all three layers.

    Example:
        >>> import numpy as np
        >>> img = np.random.default_rng(0).random((4, 4, 3))
        >>> gray_from_rgb(img, np.repeat(img.mean(-1, keepdims=True), 3, -1))
        ✓ correct: R = G = B everywhere, so no color is left
    """
    g = _is_array(gray, "gray")
    _require(
        g.shape == rgb.shape,
        f"the result should have 3 layers, shape {rgb.shape}; "
        f"got {g.shape} (np.stack or np.repeat can copy one layer three times).",
    )
    g = g.astype(np.float64)
    _require(
        np.allclose(g[..., 0], g[..., 1]) and np.allclose(g[..., 1], g[..., 2]),
        "the three layers should be equal: that is what makes a pixel gray.",
    )
    mean = rgb.astype(np.float64).mean(axis=-1)
    _require(
        np.allclose(g[..., 0], mean, atol=1.0 if rgb.dtype == np.uint8 else 1e-3),
        "each value should be the mean of the pixel's R, G and B: rgb.mean(axis=-1).",
    )
    _done("R = G = B everywhere, so no color is left")


# ------------------------------------------------------------------- 03


def split_x_y(lab: np.ndarray, X: object, Y: object) -> None:
    """Exercise 03.1: X = the L layer (H, W), Y = the a and b layers (H, W, 2).

    Example:
        >>> import numpy as np
        >>> lab = np.random.default_rng(0).random((4, 5, 3))
        >>> split_x_y(lab, lab[:, :, 0], lab[:, :, 1:])
        ✓ correct: X is the lightness, Y the two color layers
    """
    X = _is_array(X, "X")
    Y = _is_array(Y, "Y")
    h, w = lab.shape[:2]
    _require(
        X.shape in ((h, w), (h, w, 1)), f"X should be one layer, shape {(h, w)}; got {X.shape}."
    )
    _require(Y.shape == (h, w, 2), f"Y should be two layers, shape {(h, w, 2)}; got {Y.shape}.")
    _require(
        np.array_equal(X.reshape(h, w), lab[:, :, 0]),
        "X should be layer 0 of lab (L): lab[:, :, 0].",
    )
    _require(np.array_equal(Y, lab[:, :, 1:]), "Y should be layers 1 and 2 (a, b): lab[:, :, 1:].")
    _done("X is the lightness, Y the two color layers")


def round_trip(image: np.ndarray, back: object) -> None:
    """Exercise 03.2: RGB → Lab → RGB gives the photo back (floats in [0, 1]).

    Example:
        >>> import numpy as np
        >>> img = np.full((2, 2, 3), 128, np.uint8)
        >>> round_trip(img, img / 255)
        ✓ correct: largest difference 0.000000 (out of 1)
    """
    back = _is_array(back, "back")
    _require(back.shape == image.shape, f"shape {image.shape} expected; got {back.shape}.")
    _require(
        back.max() <= 1.0 + 1e-6,
        "lab2rgb gives floats in [0, 1]: compare with image / 255, not image.",
    )
    diff = float(np.abs(back - image / 255.0).max())
    _require(
        diff < 1e-3, f"the largest difference is {diff:.3g}: use lab2rgb(rgb2lab(image / 255))."
    )
    _done(f"largest difference {diff:.6f} (out of 1)")
