"""The widgets the lessons show, one module per group of lessons; each returns the widget.

==================  ===========  ==========================================================
module              lessons      widgets
==================  ===========  ==========================================================
``pixels``          00, 01       set-up check, pixel explorer, pixel painter
``rgb``             02           RGB mixer, channel toggles
``lab``             03, 04       Lab explorer, ab plane, tanh explorer
``training``        05, 07       train with your settings, augmentation explorer
``results``         06, 08-11    saturation, wipe, model picker, temperature, working
                                 size, upload your photos
``hints``           12           the hint painter: click to give colors, save, undo
==================  ===========  ==========================================================

What a widget computes is a plain function beside it (or in :mod:`colorlab.color`,
:mod:`colorlab.bins` and :mod:`colorlab.metrics` when it is not about the widget), so the
tests drive each widget by setting its values and reading what it displays. Every name is
also here: ``cl.widgets.rgb_mixer()``.
"""

from __future__ import annotations

from colorlab.widgets import hints
from colorlab.widgets._views import VIEW_WIDTH
from colorlab.widgets.hints import HintSession, hint_painter
from colorlab.widgets.lab import ab_plane_explorer, lab_explorer, tanh_explorer
from colorlab.widgets.pixels import (
    outline,
    pixel_explorer,
    pixel_painter,
    set_pixel,
    slider_echo_text,
    widget_check,
    window,
)
from colorlab.widgets.results import (
    model_picker,
    saturate,
    saturation_explorer,
    temperature_explorer,
    upload_colorizer,
    wipe,
    wipe_explorer,
    working_size_explorer,
)
from colorlab.widgets.rgb import (
    HUE_NAMES,
    channel_toggles,
    describe_rgb,
    keep_channels,
    rgb_mixer,
    swatch_html,
)
from colorlab.widgets.training import (
    augmentation_explorer,
    augmented_examples,
    train_and_colorize,
    train_explorer,
)

__all__ = [
    "HUE_NAMES",
    "HintSession",
    "hint_painter",
    "hints",
    "VIEW_WIDTH",
    "ab_plane_explorer",
    "augmentation_explorer",
    "augmented_examples",
    "channel_toggles",
    "describe_rgb",
    "keep_channels",
    "lab_explorer",
    "model_picker",
    "outline",
    "pixel_explorer",
    "pixel_painter",
    "rgb_mixer",
    "saturate",
    "saturation_explorer",
    "set_pixel",
    "slider_echo_text",
    "swatch_html",
    "tanh_explorer",
    "temperature_explorer",
    "train_and_colorize",
    "train_explorer",
    "upload_colorizer",
    "widget_check",
    "window",
    "wipe",
    "wipe_explorer",
    "working_size_explorer",
]
