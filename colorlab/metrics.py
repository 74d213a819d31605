"""Measuring colorizations honestly: every report puts the gray baseline (ab = 0) beside the model.

* PSNR and SSIM come from scikit-image.
* Colorfulness (CF) is Hasler & Süsstrunk's (2003) measure in its signed rg/yb form, on float
  RGB in [0, 1]; ΔCF = |CF(prediction) − CF(truth)| says how far the vividness is off (a
  colorizer that paints everything brown has a large ΔCF even when its PSNR looks fine).
* AuC is the area under the curve "share of pixels whose ab error is ≤ t" for t = 0…150,
  scaled to [0, 1] (1 = every pixel exact).
* ΔE is the mean CIEDE2000 color difference (scikit-image).
"""

from __future__ import annotations

import numpy as np
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

from colorlab.color import check_image, rgb_to_lab, split_lab, to_gray
from colorlab.errors import ImageError

#: The thresholds (in ab units) of the AuC curve.
AUC_THRESHOLDS = np.arange(0, 151)
#: PSNR reported for identical images (instead of infinity, which JSON cannot hold).
PSNR_IDENTICAL = 100.0
#: The numbers every report holds, in this order.
METRICS = ("psnr", "ssim", "cf", "delta_cf", "auc")
#: Below this colorfulness a photo counts as having no color (B&W, or gray already).
#: JPEG-compressed B&W photos stored as RGB score up to ~0.001 and the faintest sepia or
#: near-gray color photos of the ImageNet sample ~0.014; Hasler & Süsstrunk's scale
#: (×255) calls everything below 15 "not colorful", so 0.01 (2.5 on their scale) only
#: catches photos with practically no color. They are never scored against themselves:
#: the gray baseline would be perfect (100 dB) and any colorizer would look bad.
GRAY_CF = 0.01


def _check_pair(
    truth: np.ndarray, pred: np.ndarray, channels: tuple[int, ...] = (3,)
) -> tuple[np.ndarray, np.ndarray]:
    """Both images checked by :func:`colorlab.color.check_image`, as float64 of one shape.

    Only PSNR and SSIM take gray images too (``channels=(3, 1)``); the color metrics need RGB.
    """
    truth = check_image(truth, "The true image", channels=channels).astype(np.float64)
    pred = check_image(pred, "The colorized image", channels=channels).astype(np.float64)
    if truth.shape != pred.shape:
        raise ImageError(f"cannot compare images of shapes {truth.shape} and {pred.shape}.")
    return truth, pred


def psnr(truth: np.ndarray, pred: np.ndarray, opaque: np.ndarray | None = None) -> float:
    """Peak signal-to-noise ratio in dB of RGB images in [0, 1] (higher is better, 100 = same).

    Parameters
    ----------
    truth : numpy.ndarray
        The original photo: RGB (H, W, 3), or gray (H, W) or (H, W, 1); floats in [0, 1].
    pred : numpy.ndarray
        The colorization, of the same shape and range.
    opaque : numpy.ndarray, optional
        A boolean mask (H, W): measure only these pixels, the opaque part of a photo with
        transparency (see :func:`colorlab.load_image`); None or all True: every pixel.

    Returns
    -------
    float
        The PSNR in dB for a data range of 1, at most :data:`PSNR_IDENTICAL` (100), which
        identical images get instead of infinity.

    Raises
    ------
    ImageError
        Either image has another shape, 0-255 values, NaN, or values outside [0, 1]; or the
        two shapes differ; or ``opaque`` is not (H, W) or holds no opaque pixel.

    Examples
    --------
    >>> import numpy as np
    >>> round(psnr(np.zeros((4, 4, 3)), np.full((4, 4, 3), 0.1)), 1)
    20.0
    >>> right_wrong = np.zeros((4, 4, 3)); right_wrong[:, 2:] = 1
    >>> left = np.tile(np.arange(4) < 2, (4, 1))       # (4, 4): True on the left half
    >>> psnr(np.zeros((4, 4, 3)), right_wrong, opaque=left)
    100.0
    """
    truth, pred = _check_pair(truth, pred, channels=(3, 1))
    mask = _opaque_mask(opaque, truth.shape, "psnr")
    if mask is not None:
        truth, pred = truth[mask], pred[mask]
    return _psnr_pixels(truth, pred)


