"""Figures the lessons show: images in rows, swatches, pixel heatmaps with numbers, Lab planes."""

from __future__ import annotations

import io
import time

import matplotlib.pyplot as plt
import numpy as np


def _prepare(img: np.ndarray) -> tuple[np.ndarray, dict]:
    arr = np.asarray(img)
    if arr.ndim == 3 and arr.shape[-1] == 1:
        arr = arr[..., 0]
    if arr.ndim == 2:
        top = 255 if arr.dtype == np.uint8 or arr.max(initial=0) > 1.0 else 1.0
        return arr, {"cmap": "gray", "vmin": 0, "vmax": top}
    return arr, {}


def show(*images: np.ndarray, titles: list[str] | None = None, size: float = 3.2):
    """Show images side by side (gray 2-D arrays in gray, 0-255 or 0-1); return the figure.

    Parameters
    ----------
    images : numpy.ndarray
        The images, as separate arguments: gray (H, W) or (H, W, 1), in [0, 1] or 0-255; or
        RGB (H, W, 3), floats in [0, 1] or uint8.
    titles : list of str or None
        One title per image, shown above it; None for no titles.
    size : float
        Each image's width and height in inches.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, with one axes per image.

    Examples
    --------
    >>> import numpy as np
    >>> fig = show(np.zeros((4, 4)), np.ones((4, 4, 3)), titles=["black", "white"])
    >>> len(fig.axes)
    2
    """
    fig, axes = plt.subplots(1, len(images), figsize=(size * len(images), size), squeeze=False)
    for k, (ax, img) in enumerate(zip(axes[0], images, strict=True)):
        arr, kw = _prepare(img)
        ax.imshow(arr, **kw)
        ax.axis("off")
        if titles:
            ax.set_title(titles[k])
    fig.tight_layout()
    return fig


def _b_axis_cmap():
    from matplotlib.colors import LinearSegmentedColormap

    # No matplotlib colormap runs blue → white → yellow, the b axis of Lab.
    return LinearSegmentedColormap.from_list("b_axis", ["#2458b3", "#ffffff", "#e0b000"])


#: Colormaps for signed quantities, each white at 0: the a axis (green ↔ red/magenta),
#: the b axis (blue ↔ yellow) and any other signed number (an error with a sign).
SIGNED_CMAPS = {"a": "PiYG_r", "b": "b_axis", "signed": "RdBu_r"}


def show_signed(ax, values: np.ndarray, kind: str = "signed", limit: float | None = None):
    """Draw a signed layer (a, b, an error with a sign) with 0 as the neutral white middle.

    A colormap stretched from the minimum to the maximum would paint 0 (a gray pixel,
    no error) in some color, and the eye reads color as "something here". Here the scale
    runs from −limit to +limit (default: the largest magnitude), so 0 is always white.
    ``kind`` is ``"a"``, ``"b"`` or ``"signed"`` (see :data:`SIGNED_CMAPS`). Returns the
    image, for a colorbar.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    values : numpy.ndarray
        The signed layer (H, W), such as a, b, or a prediction minus the truth.
    kind : str
        ``"a"`` (green ↔ red/magenta), ``"b"`` (blue ↔ yellow) or ``"signed"`` (blue ↔ red).
    limit : float or None
        The scale runs from ``-limit`` to ``+limit``; None: the largest magnitude in ``values``
        (1 if they are all 0).

    Returns
    -------
    matplotlib.image.AxesImage
        The image drawn, for a colorbar.

    Raises
    ------
    ValueError
        ``kind`` is not one of ``"a"``, ``"b"`` and ``"signed"``.

    Examples
    --------
    >>> import numpy as np
    >>> fig, ax = plt.subplots()
    >>> im = show_signed(ax, np.array([[0.0, 30.0], [-10.0, 5.0]]), "a")
    >>> im.norm.vmin, im.norm.vmax, float(im.norm(0.0))
    (-30.0, 30.0, 0.5)
    """
    if kind not in SIGNED_CMAPS:
        raise ValueError(f"kind must be one of {', '.join(SIGNED_CMAPS)}, not {kind!r}.")
    values = np.asarray(values, np.float64)
    if limit is None:
        limit = float(np.abs(values).max(initial=0.0)) or 1.0
    cmap = _b_axis_cmap() if SIGNED_CMAPS[kind] == "b_axis" else SIGNED_CMAPS[kind]
    return ax.imshow(values, cmap=cmap, vmin=-float(limit), vmax=float(limit))


