"""One call at the top of every notebook: seeds, quiet TensorFlow logs, plot defaults."""

from __future__ import annotations

import os
import random

import numpy as np

_SEED = 0


def current_seed() -> int:
    """The seed set by the last :func:`setup` call (0 before any).

    Example:
        >>> setup(seed=7); current_seed()
        7
    """
    return _SEED


def seed_everything(seed: int | None = None) -> int:
    """Seed Python, NumPy and, if it is already imported, TensorFlow/Keras; return the seed.

    Example:
        >>> seed_everything(3)
        3
    """
    import sys

    seed = _SEED if seed is None else int(seed)
    random.seed(seed)
    np.random.seed(seed)
    if "keras" in sys.modules or "tensorflow" in sys.modules:
        import keras

        keras.utils.set_random_seed(seed)
    return seed


def setup(seed: int = 0, plots: bool = True) -> None:
    """Prepare a notebook: fixed seeds, quiet TensorFlow, readable figures.

    TensorFlow itself is only imported by the lessons that train; models built
    through :mod:`colorlab` are seeded from this same seed.

    Example:
        >>> import colorlab as cl
        >>> cl.setup(seed=0)
    """
    global _SEED
    _SEED = int(seed)
    # Must be set before TensorFlow is imported to hide its C++ start-up chatter.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    seed_everything(seed)
    if plots:
        import matplotlib as mpl

        mpl.rcParams.update(
            {
                "figure.figsize": (8, 4),
                "figure.dpi": 100,
                "font.size": 11,
                "axes.titlesize": 12,
                "image.cmap": "gray",
                "image.interpolation": "nearest",
                "savefig.bbox": "tight",
            }
        )
