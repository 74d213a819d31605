"""Training: one photo (05), many photos (07-11), classification targets (09), calibration (11)."""

from __future__ import annotations

import time

import numpy as np

from colorlab.color import normalize_ab, rgb_to_lab, split_lab


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


def _psnrs(model, photos) -> tuple[np.ndarray, np.ndarray]:
    """Per-photo PSNR of ``model`` (colorizing each photo's gray version) and of gray."""
    from colorlab.color import to_gray
    from colorlab.colorize import colorize
    from colorlab.metrics import psnr

    model_psnr, gray_psnr = [], []
    for rgb in photos:
        gray = to_gray(rgb)
        model_psnr.append(psnr(rgb, colorize(model, gray)))
        gray_psnr.append(psnr(rgb, gray))
    return np.array(model_psnr), np.array(gray_psnr)


def gain_over_gray(model, photos) -> dict[str, float]:
    """Mean PSNR of ``model`` and of the gray baseline over color photos at their own size.

    Each photo is made gray, colorized with :func:`colorlab.colorize` (at the model's
    working size) and compared with the truth.

    Parameters
    ----------
    model : keras.Model
        Any colorizer of the course (what :func:`colorlab.colorize` takes).
    photos : sequence of numpy.ndarray
        Color photos, each RGB (H, W, 3) in [0, 1], of any size.

    Returns
    -------
    dict
        ``{"psnr", "gray_psnr", "gain", "above_gray"}``, floats: the mean PSNRs (dB) of the
        model and of gray; the gain, the mean PSNR minus gray's; and ``above_gray``, the share
        of photos where the model beats gray.

    Raises
    ------
    ImageError
        A photo is not RGB (H, W, 3) floats in [0, 1].

    Examples
    --------
    >>> from colorlab.models import photo_model
    >>> model = photo_model(width=4, working_size=32)
    >>> sorted(gain_over_gray(model, [np.ones((40, 48, 3)) / 2]))
    ['above_gray', 'gain', 'gray_psnr', 'psnr']
    """
    m, g = _psnrs(model, photos)
    return {
        "psnr": float(m.mean()),
        "gray_psnr": float(g.mean()),
        "gain": float((m - g).mean()),
        "above_gray": float((m > g).mean()),
    }


def fit_photos(
    model,
    images: np.ndarray,
    epochs: int,
    steps_per_epoch: int = 100,
    crop: int = 128,
    batch_size: int = 16,
    validation=None,
    minutes: float | None = None,
    keep_best: bool = False,
    zoom: float = 0.25,
    verbose: int = 0,
    seed: int = 0,
    callbacks=(),
    targets=None,
    colorizer=None,
):
    """Train a photo colorizer on many photos; return a history with the validation gain.

    The model must be compiled by :func:`colorlab.models.compile_for_photos` (the photo
    model is). ``images`` (N, S, S, 3) are photos center-cropped to S ≥ ``crop``; each step takes a
    batch of random crops (zoomed up to ``zoom``, flipped). The learning rate follows a
    cosine from its start value to 5% of it over ``epochs`` (or over ``minutes``, whichever
    ends first, for a time budget). With an EMA optimizer (the photo model's), the averaged
    weights are what is validated and kept. ``validation``: a list of color photos of any
    size; after each epoch :func:`gain_over_gray` measures them, and ``history["val_gain"]``
    records it. ``keep_best`` ends with the weights of the best epoch instead of the last.

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
    keep_best : bool
        End with the weights of the epoch with the best validation gain (needs ``validation``).
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

    Returns
    -------
    keras.callbacks.History
        What ``model.fit`` recorded; with ``validation``, also ``history["val_psnr"]``,
        ``["val_gray_psnr"]``, ``["val_gain"]`` and ``["val_above_gray"]`` per epoch.

    Raises
    ------
    ValueError
        ``model`` is not compiled with a photo loss (call
        :func:`colorlab.models.compile_for_photos` first).
    ImageError
        ``images`` are not RGB (N, S, S, 3) or are smaller than ``crop``, or a validation
        photo is not RGB (H, W, 3) in [0, 1].

    Examples
    --------
    >>> from colorlab.models import photo_model
    >>> m = photo_model(width=4, working_size=32, steps_per_execution=1)
    >>> h = fit_photos(m, np.random.rand(4, 40, 40, 3).astype("f4"), epochs=2,
    ...                steps_per_epoch=2, crop=32, batch_size=2,
    ...                validation=[np.random.rand(40, 56, 3)])
    >>> len(h.history["val_gain"])
    2
    """
    import keras

    from colorlab.losses import LOSSES
    from colorlab.pipeline import dataset

    if targets is None and model.loss not in LOSSES.values():
        raise ValueError(
            "fit_photos trains with the photo losses, which see L beside the targets: "
            "compile the model with cl.models.compile_for_photos(model) first."
        )
    train = dataset(images, crop=crop, batch_size=batch_size, repeat=True, seed=seed, zoom=zoom)
    if targets is None:
        # The photo losses see L with the targets (rgb_log_mse needs it to compute RGB).
        targets = lambda L, y: (L, keras.ops.concatenate([L, y], axis=-1))  # noqa: E731
    train = train.map(targets)
    measured = model if colorizer is None else colorizer
    start_lr = float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))
    budget = None if minutes is None else 60.0 * float(minutes)
    state = {"start": time.perf_counter(), "best": -np.inf, "weights": None, "last": None}

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
                result = gain_over_gray(measured, validation)
                logs.update({f"val_{k}": v for k, v in result.items()})
                if result["gain"] > state["best"]:
                    state["best"], state["weights"] = result["gain"], self.model.get_weights()
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
    return history


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
