"""Widgets of lessons 00 and 01: the set-up check, and the numbers a gray photo is made of."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from colorlab.plotting import figure_to_png, pixel_heatmap, to_png
from colorlab.widgets._views import VIEW_WIDTH, picture_widget, wrap_row


def slider_echo_text(value: int) -> str:
    """The text the setup widget shows for a slider value.

    Parameters
    ----------
    value : int
        The slider's value.

    Returns
    -------
    str
        The sentence the label under the slider shows.

    Examples
    --------
    >>> slider_echo_text(3)
    'The slider is at 3: widgets work.'
    """
    return f"The slider is at {value}: widgets work."


def widget_check() -> w.VBox:
    """A slider and a label that follows it: proof that widgets render and answer.

    Returns
    -------
    ipywidgets.VBox
        The slider (``children[0]``, 0-10) above the label (``children[1]``) that repeats its
        value.

    Examples
    --------
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


def window(image: np.ndarray, row: int, col: int, size: int = 8) -> np.ndarray:
    """The ``size``×``size`` block of pixels whose top-left corner is (row, col), kept inside.

    Parameters
    ----------
    image : numpy.ndarray
        A photo (H, W) or (H, W, C), at least ``size`` pixels on each side.
    row : int
        The block's top row; moved up if the block would run past the bottom edge.
    col : int
        The block's left column; moved left if the block would run past the right edge.
    size : int
        The block's side in pixels.

    Returns
    -------
    numpy.ndarray
        The block, (size, size) or (size, size, C): a view of ``image``, not a copy.

    Examples
    --------
    >>> import numpy as np
    >>> window(np.arange(100).reshape(10, 10), 9, 9, size=2).tolist()
    [[88, 89], [98, 99]]
    """
    h, wd = image.shape[:2]
    row = int(np.clip(row, 0, h - size))
    col = int(np.clip(col, 0, wd - size))
    return image[row : row + size, col : col + size]


def outline(image: np.ndarray, row: int, col: int, size: int) -> np.ndarray:
    """A gray uint8 image as RGB with a red square drawn around a window (for the explorer).

    Parameters
    ----------
    image : numpy.ndarray
        The gray photo (H, W), uint8.
    row : int
        The window's top row.
    col : int
        The window's left column.
    size : int
        The window's side in pixels.

    Returns
    -------
    numpy.ndarray
        RGB (H, W, 3), uint8: the photo with a red frame, about 1% of the photo thick, drawn
        just outside the window (the window's own pixels are unchanged).

    Examples
    --------
    >>> import numpy as np
    >>> outline(np.zeros((20, 20), np.uint8), 5, 5, 4)[4, 6].tolist()
    [255, 0, 0]
    """
    rgb = np.repeat(np.asarray(image, np.uint8)[..., None], 3, axis=-1)
    h, wd = image.shape
    # A frame about 1% of the photo thick, so it stays visible when the photo is shown small.
    t = max(1, round(max(h, wd) / 160))
    frame = np.zeros((h, wd), bool)
    frame[max(row - t, 0) : row + size + t, max(col - t, 0) : col + size + t] = True
    frame[row : row + size, col : col + size] = False
    rgb[frame] = [255, 0, 0]
    return rgb


