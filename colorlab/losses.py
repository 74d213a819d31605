"""The losses the photo model trains with: per-photo errors, as mean PSNR counts them.

Their targets carry L in front of ab / 128 (three channels): :func:`rgb_log_mse` needs L
to compute RGB, and :func:`colorlab.training.fit_photos` feeds it. Lesson 11 explains why
a per-photo logarithm and not the plain mean squared error.
"""

from __future__ import annotations

from colorlab.color import AB_SCALE


def log_mse(y_true, y_pred):
    """Per-photo loss on ab: the log of each crop's mean squared ab error, averaged.

    Mean PSNR over photos, the number a learner reads, is an average of −10·log10(MSE)
    per photo: a photo that is nearly gray already (gray baseline 38 dB) loses 6 dB when
    a wrong tint doubles its small error, while a colorful one gains a fraction of a dB
    from the same effort. The plain MSE over all pixels weighs those two alike; the log
    weighs each photo's error relative to its own size, as PSNR does. ``1e-4`` (an ab
    error of about 1.3) keeps gray crops from dominating. ``y_true`` may carry L in front
    of ab / 128 (three channels, as :func:`rgb_log_mse` needs); only ab is used.

    Parameters
    ----------
    y_true : tensor or array_like
        The targets (B, H, W, 2) ab / 128, or (B, H, W, 3) with L in front.
    y_pred : tensor or array_like
        The network's output, ab / 128 (B, H, W, 2).

    Returns
    -------
    tensor
        The mean over the photos of log(MSE + 1e-4), a scalar.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.zeros((2, 4, 4, 2), "float32"); p = np.full((2, 4, 4, 2), 0.1, "float32")
    >>> round(float(log_mse(t, p)), 3)   # log(0.01 + 1e-4)
    -4.595
    """
    from keras import ops

    per_photo = ops.mean(ops.square(y_true[..., -2:] - y_pred), axis=(1, 2, 3))
    return ops.mean(ops.log(per_photo + 1e-4))


def rgb_log_mse(y_true, y_pred):
    """Per-photo loss in RGB: the log of each crop's mean squared RGB error, averaged.

    PSNR is measured on RGB, where an ab error counts for less in dark and very bright
    places (and colors outside the screen's gamut are clipped). This loss puts L and each
    ab through Lab → RGB inside the graph and takes the log of each crop's error, so
    training optimizes exactly what the mean PSNR measures. ``y_true`` is L and ab / 128
    (three channels); ``1e-5`` is 50 dB, far below any photo's error.

    Parameters
    ----------
    y_true : tensor or array_like
        The targets (B, H, W, 3): L in [0, 100], then ab / 128.
    y_pred : tensor or array_like
        The network's output, ab / 128 (B, H, W, 2).

    Returns
    -------
    tensor
        The mean over the photos of log(RGB MSE + 1e-5), a scalar.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.zeros((1, 4, 4, 3), "float32"); t[..., 0] = 50.0
    >>> round(float(rgb_log_mse(t, np.zeros((1, 4, 4, 2), "float32"))), 2)   # log(1e-5)
    -11.51
    """
    from keras import ops

    from colorlab.pipeline import lab_to_rgb_tf

    L = y_true[..., :1]
    truth = lab_to_rgb_tf(ops.concatenate([L, y_true[..., 1:] * AB_SCALE], axis=-1))
    pred = lab_to_rgb_tf(ops.concatenate([L, y_pred * AB_SCALE], axis=-1))
    per_photo = ops.mean(ops.square(truth - pred), axis=(1, 2, 3))
    return ops.mean(ops.log(per_photo + 1e-5))


def colorfulness_tf(rgb):
    """Each photo's Hasler & Süsstrunk colorfulness, in the graph: (B, H, W, 3) → (B,).

    The tensor twin of :func:`colorlab.metrics.colorfulness` (σ_rgyb + 0.3·μ_rgyb), so a
    loss can ask for as much color as the truth has.

    Parameters
    ----------
    rgb : tensor or array_like
        A batch of RGB crops (B, H, W, 3) in [0, 1].

    Returns
    -------
    tensor
        One colorfulness per crop (B,), differentiable.

    Examples
    --------
    >>> import numpy as np
    >>> red = np.tile(np.array([1.0, 0.0, 0.0], "float32"), (1, 4, 4, 1))
    >>> round(float(colorfulness_tf(red)[0]), 2)   # metrics.colorfulness: 0.335
    0.34
    """
    from keras import ops

    rg = rgb[..., 0] - rgb[..., 1]
    yb = 0.5 * (rgb[..., 0] + rgb[..., 1]) - rgb[..., 2]
    axes = (1, 2)
    # A small floor keeps the square roots' gradients finite on gray crops.
    sigma = ops.sqrt(ops.var(rg, axis=axes) + ops.var(yb, axis=axes) + 1e-8)
    mu = ops.sqrt(ops.square(ops.mean(rg, axis=axes)) + ops.square(ops.mean(yb, axis=axes)) + 1e-8)
    return sigma + 0.3 * mu


