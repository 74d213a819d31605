"""Training: one photo (05), many photos (07-11), classification targets (09), calibration (11)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from colorlab.color import normalize_ab, rgb_to_lab, split_lab
from colorlab.errors import ImageError


def photo_xy(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The article's X and Y for one photo, as batches of one: L (1, H, W, 1), ab/128 (1, H, W, 2).

    Parameters
    ----------
    rgb : numpy.ndarray
        One photo, RGB (H, W, 3), floats in [0, 1].

    Returns
    -------
    X : numpy.ndarray
        Lightness L (1, H, W, 1) in [0, 100], float32: the network's input.
    Y : numpy.ndarray
        ab / 128 (1, H, W, 2) in about [-1, 1], float32: its target.

    Raises
    ------
    ImageError
        Not 3 layers, 0-255 values (divide by 255 first), NaN, or values outside [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = photo_xy(np.ones((8, 8, 3)))
    >>> X.shape, Y.shape, float(X.max())
    ((1, 8, 8, 1), (1, 8, 8, 2), 100.0)
    """
    L, ab = split_lab(rgb_to_lab(rgb))
    return L[None].astype(np.float32), normalize_ab(ab)[None].astype(np.float32)


def fit_photo(
    model, rgb: np.ndarray, epochs: int, steps_per_epoch: int = 10, callbacks=(), verbose: int = 0
):
    """Train ``model`` on one photo: each epoch shows it ``steps_per_epoch`` times.

    Showing the same photo several times per epoch (one ``tf.data`` dataset that repeats it)
    gives Keras longer runs of steps, far cheaper than many one-step epochs.

    Parameters
    ----------
    model : keras.Model
        A compiled colorizer, L (B, H, W, 1) in, ab / 128 (B, H, W, 2) out, such as
        :func:`colorlab.models.lesson_model`.
    rgb : numpy.ndarray
        The photo, RGB (H, W, 3), floats in [0, 1]; H and W multiples of the model's stride.
    epochs : int
        How many epochs to train.
    steps_per_epoch : int
        How many training steps (showings of the photo) make an epoch.
    callbacks : sequence of keras.callbacks.Callback
        More callbacks for ``model.fit``.
    verbose : int
        Keras's progress display: 0 silent, 1 a progress bar, 2 one line per epoch.

    Returns
    -------
    keras.callbacks.History
        What ``model.fit`` recorded: ``history["loss"]`` holds each epoch's loss.

    Raises
    ------
    ImageError
        The photo is not RGB (H, W, 3) floats in [0, 1], as :func:`photo_xy` checks.

    Examples
    --------
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


def classification_targets(
    bins: np.ndarray,
    weights: np.ndarray,
    k: int = 5,
    sigma: float = 5.0,
    packed: bool = False,
):
    """A ``tf.data`` map (L, ab/128) → (L, soft bin targets at 1/4 size, per-pixel weights).

    The in-graph twin of :func:`colorlab.bins.soft_encode` plus class rebalancing: each
    pixel's weight is that of its nearest bin.

    Parameters
    ----------
    bins : numpy.ndarray
        Bin centers (Q, 2) in ab units, such as :func:`colorlab.bins.gamut_bins`.
    weights : numpy.ndarray
        One weight (Q,) per bin, such as :func:`colorlab.bins.class_weights`; all ones for no
        rebalancing.
    k : int
        How many nearest bins share each pixel's target.
    sigma : float
        The Gaussian width of the soft targets, in ab units.
    packed : bool
        For the gated photo model (:func:`colorlab.models.pretrained_photo_model` with
        ``gate=True``): return ``(L, (targets_and_weights, L_and_ab))`` instead, the weights
        as the targets' last channel (:func:`colorlab.losses.rebalanced_cce`) and L with
        ab / 128 for the gate's per-photo loss (:func:`colorlab.losses.rgb_log_mse`).

    Returns
    -------
    callable
        ``fn(L, y)`` for ``Dataset.map``: from L (B, H, W, 1) and ab / 128 (B, H, W, 2) it
        returns ``(L, targets, weights)``, which Keras reads as input, target and sample
        weight. ``targets`` (B, H/4, W/4, Q) soft-encode the mean ab of each 4 × 4 block and sum
        to 1; ``weights`` (B, H/4, W/4) are those of each block's nearest bin.

    Examples
    --------
    >>> from colorlab.bins import gamut_bins
    >>> import numpy as np, tensorflow as tf
    >>> fn = classification_targets(gamut_bins(), np.ones(len(gamut_bins()), "f4"))
    >>> L, t, w = fn(tf.zeros((1, 8, 8, 1)), tf.zeros((1, 8, 8, 2)))
    >>> tuple(t.shape)[1:3], round(float(tf.reduce_sum(t[0, 0, 0])), 4)
    ((2, 2), 1.0)
    """
    import tensorflow as tf

    centers = tf.constant(bins, tf.float32)
    class_w = tf.constant(weights, tf.float32)

    def fn(L, y):
        ab = tf.nn.avg_pool2d(y, 4, 4, "VALID") * 128.0  # targets at the logits' 1/4 size
        d2 = tf.reduce_sum(tf.square(ab[..., None, :] - centers), axis=-1)
        neg, idx = tf.math.top_k(-d2, k)
        w = tf.exp(neg / (2 * sigma**2))
        w = w / tf.reduce_sum(w, axis=-1, keepdims=True)
        targets = tf.reduce_sum(tf.one_hot(idx, len(bins)) * w[..., None], axis=-2)
        pixel_w = tf.gather(class_w, idx[..., 0])
        if packed:
            return L, (tf.concat([targets, pixel_w[..., None]], -1), tf.concat([L, y], -1))
        return L, targets, pixel_w

    return fn


def hint_targets(seed: int = 0, like_share: float = 0.25):
    """A ``tf.data`` map (L, ab/128) → (L with simulated hints, L and ab/128), for the hint model.

    Each batch gets hints drawn from its own true colors by
    :func:`colorlab.hints.simulate_inputs` (NumPy, the code lesson 12 writes out), from one
    random source seeded with ``seed``: the same hints on every run.

    Parameters
    ----------
    seed : int
        Seeds the hints.
    like_share : float
        The share of photos that also get their overall color as the global hint.

    Returns
    -------
    callable
        ``fn(L, y)`` for ``Dataset.map``: the inputs (B, H, W,
        :data:`colorlab.hints.INPUT_CHANNELS`) and the targets L with ab / 128 (B, H, W, 3)
        that :func:`colorlab.losses.rgb_log_mse` reads.

    Examples
    --------
    >>> import tensorflow as tf
    >>> x, y = hint_targets()(tf.zeros((2, 8, 8, 1)), tf.zeros((2, 8, 8, 2)))
    >>> tuple(x.shape), tuple(y.shape)
    ((2, 8, 8, 7), (2, 8, 8, 3))
    """
    import tensorflow as tf

    from colorlab.hints import INPUT_CHANNELS, simulate_inputs

    rng = np.random.default_rng(seed)

    def simulate(L, ab):
        return simulate_inputs(L, ab, rng, like_share)

    def fn(L, y):
        x = tf.numpy_function(simulate, [L, y], tf.float32, stateful=True)
        x = tf.ensure_shape(x, [*L.shape[:-1], INPUT_CHANNELS])
        return x, tf.concat([L, y], -1)

    return fn


def fit_many(
    model,
    images: np.ndarray,
    epochs: int,
    steps_per_epoch: int = 50,
    crop: int = 64,
    batch_size: int = 32,
    validation=None,
    callbacks=(),
    verbose: int = 0,
    seed: int = 0,
    targets=None,
):
    """Train on many photos through the augmented ``tf.data`` pipeline; return the history.

    ``validation`` (RGB array) is center-cropped and checked after every epoch; ``targets``
    is an optional map applied to each (L, ab/128) batch (the classification targets).

    Parameters
    ----------
    model : keras.Model
        A compiled colorizer (L in, ab / 128 out), or with ``targets`` the training model of
        :func:`colorlab.models.classification_model`.
    images : numpy.ndarray
        Training photos, RGB (N, H, W, 3) in [0, 1], at least ``crop`` on each side (or a folder
        of photos, which :func:`colorlab.pipeline.dataset` reads).
    epochs : int
        How many epochs to train.
    steps_per_epoch : int
        Batches per epoch (the photos are repeated without end).
    crop : int
        The side of the square crops trained on.
    batch_size : int
        Crops per batch.
    validation : numpy.ndarray, optional
        Validation photos, RGB (M, H, W, 3) in [0, 1], center-cropped to ``crop`` and not
        augmented; Keras records ``val_loss`` after every epoch.
    callbacks : sequence of keras.callbacks.Callback
        More callbacks for ``model.fit``.
    verbose : int
        Keras's progress display: 0 silent, 1 a progress bar, 2 one line per epoch.
    seed : int
        Seeds the shuffling and the augmentation, for reproducible runs.
    targets : callable, optional
        A map applied to every (L, ab / 128) batch, for training and validation alike, such
        as :func:`classification_targets`.

    Returns
    -------
    keras.callbacks.History
        What ``model.fit`` recorded: ``history["loss"]`` (and ``["val_loss"]``) per epoch.

    Raises
    ------
    ImageError
        ``images`` or ``validation`` are not RGB (N, H, W, 3) or are smaller than ``crop``, or
        a folder holds no photo to learn from.

    Examples
    --------
    >>> from colorlab.models import lesson_model
    >>> import numpy as np
    >>> h = fit_many(lesson_model(width=4), np.random.rand(4, 40, 40, 3).astype("f4"),
    ...              epochs=1, steps_per_epoch=2, crop=32, batch_size=2)
    >>> list(h.history)
    ['loss']
    """
    from colorlab.pipeline import dataset

    train = dataset(images, crop=crop, batch_size=batch_size, repeat=True, seed=seed)
    val = None
    if validation is not None:
        val = dataset(
            validation, crop=crop, batch_size=batch_size, augment_data=False, shuffle=False
        )
    if targets is not None:
        train = train.map(targets)
        val = val.map(targets) if val is not None else None
    return model.fit(
        train,
        epochs=int(epochs),
        steps_per_epoch=int(steps_per_epoch),
        validation_data=val,
        callbacks=list(callbacks),
        verbose=verbose,
        shuffle=False,
    )


# ------------------------------------------------------------------ real photos (10)


def _psnrs(model, photos, opaque=None) -> tuple[np.ndarray, np.ndarray]:
    """Per-photo PSNR of ``model`` (colorizing each photo's gray version) and of gray.

    ``opaque``: one boolean (H, W) mask (or None) per photo; only those pixels count.
    """
    from colorlab.color import to_gray
    from colorlab.colorize import colorize
    from colorlab.metrics import psnr

    photos, opaque = list(photos), _masks_for(photos, opaque)
    model_psnr, gray_psnr = [], []
    for rgb, mask in zip(photos, opaque, strict=True):
        gray = to_gray(rgb)
        model_psnr.append(psnr(rgb, colorize(model, gray), mask))
        gray_psnr.append(psnr(rgb, gray, mask))
    return np.array(model_psnr), np.array(gray_psnr)


def _masks_for(photos, opaque) -> list:
    """``opaque`` as a list of one mask (or None) per photo, each checked against its photo."""
    photos = list(photos)
    if opaque is None:
        return [None] * len(photos)
    opaque = list(opaque)
    if len(opaque) != len(photos):
        raise ValueError(
            f"opaque holds {len(opaque)} masks for {len(photos)} photos: give one per photo "
            "(None for a photo without transparency)."
        )
    for k, (rgb, mask) in enumerate(zip(photos, opaque, strict=True), 1):
        if mask is not None and np.shape(mask) != np.shape(rgb)[:2]:
            raise ImageError(
                f"opaque mask {k} is {np.shape(mask)} but photo {k} is {np.shape(rgb)[:2]}: "
                "each mask needs one True or False per pixel of its photo."
            )
    return opaque


def gain_over_gray(model, photos, opaque=None) -> dict[str, float]:
    """Mean PSNR of ``model`` and of the gray baseline over color photos at their own size.

    Each photo is made gray, colorized with :func:`colorlab.colorize` (at the model's
    working size) and compared with the truth, on its opaque pixels when ``opaque`` says
    which they are.

    Parameters
    ----------
    model : keras.Model
        Any colorizer of the course (what :func:`colorlab.colorize` takes).
    photos : sequence of numpy.ndarray
        Color photos, each RGB (H, W, 3) in [0, 1], of any size.
    opaque : sequence of numpy.ndarray, optional
        For each photo, a boolean (H, W) mask of its opaque pixels, or None for all of them
        (what ``cl.pipeline.load_folder(..., opacity=True)`` and
        ``cl.datasets.color_photos(..., opacity=True)`` return): a photo's transparent part
        is left out of its score.

    Returns
    -------
    dict
        ``{"psnr", "gray_psnr", "gain", "above_gray"}``, floats: the mean PSNRs (dB) of the
        model and of gray; the gain, the mean PSNR minus gray's; and ``above_gray``, the share
        of photos where the model beats gray.

    Raises
    ------
    ImageError
        A photo is not RGB (H, W, 3) floats in [0, 1], or a mask is not its (H, W) or
        holds no opaque pixel.
    ValueError
        ``opaque`` does not hold one mask per photo.

    Examples
    --------
    >>> from colorlab.models import photo_model
    >>> model = photo_model(width=4, working_size=32)
    >>> sorted(gain_over_gray(model, [np.ones((40, 48, 3)) / 2]))
    ['above_gray', 'gain', 'gray_psnr', 'psnr']
    """
    return _summary(*_psnrs(model, photos, opaque))


def gain_with_hints(
    model, photos, counts=(0, 1, 2, 5, 10, 20), seed: int = 0
) -> list[dict[str, float]]:
    """Mean PSNR over gray of a hint model given 0, 1, 2, … hints at random places.

    For each photo, ``max(counts)`` random pixels are drawn once
    (:func:`colorlab.hints.random_hints`, with the truth's color there) and the first
    ``n`` of them are given for count ``n``: more hints only add points.

    Parameters
    ----------
    model : keras.Model
        A hint model (:func:`colorlab.models.hint_photo_model`).
    photos : sequence of numpy.ndarray
        Color photos, RGB (H, W, 3) in [0, 1], each at its own size.
    counts : sequence of int
        The numbers of hints to measure.
    seed : int
        Seeds the points (photo ``i`` uses ``seed + i``).

    Returns
    -------
    list of dict
        Per count: ``hints``, ``psnr``, ``gray_psnr``, ``gain`` (dB over gray, the mean of
        per-photo differences), ``above_gray`` (share of photos) and ``sem`` (the gain's
        standard error over photos).

    Raises
    ------
    ValueError
        ``photos`` is empty.

    Examples
    --------
    >>> from colorlab.models import hint_photo_model, pretrained_photo_model, stand_in_backbone
    >>> photo = pretrained_photo_model(stand_in_backbone(2), width=2, working_size=32)[1]
    >>> m = hint_photo_model(photo)
    >>> rows = gain_with_hints(m, [np.random.rand(40, 48, 3)], counts=(0, 2))
    >>> [r["hints"] for r in rows]
    [0, 2]
    """
    from colorlab.color import to_gray
    from colorlab.colorize import colorize
    from colorlab.hints import random_hints
    from colorlab.metrics import psnr

    photos = list(photos)
    if not photos:
        raise ValueError("gain_with_hints needs at least one color photo to measure.")
    grays, gray_psnr, points = [], [], []
    for i, rgb in enumerate(photos):
        grays.append(to_gray(rgb))
        gray_psnr.append(psnr(rgb, grays[-1]))
        points.append(random_hints(rgb, max(counts), np.random.default_rng(seed + i)))
    gray_psnr = np.array(gray_psnr)
    rows = []
    for n in counts:
        got = np.array(
            [
                psnr(rgb, colorize(model, gray, hints=hints[:n]))
                for rgb, gray, hints in zip(photos, grays, points, strict=True)
            ]
        )
        row = {"hints": int(n), **_summary(got, gray_psnr)}
        row["sem"] = (
            float((got - gray_psnr).std(ddof=1) / np.sqrt(len(got))) if len(got) > 1 else 0.0
        )
        row["photos"] = len(got)
        rows.append(row)
    return rows


def _summary(m: np.ndarray, g: np.ndarray) -> dict[str, float]:
    """:func:`gain_over_gray`'s dictionary from per-photo PSNRs of the model and of gray."""
    return {
        "psnr": float(m.mean()),
        "gray_psnr": float(g.mean()),
        "gain": float((m - g).mean()),
        "above_gray": float((m > g).mean()),
    }


#: Below this many held-back photos, which model is best is mostly chance: the guard of
#: :func:`fit_photos` still keeps the one that scores best, and says it is too few to be sure.
FEW_HELD_BACK = 5


@dataclass(frozen=True)
class Kept:
    """Which weights :func:`fit_photos` ended with, and why: ``history.kept``.

    ``epoch`` is the epoch whose weights were kept, 0 for the model as it started (when
    the start was measured, ``keep_start``); the gains are mean dB over gray on the
    held-back photos; ``better`` counts the photos on which the kept weights beat the
    start's (None when the start was not measured).

    Examples
    --------
    >>> Kept(epoch=0, epochs=6, gain=0.2, start_gain=0.2, best_epoch=2, best_epoch_gain=-0.5,
    ...      photos=12, better=None).message  # doctest: +ELLIPSIS
    'kept the model as it started: no epoch beat its +0.20 dB over gray ... made it worse.'
    """

    epoch: int
    epochs: int
    gain: float
    start_gain: float | None
    best_epoch: int
    best_epoch_gain: float
    photos: int
    better: int | None

    @property
    def improved(self) -> bool:
        """Whether the kept weights are trained ones (epoch 0 is the model as it started)."""
        return self.epoch > 0

    @property
    def message(self) -> str:
        """One line: which weights were kept and why, in the held-back photos' numbers."""
        on = f"on the {self.photos} held-back photo{'s' * (self.photos != 1)}"
        if self.epoch == 0:
            line = (
                f"kept the model as it started: no epoch beat its {self.start_gain:+.2f} dB over "
                f"gray {on} (the best, epoch {self.best_epoch}, scored "
                f"{self.best_epoch_gain:+.2f}), so training made it worse."
            )
        elif self.start_gain is None:
            line = f"kept epoch {self.epoch} of {self.epochs}: {self.gain:+.2f} dB over gray {on}."
        else:
            line = (
                f"kept epoch {self.epoch} of {self.epochs}: {self.gain:+.2f} dB over gray {on}, "
                f"against {self.start_gain:+.2f} for the model as it started (better on "
                f"{self.better} of {self.photos})."
            )
        if self.photos < FEW_HELD_BACK:
            line = line[:-1] + (
                f"; {self.photos} held-back photo{'s are' if self.photos != 1 else ' is'} too "
                f"few to be sure (at least {FEW_HELD_BACK} tell more): add photos."
            )
        return line


def fit_photos(
    model,
    images: np.ndarray,
    epochs: int,
    steps_per_epoch: int = 100,
    crop: int = 128,
    batch_size: int = 16,
    validation=None,
    minutes: float | None = None,
    keep_best: bool | None = None,
    keep_start: bool = False,
    zoom: float = 0.25,
    verbose: int = 0,
    seed: int = 0,
    callbacks=(),
    targets=None,
    colorizer=None,
    validation_opaque=None,
):
    """Train a photo colorizer on many photos; return a history with the validation gain.

    The model must be compiled by :func:`colorlab.models.compile_for_photos` (the photo
    model is). ``images`` (N, S, S, 3) are photos center-cropped to S ≥ ``crop``; each step takes a
    batch of random crops (zoomed up to ``zoom``, flipped). The learning rate follows a
    cosine from its start value to 5% of it over ``epochs`` (or over ``minutes``, whichever
    ends first, for a time budget). With an EMA optimizer (the photo model's), the averaged
    weights are what is validated and kept. ``validation``: a list of color photos of any
    size; after each epoch :func:`gain_over_gray` measures them, and ``history["val_gain"]``
    records it. ``keep_best`` (the default with ``validation``) ends with the weights of the
    best epoch instead of the last. For fine-tuning, ``keep_start`` also measures the model
    as it starts and counts it among the candidates: when no epoch beats it, the model ends
    as it started, so training never leaves it worse on the held-back photos.
    ``history.kept`` (a :class:`Kept`) says which weights were kept and why, in one line
    (``history.kept.message``).

    Parameters
    ----------
    model : keras.Model
        A photo colorizer compiled by :func:`colorlab.models.compile_for_photos`, such as
        :func:`colorlab.models.photo_model`.
    images : numpy.ndarray
        Training photos, RGB (N, S, S, 3) in [0, 1] with S ≥ ``crop`` (or a folder of photos,
        which :func:`colorlab.pipeline.dataset` reads).
    epochs : int
        How many epochs to train at most (fewer when ``minutes`` runs out first).
    steps_per_epoch : int
        Batches per epoch.
    crop : int
        The side of the square crops trained on.
    batch_size : int
        Crops per batch.
    validation : sequence of numpy.ndarray, optional
        Color photos, RGB (H, W, 3) in [0, 1] of any size, measured by :func:`gain_over_gray`
        after each epoch; without them nothing is validated.
    minutes : float, optional
        A time budget: the learning rate's cosine follows the clock as well, and training
        stops after the first epoch that ends past it.
    keep_best : bool, optional
        End with the weights of the epoch with the best validation gain (needs
        ``validation``); by default True when ``validation`` is given.
    keep_start : bool
        Measure the model on ``validation`` before training and keep its starting weights
        if no epoch beats them (for fine-tuning a trained model; needs ``validation``). Its
        score is logged each epoch as ``val_start_gain``, which
        :class:`colorlab.plotting.LiveTraining` draws as a line.
    zoom : float
        The random zoom: each photo's shorter side is scaled to between ``crop`` and
        ``crop·(1 + zoom)`` before a crop is cut.
    verbose : int
        Keras's progress display; above 0, each epoch's validation is printed too.
    seed : int
        Seeds the shuffling and the augmentation, for reproducible runs.
    callbacks : sequence of keras.callbacks.Callback
        More callbacks for ``model.fit``.
    targets : callable, optional
        A ``Dataset.map`` from (L, ab / 128) batches to what ``model`` trains on, such as
        :func:`classification_targets` for a classification model; by default L with the
        targets for the photo losses.
    colorizer : keras.Model, optional
        The model that colors photos with ``model``'s weights, when ``model`` is a training
        network with other outputs (:func:`colorlab.models.pretrained_photo_model`); it is
        what ``validation`` measures. By default ``model`` itself.
    validation_opaque : sequence of numpy.ndarray, optional
        For each validation photo, a boolean (H, W) mask of its opaque pixels or None, as
        :func:`gain_over_gray` takes: transparent parts are left out of every score.

    Returns
    -------
    keras.callbacks.History
        What ``model.fit`` recorded; with ``validation``, also ``history["val_psnr"]``,
        ``["val_gray_psnr"]``, ``["val_gain"]`` and ``["val_above_gray"]`` per epoch, and
        ``history.kept``, a :class:`Kept` (None without ``validation``).

    Raises
    ------
    ValueError
        ``model`` is not compiled with a photo loss (call
        :func:`colorlab.models.compile_for_photos` first).
    ImageError
        ``images`` are not RGB (N, S, S, 3) or are smaller than ``crop``, or a validation
        photo is not RGB (H, W, 3) in [0, 1].
    ValueError
        ``keep_start`` or ``keep_best`` without ``validation``, or ``validation_opaque``
        without ``validation`` or not holding one mask per validation photo (a mask of the
        wrong shape is an ImageError naming it).

    Examples
    --------
    >>> from colorlab.models import photo_model
    >>> m = photo_model(width=4, working_size=32, steps_per_execution=1)
    >>> h = fit_photos(m, np.random.rand(4, 40, 40, 3).astype("f4"), epochs=2,
    ...                steps_per_epoch=2, crop=32, batch_size=2, keep_start=True,
    ...                validation=[np.random.rand(40, 56, 3)])
    >>> len(h.history["val_gain"]), h.kept.epoch in (0, 1, 2)
    (2, True)
    """
    import keras

    from colorlab.losses import LOSSES
    from colorlab.pipeline import dataset

    if targets is None and model.loss not in LOSSES.values():
        raise ValueError(
            "fit_photos trains with the photo losses, which see L beside the targets: "
            "compile the model with cl.models.compile_for_photos(model) first."
        )
    if keep_best is None or keep_start:  # the start is kept only as the best so far
        keep_best = bool(validation) or bool(keep_start)
    if (keep_best or keep_start) and not validation:
        raise ValueError(
            "keep_best and keep_start choose weights by their score on held-back photos: "
            "pass validation=[...] (color photos kept out of training)."
        )
    if validation_opaque is not None:
        if not validation:
            raise ValueError("validation_opaque needs validation=[...], the photos it masks.")
        validation_opaque = _masks_for(validation, validation_opaque)  # checked before training
    train = dataset(images, crop=crop, batch_size=batch_size, repeat=True, seed=seed, zoom=zoom)
    if targets is None:
        # The photo losses see L with the targets (rgb_log_mse needs it to compute RGB).
        targets = lambda L, y: (L, keras.ops.concatenate([L, y], axis=-1))  # noqa: E731
    train = train.map(targets)
    measured = model if colorizer is None else colorizer
    start_lr = float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))
    budget = None if minutes is None else 60.0 * float(minutes)
    state = {"start": time.perf_counter(), "best": -np.inf, "weights": None, "last": None}
    state.update(epoch=None, start_gain=None, start_psnr=None, scores=[])
    if keep_start:
        # The guard: the model as it starts is a candidate like any epoch, measured first.
        start_psnr, gray = _psnrs(measured, validation, validation_opaque)
        state.update(start_gain=float((start_psnr - gray).mean()), start_psnr=start_psnr)
        state.update(best=state["start_gain"], weights=model.get_weights(), epoch=0)
        if verbose:
            print(
                f"the model as it starts: {state['start_gain']:+.2f} dB over gray on the "
                f"{len(validation)} held-back photos",
                flush=True,
            )

    class _Schedule(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            progress = epoch / max(1, int(epochs))
            if budget:
                progress = max(progress, (time.perf_counter() - state["start"]) / budget)
            lr = start_lr * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * min(progress, 1.0))))
            self.model.optimizer.learning_rate.assign(lr)

        def on_epoch_end(self, epoch, logs=None):
            logs = logs if logs is not None else {}
            state["last"] = self.model.get_weights()  # the averaged ones, with EMA
            if validation is not None:
                psnrs, gray = _psnrs(measured, validation, validation_opaque)
                result = _summary(psnrs, gray)
                logs.update({f"val_{k}": v for k, v in result.items()})
                if state["start_gain"] is not None:
                    logs["val_start_gain"] = state["start_gain"]
                state["scores"].append((result["gain"], psnrs))
                if result["gain"] > state["best"]:
                    state["best"], state["weights"] = result["gain"], self.model.get_weights()
                    state["epoch"] = epoch + 1
                if verbose:
                    print(
                        f"epoch {epoch + 1}: validation PSNR {result['psnr']:.2f} dB, "
                        f"{result['gain']:+.2f} dB over gray, above gray on "
                        f"{result['above_gray']:.0%} of photos",
                        flush=True,
                    )
            if budget and time.perf_counter() - state["start"] > budget:
                self.model.stop_training = True

    ema = bool(getattr(model.optimizer, "use_ema", False))
    # SwapEMAWeights puts the averaged weights in the model at each epoch's end (for the
    # validation above) and the raw ones back when the next epoch starts.
    swap = [keras.callbacks.SwapEMAWeights(swap_on_epoch=True)] if ema else []
    history = model.fit(
        train,
        epochs=int(epochs),
        steps_per_epoch=int(steps_per_epoch),
        callbacks=[*swap, _Schedule(), *callbacks],
        verbose=verbose,
        shuffle=False,
    )
    # End with the weights that were validated (the averaged ones, with EMA), whichever
    # epoch stopped the run: Keras's own end-of-fit swap assumes the last planned epoch.
    if keep_best and state["weights"] is not None:
        model.set_weights(state["weights"])
    elif state["last"] is not None:
        model.set_weights(state["last"])
    history.kept = _kept(state, keep_best, len(validation or ()))
    return history


