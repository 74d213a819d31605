"""Widgets the notebooks show. Each returns the widget; its computation is a plain function.

Tests drive these widgets by setting their values and reading what they display.
"""

from __future__ import annotations

import ipywidgets as w


def slider_echo_text(value: int) -> str:
    """The text the setup widget shows for a slider value.

    Example:
        >>> slider_echo_text(3)
        'The slider is at 3: widgets work.'
    """
    return f"The slider is at {value}: widgets work."


def widget_check() -> w.VBox:
    """A slider and a label that follows it: proof that widgets render and answer.

    Example:
        >>> box = widget_check()
        >>> box.children[0].value = 7
        >>> box.children[1].value
        'The slider is at 7: widgets work.'
    """
    slider = w.IntSlider(value=5, min=0, max=10, description="Try me:")
    label = w.Label(value=slider_echo_text(slider.value))
    slider.observe(
        lambda change: setattr(label, "value", slider_echo_text(change["new"])), names="value"
    )
    return w.VBox([slider, label])
