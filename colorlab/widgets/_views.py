"""The pieces every widget is made of: a picture view, a row that wraps, a slider view.

Widgets show pictures through ``ipywidgets.Image`` (PNG bytes): redrawing a matplotlib
figure on every slider move would take longer than the second we allow.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from colorlab.plotting import to_png

#: Width in pixels of a widget's main picture: about half of a 1024×768 projector's
#: screen, big enough to read from the back of a room (it shrinks on narrower screens).
VIEW_WIDTH = 480


def picture_view(width: int, hidden: bool = False) -> w.Image:
    """An empty PNG view ``width`` pixels wide that shrinks to fit a narrower notebook.

    Without a set width, JupyterLab stretches an Image across the whole output area, so
    a 16×16 crop would fill the screen and push everything below it out of sight.
    ``hidden=True`` keeps it out of sight until ``show_png`` gives it a picture (an empty
    Image shows a broken-picture icon).
    """
    layout = w.Layout(width=f"{width}px", max_width="100%", display="none" if hidden else None)
    return w.Image(format="png", layout=layout)


def wrap_row(children: list) -> w.HBox:
    """Widgets side by side that wrap onto the next line when the notebook is narrow
    (a zoomed projector, a small laptop) instead of running off the right edge."""
    return w.HBox(children, layout=w.Layout(flex_flow="row wrap"))


def show_png(view: w.Image, png: bytes) -> None:
    """Put ``png`` in ``view`` and make sure it is visible."""
    view.value = png
    view.layout.display = None


def slider_view(slider, render, name: str, width: int = VIEW_WIDTH) -> w.VBox:
    """One slider above one picture and one line of text, redrawn on every move.

    ``render(value)`` returns ``(png_bytes, text)``; the slider is kept as ``box.<name>``,
    the picture as ``box.view`` and the text as ``box.readout``.
    """
    view, readout = picture_view(width), w.Label()

    def update(_=None):
        view.value, readout.value = render(slider.value)

    slider.observe(update, names="value")
    update()
    box = w.VBox([slider, view, readout])
    setattr(box, name, slider)
    box.view, box.readout = view, readout
    return box


def picture_widget(img: np.ndarray, scale: int = 1, width: int | None = None) -> w.Image:
    view = picture_view(width or img.shape[1] * scale)
    view.value = to_png(img, scale)
    return view
