"""colorlab: the helper package of the colorization course.

The notebooks hold the teaching; this package holds what they should not repeat.

Example:
    >>> import colorlab as cl
    >>> rgb = cl.datasets.sample_photo("astronaut", size=64)
    >>> L, ab = cl.split_lab(cl.rgb_to_lab(rgb))
    >>> L.shape, ab.shape
    ((64, 64, 1), (64, 64, 2))
"""

from __future__ import annotations

from colorlab import course, datasets, drawn, exercises, hints
from colorlab.color import (
    compose_lab,
    denormalize_ab,
    lab_to_rgb,
    normalize_ab,
    rgb_to_lab,
    split_lab,
    to_gray,
)
from colorlab.colorize import colorize, hint_weights
from colorlab.errors import ImageError, ModelError
from colorlab.images import load_image, save_image
from colorlab.saving import load_model, save_model
from colorlab.session import setup

__version__ = "0.1.0"

# Submodules that pull in heavy libraries (ipywidgets, TensorFlow) load on first use,
# so that `import colorlab` and the command line start fast. `setup_check` is lazy too, so that
# `python -m colorlab.setup_check` runs it without a RuntimeWarning about a module imported twice.
_LAZY = (
    "widgets",
    "plotting",
    "models",
    "metrics",
    "training",
    "pipeline",
    "bins",
    "layers",
    "losses",
    "setup_check",
    "pretrained",
)


#: The lazy submodules that import TensorFlow: loaded with its start-up messages silenced.
_TENSORFLOW = ("models", "pipeline", "layers")


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        if name in _TENSORFLOW:
            from colorlab.backend import import_tensorflow_quietly

            import_tensorflow_quietly()
        return importlib.import_module(f"colorlab.{name}")
    raise AttributeError(f"module 'colorlab' has no attribute {name!r}")


__all__ = [
    "ImageError",
    "ModelError",
    "colorize",
    "compose_lab",
    "course",
    "datasets",
    "drawn",
    "exercises",
    "hints",
    "hint_weights",
    "denormalize_ab",
    "lab_to_rgb",
    "load_image",
    "load_model",
    "normalize_ab",
    "rgb_to_lab",
    "save_image",
    "save_model",
    "setup",
    "setup_check",
    "split_lab",
    "to_gray",
]
