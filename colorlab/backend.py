"""TensorFlow and Keras, loaded quietly and seeded: the one module every network module needs.

Kept apart from :mod:`colorlab.session` (the notebook set-up, which also installs the
exercise hints) so that the model, layer and pipeline modules depend on nothing above them.
"""

from __future__ import annotations

import os
import random

import numpy as np


def seed_everything(seed: int) -> int:
    """Seed Python, NumPy and, if it is already imported, TensorFlow/Keras; return the seed.

    Parameters
    ----------
    seed : int
        The seed.

    Returns
    -------
    int
        The seed used.

    Examples
    --------
    >>> seed_everything(3)
    3
    """
    import sys

    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed)
    if "keras" in sys.modules or "tensorflow" in sys.modules:
        import keras

        keras.utils.set_random_seed(seed)
    return seed


def import_tensorflow_quietly() -> None:
    """Import TensorFlow and Keras with their C++ start-up messages silenced.

    TensorFlow's native code prints log lines (oneDNN, CUDA probing) straight to the
    process's stderr while it loads, before ``TF_CPP_MIN_LOG_LEVEL`` takes effect, and
    Jupyter shows them as red boxes. We point file descriptor 2 at the null device
    (os.devnull) for the import only; Python's own warnings and errors are untouched
    afterwards.

    Returns
    -------
    None

    Examples
    --------
    >>> import_tensorflow_quietly()
    >>> import sys; "keras" in sys.modules
    True
    """
    import sys

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if "tensorflow" in sys.modules and "keras" in sys.modules:
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no real stderr (some IDEs): import plainly
        import keras  # noqa: F401
        import tensorflow  # noqa: F401

        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import keras  # noqa: F401
        import tensorflow  # noqa: F401
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