def _opaque_mask(opaque, shape: tuple[int, ...], who: str) -> np.ndarray | None:
    """``opaque`` checked against an image's ``shape``: a boolean (H, W), or None for all pixels.

    None and an all-True mask both mean "every pixel" (None is returned for both).
    """
    if opaque is None:
        return None
    mask = np.asarray(opaque, bool)
    if mask.shape != tuple(shape[:2]):
        raise ImageError(
            f"{who}: the opaque mask {mask.shape} must match the photo's {tuple(shape[:2])} "
            "(one True or False per pixel)."
        )
    if not mask.any():
        raise ImageError(
            f"{who}: the opaque mask leaves out every pixel, so there is nothing to measure."
        )
    return None if mask.all() else mask


def ssim(truth: np.ndarray, pred: np.ndarray) -> float:
    """Structural similarity of RGB images in [0, 1] (1 = identical).

    scikit-image's ``structural_similarity`` over the channels, with a 7×7 window (the largest
    odd window that fits, for images smaller than 7 pixels on a side).

    Parameters
    ----------
    truth : numpy.ndarray
        The original photo: RGB (H, W, 3), or gray (H, W) or (H, W, 1); floats in [0, 1].
    pred : numpy.ndarray
        The colorization, of the same shape and range.

    Returns
    -------
    float
        The mean SSIM, in [-1, 1] (1 = identical).

    Raises
    ------
    ImageError
        Either image has another shape, 0-255 values, NaN, or values outside [0, 1]; or the
        two shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.random.default_rng(0).random((16, 16, 3))
    >>> ssim(img, img)
    1.0
    """
    truth, pred = _check_pair(truth, pred, channels=(3, 1))
    if min(truth.shape[:2]) < 3:
        raise ImageError(
            f"The images ({truth.shape[0]} × {truth.shape[1]} pixels) are too small for SSIM, "
            "which compares 3 × 3 neighborhoods at least: use photos of 3 pixels a side or more."
        )
    return float(
        structural_similarity(
            truth, pred, data_range=1.0, channel_axis=-1, win_size=_ssim_window(truth)
        )
    )


def _ssim_window(image: np.ndarray) -> int:
    """SSIM's window: 7 pixels, or the largest odd size that fits a smaller image."""
    win = min(7, *image.shape[:2])
    return win - (1 - win % 2)