def _kept(state: dict, keep_best: bool, photos: int) -> Kept | None:
    """The :class:`Kept` record of a finished :func:`fit_photos` run (None: nothing measured)."""
    scores = state["scores"]
    if not scores:
        return None
    gains = [g for g, _ in scores]
    best = int(np.nanargmax(gains)) if not np.isnan(gains).all() else len(gains) - 1
    if keep_best and state["epoch"] is not None:
        epoch = state["epoch"]  # 0: the start, which no epoch beat
    else:  # the last epoch: not keeping the best, or no epoch scored a number
        epoch = len(scores)
    kept_psnr = state["start_psnr"] if epoch == 0 else scores[epoch - 1][1]
    better = None
    if state["start_psnr"] is not None:
        better = int((kept_psnr > state["start_psnr"]).sum()) if epoch else 0
    return Kept(
        epoch=int(epoch),
        epochs=len(scores),
        gain=float(state["start_gain"] if epoch == 0 else gains[epoch - 1]),
        start_gain=state["start_gain"],
        best_epoch=best + 1,
        best_epoch_gain=float(gains[best]),
        photos=photos,
        better=better,
    )


def with_confidence(model, factor: float):
    """A copy of a photo model whose colors are ``factor`` times as strong (same weights).

    The photo model ends in a ``confidence`` factor on ab (see
    :func:`colorlab.models.photo_model`): below 1 the colors are fainter and safer, above 1
    more vivid and more often wrong. The copy's factor is the model's times ``factor``.

    Parameters
    ----------
    model : keras.Model
        A model built by :func:`colorlab.models.photo_model` (it has the ``confidence`` and
        ``working_size`` layers).
    factor : float
        What the model's own factor is multiplied by: below 1 fainter, above 1 more vivid.

    Returns
    -------
    keras.Model
        A new photo model with the same weights, width, working size and global branch, and
        the factor times ``factor``; compiled afresh with
        :func:`colorlab.models.photo_model`'s defaults.

    Raises
    ------
    ValueError
        ``model`` has no ``confidence`` or ``working_size`` layer (it is not a photo model).

    Examples
    --------
    >>> from colorlab.models import photo_model
    >>> m = photo_model(width=4, working_size=32)
    >>> float(with_confidence(m, 2.0).get_layer("confidence").scale)
    2.0
    """
    import keras

    from colorlab.models import photo_model

    config = {layer.name: layer for layer in model.layers}
    if "confidence" not in config or "working_size" not in config:
        raise ValueError("only models built by cl.models.photo_model have a confidence factor.")
    # The first convolution has `width` filters (photo_model's argument).
    width = next(x for x in model.layers if isinstance(x, keras.layers.Conv2D)).filters
    copy = photo_model(
        width=width,
        working_size=config["working_size"].size,
        global_features="summary" in config,
        confidence=float(config["confidence"].scale) * float(factor),
    )
    copy.set_weights(model.get_weights())
    return copy