def rgb_log_mse_colorful(weight: float = 10.0):
    """:func:`rgb_log_mse` plus ``weight`` × each photo's colorfulness gap |CF − CF_true|.

    The per-photo error alone is won by fainter colors wherever the hue is uncertain; the
    second term asks each crop for the truth's amount of color (what ΔCF measures), so the
    two pull against each other and ``weight`` sets the balance.

    Parameters
    ----------
    weight : float
        How many log-error units one unit of colorfulness gap costs.

    Returns
    -------
    callable
        A Keras loss ``loss(y_true, y_pred)``: targets L and ab / 128 (B, H, W, 3), output
        ab / 128 (B, H, W, 2); a scalar.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.zeros((1, 4, 4, 3), "float32"); t[..., 0] = 50.0; t[..., 1] = 0.3
    >>> loss = rgb_log_mse_colorful(10.0)
    >>> bool(loss(t, t[..., 1:]) < loss(t, np.zeros((1, 4, 4, 2), "float32")))
    True
    """
    from keras import ops

    from colorlab.pipeline import lab_to_rgb_tf

    def loss(y_true, y_pred):
        L = y_true[..., :1]
        truth = lab_to_rgb_tf(ops.concatenate([L, y_true[..., 1:] * AB_SCALE], axis=-1))
        pred = lab_to_rgb_tf(ops.concatenate([L, y_pred * AB_SCALE], axis=-1))
        per_photo = ops.mean(ops.square(truth - pred), axis=(1, 2, 3))
        gap = ops.abs(colorfulness_tf(pred) - colorfulness_tf(truth))
        return ops.mean(ops.log(per_photo + 1e-5) + weight * gap)

    return loss


def ab_mse(y_true, y_pred):
    """The plain mean squared error on ab / 128, for targets that carry L in front.

    Parameters
    ----------
    y_true : tensor or array_like
        The targets (B, H, W, 3): L, then ab / 128 (only ab is used).
    y_pred : tensor or array_like
        The network's output, ab / 128 (B, H, W, 2).

    Returns
    -------
    tensor
        The mean squared ab / 128 error over all pixels, a scalar.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.zeros((1, 2, 2, 3), "float32"); p = np.full((1, 2, 2, 2), 0.5, "float32")
    >>> float(ab_mse(t, p))
    0.25
    """
    from keras import ops

    return ops.mean(ops.square(y_true[..., -2:] - y_pred))


def rebalanced_cce(y_true, y_pred):
    """Class-rebalanced cross-entropy on bin logits, with each pixel's weight packed in ``y_true``.

    Lesson 09's loss for a network with two outputs (the photo model's bins and its gated
    colors), where Keras's ``sample_weight`` cannot say which output a weight belongs to:
    the last channel of ``y_true`` is the weight, the others the soft bin targets.

    Parameters
    ----------
    y_true : tensor or array_like
        (B, H, W, Q + 1): soft targets over Q bins that sum to 1, then the pixel's weight
        (:func:`colorlab.training.classification_targets` with ``packed=True``).
    y_pred : tensor or array_like
        Bin logits (B, H, W, Q).

    Returns
    -------
    tensor
        The weighted mean cross-entropy over all pixels, a scalar.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.array([[[[1.0, 0.0, 2.0]]]], "float32")         # bin 0, weight 2
    >>> round(float(rebalanced_cce(t, np.zeros((1, 1, 1, 2), "float32"))), 4)  # 2 · ln 2
    1.3863
    """
    from keras import ops

    targets, weights = y_true[..., :-1], y_true[..., -1]
    cross = -ops.sum(targets * ops.log_softmax(y_pred, axis=-1), axis=-1)
    return ops.mean(weights * cross)


#: The losses :func:`compile_for_photos` offers, by name (targets: L and ab / 128).
LOSSES = {
    "rgb_log_mse": rgb_log_mse,
    "log_mse": log_mse,
    "mse": ab_mse,
    # What the photo model's color gate trained on: the error, and the truth's colorfulness.
    "rgb_log_mse_colorful": rgb_log_mse_colorful(10.0),
}
