"""Widgets of lessons 05 and 07: train a network with your settings; see augmented crops."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from colorlab.plotting import figure_to_png, to_png
from colorlab.widgets._views import picture_view, show_png, wrap_row


def train_and_colorize(
    rgb: np.ndarray, epochs: int, learning_rate: float, width: int, seed: int = 0
) -> dict:
    """Train a fresh lesson network on one photo; return its losses, colorization and PSNR.

    Parameters
    ----------
    rgb : numpy.ndarray
        The photo, RGB (H, W, 3), floats in [0, 1]; H and W multiples of the network's stride.
    epochs : int
        How many epochs to train (:func:`colorlab.training.fit_photo`).
    learning_rate : float
        Adam's step size.
    width : int
        The number of filters of the network's first layer
        (:func:`colorlab.models.lesson_model`).
    seed : int
        Seeds the network's starting weights, so a run can be repeated.

    Returns
    -------
    dict
        ``"losses"`` (list of float, one per epoch), ``"colorized"`` (RGB (H, W, 3) in [0, 1]),
        ``"psnr"`` and ``"gray_psnr"`` (the colorization's PSNR and the gray photo's, in dB),
        ``"seconds"`` (the training time) and ``"params"`` (the network's parameter count).

    Examples
    --------
    >>> import numpy as np
    >>> out = train_and_colorize(np.random.rand(32, 32, 3), 2, 1e-3, 4)
    >>> len(out["losses"]), out["colorized"].shape
    (2, (32, 32, 3))
    """
    import time

    from colorlab.backend import import_tensorflow_quietly

    import_tensorflow_quietly()  # before the first network module, as cl.models does
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

    Parameters
    ----------
    rgb : numpy.ndarray
        The photo to train on, RGB (H, W, 3), floats in [0, 1]; H and W multiples of the
        network's stride.

    Returns
    -------
    ipywidgets.VBox
        The settings, the Train button, a line of text and the loss curve beside the result
        and the original (hidden until the first run); kept as ``box.epochs``, ``box.lr``,
        ``box.width``, ``box.button``, ``box.readout`` and ``box.view``.

    Examples
    --------
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
    view = picture_view(720, hidden=True)

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
        show_png(view, figure_to_png(fig))
        readout.value = (
            f"{epochs.value} epochs, learning rate {lr.value:.0e}, width {width.value} "
            f"({out['params']:,} parameters): {out['seconds']:.1f} s, "
            f"PSNR {out['psnr']:.1f} dB (gray baseline {out['gray_psnr']:.1f} dB)"
        )

    button.on_click(train)
    box = w.VBox([wrap_row([epochs, lr, width, button]), readout, view])
    box.epochs, box.lr, box.width, box.button = epochs, lr, width, button
    box.readout, box.view = readout, view
    return box


def augmented_examples(rgb: np.ndarray, crop: int, zoom: float, seed: int, n: int = 6):
    """``n`` augmented versions of one photo (random zoom up to ``zoom``, crop, flip).

    Parameters
    ----------
    rgb : numpy.ndarray
        The photo, RGB (H, W, 3), floats in [0, 1], at least ``crop`` pixels on each side.
    crop : int
        The side of each square crop in pixels.
    zoom : float
        The largest zoom: each photo's shorter side is scaled to between ``crop`` and
        ``crop·(1 + zoom)`` before cropping (:func:`colorlab.pipeline.augment`).
    seed : int
        Makes the examples reproducible: the same seed gives the same crops.
    n : int
        How many versions to make.

    Returns
    -------
    numpy.ndarray
        The versions (n, crop, crop, 3), float32 in [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> augmented_examples(np.random.rand(40, 40, 3), 32, 0.25, seed=0, n=3).shape
    (3, 32, 32, 3)
    """
    from colorlab.backend import import_tensorflow_quietly

    import_tensorflow_quietly()  # before the first network module, as cl.pipeline does
    from colorlab.pipeline import augment

    return np.stack(
        [
            np.asarray(augment(rgb.astype(np.float32), crop, seed=np.array([seed, k]), zoom=zoom))
            for k in range(n)
        ]
    )


def augmentation_explorer(rgb: np.ndarray, crop: int = 64) -> w.VBox:
    """Sliders for zoom strength and seed: six random crops of one photo, as training sees it.

    Parameters
    ----------
    rgb : numpy.ndarray
        The photo, RGB (H, W, 3), floats in [0, 1], at least ``crop`` pixels on each side.
    crop : int
        The side of each square crop in pixels.

    Returns
    -------
    ipywidgets.VBox
        The zoom and seed sliders, the six crops in a row and a line of text; kept as
        ``box.zoom``, ``box.seed``, ``box.view`` and ``box.readout``.

    Examples
    --------
    >>> import numpy as np
    >>> box = augmentation_explorer(np.random.rand(80, 80, 3), crop=32)
    >>> box.seed.value = 3
    >>> box.readout.value.startswith("seed 3")
    True
    """
    zoom = w.FloatSlider(value=0.5, min=0.0, max=1.5, step=0.05, description="zoom up to")
    seed = w.IntSlider(value=0, min=0, max=50, description="seed")
    view = picture_view(600)
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
    box = w.VBox([wrap_row([zoom, seed]), view, readout])
    box.zoom, box.seed, box.view, box.readout = zoom, seed, view, readout
    return box