def _rgyb(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The opponent channels of colorfulness: rg = R − G and yb = (R + G)/2 − B."""
    rgb = np.asarray(rgb, np.float64)
    if rgb.ndim < 1 or rgb.shape[-1] != 3:
        raise ImageError(f"colorfulness needs RGB (H, W, 3); got an array of shape {rgb.shape}.")
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return r - g, 0.5 * (r + g) - b


def colorfulness(rgb: np.ndarray) -> float:
    """Hasler & Süsstrunk colorfulness of float RGB in [0, 1]: σ_rgyb + 0.3·μ_rgyb.

    With rg = R − G and yb = (R + G)/2 − B: σ_rgyb = √(σ_rg² + σ_yb²) and
    μ_rgyb = √(μ_rg² + μ_yb²). A gray image scores 0.

    Parameters
    ----------
    rgb : numpy.ndarray
        RGB (H, W, 3), floats in [0, 1] (not checked); with more leading axes, such as a
        batch (N, H, W, 3), all pixels are pooled.

    Returns
    -------
    float
        The colorfulness, ≥ 0: 0 for gray, about 0.335 for pure red (Hasler & Süsstrunk's
        scale is 255 times this).

    Examples
    --------
    >>> import numpy as np
    >>> colorfulness(np.full((4, 4, 3), 0.5))
    0.0
    >>> round(colorfulness(np.tile([1.0, 0.0, 0.0], (4, 4, 1))), 3)   # pure red
    0.335
    """
    rg, yb = _rgyb(rgb)
    sigma = np.sqrt(rg.std() ** 2 + yb.std() ** 2)
    mu = np.sqrt(rg.mean() ** 2 + yb.mean() ** 2)
    return float(sigma + 0.3 * mu)


def has_color(
    rgb: np.ndarray, threshold: float = GRAY_CF, opaque: np.ndarray | None = None
) -> bool:
    """True when a photo has color to compare against: colorfulness ≥ ``threshold``.

    Parameters
    ----------
    rgb : numpy.ndarray
        RGB (H, W, 3), floats in [0, 1] (not checked).
    threshold : float
        The smallest :func:`colorfulness` that counts as color (default :data:`GRAY_CF`, 0.01).
    opaque : numpy.ndarray, optional
        A boolean mask (H, W): judge only these pixels, the opaque part of a photo with
        transparency (its white, transparent part is no color of its own).

    Returns
    -------
    bool
        Whether the colorfulness of ``rgb`` (of its ``opaque`` pixels) is at least ``threshold``.

    Raises
    ------
    ImageError
        ``opaque`` is not (H, W) or holds no opaque pixel.

    Examples
    --------
    >>> import numpy as np
    >>> has_color(np.full((4, 4, 3), 0.5)), has_color(np.tile([0.8, 0.2, 0.1], (4, 4, 1)))
    (False, True)
    """
    mask = _opaque_mask(opaque, np.shape(rgb), "has_color")
    return colorfulness(rgb if mask is None else rgb[mask][None]) >= threshold


def delta_cf(truth: np.ndarray, pred: np.ndarray) -> float:
    """|CF(pred) − CF(truth)|: how far the prediction's vividness is from the truth's.

    Parameters
    ----------
    truth : numpy.ndarray
        The original photo, RGB (H, W, 3), floats in [0, 1].
    pred : numpy.ndarray
        The colorization, RGB of the same shape and range.

    Returns
    -------
    float
        The absolute difference of the two :func:`colorfulness` values, ≥ 0 (0 = equally
        vivid).

    Raises
    ------
    ImageError
        Either image has another shape, 0-255 values, NaN, or values outside [0, 1]; or the
        two shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> red = np.tile([1.0, 0.0, 0.0], (4, 4, 1))
    >>> round(delta_cf(red, np.full((4, 4, 3), 0.5)), 3)
    0.335
    """
    truth, pred = _check_pair(truth, pred)
    return abs(colorfulness(pred) - colorfulness(truth))


def ab_error(truth: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Per-pixel Euclidean distance between the ab of two RGB images, √(Δa² + Δb²).

    Parameters
    ----------
    truth : numpy.ndarray
        The original photo, RGB (H, W, 3), floats in [0, 1].
    pred : numpy.ndarray
        The colorization, RGB of the same shape and range.

    Returns
    -------
    numpy.ndarray
        (H, W), float64: each pixel's ab error in Lab units, ≥ 0 (0 = the same color).

    Raises
    ------
    ImageError
        Either image is not RGB (H, W, 3), or has 0-255 values, NaN, or values outside [0, 1];
        or the two shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> float(ab_error(np.full((2, 2, 3), 0.5), np.full((2, 2, 3), 0.5)).max())
    0.0
    """
    truth, pred = _check_pair(truth, pred)
    return _ab_distance(rgb_to_lab(truth), rgb_to_lab(pred))


def _ab_distance(lab_t: np.ndarray, lab_p: np.ndarray) -> np.ndarray:
    """√(Δa² + Δb²) per pixel of two Lab images."""
    ab_t = split_lab(lab_t)[1].astype(np.float64)
    ab_p = split_lab(lab_p)[1].astype(np.float64)
    return np.sqrt(((ab_t - ab_p) ** 2).sum(axis=-1))


def auc_from_errors(errors: np.ndarray, thresholds: np.ndarray = AUC_THRESHOLDS) -> float:
    """Area under "share of pixels with error ≤ t" over ``thresholds``, scaled to [0, 1].

    Parameters
    ----------
    errors : numpy.ndarray
        Per-pixel ab errors ≥ 0 (such as :func:`ab_error` returns), any shape; flattened.
    thresholds : numpy.ndarray
        The thresholds t, 1-D (default :data:`AUC_THRESHOLDS`: 0, 1, …, 150).

    Returns
    -------
    float
        The mean over ``thresholds`` of the share of errors ≤ t, in [0, 1] (1 = every pixel
        exact).

    Examples
    --------
    >>> import numpy as np
    >>> auc_from_errors(np.zeros(10))             # every pixel exact
    1.0
    >>> round(auc_from_errors(np.full(10, 75.0)), 4)   # within threshold from t = 75 on
    0.5033
    """
    errors = np.asarray(errors, np.float64).ravel()
    within = (errors[None, :] <= thresholds[:, None]).mean(axis=1)
    return float(within.mean())


def auc(truth: np.ndarray, pred: np.ndarray) -> float:
    """AuC of the per-pixel ab error over thresholds 0-150 (1 = perfect).

    Parameters
    ----------
    truth : numpy.ndarray
        The original photo, RGB (H, W, 3), floats in [0, 1].
    pred : numpy.ndarray
        The colorization, RGB of the same shape and range.

    Returns
    -------
    float
        :func:`auc_from_errors` of :func:`ab_error`, in [0, 1] (1 = every pixel's ab exact).

    Raises
    ------
    ImageError
        Either image is not RGB (H, W, 3), or has 0-255 values, NaN, or values outside [0, 1];
        or the two shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.random.default_rng(0).random((8, 8, 3))
    >>> auc(img, img)
    1.0
    """
    return auc_from_errors(ab_error(truth, pred))


def delta_e(truth: np.ndarray, pred: np.ndarray) -> float:
    """Mean CIEDE2000 color difference (scikit-image); about 2.3 is a just-noticeable difference.

    Parameters
    ----------
    truth : numpy.ndarray
        The original photo, RGB (H, W, 3), floats in [0, 1].
    pred : numpy.ndarray
        The colorization, RGB of the same shape and range.

    Returns
    -------
    float
        The mean ΔE over the pixels, ≥ 0 (0 = identical).

    Raises
    ------
    ImageError
        Either image is not RGB (H, W, 3), or has 0-255 values, NaN, or values outside [0, 1];
        or the two shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> delta_e(np.full((2, 2, 3), 0.5), np.full((2, 2, 3), 0.5))
    0.0
    """
    truth, pred = _check_pair(truth, pred)
    return _delta_e_lab(rgb_to_lab(truth), rgb_to_lab(pred))


def _delta_e_lab(lab_t: np.ndarray, lab_p: np.ndarray) -> float:
    """The mean CIEDE2000 difference of two Lab images."""
    from skimage.color import deltaE_ciede2000

    return float(deltaE_ciede2000(lab_t, lab_p).mean())


def evaluate(
    truth: np.ndarray, pred: np.ndarray, opaque: np.ndarray | None = None
) -> dict[str, float]:
    """All metrics of one colorization: psnr, ssim, cf, delta_cf, auc (and delta_e).

    Parameters
    ----------
    truth : numpy.ndarray
        The original photo, RGB (H, W, 3), floats in [0, 1].
    pred : numpy.ndarray
        The colorization, RGB of the same shape and range.
    opaque : numpy.ndarray, optional
        A boolean mask (H, W): measure only these pixels (the opaque part of a photo with
        transparency, see :func:`colorlab.load_image`); SSIM averages its map over them.

    Returns
    -------
    dict of str to float
        ``"psnr"``, ``"ssim"``, ``"cf"`` (the colorfulness of ``pred``), ``"delta_cf"``,
        ``"auc"`` and ``"delta_e"``: see :func:`psnr`, :func:`ssim`, :func:`colorfulness`,
        :func:`delta_cf`, :func:`auc` and :func:`delta_e`.

    Raises
    ------
    ImageError
        Either image is not RGB (H, W, 3), or has 0-255 values, NaN, or values outside [0, 1];
        or the two shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.random.default_rng(0).random((8, 8, 3))
    >>> sorted(evaluate(img, img))
    ['auc', 'cf', 'delta_cf', 'delta_e', 'psnr', 'ssim']
    """
    # Checked once (RGB, one shape), converted to Lab once for the three color metrics.
    truth, pred = _check_pair(truth, pred)
    similarity = ssim(truth, pred)
    opaque = _opaque_mask(opaque, truth.shape, "evaluate")
    if opaque is not None:
        similarity = _ssim_over(truth, pred, opaque)
        # Every other metric is a mean over pixels: measure the opaque ones as one row.
        truth, pred = truth[opaque][None], pred[opaque][None]
    lab_t, lab_p = rgb_to_lab(truth), rgb_to_lab(pred)
    cf = colorfulness(pred)
    return {
        "psnr": _psnr_pixels(truth, pred),
        "ssim": similarity,
        "cf": cf,
        "delta_cf": abs(cf - colorfulness(truth)),
        "auc": auc_from_errors(_ab_distance(lab_t, lab_p)),
        "delta_e": _delta_e_lab(lab_t, lab_p),
    }


def _psnr_pixels(truth: np.ndarray, pred: np.ndarray) -> float:
    """PSNR of two checked arrays of pixels (any shape): :func:`psnr` after its checks."""
    if np.array_equal(truth, pred):
        return PSNR_IDENTICAL
    return min(PSNR_IDENTICAL, float(peak_signal_noise_ratio(truth, pred, data_range=1.0)))


def _ssim_over(truth: np.ndarray, pred: np.ndarray, opaque: np.ndarray) -> float:
    """SSIM's map (scikit-image) averaged over the ``opaque`` pixels only."""
    _, full = structural_similarity(
        truth, pred, data_range=1.0, channel_axis=-1, win_size=_ssim_window(truth), full=True
    )
    return float(full[opaque].mean())


def gray_psnr(truth: np.ndarray, opaque: np.ndarray | None = None) -> float:
    """PSNR of the gray baseline: the photo with its color removed (a = b = 0).

    Parameters
    ----------
    truth : numpy.ndarray
        The original photo, RGB (H, W, 3), floats in [0, 1].
    opaque : numpy.ndarray, optional
        A boolean mask (H, W): measure only these pixels (see :func:`psnr`).

    Returns
    -------
    float
        :func:`psnr` of :func:`colorlab.color.to_gray` of ``truth`` against ``truth``, in dB:
        the number a colorizer has to beat.

    Raises
    ------
    ImageError
        ``truth`` is not RGB (H, W, 3), or has 0-255 values, NaN, or values outside [0, 1];
        or ``opaque`` is not (H, W) or holds no opaque pixel.

    Examples
    --------
    >>> import numpy as np
    >>> gray_psnr(np.full((4, 4, 3), 0.5)) > 60     # a gray photo is its own baseline
    True
    """
    return psnr(truth, to_gray(truth), opaque)


def report(
    truth: np.ndarray, pred: np.ndarray, opaque: np.ndarray | None = None
) -> dict[str, dict[str, float]]:
    """Metrics of the model's colorization beside those of the gray baseline.

    Parameters
    ----------
    truth : numpy.ndarray
        The original photo, RGB (H, W, 3), floats in [0, 1].
    pred : numpy.ndarray
        The model's colorization, RGB of the same shape and range.
    opaque : numpy.ndarray, optional
        Measure only these pixels, a boolean mask (H, W): see :func:`evaluate`.

    Returns
    -------
    dict of str to dict
        ``{"model": evaluate(truth, pred), "gray": evaluate(truth, to_gray(truth))}``: the
        metrics of :func:`evaluate` for the model and for the gray baseline.

    Raises
    ------
    ImageError
        Either image is not RGB (H, W, 3), or has 0-255 values, NaN, or values outside [0, 1];
        or the two shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.random.default_rng(0).random((8, 8, 3))
    >>> sorted(report(img, img))
    ['gray', 'model']
    """
    return {
        "model": evaluate(truth, pred, opaque),
        "gray": evaluate(truth, to_gray(truth), opaque),
    }


def mean_report(reports: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Average a list of :func:`report` results, metric by metric.

    Parameters
    ----------
    reports : list of dict
        :func:`report` results, ``{"model": {metric: value}, "gray": {metric: value}}``, all
        with the metrics of the first.

    Returns
    -------
    dict of str to dict
        The same structure, each metric the mean over ``reports``.

    Raises
    ------
    ValueError
        ``reports`` is empty.

    Examples
    --------
    >>> r = {"model": {"psnr": 20.0}, "gray": {"psnr": 10.0}}
    >>> mean_report([r, r])["model"]["psnr"]
    20.0
    """
    if not reports:
        raise ValueError("there is nothing to average: no images were evaluated.")
    return {
        side: {k: float(np.mean([r[side][k] for r in reports])) for k in reports[0][side]}
        for side in ("model", "gray")
    }


def report_table(
    rows,
    metrics=METRICS,
    sides: tuple[str, ...] | None = ("model", "gray"),
    markdown: bool = False,
    headers: tuple[str, ...] = ("photo", "colorizer"),
    side_names: dict[str, str] | None = None,
) -> str:
    """Format metric reports as a table: the one table of the CLI, lessons, cards and benchmarks.

    Parameters
    ----------
    rows : iterable of (name, report)
        ``report`` is what :func:`report` or :func:`mean_report` returns ({side: {metric:
        value}}), or, with ``sides=None``, one side's metrics ({metric: value}).
    metrics : sequence of str
        The columns, in order.
    sides : tuple of str or None
        The sides to show, one line each (``None``: one line per row).
    markdown : bool
        A Markdown table (model cards, READMEs) instead of aligned plain text (terminal,
        notebook).
    headers : tuple of str
        The titles of the name column and, with sides, of the side column.
    side_names : dict, optional
        How each side is written (for example ``{"gray": "gray baseline"}``).

    Returns
    -------
    str
        The table, lines joined by newlines.

    Raises
    ------
    ValueError
        A row lacks a side or a metric to show (for example rows of :func:`evaluate`
        results without ``sides=None``).

    Examples
    --------
    >>> r = {"model": {"psnr": 24.0, "cf": 0.2}, "gray": {"psnr": 23.5, "cf": 0.0}}
    >>> print(report_table([("cat.jpg", r)], ("psnr", "cf"), markdown=True))
    | photo | colorizer | psnr | cf |
    |---|---|---|---|
    | cat.jpg | model | 24.000 | 0.200 |
    | cat.jpg | gray | 23.500 | 0.000 |
    >>> print(report_table([("gray", r["gray"])], ("psnr",), sides=None, headers=("colorizer",)))
    colorizer                         psnr
    gray                            23.500
    """
    names = side_names or {}
    lines = []
    first = headers[:1] if sides is None else headers[:2]
    side_width = max([7, *(len(names.get(s, s)) + 1 for s in sides or ())])
    if markdown:
        lines.append("| " + " | ".join([*first, *metrics]) + " |")
        lines.append("|" + "---|" * (len(first) + len(metrics)))
    else:
        # As wide as the longest name (at least 28), so no name is cut.
        name_width = max([28, *(len(str(name)) + 1 for name, _ in rows)])
        side_head = "" if sides is None else f"{'':<{side_width}}"
        lines.append(f"{first[0]:<{name_width}}{side_head}" + "".join(f"{k:>10}" for k in metrics))
    for name, rep in rows:
        for i, side in enumerate(sides or (None,)):
            try:
                values = [(rep if side is None else rep[side])[k] for k in metrics]
            except (KeyError, TypeError) as missing:
                raise ValueError(
                    f"report_table: the row {name!r} has no {missing} to show. Give rows of "
                    f"{{side: {{metric: value}}}} for the sides {sides}, or pass sides=None for "
                    "rows of {metric: value} (what evaluate returns)."
                ) from None
            label = [] if side is None else [names.get(side, side)]
            if markdown:
                cells = [str(name), *label, *(f"{v:.3f}" for v in values)]
                lines.append("| " + " | ".join(cells) + " |")
            else:
                shown = str(name) if i == 0 else ""
                side_text = "" if side is None else f"{label[0]:<{side_width}}"
                lines.append(
                    f"{shown:<{name_width}}{side_text}" + "".join(f"{v:>10.3f}" for v in values)
                )
    return "\n".join(lines)


def compare_models(
    rgb: np.ndarray,
    models: dict,
    temperature: float | None = None,
    opaque: np.ndarray | None = None,
) -> dict[str, tuple[np.ndarray, dict]]:
    """Colorize one photo (from its gray version) with each model; (result, metrics) by name.

    Parameters
    ----------
    rgb : numpy.ndarray
        The color photo, RGB (H, W, 3), floats in [0, 1]; the models see only its gray
        version (:func:`colorlab.color.to_gray`).
    models : dict of str to keras.Model
        The colorizers to compare, by name (see :func:`colorlab.colorize.colorize`).
    temperature : float, optional
        The temperature for the models that have one (classification models); the others
        colorize as they are. Default: each model's own.
    opaque : numpy.ndarray, optional
        (H, W) booleans: measure only these pixels (a photo's opaque part; see
        :func:`evaluate`). Default: every pixel.

    Returns
    -------
    dict of str to (numpy.ndarray, dict)
        For each name, the model's colorization, RGB (H, W, 3) in [0, 1], and its metrics
        against ``rgb`` (:func:`evaluate`).

    Raises
    ------
    ImageError
        ``rgb`` is not RGB (H, W, 3), or has 0-255 values, NaN, or values outside [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.models import lesson_model
    >>> out = compare_models(np.random.rand(16, 16, 3), {"tiny": lesson_model(width=4)})
    >>> out["tiny"][0].shape, "psnr" in out["tiny"][1]
    ((16, 16, 3), True)
    """
    from colorlab.colorize import colorize, temperature_layer

    gray = to_gray(rgb)
    out = {}
    for name, m in models.items():
        t = temperature if temperature_layer(m) is not None else None
        res = colorize(m, gray, temperature=t)
        out[name] = (res, evaluate(rgb, res, opaque))
    return out
