"""Colorization as classification: the ab plane cut into bins, soft targets, class weights.

Zhang, Isola & Efros (2016) turn "predict ab" into "predict which ab bin", so the network can
say "red or blue, 50/50" instead of averaging the two into brown. These helpers build the
bins (grid 10, only bins with colors inside the sRGB gamut), encode true ab softly over the
nearest bins, weight rare colors up (class rebalancing) and decode probabilities back to ab
with an annealed mean.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

#: Bin spacing in ab units.
GRID = 10
#: Gaussian width (ab units) used for soft encoding and for smoothing the color prior.
SIGMA = 5.0


@lru_cache(maxsize=8)
def gamut_bins(grid: int = GRID) -> np.ndarray:
    """Centers (Q, 2) of the ab bins that hold at least one sRGB color at some lightness.

    Parameters
    ----------
    grid : int
        The bins' spacing in ab units (:data:`GRID`, 10, as Zhang et al.'s).

    Returns
    -------
    numpy.ndarray
        Bin centers (Q, 2), float32, multiples of ``grid``. The result is cached: every call
        returns the same array, so do not modify it.

    Examples
    --------
    >>> bins = gamut_bins()
    >>> bins.shape[1], 250 < len(bins) < 330   # Zhang et al. count 313 with another rule
    (2, True)
    """
    from colorlab.color import rgb_to_lab

    # sRGB colors on a fine grid (every 2nd 8-bit level): each one's ab marks its bin.
    levels = np.arange(0, 256, 2) / 255.0
    rgb = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), -1).reshape(-1, 1, 3)
    ab = rgb_to_lab(rgb)[:, 0, 1:].astype(np.float64)
    idx = np.unique(np.round(ab / grid).astype(int), axis=0)
    return (idx * grid).astype(np.float32)


def soft_encode(ab: np.ndarray, bins: np.ndarray, k: int = 5, sigma: float = SIGMA) -> np.ndarray:
    """Soft one-hot targets (..., Q): Gaussian weights on the k nearest bins, summing to 1.

    Parameters
    ----------
    ab : numpy.ndarray
        True colors (..., 2) in ab units (not divided by 128).
    bins : numpy.ndarray
        Bin centers (Q, 2) in ab units, such as :func:`gamut_bins`.
    k : int
        How many nearest bins share each target.
    sigma : float
        The Gaussian's width in ab units (:data:`SIGMA`).

    Returns
    -------
    numpy.ndarray
        Targets (..., Q), float32: nonzero on the ``k`` nearest bins, summing to 1.

    Examples
    --------
    >>> import numpy as np
    >>> t = soft_encode(np.array([[0.0, 0.0]]), gamut_bins())
    >>> t.shape[-1] == len(gamut_bins()), round(float(t.sum()), 5), int((t > 0).sum())
    (True, 1.0, 5)
    """
    ab = np.asarray(ab, np.float32)
    d2 = ((ab[..., None, :] - bins) ** 2).sum(-1)
    nearest = np.argsort(d2, axis=-1)[..., :k]
    w = np.exp(-np.take_along_axis(d2, nearest, -1) / (2 * sigma**2))
    w /= w.sum(-1, keepdims=True)
    out = np.zeros(d2.shape, np.float32)
    np.put_along_axis(out, nearest, w, -1)
    return out


def bin_shares(ab: np.ndarray, bins: np.ndarray) -> np.ndarray:
    """The share of pixels whose nearest bin is each bin: how common each color is.

    Parameters
    ----------
    ab : numpy.ndarray
        ab values (..., 2), any number of pixels.
    bins : numpy.ndarray
        The bin centers (Q, 2), such as :func:`gamut_bins` returns.

    Returns
    -------
    numpy.ndarray
        (Q,) float64 shares that add up to 1.

    Examples
    --------
    >>> bins = np.array([[0.0, 0.0], [50.0, 0.0]])
    >>> bin_shares(np.array([[1.0, 2.0], [2.0, 0.0], [48.0, 1.0], [0.0, 0.0]]), bins).tolist()
    [0.75, 0.25]
    """
    ab = np.asarray(ab, np.float32).reshape(-1, 2)
    nearest = np.argmin(((ab[:, None, :] - bins) ** 2).sum(-1), axis=1)
    shares = np.bincount(nearest, minlength=len(bins)).astype(np.float64)
    return shares / shares.sum()


def class_weights(
    ab: np.ndarray, bins: np.ndarray, lam: float = 0.5, sigma: float = SIGMA
) -> np.ndarray:
    """Rebalancing weights (Q,): w ∝ ((1 − λ)·p̃ + λ/Q)⁻¹, normalized so E_p̃[w] = 1.

    p̃ is the empirical distribution of the nearest bins of ``ab``, smoothed by a Gaussian
    of width ``sigma`` in the ab plane. Rare colors get weights above 1, gray below.

    Parameters
    ----------
    ab : numpy.ndarray
        The colors of the training photos in ab units, any shape (..., 2), such as (N, H, W, 2).
    bins : numpy.ndarray
        Bin centers (Q, 2) in ab units, such as :func:`gamut_bins`.
    lam : float
        λ, how much of the uniform distribution is mixed in: 1 gives every bin the same weight,
        0 the plain inverse of p̃ (Zhang et al. use 0.5).
    sigma : float
        The width in ab units of the Gaussian that smooths p̃ (:data:`SIGMA`).

    Returns
    -------
    numpy.ndarray
        One weight (Q,) per bin, float32, with E_p̃[w] = 1.

    Examples
    --------
    >>> import numpy as np
    >>> ab = np.random.default_rng(0).normal(0, 5, (1000, 2))     # mostly gray
    >>> w = class_weights(ab, gamut_bins())
    >>> bool(w[np.argmin((gamut_bins() ** 2).sum(1))] < 1 < w.max())
    True
    """
    p = bin_shares(ab, bins)
    d2 = ((bins[:, None, :] - bins[None]) ** 2).sum(-1)
    kernel = np.exp(-d2 / (2 * sigma**2))
    p_smooth = kernel @ p
    p_smooth /= p_smooth.sum()
    w = 1.0 / ((1 - lam) * p_smooth + lam / len(bins))
    w /= (p_smooth * w).sum()
    return w.astype(np.float32)


def annealed_mean(probs: np.ndarray, bins: np.ndarray, temperature: float = 0.38) -> np.ndarray:
    """Decode bin probabilities (..., Q) to ab (..., 2): the mean of p^(1/T), renormalized.

    T = 1 is the plain mean (safe but dull); T → 0 picks the most likely bin (vivid but
    patchy); Zhang et al. found T ≈ 0.38 a good middle.

    Parameters
    ----------
    probs : numpy.ndarray
        Bin probabilities (..., Q); they are renormalized, so any positive scores work.
    bins : numpy.ndarray
        Bin centers (Q, 2) in ab units.
    temperature : float
        T, above 0.

    Returns
    -------
    numpy.ndarray
        ab (..., 2) in ab units, float32.

    Raises
    ------
    ValueError
        ``temperature`` is 0 or below.

    Examples
    --------
    >>> import numpy as np
    >>> bins = np.array([[-50.0, 0.0], [50.0, 0.0]], np.float32)
    >>> p = np.array([0.3, 0.7])
    >>> annealed_mean(p, bins, 1.0).round(1).tolist()      # T = 1: the plain mean
    [20.0, 0.0]
    >>> annealed_mean(p, bins, 0.01).round(1).tolist()     # T → 0: the likeliest bin
    [50.0, 0.0]
    """
    if temperature <= 0:
        raise ValueError(f"the temperature must be above 0, not {temperature}.")
    logp = np.log(np.clip(np.asarray(probs, np.float64), 1e-12, None)) / temperature
    logp -= logp.max(-1, keepdims=True)
    q = np.exp(logp)
    q /= q.sum(-1, keepdims=True)
    return (q @ bins.astype(np.float64)).astype(np.float32)


def probability_model(colorizer):
    """A model from ``colorizer``'s input to its bin probabilities (B, H/4, W/4, Q).

    The softmax of the ``bin_logits`` layer; for an ensemble
    (:func:`colorlab.models.photo_ensemble`) the average of its members' probabilities
    (``bin_logits``, ``bin_logits_m1``, ...), the distribution its colors come from.

    Parameters
    ----------
    colorizer : keras.Model
        A classification colorizer (:func:`colorlab.models.classification_model`,
        :func:`colorlab.models.pretrained_photo_model`, or an ensemble of them).

    Returns
    -------
    keras.Model
        The same weights: the colorizer's input in, probabilities out.

    Raises
    ------
    ValueError
        ``colorizer`` has no ``bin_logits`` layer: it regresses ab, it does not score bins.

    Examples
    --------
    >>> from colorlab.models import classification_model
    >>> probabilities = probability_model(classification_model(gamut_bins(), width=2)[1])
    >>> probabilities.output_shape[-1] == len(gamut_bins())   # one probability per bin
    True
    """
    import keras

    names = ["bin_logits"]
    layer_names = {x.name for x in colorizer.layers}
    while f"bin_logits_m{len(names)}" in layer_names:
        names.append(f"bin_logits_m{len(names)}")
    if "bin_logits" not in layer_names:
        raise ValueError(
            f"{colorizer.name!r} has no 'bin_logits' layer: it is not a classification colorizer."
        )
    softmax = keras.layers.Softmax(axis=-1)
    probs = [softmax(colorizer.get_layer(n).output) for n in names]
    mixed = probs[0] if len(probs) == 1 else keras.layers.Average()(probs)
    return keras.Model(colorizer.input, mixed)


def bin_probabilities(colorizer, L: np.ndarray) -> np.ndarray:
    """Bin probabilities (H/4, W/4, Q) of a classification colorizer for one lightness map L.

    The softmax of its ``bin_logits`` layer (for an ensemble, the members' average:
    :func:`probability_model`).

    Parameters
    ----------
    colorizer : keras.Model
        The colorizer of :func:`colorlab.models.classification_model` (or any model with a
        ``bin_logits`` layer).
    L : numpy.ndarray
        Lightness (H, W, 1) in [0, 100]; H and W multiples of 8.

    Returns
    -------
    numpy.ndarray
        Probabilities (H/4, W/4, Q), summing to 1 at each position.

    Raises
    ------
    ValueError
        ``colorizer`` has no ``bin_logits`` layer.

    Examples
    --------
    >>> from colorlab.models import classification_model
    >>> _, colorizer = classification_model(gamut_bins(), width=4)
    >>> p = bin_probabilities(colorizer, np.full((16, 16, 1), 50.0))
    >>> p.shape[:2], round(float(p[0, 0].sum()), 4)
    ((4, 4), 1.0)
    """
    import keras

    probs = probability_model(colorizer)(np.asarray(L, np.float32)[None])[0]
    return keras.ops.convert_to_numpy(probs)


def decode_with_temperature(
    probs: np.ndarray, L: np.ndarray, bins: np.ndarray, temperature: float
) -> np.ndarray:
    """RGB from bin probabilities (H, W, Q) and lightness L (H', W', 1) at temperature T.

    Probabilities at a lower resolution are enlarged to L's size (bilinear) after decoding.

    Parameters
    ----------
    probs : numpy.ndarray
        Bin probabilities (H, W, Q), such as :func:`bin_probabilities` gives at 1/4 size.
    L : numpy.ndarray
        Lightness (H', W', 1) or (H', W') in [0, 100].
    bins : numpy.ndarray
        Bin centers (Q, 2) in ab units.
    temperature : float
        T of :func:`annealed_mean`, above 0.

    Returns
    -------
    numpy.ndarray
        RGB (H', W', 3) in [0, 1], float32.

    Raises
    ------
    ValueError
        ``temperature`` is 0 or below.
    ImageError
        ``L`` is not in [0, 100].

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.bins import gamut_bins
    >>> bins = gamut_bins()
    >>> p = np.full((2, 2, len(bins)), 1 / len(bins))
    >>> decode_with_temperature(p, np.full((8, 8, 1), 50.0), bins, 1.0).shape
    (8, 8, 3)
    """
    from skimage.transform import resize

    from colorlab.color import compose_lab, lab_to_rgb

    ab = annealed_mean(probs, bins, temperature)
    if ab.shape[:2] != L.shape[:2]:
        ab = resize(ab, L.shape[:2] + (2,), order=1)
    return lab_to_rgb(compose_lab(L, ab))