def pixel_heatmap(patch: np.ndarray, ax=None, fmt: str = "{:.0f}", vmax: float = 255):
    """Draw a small gray patch with each pixel's value written in its cell; return the axes.

    Parameters
    ----------
    patch : numpy.ndarray
        A small gray patch (h, w), values from 0 to ``vmax``; a dozen pixels on a side is
        about as many as stay readable.
    ax : matplotlib.axes.Axes or None
        The axes to draw on; None makes a new figure sized to the patch.
    fmt : str
        How each value is written, as a :meth:`str.format` pattern (``"{:.0f}"``: whole numbers).
    vmax : float
        The value drawn white: 255 for uint8 pixels, 1 for floats in [0, 1]. Values above half
        of it are written in black, the others in white.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, with one text per pixel and each row and column numbered.

    Examples
    --------
    >>> import numpy as np
    >>> ax = pixel_heatmap(np.arange(16).reshape(4, 4) * 16)
    >>> len(ax.texts)
    16
    """
    patch = np.asarray(patch)
    if ax is None:
        _, ax = plt.subplots(figsize=(0.5 * patch.shape[1] + 1, 0.5 * patch.shape[0] + 0.6))
    ax.imshow(patch, cmap="gray", vmin=0, vmax=vmax)
    for (r, c), v in np.ndenumerate(patch):
        color = "black" if v > vmax / 2 else "white"
        ax.text(c, r, fmt.format(v), ha="center", va="center", color=color, fontsize=8)
    ax.set_xticks(range(patch.shape[1]))
    ax.set_yticks(range(patch.shape[0]))
    ax.tick_params(labelsize=7)
    return ax


def swatches(colors, labels: list[str] | None = None, title: str = "", size: float = 1.6):
    """A row of flat color squares (RGB, 0-255 or 0-1), each labeled below; return the axes.

    Each swatch gets its own column of ``size`` inches, so labels as long as
    ``(180, 255, 180)`` stay apart (:func:`overlapping_labels` is how the tests check).

    Parameters
    ----------
    colors : array_like
        The colors (N, 3), RGB: integers or floats in 0-255, or floats in [0, 1].
    labels : list of str or None
        One label per swatch, written below it; None leaves them unlabeled.
    title : str
        The title above the row.
    size : float
        Each swatch's width in inches.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, with one tick label per swatch.

    Examples
    --------
    >>> ax = swatches([[0, 180, 0], [255, 255, 255]], ["(0, 180, 0)", "(255, 255, 255)"])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['(0, 180, 0)', '(255, 255, 255)']
    """
    colors = np.asarray(colors)
    if colors.dtype.kind == "f" and colors.max(initial=0) > 1:  # 0-255 as floats
        colors = colors / 255
    row, kw = _prepare(colors.reshape(1, -1, colors.shape[-1]))
    _, ax = plt.subplots(figsize=(size * len(colors), size + 0.6))
    ax.imshow(row, aspect="equal", **kw)
    ax.set_xticks(range(len(colors)), labels if labels is not None else [""] * len(colors))
    ax.tick_params(length=0, labelsize=9)
    ax.set_yticks([])
    ax.set_title(title)
    return ax