def calibrate(model, photos, factors=(0.5, 0.6, 0.7, 0.8, 0.9, 1.0)):
    """Fit the photo model's confidence factor on ``photos``; return (new model, factor, gains).

    Each factor scales the predicted ab (:func:`with_confidence`) and is scored by its mean
    gain over gray on the photos (colorized from gray at their own size, as
    :func:`gain_over_gray` measures). The best factor is kept only if it beats 1 (the
    network as trained) by more than the noise: one standard error of the photos'
    differences between the two. A change the photos cannot tell from chance is not made
    (the "one standard error" rule of model selection): with ~100 photos, a few nearly gray
    ones can favor any factor. Fit it on photos held out of training, never on the ones
    you report.

    Parameters
    ----------
    model : keras.Model
        A model built by :func:`colorlab.models.photo_model`.
    photos : sequence of numpy.ndarray
        Color photos held out of training, each RGB (H, W, 3) in [0, 1], of any size.
    factors : sequence of float
        The factors to try, each relative to the model's own; the one-standard-error rule
        applies only when 1.0 is among them (and there is more than one photo).

    Returns
    -------
    model : keras.Model
        A copy of ``model`` with the chosen factor (:func:`with_confidence`), even when it
        is 1.
    factor : float
        The chosen factor.
    gains : dict
        Each factor's mean gain over gray in dB, keyed by the factor as a float.

    Raises
    ------
    ValueError
        ``model`` is not a photo model (see :func:`with_confidence`), or ``factors`` is empty.
    ImageError
        A photo is not RGB (H, W, 3) floats in [0, 1].

    Examples
    --------
    >>> from colorlab.models import photo_model
    >>> m = photo_model(width=4, working_size=32)
    >>> tuned, factor, gains = calibrate(m, [np.random.rand(40, 40, 3)], factors=(0.5, 1.0))
    >>> factor in (0.5, 1.0), sorted(gains)
    (True, [0.5, 1.0])
    """
    psnrs, candidates = {}, {}
    for factor in factors:
        candidates[float(factor)] = candidate = with_confidence(model, factor)
        m, g = _psnrs(candidate, photos)
        psnrs[float(factor)] = m
    gains = {f: float((m - g).mean()) for f, m in psnrs.items()}
    best = max(gains, key=gains.get)
    if 1.0 in psnrs and len(photos) > 1:
        difference = psnrs[best] - psnrs[1.0]
        if difference.mean() <= difference.std(ddof=1) / np.sqrt(len(difference)):
            best = 1.0
    return candidates[best], best, gains
