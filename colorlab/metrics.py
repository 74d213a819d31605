"""Measuring colorizations, always beside the gray baseline (ab = 0)."""

from __future__ import annotations

import numpy as np
from skimage.metrics import peak_signal_noise_ratio

from colorlab.color import to_gray
from colorlab.errors import ImageError


def _check_pair(truth: np.ndarray, pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    truth, pred = np.asarray(truth, np.float64), np.asarray(pred, np.float64)
    if truth.shape != pred.shape:
        raise ImageError(f"cannot compare images of shapes {truth.shape} and {pred.shape}.")
    return truth, pred


def psnr(truth: np.ndarray, pred: np.ndarray) -> float:
    """Peak signal-to-noise ratio in dB of RGB images in [0, 1] (higher is better).

    Example:
        >>> import numpy as np
        >>> round(psnr(np.zeros((4, 4, 3)), np.full((4, 4, 3), 0.1)), 1)
        20.0
    """
    truth, pred = _check_pair(truth, pred)
    if np.array_equal(truth, pred):
        return float("inf")
    return float(peak_signal_noise_ratio(truth, pred, data_range=1.0))


def gray_psnr(truth: np.ndarray) -> float:
    """PSNR of the gray baseline: the photo with its color removed (a = b = 0).

    Example:
        >>> import numpy as np
        >>> gray_psnr(np.full((4, 4, 3), 0.5)) > 60     # a gray photo is its own baseline
        True
    """
    return psnr(truth, to_gray(truth))
