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


# The widgets below show pictures through ipywidgets.Image (PNG bytes): redrawing a
# matplotlib figure on every slider move would take longer than the second we allow.

import numpy as np  # noqa: E402

from colorlab.plotting import figure_to_png, model_grid, pixel_heatmap, to_png  # noqa: E402

#: Width in pixels of a widget's main picture: about half of a 1024×768 projector's
#: screen, big enough to read from the back of a room (it shrinks on narrower screens).
VIEW_WIDTH = 480


def _image_view(width: int, hidden: bool = False) -> w.Image:
    """An empty PNG view ``width`` pixels wide that shrinks to fit a narrower notebook.

    Without a set width, JupyterLab stretches an Image across the whole output area, so
    a 16×16 crop would fill the screen and push everything below it out of sight.
    ``hidden=True`` keeps it out of sight until ``_show`` gives it a picture (an empty
    Image shows a broken-picture icon).
    """
    layout = w.Layout(width=f"{width}px", max_width="100%", display="none" if hidden else None)
    return w.Image(format="png", layout=layout)


def _row(children: list) -> w.HBox:
    """Widgets side by side that wrap onto the next line when the notebook is narrow
    (a zoomed projector, a small laptop) instead of running off the right edge."""
    return w.HBox(children, layout=w.Layout(flex_flow="row wrap"))


def _show(view: w.Image, png: bytes) -> None:
    """Put ``png`` in ``view`` and make sure it is visible."""
    view.value = png
    view.layout.display = None


def _slider_view(slider, render, name: str, width: int = VIEW_WIDTH) -> w.VBox:
    """One slider above one picture and one line of text, redrawn on every move.

    ``render(value)`` returns ``(png_bytes, text)``; the slider is kept as ``box.<name>``,
    the picture as ``box.view`` and the text as ``box.readout``.
    """
    view, readout = _image_view(width), w.Label()

    def update(_=None):
        view.value, readout.value = render(slider.value)

    slider.observe(update, names="value")
    update()
    box = w.VBox([slider, view, readout])
    setattr(box, name, slider)
    box.view, box.readout = view, readout
    return box


def _image_widget(img: np.ndarray, scale: int = 1, width: int | None = None) -> w.Image:
    view = _image_view(width or img.shape[1] * scale)
    view.value = to_png(img, scale)
    return view


# ------------------------------------------------------------------- lesson 01


