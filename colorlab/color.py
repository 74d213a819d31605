"""RGB ↔ Lab, splitting lightness L from the color channels ab, and scaling ab for tanh.

All conversions go through scikit-image; this module adds checks that catch the
classic mistakes (0-255 values where 0-1 is expected, channels in the wrong place)
with a message that says how to fix them.
"""

from __future__ import annotations

import warnings

import numpy as np

from colorlab.errors import ImageError

#: The article divides a and b by this to bring them into tanh's range [-1, 1].
AB_SCALE = 128.0


def _as_float_array(x: np.ndarray, what: str) -> np.ndarray:
    arr = np.asarray(x)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)
    ):
        raise ImageError(f"{what} must be a numeric array, got dtype {arr.dtype}.")
    return arr


def _check_channels(arr: np.ndarray, what: str, channels: int) -> None:
    if arr.ndim < 2 or arr.shape[-1] != channels:
        hint = ""
        if arr.ndim == 3 and arr.shape[0] == channels:
            hint = " It looks channels-first: use np.moveaxis(x, 0, -1)."
        elif arr.ndim == 2:
            hint = " It looks like a single grayscale layer."
        raise ImageError(
            f"{what} must have {channels} channels in its last axis, e.g. (H, W, {channels}); "
            f"got shape {arr.shape}.{hint}"
        )


def _check_rgb(rgb: np.ndarray, channels: int = 3) -> np.ndarray:
    arr = _as_float_array(rgb, "The RGB image" if channels == 3 else "The gray image")
    _check_channels(arr, "The RGB image" if channels == 3 else "The gray image", channels)
    if arr.dtype == np.uint8 or (np.issubdtype(arr.dtype, np.integer) and arr.max(initial=0) > 1):
        raise ImageError(
            f"The RGB image holds integers 0-255 (dtype {arr.dtype}); colorlab expects floats "
            f"in [0, 1]: divide by 255 first, as in rgb2lab(image / 255)."
        )
    # float32 stays float32 (a 12-megapixel photo need not be copied to float64)
    arr = arr if arr.dtype in (np.float32, np.float64) else arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ImageError("The RGB image contains NaN or infinity.")
    lo, hi = float(arr.min(initial=0)), float(arr.max(initial=0))
    if hi > 1.0 + 1e-6:
        raise ImageError(
            f"The RGB image has values up to {hi:.4g}, but it must lie in [0, 1]: "
            f"divide by 255 first, as in rgb2lab(image / 255)."
        )
    if lo < -1e-6:
        raise ImageError(f"The RGB image has negative values (down to {lo:.4g}); use [0, 1].")
    return np.clip(arr, 0.0, 1.0)


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """Convert RGB in [0, 1] to Lab: L in [0, 100], a and b in about [-128, 127].

    Works on one image (H, W, 3) or a batch (N, H, W, 3); returns float32.

    Example:
        >>> import numpy as np
        >>> lab = rgb_to_lab(np.ones((1, 1, 3)))          # white
        >>> np.round(lab[0, 0], 2).tolist()
        [100.0, -0.0, 0.0]
    """
    from skimage.color import rgb2lab

    arr = _check_rgb(rgb)
    return rgb2lab(arr).astype(np.float32)


