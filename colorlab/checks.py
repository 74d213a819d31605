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
