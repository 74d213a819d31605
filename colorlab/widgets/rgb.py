"""Widgets of lesson 02: mixing red, green and blue, and switching a photo's layers on and off."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from colorlab.plotting import to_png
from colorlab.widgets._views import VIEW_WIDTH, picture_widget, wrap_row

#: Hue ranges (upper limit in degrees) and the everyday name of the color in them.
HUE_NAMES = (
    (15, "red"),
    (45, "orange"),
    (70, "yellow"),
    (165, "green"),
    (195, "cyan"),
    (255, "blue"),
    (290, "purple"),
    (345, "magenta"),
    (360, "red"),
)


def describe_rgb(r: int, g: int, b: int) -> str:
    """Name the color an (R, G, B) triple in 0-255 makes, and which layers make it.

    Named by its hue (the everyday name: yellow is red and green light together), not by
    its largest layer.

    Parameters
    ----------
    r : int
        The red layer, 0-255.
    g : int
        The green layer, 0-255.
    b : int
        The blue layer, 0-255.

    Returns
    -------
    str
        The color's name (``"grayish"`` or ``"dark"`` added when it is pale or dark), a colon,
        and which layers are high.

    Examples
    --------
    >>> describe_rgb(255, 255, 255), describe_rgb(90, 90, 90), describe_rgb(0, 0, 0)
    ('white: all three layers high', 'gray: R = G = B', 'black: all three layers at 0')
    >>> describe_rgb(255, 255, 0), describe_rgb(158, 204, 89)
    ('yellow: red and green layers high', 'green: green layer highest')
    """
    import colorsys

    if r == g == b:
        if r == 255:
            return "white: all three layers high"
        if r == 0:
            return "black: all three layers at 0"
        return "gray: R = G = B"
    hue, saturation, value = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
    name = next(label for limit, label in HUE_NAMES if hue * 360 < limit)
    if saturation < 0.25:
        name = f"grayish {name}"
    elif value < 0.4:
        name = f"dark {name}"
    top = max(r, g, b)
    high = [n for n, v in zip(("red", "green", "blue"), (r, g, b), strict=True) if v >= 0.8 * top]
    if len(high) == 1:
        return f"{name}: {high[0]} layer highest"
    return f"{name}: {' and '.join(high)} layers high"


def swatch_html(r: int, g: int, b: int, width: int = 160, height: int = 90) -> str:
    """A flat color patch as HTML, for an ``ipywidgets.HTML`` (0-255 values).

    Parameters
    ----------
    r : int
        The red layer, 0-255.
    g : int
        The green layer, 0-255.
    b : int
        The blue layer, 0-255.
    width : int
        The patch's width in screen pixels.
    height : int
        The patch's height in screen pixels.

    Returns
    -------
    str
        A ``<div>`` filled with the color, with a thin gray border.

    Examples
    --------
    >>> swatch_html(255, 0, 0)[:39]
    '<div style="width:160px;height:90px;bor'
    """
    return (
        f'<div style="width:{width}px;height:{height}px;border:1px solid #888;'
        f'background:rgb({r},{g},{b})"></div>'
    )


def rgb_mixer() -> w.VBox:
    """Three sliders (R, G, B in 0-255) → a color swatch and what it is.

    Returns
    -------
    ipywidgets.VBox
        The sliders, the swatch and a line of text; kept as ``box.r``, ``box.g``, ``box.b``,
        ``box.swatch`` and ``box.readout``.

    Examples
    --------
    >>> box = rgb_mixer()
    >>> box.r.value, box.g.value, box.b.value = 255, 255, 255
    >>> box.readout.value
    'R 255, G 255, B 255 → white: all three layers high'
    """
    sliders = [
        w.IntSlider(value=v, min=0, max=255, description=n)
        for n, v in (("R", 40), ("G", 160), ("B", 60))
    ]
    swatch = w.HTML()
    readout = w.Label()

    def update(_=None):
        r, g, b = (s.value for s in sliders)
        swatch.value = swatch_html(r, g, b)
        readout.value = f"R {r}, G {g}, B {b} → {describe_rgb(r, g, b)}"

    for s in sliders:
        s.observe(update, names="value")
    update()
    box = w.VBox([wrap_row([w.VBox(sliders), swatch]), readout])
    box.r, box.g, box.b = sliders
    box.swatch, box.readout = swatch, readout
    return box


def keep_channels(rgb: np.ndarray, red: bool, green: bool, blue: bool) -> np.ndarray:
    """The photo with the unticked layers set to 0.

    Parameters
    ----------
    rgb : numpy.ndarray
        The photo, RGB (..., 3).
    red : bool
        Keep the red layer.
    green : bool
        Keep the green layer.
    blue : bool
        Keep the blue layer.

    Returns
    -------
    numpy.ndarray
        A new array of the same shape and dtype, with the layers not kept set to 0.

    Examples
    --------
    >>> import numpy as np
    >>> keep_channels(np.ones((1, 1, 3)), True, False, True)[0, 0].tolist()
    [1.0, 0.0, 1.0]
    """
    mask = np.array([red, green, blue], dtype=rgb.dtype)
    return rgb * mask


def channel_toggles(rgb: np.ndarray) -> w.VBox:
    """Tick boxes for the R, G and B layers of a photo; see what each one adds.

    Parameters
    ----------
    rgb : numpy.ndarray
        The photo, RGB (H, W, 3); floats in [0, 1] or uint8.

    Returns
    -------
    ipywidgets.VBox
        The three tick boxes, the photo and a line of text; kept as ``box.red``, ``box.green``,
        ``box.blue``, ``box.view`` and ``box.readout``.

    Examples
    --------
    >>> import numpy as np
    >>> box = channel_toggles(np.ones((8, 8, 3), np.float32))
    >>> box.red.value = False
    >>> box.readout.value
    'showing: G + B'
    """
    boxes = [
        w.Checkbox(value=True, description=n, indent=False, layout=w.Layout(width="70px"))
        for n in ("R", "G", "B")
    ]
    view = picture_widget(rgb, width=VIEW_WIDTH)
    readout = w.Label()

    def update(_=None):
        flags = [b.value for b in boxes]
        view.value = to_png(keep_channels(rgb, *flags))
        shown = [n for n, f in zip("RGB", flags, strict=True) if f]
        readout.value = "showing: " + (" + ".join(shown) if shown else "nothing (black)")

    for b in boxes:
        b.observe(update, names="value")
    update()
    box = w.VBox([w.HBox(boxes), view, readout])
    box.red, box.green, box.blue = boxes
    box.view, box.readout = view, readout
    return box