def pixel_explorer(image: np.ndarray, size: int = 8) -> w.VBox:
    """Move a window over a gray uint8 photo and read its numbers.

    Parameters
    ----------
    image : numpy.ndarray
        The gray photo (H, W), uint8, at least ``size`` pixels on each side.
    size : int
        The window's side in pixels.

    Returns
    -------
    ipywidgets.VBox
        Row and column sliders, the photo with the window outlined, the window's pixels with
        their values, and a line of text; the sliders are kept as ``box.row`` and ``box.col``,
        the zoomed view as ``box.zoom`` and the text as ``box.readout``.

    Examples
    --------
    >>> import numpy as np
    >>> box = pixel_explorer(np.zeros((64, 64), np.uint8))
    >>> box.row.value = 10
    >>> box.readout.value.startswith("rows 10-17")
    True
    """
    h, wd = image.shape
    row = w.IntSlider(value=h // 2, min=0, max=h - size, description="row")
    col = w.IntSlider(value=wd // 2, min=0, max=wd - size, description="column")
    whole = picture_widget(outline(image, row.value, col.value, size), width=VIEW_WIDTH)
    zoom = w.Image(format="png")
    readout = w.Label()

    def update(_=None):
        patch = window(image, row.value, col.value, size)
        whole.value = to_png(outline(image, row.value, col.value, size))
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(4, 4))
        pixel_heatmap(patch, ax=ax)
        zoom.value = figure_to_png(fig)
        readout.value = (
            f"rows {row.value}-{row.value + size - 1}, columns {col.value}-{col.value + size - 1}:"
            f" values from {patch.min()} to {patch.max()}, mean {patch.mean():.0f}"
        )

    row.observe(update, names="value")
    col.observe(update, names="value")
    update()
    box = w.VBox([wrap_row([row, col]), wrap_row([whole, zoom]), readout])
    box.row, box.col, box.zoom, box.readout = row, col, zoom, readout
    return box


def set_pixel(image: np.ndarray, row: int, col: int, value: int) -> np.ndarray:
    """A copy of a gray uint8 image with one pixel changed (the original is untouched).

    Parameters
    ----------
    image : numpy.ndarray
        The gray image (H, W), uint8.
    row : int
        The pixel's row.
    col : int
        The pixel's column.
    value : int
        The new value, clipped to 0-255.

    Returns
    -------
    numpy.ndarray
        A uint8 copy of ``image`` with pixel (row, col) set to ``value``.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.zeros((3, 3), np.uint8)
    >>> int(set_pixel(img, 1, 1, 255)[1, 1]), int(img[1, 1])
    (255, 0)
    """
    out = np.array(image, dtype=np.uint8, copy=True)
    out[row, col] = int(np.clip(value, 0, 255))
    return out


def pixel_painter(image: np.ndarray) -> w.VBox:
    """Pick a pixel of a small gray uint8 image and set its value with a slider.

    Parameters
    ----------
    image : numpy.ndarray
        The small gray image (H, W), uint8; it is left unchanged (the widget paints a copy).

    Returns
    -------
    ipywidgets.VBox
        Row, column and value sliders, the enlarged image and a line of text; kept as
        ``box.row``, ``box.col``, ``box.value``, ``box.view`` and ``box.label``, and
        ``box.current()`` returns the image as painted so far.

    Examples
    --------
    >>> import numpy as np
    >>> box = pixel_painter(np.zeros((8, 8), np.uint8))
    >>> box.value.value = 200
    >>> int(box.current()[box.row.value, box.col.value])
    200
    """
    h, wd = image.shape
    row = w.IntSlider(value=h // 2, min=0, max=h - 1, description="row")
    col = w.IntSlider(value=wd // 2, min=0, max=wd - 1, description="column")
    value = w.IntSlider(value=int(image[h // 2, wd // 2]), min=0, max=255, description="value")
    scale = max(1, VIEW_WIDTH // max(h, wd))
    view = picture_widget(image, scale)
    label = w.Label()
    state = {"img": image}

    def pick(_=None):
        value.value = int(state["img"][row.value, col.value])
        label.value = f"pixel ({row.value}, {col.value}) = {value.value}"

    def paint(_=None):
        state["img"] = set_pixel(state["img"], row.value, col.value, value.value)
        view.value = to_png(state["img"], scale)
        label.value = f"pixel ({row.value}, {col.value}) = {value.value}"

    row.observe(pick, names="value")
    col.observe(pick, names="value")
    value.observe(paint, names="value")
    pick()
    box = w.VBox([wrap_row([row, col, value]), view, label])
    box.row, box.col, box.value, box.view, box.label = row, col, value, view, label
    box.current = lambda: state["img"]
    return box
