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

    Parameters
    ----------
    width : int
        The view's width in screen pixels (at most the notebook's width).
    hidden : bool
        Keep the view out of sight until :func:`show_png` gives it a picture.

    Returns
    -------
    ipywidgets.Image
        The empty view, for PNG bytes.

    Examples
    --------
    >>> view = picture_view(320, hidden=True)
    >>> view.layout.width, view.layout.max_width, view.layout.display
    ('320px', '100%', 'none')
    """
    layout = w.Layout(width=f"{width}px", max_width="100%", display="none" if hidden else None)
    return w.Image(format="png", layout=layout)


def wrap_row(children: list) -> w.HBox:
    """Widgets side by side that wrap onto the next line when the notebook is narrow.

    On a narrow notebook (a zoomed projector, a small laptop) they wrap instead of running
    off the right edge.

    Parameters
    ----------
    children : list of ipywidgets.Widget
        The widgets, left to right.

    Returns
    -------
    ipywidgets.HBox
        The row.

    Examples
    --------
    >>> import ipywidgets as w
    >>> row = wrap_row([w.Label("a"), w.Label("b")])
    >>> len(row.children), row.layout.flex_flow
    (2, 'row wrap')
    """
    return w.HBox(children, layout=w.Layout(flex_flow="row wrap"))


def show_png(view: w.Image, png: bytes) -> None:
    """Put ``png`` in ``view`` and make sure it is visible.

    Parameters
    ----------
    view : ipywidgets.Image
        The view, such as :func:`picture_view` makes (hidden or not).
    png : bytes
        The picture, as PNG bytes (see :func:`colorlab.plotting.to_png`).

    Returns
    -------
    None

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.plotting import to_png
    >>> view = picture_view(100, hidden=True)
    >>> png = to_png(np.zeros((2, 2)))
    >>> show_png(view, png)
    >>> view.value == png, view.layout.display is None
    (True, True)
    """
    view.value = png
    view.layout.display = None


def slider_view(slider, render, name: str, width: int = VIEW_WIDTH) -> w.VBox:
    """One slider above one picture and one line of text, redrawn on every move.

    ``render(value)`` returns ``(png_bytes, text)``; the slider is kept as ``box.<name>``,
    the picture as ``box.view`` and the text as ``box.readout``.

    Parameters
    ----------
    slider : ipywidgets.ValueWidget
        The slider (any widget with a ``value``); its value is passed to ``render``.
    render : callable
        ``render(value)`` returns ``(png_bytes, text)`` for the picture and the text.
    name : str
        The attribute of the box that keeps the slider.
    width : int
        The picture's width in screen pixels (:func:`picture_view`).

    Returns
    -------
    ipywidgets.VBox
        The slider, the picture and the text, drawn once for the slider's current value.

    Examples
    --------
    >>> import ipywidgets as w
    >>> import numpy as np
    >>> from colorlab.plotting import to_png
    >>> def render(value):
    ...     return to_png(np.full((4, 4), value / 100)), f"level {value}"
    >>> box = slider_view(w.IntSlider(value=3, max=100), render, "level")
    >>> box.level.value = 50
    >>> box.readout.value
    'level 50'
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
    """A picture view showing ``img``, enlarged ``scale``×.

    Parameters
    ----------
    img : numpy.ndarray
        Gray (H, W) or (H, W, 1), or RGB (H, W, 3); floats in [0, 1] or uint8.
    scale : int
        Each pixel becomes a ``scale``×``scale`` block.
    width : int or None
        The view's width in screen pixels; None: the enlarged picture's own, W·scale.

    Returns
    -------
    ipywidgets.Image
        A :func:`picture_view` holding the picture as PNG.

    Examples
    --------
    >>> import numpy as np
    >>> view = picture_widget(np.zeros((4, 6)), scale=2)
    >>> view.layout.width, bytes(view.value[:4])
    ('12px', b'\\x89PNG')
    """
    view = picture_view(width or img.shape[1] * scale)
    view.value = to_png(img, scale)
    return view
