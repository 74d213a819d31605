"""Widgets that show a colorizer's results: lessons 06 and 08-11.

Saturation and a before/after wipe (06), a photo-and-model picker (08, 10), the
temperature of the annealed mean (09), the working size (11) and uploading your own
photos (10).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from colorlab.bins import decode_with_temperature
from colorlab.metrics import compare_models
from colorlab.plotting import figure_to_png, model_grid, to_png
from colorlab.widgets._views import picture_view, show_png, slider_view, wrap_row


def saturate(L: np.ndarray, ab: np.ndarray, factor: float) -> np.ndarray:
    """Colors scaled by ``factor`` (0 = gray, 1 = as predicted, 2 = twice as vivid), as RGB.

    Parameters
    ----------
    L : numpy.ndarray
        Lightness (H, W, 1) in [0, 100].
    ab : numpy.ndarray
        The predicted colors (H, W, 2) in ab units.
    factor : float
        What ``ab`` is multiplied by; the result is clipped to the ab range, [-128, 127].

    Returns
    -------
    numpy.ndarray
        RGB (H, W, 3) in [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> out = saturate(np.full((2, 2, 1), 50.0), np.full((2, 2, 2), 20.0), 0.0)
    >>> bool(np.allclose(out[..., 0], out[..., 1]))     # factor 0: gray
    True
    """
    from colorlab.color import compose_lab, lab_to_rgb

    return lab_to_rgb(compose_lab(L, np.clip(ab * factor, -128, 127)))


def wipe(before: np.ndarray, after: np.ndarray, position: float) -> np.ndarray:
    """``before`` left of ``position`` (0-1 of the width), ``after`` right, a white line between.

    Parameters
    ----------
    before : numpy.ndarray
        The picture shown left of the line, (H, W, C) with values in [0, 1].
    after : numpy.ndarray
        The picture shown right of the line, of the same shape.
    position : float
        Where the line is, as a fraction of the width (0: all ``after``, 1: all ``before``);
        clipped to [0, 1].

    Returns
    -------
    numpy.ndarray
        The combined picture, float64, of the same shape (no line at either edge).

    Raises
    ------
    ValueError
        ``before`` and ``after`` have different shapes.

    Examples
    --------
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

    Parameters
    ----------
    L : numpy.ndarray
        Lightness (H, W, 1) in [0, 100].
    ab : numpy.ndarray
        The predicted colors (H, W, 2) in ab units.

    Returns
    -------
    ipywidgets.VBox
        The slider (0-2.5), the picture and a line of text (the mean color strength); kept as
        ``box.factor``, ``box.view`` and ``box.readout``.

    Examples
    --------
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
    return slider_view(factor, render, "factor")


def wipe_explorer(before: np.ndarray, after: np.ndarray, labels=("before", "after")) -> w.VBox:
    """Drag a line across two pictures of the same scene: left of it one, right the other.

    Parameters
    ----------
    before : numpy.ndarray
        The picture shown left of the line, (H, W, C) with values in [0, 1].
    after : numpy.ndarray
        The picture shown right of the line, of the same shape.
    labels : tuple of str
        The two pictures' names in the text under the picture.

    Returns
    -------
    ipywidgets.VBox
        The slider, the picture and a line of text; kept as ``box.position``, ``box.view`` and
        ``box.readout``.

    Raises
    ------
    ValueError
        ``before`` and ``after`` have different shapes.

    Examples
    --------
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
    return slider_view(position, render, "position")


def model_picker(images, models: dict, titles=None, describe=None) -> w.VBox:
    """Pick a photo (slider) and a model (buttons): gray input, colorization, original.

    ``describe(image)`` may add a line of text (lesson 08 shows the scene classifier's guess).

    Parameters
    ----------
    images : sequence of numpy.ndarray
        The color photos, RGB (H, W, 3) in [0, 1], such as an (N, H, W, 3) array.
    models : dict of str to keras.Model
        The colorizers to choose from, by name (see :func:`colorlab.metrics.compare_models`).
    titles : list of str or None
        One title per photo, shown in the text; None for none.
    describe : callable or None
        Called with the photo shown; the text it returns is added to the line under it.

    Returns
    -------
    ipywidgets.VBox
        The photo slider (counting from 1), the model buttons, the three pictures and a line
        of text (PSNR and ΔCF); kept as ``box.index``, ``box.which``, ``box.view`` and
        ``box.readout``. Each photo and model is colorized once, when first shown.

    Examples
    --------
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
    view = picture_view(640)
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
    box = w.VBox([wrap_row([index, which]), view, readout])
    box.index, box.which, box.view, box.readout = index, which, view, readout
    return box


def temperature_explorer(
    probs: np.ndarray, L: np.ndarray, bins: np.ndarray, truth: np.ndarray | None = None
) -> w.VBox:
    """A temperature slider for annealed-mean decoding: from mean (T = 1) to mode (T → 0).

    Parameters
    ----------
    probs : numpy.ndarray
        Bin probabilities (H, W, Q), such as :func:`colorlab.bins.bin_probabilities` gives.
    L : numpy.ndarray
        Lightness (H', W', 1) in [0, 100]; lower-resolution colors are enlarged to its size.
    bins : numpy.ndarray
        Bin centers (Q, 2) in ab units, such as :func:`colorlab.bins.gamut_bins`.
    truth : numpy.ndarray, optional
        The true photo, RGB (H', W', 3) in [0, 1]: the readout then gives its colorfulness
        too, and ΔCF, how far the decoded photo's is from it.

    Returns
    -------
    ipywidgets.VBox
        The slider (T from 0.01 to 1, log scale), the decoded photo and a line of text (its
        colorfulness, and with ``truth`` the truth's and ΔCF); kept as ``box.temperature``,
        ``box.view`` and ``box.readout``.

    Examples
    --------
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

    truth_cf = None if truth is None else colorfulness(truth)

    def render(T):
        rgb = decode_with_temperature(probs, L, bins, T)
        cf = colorfulness(rgb)
        versus = (
            ""
            if truth_cf is None
            else f"; the truth {truth_cf:.3f}, ΔCF {abs(cf - truth_cf):.3f} (lower is closer)"
        )
        return to_png(rgb), (
            f"T = {T:.2f}: colorfulness {cf:.3f}{versus} "
            "(T = 1: the plain mean; small T: the most likely bin)"
        )

    return slider_view(temperature, render, "temperature")


def working_size_explorer(model, rgb: np.ndarray, sizes=(64, 128, 256, 512)) -> w.VBox:
    """A slider over working sizes: the photo colorized with the model run at each size.

    The readout gives the PSNR and how long the colorization took; the model's own
    working size is the slider's starting point (lesson 11).

    Parameters
    ----------
    model : keras.Model
        The colorizer, such as :func:`colorlab.models.photo_model`.
    rgb : numpy.ndarray
        The color photo, RGB (H, W, 3) in [0, 1]; the model sees only its gray version.
    sizes : sequence of int
        The working sizes (shorter side, in pixels) to offer; the model's own is added.

    Returns
    -------
    ipywidgets.VBox
        The slider, the colorization beside the original and a line of text; kept as
        ``box.size``, ``box.view`` and ``box.readout``.

    Examples
    --------
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

    return slider_view(size, render, "size", width=640)


def upload_colorizer(models: dict, size: int = 256) -> w.VBox:
    """A FileUpload button: each uploaded photo is colorized by every model, side by side.

    Color photos are measured against their own colors (with the gray baseline); B&W photos
    have no truth to compare with, so they are only shown. Bad files get a clear message.
    When a model has a temperature (a classification model such as the shipped
    ``photos``), a *vivid ↔ faithful* slider sets it and the pictures are colored again.

    Parameters
    ----------
    models : dict of str to keras.Model
        The colorizers, by name (see :func:`colorlab.metrics.compare_models`).
    size : int
        Each uploaded photo is resized so its shorter side is ``size`` pixels.

    Returns
    -------
    ipywidgets.VBox
        The upload button, the slider (only with a model that has a temperature), the text
        (one line per file) and the pictures (hidden until a photo is read); kept as
        ``box.upload``, ``box.temperature`` (None without a slider), ``box.readout`` and
        ``box.view``. The photos read, with their results, are in ``box.results``, a list
        of ``(name, rgb, results, is_color)``; ``box.handle()`` processes the current upload.

    Examples
    --------
    >>> box = upload_colorizer({})
    >>> box.readout.value, box.temperature
    ('Choose one or more photos (color or black-and-white).', None)
    """
    import os
    import tempfile

    from colorlab.colorize import temperature_layer
    from colorlab.errors import ImageError
    from colorlab.images import load_image
    from colorlab.metrics import gray_psnr, has_color

    upload = w.FileUpload(accept="image/*", multiple=True, description="Upload photos")
    view = picture_view(900, hidden=True)
    readout = w.HTML("Choose one or more photos (color or black-and-white).")
    results: list = []
    loaded: list = []  # (name, rgb) of the photos read, or (name, error message)
    layers = [temperature_layer(m) for m in models.values()]
    layers = [layer for layer in layers if layer is not None]
    slider = None
    if layers:
        slider = w.FloatSlider(
            value=round(layers[0].temperature, 2),
            min=0.1,
            max=1.0,
            step=0.02,
            description="T",
            continuous_update=False,
            readout_format=".2f",
            layout=w.Layout(width="420px"),
        )
    hint = w.HTML(
        "the annealed mean's temperature: low T gives each pixel its likeliest color, "
        "T = 1 the mean of its likely colors (the model card: what each T does)"
    )

    def render(change=None):
        lines, rows = [], []
        t = None if slider is None else float(slider.value)
        for name, item in loaded:
            if isinstance(item, str):
                lines.append(f"✗ {name}: {item}")
                continue
            rgb = item
            is_color = has_color(rgb)
            outs = compare_models(rgb, models, temperature=t)
            rows.append((name, rgb, outs, is_color))
            scores = ", ".join(f"{m}: {s['psnr']:.1f} dB" for m, (_, s) in outs.items())
            if is_color:
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
            show_png(view, figure_to_png(fig))
        readout.value = "<br>".join(lines) or "No photo could be read."

    def handle(change=None):
        loaded.clear()
        for item in upload.value:
            name = item["name"]
            suffix = os.path.splitext(name)[1] or ".png"
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "upload" + suffix)
                with open(path, "wb") as fh:
                    fh.write(bytes(item["content"]))
                try:
                    loaded.append((name, load_image(path, size=size)))
                except ImageError as exc:
                    loaded.append((name, str(exc).replace(path, "the file")))
        render()

    upload.observe(handle, names="value")
    controls = [upload] if slider is None else [upload, w.HBox([slider, hint])]
    if slider is not None:
        slider.observe(render, names="value")
    box = w.VBox([*controls, readout, view])
    box.upload, box.view, box.readout, box.results = upload, view, readout, results
    box.temperature = slider
    box.handle = handle
    return box
