"""RGB ↔ Lab, splitting lightness L from the color channels ab, and scaling ab for tanh.

All conversions go through scikit-image; this module adds checks that catch the
classic mistakes (0-255 values where 0-1 is expected, channels in the wrong place)
with a message that says how to fix them (:func:`check_image`, the package's one
shape/range check).

Over 400 lines because every conversion between RGB and Lab the course makes lives
here, in three groups: whole images (lessons 03-06), one color at a time and the ab
plane (what the widgets of lessons 03-04 show), and photos of many megapixels (what
:func:`colorlab.colorize` needs to stay fast). Split apart, each group would import the
checks and conversions of the others.
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
        hint = " (a mask? turn it into numbers: x.astype(float))" if arr.dtype == bool else ""
        raise ImageError(f"{what} must be a numeric array, got dtype {arr.dtype}{hint}.")
    return arr


def _check_channels(arr: np.ndarray, what: str, channels: int) -> None:
    if arr.ndim < 2 or arr.shape[-1] != channels:
        hint = ""
        if arr.ndim == 3 and arr.shape[0] == channels:
            hint = " It looks channels-first: use np.moveaxis(x, 0, -1)."
        elif arr.ndim == 2:
            hint = " It looks like a single grayscale layer."
        elif channels == 3 and arr.shape[-1] == 4:
            hint = " A 4th, alpha layer? Keep the first three: image[..., :3]."
        raise ImageError(
            f"{what} must have {channels} channels in its last axis, e.g. (H, W, {channels}); "
            f"got shape {arr.shape}.{hint}"
        )


def check_image(
    image,
    what: str = "The RGB image",
    channels: tuple[int, ...] = (3,),
    uint8: bool = False,
    batch: bool = False,
) -> np.ndarray:
    """Check an image's shape and range with clear errors; return it as (H, W, C) floats in [0, 1].

    The package's one shape/range check: converting colors, colorizing, measuring and
    saving all call it, so the same mistake gets the same message everywhere.

    Parameters
    ----------
    image : array_like
        (H, W, C) with C in ``channels``, or (H, W) when 1 is in ``channels``; floats in
        [0, 1] (a rounding error of 1e-6 outside is clipped), or uint8 if ``uint8``.
    what : str
        How the errors name the image (for example ``"The image for out.png"``).
    channels : tuple of int
        The channel counts accepted.
    uint8 : bool
        Accept 0-255 uint8 images too (returned as they are).
    batch : bool
        Accept any number of leading axes, (..., H, W, C), such as a batch of photos.

    Returns
    -------
    numpy.ndarray
        (H, W, C): float32 stays float32, other floats become float64; uint8 stays uint8.

    Raises
    ------
    ImageError
        A non-numeric array, another shape, integers 0-255 where floats are expected,
        NaN or infinity, or values outside [0, 1]; the message says what to do.

    Examples
    --------
    >>> import numpy as np
    >>> check_image(np.zeros((4, 5, 3))).shape
    (4, 5, 3)
    >>> check_image(np.full((4, 5, 3), 255.0))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    colorlab.errors.ImageError: The RGB image has values up to 255, ... divide by 255 first, ...
    """
    arr = _as_float_array(image, what)
    if arr.ndim == 2 and 1 in channels:
        arr = arr[..., None]
    if (arr.ndim < 3 if batch else arr.ndim != 3) or arr.shape[-1] not in channels:
        if len(channels) == 1:
            _check_channels(arr, what, channels[0])
        kinds = {1: "gray (H, W)", 3: "RGB (H, W, 3)"}
        shapes = " or ".join(kinds.get(c, f"(H, W, {c})") for c in sorted(channels))
        hint = " (with a 4th, alpha layer: keep the first three, image[..., :3])"
        raise ImageError(
            f"{what} must be {shapes}; got an array of shape {arr.shape}"
            + (hint if arr.shape[-1] == 4 else "")
            + "."
        )
    if 0 in arr.shape[-3:-1]:
        raise ImageError(
            f"{what} is empty (shape {arr.shape}): it has no pixels to work on. "
            "Check how it was cut or loaded."
        )
    if arr.dtype == np.uint8 and uint8:
        return arr
    if np.issubdtype(arr.dtype, np.integer):
        raise ImageError(
            f"{what} holds integers (dtype {arr.dtype}); colorlab expects floats "
            f"in [0, 1]: if they run 0-255, divide by 255 first, as in rgb2lab(image / 255)."
        )
    # float32 stays float32 (a 12-megapixel photo need not be copied to float64)
    arr = arr if arr.dtype in (np.float32, np.float64) else arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ImageError(f"{what} contains NaN or infinity.")
    lo, hi = float(arr.min(initial=0)), float(arr.max(initial=0))
    if hi > 1.0 + 1e-6:
        raise ImageError(
            f"{what} has values up to {hi:.4g}, but it must lie in [0, 1]: "
            f"divide by 255 first, as in rgb2lab(image / 255)."
        )
    if lo < -1e-6:
        raise ImageError(f"{what} has negative values (down to {lo:.4g}); use [0, 1].")
    return np.clip(arr, 0.0, 1.0)


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """Convert RGB in [0, 1] to Lab: L in [0, 100], a and b in about [-128, 127].

    scikit-image's ``rgb2lab`` (sRGB, D65 white), after :func:`check_image`.

    Parameters
    ----------
    rgb : numpy.ndarray
        One image (H, W, 3) or a batch (N, H, W, 3), floats in [0, 1].

    Returns
    -------
    numpy.ndarray
        Lab of the same shape, float32.

    Raises
    ------
    ImageError
        Not 3 layers, 0-255 values (divide by 255 first), NaN, or values outside [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> lab = rgb_to_lab(np.ones((1, 1, 3)))          # white
    >>> np.round(lab[0, 0], 2).tolist()
    [100.0, -0.0, 0.0]
    """
    from skimage.color import rgb2lab

    arr = check_image(rgb, batch=True)
    return rgb2lab(arr).astype(np.float32)


def lab_to_rgb(lab: np.ndarray) -> np.ndarray:
    """Convert Lab back to RGB in [0, 1], clipping colors that sRGB cannot show.

    Parameters
    ----------
    lab : numpy.ndarray
        Lab (..., H, W, 3): L in [0, 100], a and b in about [-128, 127].

    Returns
    -------
    numpy.ndarray
        RGB (..., H, W, 3) in [0, 1].

    Raises
    ------
    ImageError
        Not 3 layers, NaN or infinity, or L outside [0, 100].

    Examples
    --------
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
    """Split Lab into lightness L (..., 1) and the color layers ab (..., 2).

    Parameters
    ----------
    lab : numpy.ndarray
        Lab (..., H, W, 3).

    Returns
    -------
    L : numpy.ndarray
        (..., H, W, 1), the network's input.
    ab : numpy.ndarray
        (..., H, W, 2), its target (before dividing by 128).

    Raises
    ------
    ImageError
        ``lab`` does not have 3 layers in its last axis.

    Examples
    --------
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

    Parameters
    ----------
    L : numpy.ndarray
        Lightness, (H, W) or (H, W, 1), in [0, 100]; batches (N, H, W, 1) work too.
    ab : numpy.ndarray
        The color layers, (..., H, W, 2).

    Returns
    -------
    numpy.ndarray
        Lab (..., H, W, 3).

    Raises
    ------
    ImageError
        ``L`` and ``ab`` do not fit together, or ``ab`` has no 2 layers.

    Examples
    --------
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

    Parameters
    ----------
    ab : numpy.ndarray
        The color layers a and b, in about [-128, 127].

    Returns
    -------
    numpy.ndarray
        ab / 128.

    Raises
    ------
    ImageError
        ``ab`` is not a numeric array.

    Examples
    --------
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

    Parameters
    ----------
    y : numpy.ndarray
        Normalized ab, in [-1, 1] (a tanh output).

    Returns
    -------
    numpy.ndarray
        ab = y × 128.

    Raises
    ------
    ImageError
        ``y`` is not a numeric array.

    Examples
    --------
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

    Parameters
    ----------
    rgb : numpy.ndarray
        RGB (..., H, W, 3) in [0, 1].

    Returns
    -------
    numpy.ndarray
        RGB of the same shape with R = G = B (the gray baseline every lesson compares with).

    Raises
    ------
    ImageError
        The same as :func:`rgb_to_lab`.

    Examples
    --------
    >>> import numpy as np
    >>> g = to_gray(np.array([[[1.0, 0.0, 0.0]]]))
    >>> bool(np.allclose(g[..., 0], g[..., 1]))
    True
    """
    L, ab = split_lab(rgb_to_lab(rgb))
    return lab_to_rgb(compose_lab(L, np.zeros_like(ab)))


# ------------------------------------------------------------- many megapixels
# scikit-image's conversions are clear but single-threaded and float64: on a 12-megapixel
# photo rgb2lab + lab2rgb take several seconds, ten times the network's share of
# colorize. These two are the same formulas in float32, run on blocks of rows in two
# threads (NumPy releases the GIL), about five times faster; tests keep them within 0.002
# of scikit-image.

_XYZ_FROM_RGB = np.array(
    [
        [0.412453, 0.357580, 0.180423],
        [0.212671, 0.715160, 0.072169],
        [0.019334, 0.119193, 0.950227],
    ],
    np.float32,
)
_RGB_FROM_XYZ = np.linalg.inv(_XYZ_FROM_RGB.astype(np.float64)).astype(np.float32)
_WHITE_D65 = np.array([0.95047, 1.0, 1.08883], np.float32)


def _in_row_blocks(fn, arr: np.ndarray, channels: int, rows: int = 128) -> np.ndarray:
    """Apply ``fn`` to blocks of rows of an (H, W, C) array in two threads; (H, W, channels)."""
    from concurrent.futures import ThreadPoolExecutor

    out = np.empty(arr.shape[:2] + (channels,), np.float32)

    def work(top: int) -> None:
        out[top : top + rows] = fn(arr[top : top + rows])

    starts = range(0, arr.shape[0], rows)
    if arr.shape[0] <= rows:
        work(0)
    else:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(work, starts))
    return out


