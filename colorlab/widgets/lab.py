"""Widgets of lessons 03 and 04: a color in Lab, the ab plane, and tanh's way to a color."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from colorlab.color import ab_plane, ab_plane_image, lab_swatch, tanh_to_color
from colorlab.plotting import figure_to_png, to_png
from colorlab.widgets._views import picture_view, slider_view, wrap_row
from colorlab.widgets.rgb import swatch_html


def lab_explorer() -> w.VBox:
    """L, a, b sliders → the color, with a warning when sRGB cannot show it.

    Returns
    -------
    ipywidgets.VBox
        The sliders, the color's swatch and a line of text (the RGB values, and the warning);
        kept as ``box.L``, ``box.a``, ``box.b``, ``box.swatch`` and ``box.readout``.

    Examples
    --------
    >>> box = lab_explorer()
    >>> box.a.value, box.b.value = 120, -120
    >>> "outside" in box.readout.value
    True
    """
    Ls = w.FloatSlider(value=60, min=0, max=100, step=1, description="L")
    As = w.FloatSlider(value=40, min=-128, max=127, step=1, description="a")
    Bs = w.FloatSlider(value=40, min=-128, max=127, step=1, description="b")
    swatch = w.HTML()
    readout = w.HTML()

    def update(_=None):
        rgb, ok = lab_swatch(Ls.value, As.value, Bs.value)
        r, g, b = (int(round(v * 255)) for v in rgb)
        swatch.value = swatch_html(r, g, b)
        text = f"L {Ls.value:.0f}, a {As.value:.0f}, b {Bs.value:.0f} → R {r}, G {g}, B {b}"
        if not ok:
            text += (
                " <b style='color:#c00'>⚠ outside what a screen can show (sRGB): "
                "the swatch is the nearest color it can</b>"
            )
        readout.value = text

    for s in (Ls, As, Bs):
        s.observe(update, names="value")
    update()
    box = w.VBox([wrap_row([w.VBox([Ls, As, Bs]), swatch]), readout])
    box.L, box.a, box.b, box.swatch, box.readout = Ls, As, Bs, swatch, readout
    return box


def ab_plane_explorer() -> w.VBox:
    """A lightness slider and the plane of every (a, b) color at that lightness.

    Returns
    -------
    ipywidgets.VBox
        The slider, the ab plane and a line of text (how much of it a screen can show); kept
        as ``box.L``, ``box.view`` and ``box.readout``.

    Examples
    --------
    >>> box = ab_plane_explorer()
    >>> box.L.value = 90
    >>> "L = 90" in box.readout.value
    True
    """

    def render(L):
        ok = ab_plane(L)[1]
        return to_png(ab_plane_image(L), 2), (
            f"L = {L}: {ok.mean():.0%} of the square is a color a screen can show "
            f"(a: left green → right red; b: bottom blue → top yellow; gray = impossible)"
        )

    return slider_view(w.IntSlider(value=50, min=0, max=100, step=5, description="L"), render, "L")


def tanh_explorer() -> w.VBox:
    """Two sliders for raw outputs z → tanh(z) in (-1, 1) → ×128 → a and b → a color.

    Returns
    -------
    ipywidgets.VBox
        The sliders, the color's swatch, a plot of tanh with both points on it and the
        arithmetic as text; kept as ``box.za``, ``box.zb``, ``box.swatch``, ``box.plot`` and
        ``box.readout``.

    Examples
    --------
    >>> box = tanh_explorer()
    >>> box.za.value = 3.0
    >>> "tanh(3.00) = 0.995" in box.readout.value
    True
    """
    za = w.FloatSlider(value=0.5, min=-4, max=4, step=0.05, description="z for a")
    zb = w.FloatSlider(value=0.8, min=-4, max=4, step=0.05, description="z for b")
    swatch = w.HTML()
    readout = w.HTML()
    plot = picture_view(360)

    def update(_=None):
        import matplotlib.pyplot as plt

        d = tanh_to_color(za.value, zb.value)
        r, g, b = (int(round(v * 255)) for v in d["rgb"])
        swatch.value = swatch_html(r, g, b, width=120, height=80)
        readout.value = (
            f"a: tanh({za.value:.2f}) = {d['ya']:.3f} → ×128 = {d['a']:.1f}<br>"
            f"b: tanh({zb.value:.2f}) = {d['yb']:.3f} → ×128 = {d['b']:.1f}"
            + ("" if d["in_gamut"] else "<br>(outside sRGB: shown as the nearest color)")
        )
        fig, ax = plt.subplots(figsize=(4, 2.6))
        z = np.linspace(-4, 4, 200)
        ax.plot(z, np.tanh(z), color="k")
        ax.axhline(1, ls=":", c="gray")
        ax.axhline(-1, ls=":", c="gray")
        ax.plot([za.value], [d["ya"]], "o", c="tab:red", label="a")
        ax.plot([zb.value], [d["yb"]], "s", c="tab:blue", label="b")
        ax.set_xlabel("z (raw output)")
        ax.set_ylabel("tanh(z)")
        ax.legend(loc="upper left")
        fig.tight_layout()
        plot.value = figure_to_png(fig)

    za.observe(update, names="value")
    zb.observe(update, names="value")
    update()
    box = w.VBox([wrap_row([w.VBox([za, zb, swatch]), plot]), readout])
    box.za, box.zb, box.swatch, box.readout, box.plot = za, zb, swatch, readout, plot
    return box