def overlapping_labels(fig) -> list[tuple[str, str]]:
    """Pairs of neighboring tick labels that overlap once ``fig`` is drawn (none is good).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to check; it is drawn (off-screen) to measure its labels.

    Returns
    -------
    list of tuple of str
        The texts of each pair of neighboring tick labels (on the same axis) whose boxes
        overlap; empty if none do.

    Examples
    --------
    >>> ax = swatches([[0, 0, 0], [1, 1, 1]], ["black", "white"])
    >>> overlapping_labels(ax.figure)
    []
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    pairs = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            boxes = [
                (t.get_text(), t.get_window_extent(renderer))
                for t in axis.get_ticklabels()
                if t.get_visible() and t.get_text()
            ]
            pairs += [
                (a, b)
                for (a, box_a), (b, box_b) in zip(boxes, boxes[1:], strict=False)
                if box_a.overlaps(box_b)
            ]
    return pairs


def to_png(img: np.ndarray, scale: int = 1) -> bytes:
    """Encode an image (gray or RGB, 0-1 floats or uint8) as PNG bytes, enlarged ``scale``×.

    Widgets show these through ``ipywidgets.Image``: much faster than redrawing a figure.

    Parameters
    ----------
    img : numpy.ndarray
        Gray (H, W) or (H, W, 1), or RGB (H, W, 3); floats in [0, 1] (values outside are
        clipped) or uint8.
    scale : int
        Each pixel becomes a ``scale``×``scale`` block (1: the size it is).

    Returns
    -------
    bytes
        The PNG file's bytes, (H·scale) × (W·scale) pixels.

    Examples
    --------
    >>> import numpy as np
    >>> to_png(np.zeros((2, 2, 3)), scale=4)[:4]
    b'\\x89PNG'
    """
    from PIL import Image

    arr = np.asarray(img)
    if arr.dtype != np.uint8:
        arr = np.round(np.clip(arr, 0, 1) * 255).astype(np.uint8)
    if arr.ndim == 3 and arr.shape[-1] == 1:
        arr = arr[..., 0]
    if scale > 1:
        arr = np.repeat(np.repeat(arr, scale, axis=0), scale, axis=1)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    return buf.getvalue()


def figure_to_png(fig) -> bytes:
    """Render a matplotlib figure to PNG bytes and close it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render; it is closed afterwards, so it no longer takes memory.

    Returns
    -------
    bytes
        The PNG file's bytes, rendered at 90 dpi.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> figure_to_png(plt.figure(figsize=(1, 1)))[:4]
    b'\\x89PNG'
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return buf.getvalue()


def loss_curves(history, train_label: str = "training", val_label: str = "validation"):
    """Training and validation loss per epoch (counted from 1), log scale; return the axes.

    Parameters
    ----------
    history : keras.callbacks.History
        What ``model.fit`` returns, or anything whose ``history`` dict holds a ``"loss"`` list
        and, optionally, a ``"val_loss"`` list.
    train_label : str
        The legend's name for the training loss.
    val_label : str
        The legend's name for the validation loss.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, with one line per loss.

    Examples
    --------
    >>> class H:
    ...     history = {"loss": [0.3, 0.2], "val_loss": [0.35, 0.3]}
    >>> len(loss_curves(H()).lines)
    2
    """
    losses = history.history
    epochs = np.arange(1, len(losses["loss"]) + 1)
    _, ax = plt.subplots(figsize=(6, 3.2))
    ax.plot(epochs, losses["loss"], label=train_label)
    if "val_loss" in losses:
        ax.plot(epochs, losses["val_loss"], label=val_label)
    ax.set(yscale="log", xlabel="epoch", ylabel="MSE loss")
    ax.legend()
    return ax


def short_names(names: list[str], width: int = 18) -> list[str]:
    """Names cut to about ``width`` characters for titles and tables, still all different.

    A long name keeps its start and its end (where phones put the number) around "…":
    ``IMG_20230412_181502.jpg`` becomes ``IMG_2023…81502.jpg``. If two names would come out
    the same, the cut is made longer until they differ.

    Parameters
    ----------
    names : list of str
        The names, all different.
    width : int
        The longest a shortened name may be, when that keeps them apart (at least 5).

    Returns
    -------
    list of str
        The names in the same order, each at most ``width`` characters when that keeps them
        apart.

    Examples
    --------
    >>> short_names(["IMG_20230412_181502.jpg", "IMG_20230412_181733.jpg", "cat.png"])
    ['IMG_2023…81502.jpg', 'IMG_2023…81733.jpg', 'cat.png']
    """

    def cut(name: str, w: int) -> str:
        if len(name) <= w:
            return name
        head = (w - 1) // 2
        return f"{name[:head]}…{name[len(name) - (w - 1 - head) :]}"

    longest = max((len(n) for n in names), default=0)
    for w in range(max(5, int(width)), longest + 1):
        short = [cut(n, w) for n in names]
        if len(set(short)) == len(set(names)):
            return short
    return list(names)