def window(image: np.ndarray, row: int, col: int, size: int = 8) -> np.ndarray:
    """The ``size``×``size`` block of pixels whose top-left corner is (row, col), kept inside.

    Example:
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

    Example:
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

    Example:
        >>> import numpy as np
        >>> box = pixel_explorer(np.zeros((64, 64), np.uint8))
        >>> box.row.value = 10
        >>> box.readout.value.startswith("rows 10-17")
        True
    """
    h, wd = image.shape
    row = w.IntSlider(value=h // 2, min=0, max=h - size, description="row")
    col = w.IntSlider(value=wd // 2, min=0, max=wd - size, description="column")
    whole = _image_widget(outline(image, row.value, col.value, size), width=VIEW_WIDTH)
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
    box = w.VBox([_row([row, col]), _row([whole, zoom]), readout])
    box.row, box.col, box.zoom, box.readout = row, col, zoom, readout
    return box


def set_pixel(image: np.ndarray, row: int, col: int, value: int) -> np.ndarray:
    """A copy of a gray uint8 image with one pixel changed (the original is untouched).

    Example:
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

    Example:
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
    view = _image_widget(image, scale)
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
    box = w.VBox([_row([row, col, value]), view, label])
    box.row, box.col, box.value, box.view, box.label = row, col, value, view, label
    box.current = lambda: state["img"]
    return box


# ------------------------------------------------------------------- lesson 02


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

    Example:
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

    Example:
        >>> swatch_html(255, 0, 0)[:39]
        '<div style="width:160px;height:90px;bor'
    """
    return (
        f'<div style="width:{width}px;height:{height}px;border:1px solid #888;'
        f'background:rgb({r},{g},{b})"></div>'
    )


def rgb_mixer() -> w.VBox:
    """Three sliders (R, G, B in 0-255) → a color swatch and what it is.

    Example:
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
    box = w.VBox([_row([w.VBox(sliders), swatch]), readout])
    box.r, box.g, box.b = sliders
    box.swatch, box.readout = swatch, readout
    return box


def keep_channels(rgb: np.ndarray, red: bool, green: bool, blue: bool) -> np.ndarray:
    """The photo with the unticked layers set to 0.

    Example:
        >>> import numpy as np
        >>> keep_channels(np.ones((1, 1, 3)), True, False, True)[0, 0].tolist()
        [1.0, 0.0, 1.0]
    """
    mask = np.array([red, green, blue], dtype=rgb.dtype)
    return rgb * mask


def channel_toggles(rgb: np.ndarray) -> w.VBox:
    """Tick boxes for the R, G and B layers of a photo; see what each one adds.

    Example:
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
    view = _image_widget(rgb, width=VIEW_WIDTH)
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


# ------------------------------------------------------------------- lesson 03


def lab_swatch(L: float, a: float, b: float) -> tuple[np.ndarray, bool]:
    """The sRGB color of one Lab triple, and whether sRGB can show it exactly (in gamut).

    Out-of-gamut colors are clipped; we detect them by converting back and comparing.

    Example:
        >>> rgb, ok = lab_swatch(50, 0, 0)
        >>> ok, lab_swatch(50, 120, -120)[1]
        (True, False)
    """
    from colorlab.color import lab_to_rgb, rgb_to_lab

    lab = np.array([[[L, a, b]]], dtype=np.float64)
    rgb = lab_to_rgb(lab)
    back = rgb_to_lab(rgb.astype(np.float64))
    return rgb[0, 0], bool(np.abs(back - lab).max() < 1.0)


def ab_plane(L: float, n: int = 161, limit: float = 128) -> tuple[np.ndarray, np.ndarray]:
    """All colors with lightness L on an n×n grid of (a, b); return (rgb, in_gamut mask).

    Rows go from b = +limit (top, yellow) to -limit (bottom, blue); columns from a = -limit
    (left, green) to +limit (right, red). Out-of-gamut points are shown gray by the widget.

    Example:
        >>> rgb, ok = ab_plane(50, n=9)
        >>> rgb.shape, bool(ok[4, 4])        # the center (a = b = 0) is a gray, in gamut
        ((9, 9, 3), True)
    """
    from colorlab.color import lab_to_rgb, rgb_to_lab

    axis = np.linspace(-limit, limit, n)
    a, b = np.meshgrid(axis, axis[::-1])
    lab = np.stack([np.full_like(a, L), a, b], axis=-1)
    rgb = lab_to_rgb(lab)
    ok = np.abs(rgb_to_lab(rgb.astype(np.float64)) - lab).max(axis=-1) < 1.0
    return rgb, ok


def lab_explorer() -> w.VBox:
    """L, a, b sliders → the color, with a warning when sRGB cannot show it.

    Example:
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
    box = w.VBox([_row([w.VBox([Ls, As, Bs]), swatch]), readout])
    box.L, box.a, box.b, box.swatch, box.readout = Ls, As, Bs, swatch, readout
    return box


def ab_plane_image(L: float, n: int = 161) -> np.ndarray:
    """The ab plane at lightness L with out-of-gamut points painted mid-gray.

    Example:
        >>> ab_plane_image(50, n=9).shape
        (9, 9, 3)
    """
    rgb, ok = ab_plane(L, n)
    rgb = rgb.copy()
    rgb[~ok] = 0.5
    return rgb


def ab_plane_explorer() -> w.VBox:
    """A lightness slider and the plane of every (a, b) color at that lightness.

    Example:
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

    return _slider_view(w.IntSlider(value=50, min=0, max=100, step=5, description="L"), render, "L")


# ------------------------------------------------------------------- lesson 04


def tanh_to_color(za: float, zb: float, L: float = 65.0) -> dict:
    """Follow two raw network outputs through tanh and ×128 to a color.

    Example:
        >>> d = tanh_to_color(0.0, 10.0)
        >>> round(d["a"], 1), round(d["b"], 1)
        (0.0, 128.0)
    """
    ya, yb = float(np.tanh(za)), float(np.tanh(zb))
    a, b = ya * 128, yb * 128
    rgb, ok = lab_swatch(L, a, b)
    return {"ya": ya, "yb": yb, "a": a, "b": b, "rgb": rgb, "in_gamut": ok}


def tanh_explorer() -> w.VBox:
    """Two sliders for raw outputs z → tanh(z) in (-1, 1) → ×128 → a and b → a color.

    Example:
        >>> box = tanh_explorer()
        >>> box.za.value = 3.0
        >>> "tanh(3.00) = 0.995" in box.readout.value
        True
    """
    za = w.FloatSlider(value=0.5, min=-4, max=4, step=0.05, description="z for a")
    zb = w.FloatSlider(value=0.8, min=-4, max=4, step=0.05, description="z for b")
    swatch = w.HTML()
    readout = w.HTML()
    plot = _image_view(360)

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
    box = w.VBox([_row([w.VBox([za, zb, swatch]), plot]), readout])
    box.za, box.zb, box.swatch, box.readout, box.plot = za, zb, swatch, readout, plot
    return box


# ------------------------------------------------------------------- lesson 05


def train_and_colorize(
    rgb: np.ndarray, epochs: int, learning_rate: float, width: int, seed: int = 0
) -> dict:
    """Train a fresh lesson network on one photo; return its losses, colorization and PSNR.

    Example:
        >>> import numpy as np
        >>> out = train_and_colorize(np.random.rand(32, 32, 3), 2, 1e-3, 4)
        >>> len(out["losses"]), out["colorized"].shape
        (2, (32, 32, 3))
    """
    import time

    from colorlab.colorize import colorize
    from colorlab.metrics import gray_psnr, psnr
    from colorlab.models import lesson_model
    from colorlab.training import fit_photo

    model = lesson_model(width=width, learning_rate=learning_rate, seed=seed)
    start = time.perf_counter()
    history = fit_photo(model, rgb, epochs=epochs)
    seconds = time.perf_counter() - start
    colorized = colorize(model, rgb)
    return {
        "losses": [float(v) for v in history.history["loss"]],
        "colorized": colorized,
        "psnr": psnr(rgb, colorized),
        "gray_psnr": gray_psnr(rgb),
        "seconds": seconds,
        "params": model.count_params(),
    }


def train_explorer(rgb: np.ndarray) -> w.VBox:
    """Pick epochs, learning rate and width, press Train: see the loss curve and the result.

    Example:
        >>> import numpy as np
        >>> box = train_explorer(np.random.rand(32, 32, 3))
        >>> box.epochs.value, box.width.value = 2, 4
        >>> box.button.click()
        >>> box.readout.value.startswith("2 epochs")
        True
    """
    import matplotlib.pyplot as plt

    epochs = w.IntSlider(value=20, min=1, max=60, description="epochs")
    lr = w.FloatLogSlider(
        value=2e-3,
        base=10,
        min=-4,
        max=-1,
        step=0.25,
        description="learning rate",
        readout_format=".0e",
        style={"description_width": "initial"},
    )
    width = w.Dropdown(options=[4, 8, 16, 32], value=16, description="width")
    button = w.Button(description="Train", button_style="primary", icon="play")
    readout = w.Label("Choose the settings and press Train.")
    view = _image_view(720, hidden=True)

    def train(_=None):
        button.disabled = True
        readout.value = "training…"
        try:
            out = train_and_colorize(rgb, epochs.value, lr.value, width.value)
        finally:
            button.disabled = False
        fig, axes = plt.subplots(1, 3, figsize=(11, 3.2))
        axes[0].plot(range(1, len(out["losses"]) + 1), out["losses"])
        axes[0].set(xlabel="epoch", ylabel="MSE loss", yscale="log", title="loss")
        axes[1].imshow(out["colorized"])
        axes[1].set_title(f"colorized: {out['psnr']:.1f} dB")
        axes[2].imshow(rgb)
        axes[2].set_title("original")
        for ax in axes[1:]:
            ax.axis("off")
        fig.tight_layout()
        _show(view, figure_to_png(fig))
        readout.value = (
            f"{epochs.value} epochs, learning rate {lr.value:.0e}, width {width.value} "
            f"({out['params']:,} parameters): {out['seconds']:.1f} s, "
            f"PSNR {out['psnr']:.1f} dB (gray baseline {out['gray_psnr']:.1f} dB)"
        )

    button.on_click(train)
    box = w.VBox([_row([epochs, lr, width, button]), readout, view])
    box.epochs, box.lr, box.width, box.button = epochs, lr, width, button
    box.readout, box.view = readout, view
    return box


# ------------------------------------------------------------------- lesson 06


def saturate(L: np.ndarray, ab: np.ndarray, factor: float) -> np.ndarray:
    """Colors scaled by ``factor`` (0 = gray, 1 = as predicted, 2 = twice as vivid), as RGB.

    Example:
        >>> import numpy as np
        >>> out = saturate(np.full((2, 2, 1), 50.0), np.full((2, 2, 2), 20.0), 0.0)
        >>> bool(np.allclose(out[..., 0], out[..., 1]))     # factor 0: gray
        True
    """
    from colorlab.color import compose_lab, lab_to_rgb

    return lab_to_rgb(compose_lab(L, np.clip(ab * factor, -128, 127)))


def wipe(before: np.ndarray, after: np.ndarray, position: float) -> np.ndarray:
    """``before`` left of ``position`` (0-1 of the width), ``after`` right, a white line between.

    Example:
        >>> import numpy as np
        >>> out = wipe(np.zeros((4, 10, 3)), np.ones((4, 10, 3)), 0.5)
        >>> float(out[0, 0, 0]), float(out[0, 9, 0])
        (0.0, 1.0)
    """
    if before.shape != after.shape:
        raise ValueError(f"before {before.shape} and after {after.shape} must have the same shape.")
    out = np.array(after, dtype=np.float64, copy=True)
    cut = int(round(np.clip(position, 0, 1) * before.shape[1]))
    out[:, :cut] = before[:, :cut]
    if 0 < cut < before.shape[1]:
        out[:, cut] = 1.0
    return out


def saturation_explorer(L: np.ndarray, ab: np.ndarray) -> w.VBox:
    """A slider that scales the predicted ab: from gray (0) through as predicted (1) to vivid.

    Example:
        >>> import numpy as np
        >>> box = saturation_explorer(np.full((8, 8, 1), 50.0), np.full((8, 8, 2), 10.0))
        >>> box.factor.value = 0.0
        >>> box.readout.value.startswith("× 0.00")
        True
    """
    strength = float(np.hypot(ab[..., 0], ab[..., 1]).mean())

    def render(factor):
        text = f"× {factor:.2f}: mean color strength √(a² + b²) = {strength * factor:.1f}"
        return to_png(saturate(L, ab, factor)), text

    factor = w.FloatSlider(value=1.0, min=0.0, max=2.5, step=0.05, description="saturation")
    return _slider_view(factor, render, "factor")


def wipe_explorer(before: np.ndarray, after: np.ndarray, labels=("before", "after")) -> w.VBox:
    """Drag a line across two pictures of the same scene: left of it one, right the other.

    Example:
        >>> import numpy as np
        >>> box = wipe_explorer(np.zeros((8, 8, 3)), np.ones((8, 8, 3)))
        >>> box.position.value = 1.0
        >>> box.readout.value
        'left of the line: before · right of it: after (100% before)'
    """

    def render(position):
        return to_png(wipe(before, after, position)), (
            f"left of the line: {labels[0]} · right of it: {labels[1]} ({position:.0%} {labels[0]})"
        )

    position = w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.01, description="wipe")
    return _slider_view(position, render, "position")


# ------------------------------------------------------------------- lesson 07


def augmented_examples(rgb: np.ndarray, crop: int, zoom: float, seed: int, n: int = 6):
    """``n`` augmented versions of one photo (random zoom up to ``zoom``, crop, flip).

    Example:
        >>> import numpy as np
        >>> augmented_examples(np.random.rand(40, 40, 3), 32, 0.25, seed=0, n=3).shape
        (3, 32, 32, 3)
    """
    from colorlab.pipeline import augment

    return np.stack(
        [
            np.asarray(augment(rgb.astype(np.float32), crop, seed=np.array([seed, k]), zoom=zoom))
            for k in range(n)
        ]
    )


def augmentation_explorer(rgb: np.ndarray, crop: int = 64) -> w.VBox:
    """Sliders for zoom strength and seed: six random crops of one photo, as training sees it.

    Example:
        >>> import numpy as np
        >>> box = augmentation_explorer(np.random.rand(80, 80, 3), crop=32)
        >>> box.seed.value = 3
        >>> box.readout.value.startswith("seed 3")
        True
    """
    zoom = w.FloatSlider(value=0.5, min=0.0, max=1.5, step=0.05, description="zoom up to")
    seed = w.IntSlider(value=0, min=0, max=50, description="seed")
    view = _image_view(600)
    readout = w.Label()

    def update(_=None):
        examples = augmented_examples(rgb, crop, zoom.value, seed.value)
        view.value = to_png(np.concatenate(list(examples), axis=1), 2)
        readout.value = (
            f"seed {seed.value}, zoom up to {zoom.value:.0%}: six {crop}×{crop} "
            "crops the network could see in one epoch"
        )

    zoom.observe(update, names="value")
    seed.observe(update, names="value")
    update()
    box = w.VBox([_row([zoom, seed]), view, readout])
    box.zoom, box.seed, box.view, box.readout = zoom, seed, view, readout
    return box


# ------------------------------------------------------------------- lessons 08-10


def compare_models(rgb: np.ndarray, models: dict) -> dict[str, tuple[np.ndarray, dict]]:
    """Colorize one photo (from its gray version) with each model; (result, metrics) by name.

    Example:
        >>> import numpy as np
        >>> from colorlab.models import lesson_model
        >>> out = compare_models(np.random.rand(16, 16, 3), {"tiny": lesson_model(width=4)})
        >>> out["tiny"][0].shape, "psnr" in out["tiny"][1]
        ((16, 16, 3), True)
    """
    from colorlab.color import to_gray
    from colorlab.colorize import colorize
    from colorlab.metrics import evaluate

    gray = to_gray(rgb)
    return {name: (res := colorize(m, gray), evaluate(rgb, res)) for name, m in models.items()}


def model_picker(images, models: dict, titles=None, describe=None) -> w.VBox:
    """Pick a photo (slider) and a model (buttons): gray input, colorization, original.

    ``describe(image)`` may add a line of text (lesson 08 shows the scene classifier's guess).

    Example:
        >>> import numpy as np
        >>> from colorlab.models import lesson_model
        >>> box = model_picker(np.random.rand(2, 16, 16, 3), {"a": lesson_model(width=4)})
        >>> box.index.value = 2
        >>> box.readout.value.startswith("photo 2 of 2")
        True
    """
    import matplotlib.pyplot as plt

    index = w.IntSlider(value=1, min=1, max=len(images), description="photo")  # counts from 1
    which = w.ToggleButtons(options=list(models), description="model")
    view = _image_view(640)
    readout = w.Label()
    cache: dict = {}

    def update(_=None):
        key = (index.value - 1, which.value)
        img = images[index.value - 1]
        if key not in cache:
            cache[key] = compare_models(img, {which.value: models[which.value]})[which.value]
        result, scores = cache[key]
        fig, axes = plt.subplots(1, 3, figsize=(9, 3.2))
        from colorlab.color import to_gray

        for ax, pic, title in (
            (axes[0], to_gray(img), "gray input"),
            (axes[1], result, which.value),
            (axes[2], img, "original"),
        ):
            ax.imshow(pic)
            ax.set_title(title)
            ax.axis("off")
        fig.tight_layout()
        view.value = figure_to_png(fig)
        name = titles[index.value - 1] if titles is not None else ""
        extra = f" · {describe(img)}" if describe else ""
        readout.value = (
            f"photo {index.value} of {len(images)} {name}: "
            f"PSNR {scores['psnr']:.1f} dB, ΔCF {scores['delta_cf']:.3f}{extra}"
        )

    index.observe(update, names="value")
    which.observe(update, names="value")
    update()
    box = w.VBox([_row([index, which]), view, readout])
    box.index, box.which, box.view, box.readout = index, which, view, readout
    return box


def decode_with_temperature(
    probs: np.ndarray, L: np.ndarray, bins: np.ndarray, temperature: float
) -> np.ndarray:
    """RGB from bin probabilities (H, W, Q) and lightness L (H', W', 1) at temperature T.

    Probabilities at a lower resolution are enlarged to L's size (bilinear) after decoding.

    Example:
        >>> import numpy as np
        >>> from colorlab.bins import gamut_bins
        >>> bins = gamut_bins()
        >>> p = np.full((2, 2, len(bins)), 1 / len(bins))
        >>> decode_with_temperature(p, np.full((8, 8, 1), 50.0), bins, 1.0).shape
        (8, 8, 3)
    """
    from skimage.transform import resize

    from colorlab.bins import annealed_mean
    from colorlab.color import compose_lab, lab_to_rgb

    ab = annealed_mean(probs, bins, temperature)
    if ab.shape[:2] != L.shape[:2]:
        ab = resize(ab, L.shape[:2] + (2,), order=1)
    return lab_to_rgb(compose_lab(L, ab))


def temperature_explorer(probs: np.ndarray, L: np.ndarray, bins: np.ndarray) -> w.VBox:
    """A temperature slider for annealed-mean decoding: from mean (T = 1) to mode (T → 0).

    Example:
        >>> import numpy as np
        >>> from colorlab.bins import gamut_bins
        >>> b = gamut_bins()
        >>> box = temperature_explorer(np.random.rand(2, 2, len(b)), np.full((8, 8, 1), 50.0), b)
        >>> box.temperature.value = 1.0
        >>> box.readout.value.startswith("T = 1.00")
        True
    """
    from colorlab.metrics import colorfulness

    temperature = w.FloatLogSlider(
        value=0.38,
        base=10,
        min=-2,
        max=0,
        step=0.05,
        description="temperature T",
        readout_format=".2f",
        style={"description_width": "initial"},
    )

    def render(T):
        rgb = decode_with_temperature(probs, L, bins, T)
        return to_png(rgb), (
            f"T = {T:.2f}: colorfulness {colorfulness(rgb):.3f} "
            "(T = 1: the plain mean; small T: the most likely bin)"
        )

    return _slider_view(temperature, render, "temperature")


def working_size_explorer(model, rgb: np.ndarray, sizes=(64, 128, 256, 512)) -> w.VBox:
    """A slider over working sizes: the photo colorized with the model run at each size.

    The readout gives the PSNR and how long the colorization took; the model's own
    working size is the slider's starting point (lesson 11).

    Example:
        >>> import numpy as np
        >>> from colorlab.models import photo_model
        >>> box = working_size_explorer(photo_model(width=4, working_size=32),
        ...                             np.random.rand(40, 48, 3), sizes=(16, 32))
        >>> box.size.value = 16
        >>> box.readout.value.startswith("working size 16 px")
        True
    """
    import time

    from colorlab.color import to_gray
    from colorlab.colorize import colorize
    from colorlab.layers import working_size
    from colorlab.metrics import psnr

    own = working_size(model)[0]
    options = sorted(set(sizes) | ({own} if own else set()))
    size = w.SelectionSlider(
        options=options,
        value=own if own in options else options[0],
        description="working size",
        style={"description_width": "initial"},
    )
    gray = to_gray(rgb)

    def render(value):
        start = time.perf_counter()
        colored = colorize(model, gray, working_size=value)
        seconds = time.perf_counter() - start
        trained = " (the size it trained at)" if value == own else ""
        return to_png(np.concatenate([colored, rgb], axis=1)), (
            f"working size {value} px{trained}: {psnr(rgb, colored):.1f} dB "
            f"(gray {psnr(rgb, gray):.1f} dB), {seconds:.2f} s; right: the original"
        )

    return _slider_view(size, render, "size", width=640)


def upload_colorizer(models: dict, size: int = 256) -> w.VBox:
    """A FileUpload button: each uploaded photo is colorized by every model, side by side.

    Color photos are measured against their own colors (with the gray baseline); B&W photos
    have no truth to compare with, so they are only shown. Bad files get a clear message.

    Example:
        >>> box = upload_colorizer({})
        >>> box.readout.value
        'Choose one or more photos (color or black-and-white).'
    """
    import os
    import tempfile

    from colorlab.errors import ImageError
    from colorlab.images import load_image

    upload = w.FileUpload(accept="image/*", multiple=True, description="Upload photos")
    view = _image_view(900, hidden=True)
    readout = w.HTML("Choose one or more photos (color or black-and-white).")
    results: list = []

    def handle(change=None):
        lines, rows = [], []
        for item in upload.value:
            name = item["name"]
            suffix = os.path.splitext(name)[1] or ".png"
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "upload" + suffix)
                with open(path, "wb") as fh:
                    fh.write(bytes(item["content"]))
                try:
                    rgb = load_image(path, size=size)
                except ImageError as exc:
                    lines.append(f"✗ {name}: {str(exc).replace(path, 'the file')}")
                    continue
            from colorlab.metrics import has_color

            is_color = has_color(rgb)
            outs = compare_models(rgb, models)
            rows.append((name, rgb, outs, is_color))
            scores = ", ".join(f"{m}: {s['psnr']:.1f} dB" for m, (_, s) in outs.items())
            if is_color:
                from colorlab.metrics import gray_psnr

                lines.append(f"✓ {name}: {scores} (gray baseline {gray_psnr(rgb):.1f} dB)")
            else:
                lines.append(
                    f"✓ {name}: black-and-white (or nearly gray): no color to compare, so no scores"
                )
        results[:] = rows
        if rows:
            fig = model_grid(
                [(name[:24], rgb, outs) for name, rgb, outs, _ in rows],
                scores=[is_color for *_, is_color in rows],
            )
            _show(view, figure_to_png(fig))
        readout.value = "<br>".join(lines) or "No photo could be read."

    upload.observe(handle, names="value")
    box = w.VBox([upload, readout, view])
    box.upload, box.view, box.readout, box.results = upload, view, readout, results
    box.handle = handle
    return box
