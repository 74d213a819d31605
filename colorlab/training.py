"""Training helpers: one photo as training data, and a live view of training for notebooks."""

from __future__ import annotations

import time

import numpy as np

from colorlab.color import normalize_ab, rgb_to_lab, split_lab


def photo_xy(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The article's X and Y for one photo, as batches of one: L (1, H, W, 1), ab/128 (1, H, W, 2).

    Example:
        >>> import numpy as np
        >>> X, Y = photo_xy(np.ones((8, 8, 3)))
        >>> X.shape, Y.shape, float(X.max())
        ((1, 8, 8, 1), (1, 8, 8, 2), 100.0)
    """
    L, ab = split_lab(rgb_to_lab(rgb))
    return L[None].astype(np.float32), normalize_ab(ab)[None].astype(np.float32)


def center_crop(rgb: np.ndarray, size: int) -> np.ndarray:
    """Resize so the shorter side is ``size``, then cut the central size×size square.

    Example:
        >>> import numpy as np
        >>> center_crop(np.zeros((100, 200, 3), np.float32), 40).shape
        (40, 40, 3)
    """
    from colorlab.images import resize

    rgb = resize(rgb, size) if min(rgb.shape[:2]) != size else rgb
    h, w = rgb.shape[:2]
    top, left = (h - size) // 2, (w - size) // 2
    return rgb[top : top + size, left : left + size]


def fit_photo(
    model, rgb: np.ndarray, epochs: int, steps_per_epoch: int = 10, callbacks=(), verbose: int = 0
):
    """Train ``model`` on one photo: each epoch shows it ``steps_per_epoch`` times.

    Showing the same photo several times per epoch (one ``tf.data`` dataset that repeats it)
    gives Keras longer runs of steps, far cheaper than many one-step epochs.

    Example:
        >>> from colorlab.models import lesson_model
        >>> import numpy as np
        >>> h = fit_photo(lesson_model(width=4), np.random.rand(32, 32, 3), epochs=2)
        >>> len(h.history["loss"])
        2
    """
    import tensorflow as tf

    X, Y = photo_xy(rgb)
    data = tf.data.Dataset.from_tensors((X, Y)).repeat()
    return model.fit(
        data,
        epochs=int(epochs),
        steps_per_epoch=int(steps_per_epoch),
        callbacks=list(callbacks),
        verbose=verbose,
        shuffle=False,
    )


class LiveTraining:
    """A Keras callback factory that draws the loss curve and a colorization as training runs.

    ``every`` sets how many epochs pass between snapshots. In a notebook the figure is
    updated in place; anywhere else it is drawn off-screen (tests use that).

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
        self.snapshots: list[tuple[int, np.ndarray]] = []
        self.seconds = 0.0
        self._handle = None

    def _draw(self, model, epoch: int) -> None:
        import matplotlib.pyplot as plt

        from colorlab.colorize import colorize

        self.snapshots.append((epoch, colorize(model, self.rgb)))
        fig, axes = plt.subplots(1, 3, figsize=(11, 3.2))
        axes[0].plot(range(1, len(self.losses) + 1), self.losses, color="tab:blue")
        axes[0].set(xlabel="epoch", ylabel="MSE loss", yscale="log", title=self.title)
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

    def callback(self):
        """The ``keras.callbacks.Callback`` to pass to ``fit(callbacks=[...])``."""
        import keras

        live = self

        class _Live(keras.callbacks.Callback):
            def on_train_begin(self, logs=None):
                live._start = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                live.losses.append(float((logs or {}).get("loss", np.nan)))
                done = epoch + 1
                if done % live.every == 0 or done == self.params.get("epochs"):
                    live._draw(self.model, done)

            def on_train_end(self, logs=None):
                live.seconds = time.perf_counter() - live._start

        return _Live()