def model_grid(rows, scores=True):
    """One row per photo: the photo, then each model's colorization (with its PSNR).

    ``rows`` is a list of ``(title, rgb, results)``, ``results`` as returned by
    :func:`colorlab.metrics.compare_models` ({model name: (colorized, metrics)}).
    ``scores`` (one bool, or one per row) says whether to print the PSNR: a black-and-white
    photo has no colors to measure against. Returns the figure.

    Parameters
    ----------
    rows : list of tuple
        One ``(title, rgb, results)`` per photo: its title, the photo RGB (H, W, 3) in [0, 1],
        and the models' results, ``{model name: (colorized, metrics)}``, where ``metrics``
        holds at least ``"psnr"``.
    scores : bool or list of bool
        Whether to print each colorization's PSNR under its model's name: one bool for every
        row, or one per row.

    Returns
    -------
    matplotlib.figure.Figure
        The figure: one row per photo, the photo first, then one column per model.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.zeros((8, 8, 3))
    >>> fig = model_grid([("photo", img, {"m": (img, {"psnr": 30.0})})])
    >>> [ax.get_title() for ax in fig.axes]
    ['photo', 'm\\n30.0 dB']
    """
    if isinstance(scores, bool):
        scores = [scores] * len(rows)
    cols = 1 + max(len(results) for _, _, results in rows)
    fig, axes = plt.subplots(len(rows), cols, figsize=(2.8 * cols, 2.8 * len(rows)), squeeze=False)
    for r, ((title, rgb, results), scored) in enumerate(zip(rows, scores, strict=True)):
        axes[r, 0].imshow(rgb)
        axes[r, 0].set_title(title)
        for c, (name, (colored, metrics)) in enumerate(results.items(), 1):
            axes[r, c].imshow(colored)
            axes[r, c].set_title(f"{name}\n{metrics['psnr']:.1f} dB" if scored else name)
    for ax in axes.flat:
        ax.axis("off")
    fig.tight_layout()
    return fig


class LiveTraining:
    """A Keras callback factory that draws the loss curve and a colorization as training runs.

    ``every`` sets how many epochs pass between snapshots. In a notebook the figure is
    updated in place; anywhere else it is drawn off-screen (tests use that). When training
    measures held-back photos (:func:`colorlab.training.fit_photos` with ``validation``), a
    second panel draws their score per epoch, dB over gray, beside the training loss, with
    the starting model's score as a dashed line (``keep_start``): the loss can keep falling
    while the held-back photos get worse, and only this panel shows it.

    Example:
        >>> live = LiveTraining(np.random.rand(16, 16, 3), every=1)
        >>> callback = live.callback()
        >>> live.snapshots
        []
    """

    def __init__(self, rgb: np.ndarray, every: int = 5, title: str = "training"):
        self.rgb = rgb
        self.every = max(1, int(every))
        self.title = title
        self.losses: list[float] = []
        self.gains: list[float] = []
        self.start_gain: float | None = None
        self.snapshots: list[tuple[int, np.ndarray]] = []
        self.seconds = 0.0
        self._handle = None

    def _draw(self, model, epoch: int) -> None:
        import matplotlib.pyplot as plt

        from colorlab.colorize import colorize

        self.snapshots.append((epoch, colorize(model, self.rgb)))
        panels = 4 if self.gains else 3
        fig, axes = plt.subplots(1, panels, figsize=(3.7 * panels, 3.2))
        if self.gains:
            self._draw_gains(axes[1])
            axes = np.delete(axes, 1)
        axes[0].plot(range(1, len(self.losses) + 1), self.losses, color="tab:blue")
        # MSE is drawn on a log scale; the photo losses are logarithms already (negative).
        positive = min(self.losses, default=1.0) > 0
        axes[0].set(
            xlabel="epoch",
            ylabel="MSE loss" if positive else "loss (log of the error)",
            yscale="log" if positive else "linear",
            title=self.title,
        )
        axes[1].imshow(self.snapshots[-1][1])
        axes[1].set_title(f"colorized after epoch {epoch}")
        axes[2].imshow(self.rgb)
        axes[2].set_title("the original")
        for ax in axes[1:]:
            ax.axis("off")
        fig.tight_layout()
        try:
            from IPython import get_ipython
            from IPython.display import display

            if get_ipython() is not None:
                if self._handle is None:
                    self._handle = display(fig, display_id=True)
                else:
                    self._handle.update(fig)
        finally:
            plt.close(fig)

    def _draw_gains(self, ax) -> None:
        """The held-back photos' score per epoch, and the starting model's as a dashed line."""
        epochs = range(1, len(self.gains) + 1)
        ax.plot(epochs, self.gains, "o-", color="tab:orange", label="after each epoch")
        if self.start_gain is not None:
            ax.axhline(self.start_gain, color="0.3", ls="--", label="the model as it started")
        ax.axhline(0, color="0.6", lw=0.8)
        ax.set(xlabel="epoch", ylabel="dB over gray", title="held-back photos")
        ax.legend(fontsize=8, loc="best")

    def callback(self):
        """The ``keras.callbacks.Callback`` to pass to ``fit(callbacks=[...])``."""
        import keras

        live = self

        class _Live(keras.callbacks.Callback):
            def on_train_begin(self, logs=None):
                live._start = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                logs = logs or {}
                live.losses.append(float(logs.get("loss", np.nan)))
                if "val_gain" in logs:  # fit_photos measured the held-back photos
                    live.gains.append(float(logs["val_gain"]))
                    live.start_gain = logs.get("val_start_gain", live.start_gain)
                done = epoch + 1
                if done % live.every == 0 or done == self.params.get("epochs"):
                    live._draw(self.model, done)

            def on_train_end(self, logs=None):
                live.seconds = time.perf_counter() - live._start

        return _Live()