def lab_to_rgb(lab: np.ndarray) -> np.ndarray:
    """Convert Lab back to RGB in [0, 1], clipping colors that sRGB cannot show.

    Example:
        >>> import numpy as np
        >>> rgb = lab_to_rgb(np.array([[[50.0, 0.0, 0.0]]]))    # mid gray
        >>> [round(float(v), 3) for v in rgb[0, 0]]
        [0.466, 0.466, 0.466]
    """
    from skimage.color import lab2rgb

    arr = _as_float_array(lab, "The Lab image")
    _check_channels(arr, "The Lab image", 3)
    # float32 stays float32 (a 12-megapixel photo need not be copied to float64)
    arr = arr if arr.dtype in (np.float32, np.float64) else arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ImageError("The Lab image contains NaN or infinity.")
    L = arr[..., 0]
    if L.min(initial=0) < -1e-3 or L.max(initial=0) > 100 + 1e-3:
        raise ImageError(
            f"L must lie in [0, 100], but runs from {L.min():.4g} to {L.max():.4g}. "
            f"If L was scaled for the network (e.g. to [0, 1]), scale it back first."
        )
    with warnings.catch_warnings():
        # Colors outside sRGB are clipped; that is expected for predicted ab.
        warnings.filterwarnings("ignore", message=".*negative Z values.*")
        warnings.filterwarnings("ignore", message=".*out of range.*")
        rgb = lab2rgb(arr)
    return np.clip(rgb, 0.0, 1.0).astype(np.float32)


def split_lab(lab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split Lab into lightness L (..., 1) and color channels ab (..., 2).

    Example:
        >>> import numpy as np
        >>> L, ab = split_lab(np.zeros((4, 5, 3)))
        >>> L.shape, ab.shape
        ((4, 5, 1), (4, 5, 2))
    """
    arr = _as_float_array(lab, "The Lab image")
    _check_channels(arr, "The Lab image", 3)
    return arr[..., :1], arr[..., 1:]


def compose_lab(L: np.ndarray, ab: np.ndarray) -> np.ndarray:
    """Put lightness L in layer 0 and ab in layers 1-2 of one Lab "canvas".

    ``L`` may be (H, W) or (H, W, 1); ``ab`` is (H, W, 2). Batches work too.

    Example:
        >>> import numpy as np
        >>> compose_lab(np.full((2, 2), 50.0), np.zeros((2, 2, 2))).shape
        (2, 2, 3)
    """
    L = _as_float_array(L, "L")
    ab = _as_float_array(ab, "ab")
    _check_channels(ab, "ab", 2)
    if L.shape == ab.shape[:-1]:
        L = L[..., None]
    if L.shape[-1] != 1 or L.shape[:-1] != ab.shape[:-1]:
        raise ImageError(
            f"L and ab must cover the same pixels: L has shape {L.shape}, ab has {ab.shape} "
            f"(expected L as {ab.shape[:-1]} or {ab.shape[:-1] + (1,)})."
        )
    dtype = np.result_type(L.dtype, ab.dtype, np.float32)
    return np.concatenate([L.astype(dtype), ab.astype(dtype)], axis=-1)


def normalize_ab(ab: np.ndarray) -> np.ndarray:
    """Divide ab by 128 so every sRGB color lands in [-1, 1], tanh's range.

    Example:
        >>> import numpy as np
        >>> normalize_ab(np.array([-128.0, 64.0])).tolist()
        [-1.0, 0.5]
    """
    arr = _as_float_array(ab, "ab")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float32)
    return arr / arr.dtype.type(AB_SCALE)


def denormalize_ab(y: np.ndarray) -> np.ndarray:
    """Multiply a network's output by 128 to get ab back: the inverse of :func:`normalize_ab`.

    Example:
        >>> import numpy as np
        >>> denormalize_ab(np.array([-1.0, 0.5])).tolist()
        [-128.0, 64.0]
    """
    arr = _as_float_array(y, "The normalized ab")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float32)
    return arr * arr.dtype.type(AB_SCALE)


def to_gray(rgb: np.ndarray) -> np.ndarray:
    """The photo as a B&W camera would see it: Lab's L with a = b = 0, back in RGB.

    Example:
        >>> import numpy as np
        >>> g = to_gray(np.array([[[1.0, 0.0, 0.0]]]))
        >>> bool(np.allclose(g[..., 0], g[..., 1]))
        True
    """
    L, ab = split_lab(rgb_to_lab(rgb))
    return lab_to_rgb(compose_lab(L, np.zeros_like(ab)))