def _lightness_block(rgb: np.ndarray) -> np.ndarray:
    rgb = rgb.astype(np.float32, copy=False)
    linear = np.where(
        rgb > 0.04045, np.power((rgb + 0.055) / 1.055, 2.4, dtype=np.float32), rgb / 12.92
    )
    y = linear[..., 0] if rgb.shape[-1] == 1 else linear @ _XYZ_FROM_RGB[1]
    f = np.where(y > 0.008856, np.cbrt(y), 7.787 * y + 16.0 / 116.0)
    return (116.0 * f - 16.0)[..., None]


def lightness(rgb: np.ndarray) -> np.ndarray:
    """Lab's L (0-100) of RGB (H, W, 3), or of a gray (H, W, 1), in [0, 1]; float32 (H, W, 1).

    The same number as ``rgb_to_lab(rgb)[..., :1]`` for the third of the work (only the Y
    row of the RGB → XYZ matrix counts for L), fast on photos of many megapixels.

    Parameters
    ----------
    rgb : numpy.ndarray
        One image, RGB (H, W, 3) or gray (H, W, 1), floats in [0, 1]; not checked.

    Returns
    -------
    numpy.ndarray
        L in [0, 100], float32 (H, W, 1).

    Examples
    --------
    >>> import numpy as np
    >>> round(float(lightness(np.full((1, 1, 3), 0.5))[0, 0, 0]), 2)
    53.39
    """
    return _in_row_blocks(_lightness_block, np.asarray(rgb), 1)