def temperature_tradeoff(curves: dict, gray_delta_cf: float, default=None, ax=None):
    """Plot PSNR over gray against ΔCF, one point per temperature, one line per photo set.

    The two measures pull against each other: more color brings ΔCF down and, where the
    color is wrong, PSNR with it. The shaded corner is issue 20's target (PSNR at least
    0.3 dB over gray, ΔCF at most half of gray's).

    Parameters
    ----------
    curves : dict of str to list of dict
        For each photo set (such as ``"validation"``), rows with ``temperature``, ``gain``
        (dB over gray) and ``delta_cf``, as the photo model's card data holds them
        (``settings["validation temperatures"]``).
    gray_delta_cf : float
        The gray baseline's ΔCF (its gain is 0 by definition).
    default : float, optional
        The model's default temperature, ringed.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Examples
    --------
    >>> rows = [dict(temperature=1.0, gain=0.5, delta_cf=0.1),
    ...         dict(temperature=0.3, gain=0.1, delta_cf=0.07)]
    >>> ax = temperature_tradeoff({"validation": rows}, 0.15, default=0.3)
    >>> ax.get_xlabel()
    'ΔCF (lower: colorfulness closer to the truth)'
    >>> plt.close("all")
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    for label, rows in curves.items():
        x = [r["delta_cf"] for r in rows]
        y = [r["gain"] for r in rows]
        (line,) = ax.plot(x, y, marker="o", label=label)
        for r in rows:
            ax.annotate(
                f"{r['temperature']:g}",
                (r["delta_cf"], r["gain"]),
                fontsize=8,
                xytext=(3, 3),
                textcoords="offset points",
                color=line.get_color(),
            )
            if default is not None and r["temperature"] == default:
                ax.plot(r["delta_cf"], r["gain"], "o", ms=12, mfc="none", color="black")
    ax.plot(gray_delta_cf, 0, "s", color="gray", label="gray")
    top = max([0.5] + [r["gain"] + 0.2 for rows in curves.values() for r in rows])
    ax.fill_between([0, gray_delta_cf / 2], 0.3, top, color="green", alpha=0.12, label="target")
    ax.axhline(0, color="gray", lw=1)
    ax.set(
        xlabel="ΔCF (lower: colorfulness closer to the truth)",
        ylabel="PSNR over gray (dB)",
        title="each temperature T: PSNR against colorfulness",
    )
    ax.legend(fontsize=8)
    return ax