def _lab_to_rgb_block(lab: np.ndarray) -> np.ndarray:
    lab = lab.astype(np.float32, copy=False)
    fy = (lab[..., 0] + 16.0) / 116.0
    f = np.empty(lab.shape, np.float32)
    f[..., 0] = lab[..., 1] / 500.0 + fy
    f[..., 1] = fy
    f[..., 2] = np.maximum(fy - lab[..., 2] / 200.0, 0.0)  # as scikit-image: Z < 0 → 0
    xyz = np.where(f > 0.2068966, f * f * f, (f - 16.0 / 116.0) / 7.787) * _WHITE_D65
    linear = np.maximum(xyz @ _RGB_FROM_XYZ.T, 0.0)
    out = 1.055 * np.power(linear, 1.0 / 2.4, dtype=np.float32) - 0.055
    dark = linear <= 0.0031308
    out[dark] = 12.92 * linear[dark]
    return np.clip(out, 0.0, 1.0, out=out)


def fast_lab_to_rgb(lab: np.ndarray) -> np.ndarray:
    """:func:`lab_to_rgb` for photos of many megapixels: float32, two threads, no checks.

    Parameters
    ----------
    lab : numpy.ndarray
        One Lab image (H, W, 3): L in [0, 100], a and b in about [-128, 127]; not checked.

    Returns
    -------
    numpy.ndarray
        RGB (H, W, 3) in [0, 1], float32, colors outside sRGB clipped.

    Examples
    --------
    >>> import numpy as np
    >>> fast_lab_to_rgb(np.array([[[100.0, 0.0, 0.0]]])).round(3).tolist()
    [[[1.0, 1.0, 1.0]]]
    """
    return _in_row_blocks(_lab_to_rgb_block, np.asarray(lab), 3)


# Colors one at a time and the ab plane: what lessons 03-04 show in their widgets.


def lab_swatch(L: float, a: float, b: float) -> tuple[np.ndarray, bool]:
    """The sRGB color of one Lab triple, and whether sRGB can show it exactly (in gamut).

    Out-of-gamut colors are clipped; we detect them by converting back and comparing.

    Parameters
    ----------
    L : float
        Lightness, in [0, 100].
    a : float
        Green (negative) to red (positive), in about [-128, 127].
    b : float
        Blue (negative) to yellow (positive), in about [-128, 127].

    Returns
    -------
    rgb : numpy.ndarray
        The color, float32 (3,) in [0, 1] (clipped if out of gamut).
    in_gamut : bool
        Whether sRGB shows the color exactly (within 1 Lab unit).

    Raises
    ------
    ImageError
        ``L`` outside [0, 100].

    Examples
    --------
    >>> rgb, ok = lab_swatch(50, 0, 0)
    >>> ok, lab_swatch(50, 120, -120)[1]
    (True, False)
    """
    lab = np.array([[[L, a, b]]], dtype=np.float64)
    rgb = lab_to_rgb(lab)
    back = rgb_to_lab(rgb.astype(np.float64))
    return rgb[0, 0], bool(np.abs(back - lab).max() < 1.0)


def ab_plane(L: float, n: int = 161, limit: float = 128) -> tuple[np.ndarray, np.ndarray]:
    """All colors with lightness L on an n×n grid of (a, b); return (rgb, in_gamut mask).

    Rows go from b = +limit (top, yellow) to -limit (bottom, blue); columns from a = -limit
    (left, green) to +limit (right, red). Out-of-gamut points are shown gray by the widget.

    Parameters
    ----------
    L : float
        The lightness of every point, in [0, 100].
    n : int
        The number of grid points along a and along b.
    limit : float
        The grid runs from -limit to +limit in both a and b.

    Returns
    -------
    rgb : numpy.ndarray
        The colors, float32 (n, n, 3) in [0, 1] (out-of-gamut ones clipped).
    in_gamut : numpy.ndarray
        Bool (n, n): True where sRGB shows the color exactly (within 1 Lab unit).

    Raises
    ------
    ImageError
        ``L`` outside [0, 100].

    Examples
    --------
    >>> rgb, ok = ab_plane(50, n=9)
    >>> rgb.shape, bool(ok[4, 4])        # the center (a = b = 0) is a gray, in gamut
    ((9, 9, 3), True)
    """
    axis = np.linspace(-limit, limit, n)
    a, b = np.meshgrid(axis, axis[::-1])
    lab = np.stack([np.full_like(a, L), a, b], axis=-1)
    rgb = lab_to_rgb(lab)
    ok = np.abs(rgb_to_lab(rgb.astype(np.float64)) - lab).max(axis=-1) < 1.0
    return rgb, ok


def ab_plane_image(L: float, n: int = 161) -> np.ndarray:
    """The ab plane at lightness L with out-of-gamut points painted mid-gray.

    Parameters
    ----------
    L : float
        The lightness of every point, in [0, 100].
    n : int
        The number of grid points along a and along b (see :func:`ab_plane`).

    Returns
    -------
    numpy.ndarray
        RGB (n, n, 3) in [0, 1]; out-of-gamut points are 0.5.

    Raises
    ------
    ImageError
        ``L`` outside [0, 100].

    Examples
    --------
    >>> ab_plane_image(50, n=9).shape
    (9, 9, 3)
    """
    rgb, ok = ab_plane(L, n)
    rgb = rgb.copy()
    rgb[~ok] = 0.5
    return rgb


def tanh_to_color(za: float, zb: float, L: float = 65.0) -> dict:
    """Follow two raw network outputs through tanh and ×128 to a color.

    Parameters
    ----------
    za : float
        The raw output (before tanh) for a.
    zb : float
        The raw output (before tanh) for b.
    L : float
        The lightness of the color, in [0, 100].

    Returns
    -------
    dict
        ``"ya"``, ``"yb"``: the tanh outputs in [-1, 1]; ``"a"``, ``"b"``: those × 128;
        ``"rgb"``: the color, float32 (3,) in [0, 1]; ``"in_gamut"``: whether sRGB shows it
        exactly (see :func:`lab_swatch`).

    Raises
    ------
    ImageError
        ``L`` outside [0, 100].

    Examples
    --------
    >>> d = tanh_to_color(0.0, 10.0)
    >>> round(d["a"], 1), round(d["b"], 1)
    (0.0, 128.0)
    """
    ya, yb = float(np.tanh(za)), float(np.tanh(zb))
    a, b = ya * AB_SCALE, yb * AB_SCALE
    rgb, ok = lab_swatch(L, a, b)
    return {"ya": ya, "yb": yb, "a": a, "b": b, "rgb": rgb, "in_gamut": ok}
