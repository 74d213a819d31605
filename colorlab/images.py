"""Loading and saving photos: every bad input becomes a clear :class:`ImageError`.

Pillow does the decoding; this module turns the many shapes a photo can come in
(grayscale, 16-bit, palette, transparent, CMYK, rotated by EXIF, animated) into one:
a float32 array of shape (H, W, 3) with values in [0, 1].
"""

from __future__ import annotations

import contextlib
import os
import struct
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from colorlab.errors import ImageError

#: The smallest photo (pixels on each side) the course accepts.
MIN_SIDE = 8
#: The largest photo (in pixels) ``load_image`` opens unless told otherwise.
#: A 48-megapixel phone photo fits; a "decompression bomb" (a tiny file that
#: unpacks to gigabytes) does not.
MAX_PIXELS = 100_000_000

Size = int | tuple[int, int] | None


@contextlib.contextmanager
def _pillow_pixel_limit(max_pixels: int | None) -> Iterator[None]:
    """Let Pillow open up to ``max_pixels`` pixels (we check the limit ourselves)."""
    old = Image.MAX_IMAGE_PIXELS
    # Pillow raises at twice its limit; ours is checked right after opening.
    Image.MAX_IMAGE_PIXELS = None if max_pixels is None else max(max_pixels, 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = old


def _too_big(name: str, width: int, height: int, max_pixels: int) -> ImageError:
    return ImageError(
        f"{name} is {width}×{height} = {width * height:,} pixels, more than the limit of "
        f"{max_pixels:,}: resize it first, or if you trust the file pass "
        f"load_image(..., max_pixels=None) to lift the limit."
    )


def _opacity(img: Image.Image) -> np.ndarray | None:
    """The alpha channel (H, W) as float32 in [0, 1], or None for an image without one."""
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        img.mode == "P" and "transparency" in img.info
    ):
        return np.asarray(img.convert("RGBA"), dtype=np.float32)[..., 3] / 255.0
    return None


def _to_float_rgb(img: Image.Image) -> np.ndarray:
    """Convert an opened Pillow image of any mode to float32 RGB in [0, 1]."""
    mode = img.mode
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        # 16-bit (or 32-bit integer) grayscale: Pillow's convert("L") would clip
        # rather than scale, so scale by hand to keep all the detail.
        gray = np.asarray(img, dtype=np.float64)
        top = 65535.0 if gray.max(initial=0) > 255 or mode.startswith("I;16") else 255.0
        gray = np.clip(gray / top, 0.0, 1.0)
        return np.repeat(gray[..., None], 3, axis=-1).astype(np.float32)
    if mode == "F":
        gray = np.asarray(img, dtype=np.float64)
        if gray.max(initial=0) > 1.0:
            gray = gray / 255.0
        gray = np.clip(gray, 0.0, 1.0)
        return np.repeat(gray[..., None], 3, axis=-1).astype(np.float32)
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        mode == "P" and "transparency" in img.info
    )
    if has_alpha:
        # Transparent parts are shown on white, as a browser or viewer would.
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    rgb = img.convert("RGB")
    return np.asarray(rgb, dtype=np.float32) / 255.0


def _target_size(size: Size, height: int, width: int, name: str) -> tuple[int, int] | None:
    """Turn the ``size`` argument into (height, width), or None for 'keep as is'."""
    if size is None:
        return None
    if isinstance(size, bool):
        raise TypeError(f"size must be an int or a (height, width) tuple, not {size!r}")
    if isinstance(size, int | np.integer):
        if size < MIN_SIDE:
            raise ValueError(f"size={size} is too small: use at least {MIN_SIDE} pixels.")
        if height <= width:
            return int(size), max(1, round(width * size / height))
        return max(1, round(height * size / width)), int(size)
    if (
        isinstance(size, tuple | list)
        and len(size) == 2
        and all(isinstance(s, int | np.integer) and not isinstance(s, bool) for s in size)
    ):
        h, w = int(size[0]), int(size[1])
        if min(h, w) < MIN_SIDE:
            raise ValueError(
                f"size={tuple(size)} is too small: use at least {MIN_SIDE} pixels on each side."
            )
        return h, w
    raise TypeError(
        f"size for {name} must be an int (the shorter side) or a (height, width) tuple, "
        f"not {size!r}"
    )


def resize(rgb: np.ndarray, size: Size) -> np.ndarray:
    """Resize an (H, W, C) float image with anti-aliasing; ``size`` as in :func:`load_image`.

    Bilinear (scikit-image's ``resize``, order 1) with anti-aliasing when shrinking.

    Parameters
    ----------
    rgb : numpy.ndarray
        An image (H, W, C), floats in [0, 1] (not checked).
    size : int or (int, int), optional
        An int sets the shorter side (the other keeps the aspect ratio), ``(height, width)``
        the exact size; at least :data:`MIN_SIDE` (8) pixels a side. ``None`` keeps the size.

    Returns
    -------
    numpy.ndarray
        (height, width, C), float32 clipped to [0, 1]; ``rgb`` itself, unchanged, when
        ``size`` is ``None`` or already its size.

    Raises
    ------
    ValueError
        ``size`` is below :data:`MIN_SIDE` (8) pixels.
    TypeError
        ``size`` is neither an int nor a (height, width) pair of ints.

    Examples
    --------
    >>> import numpy as np
    >>> resize(np.zeros((100, 200, 3), np.float32), 50).shape
    (50, 100, 3)
    """
    from skimage.transform import resize as sk_resize

    target = _target_size(size, rgb.shape[0], rgb.shape[1], "the array")
    if target is None or target == rgb.shape[:2]:
        return rgb
    out = sk_resize(rgb, target + rgb.shape[2:], order=1, anti_aliasing=True, preserve_range=True)
    return np.clip(out, 0.0, 1.0).astype(np.float32)


def load_image(
    path: str | os.PathLike,
    size: Size = None,
    *,
    max_pixels: int | None = MAX_PIXELS,
    opacity: bool = False,
) -> np.ndarray | tuple[np.ndarray, np.ndarray | None]:
    """Load a photo as a float32 array of shape (H, W, 3) with values in [0, 1].

    Grayscale photos come back with R = G = B; the EXIF orientation of phone photos is
    applied; an animated GIF gives its first frame. **Transparency**, in one place: the
    transparent parts of a photo are put on white (as a browser shows them), which is what
    is colorized, trained on and saved; and they are left out of every measurement, since
    white there would score well for any model. A pixel counts as opaque when its alpha is
    at least 0.5 (:func:`colorlab.datasets.opaque_photo`). Every scoring path follows this:
    ``colorlab evaluate`` and lesson 10 (via ``opaque=`` of the metrics), and the held-back
    photos of fine-tuning, lesson 11's and ``colorlab train``'s
    (``cl.pipeline.load_folder(..., opacity=True)`` and
    ``cl.datasets.color_photos(..., opacity=True)`` give the masks;
    ``cl.training.gain_over_gray`` and ``fit_photos`` take them).

    Parameters
    ----------
    path : str or os.PathLike
        The photo's file (PNG, JPEG, TIFF, BMP, GIF, WebP, …).
    size : int or (int, int), optional
        Resize with anti-aliasing: an int sets the shorter side, ``(height, width)`` the
        exact size.
    max_pixels : int, optional
        Refuse larger photos (a decompression bomb guard); ``None`` for no limit.
    opacity : bool
        Also return the photo's opacity (its alpha channel, resized like the photo).

    Returns
    -------
    numpy.ndarray or tuple
        RGB (H, W, 3), float32 in [0, 1]; with ``opacity``, ``(rgb, alpha)`` where alpha is
        (H, W) float32 in [0, 1] (0 transparent), or None for a photo without transparency.

    Raises
    ------
    ImageError
        Anything that is not a usable photo; the message names the file and what to do.

    Examples
    --------
    >>> import colorlab as cl
    >>> rgb = cl.load_image(cl.datasets.sample_path("astronaut"), size=64)
    >>> rgb.shape, rgb.dtype
    ((64, 64, 3), dtype('float32'))
    """
    if not isinstance(path, str | os.PathLike):
        raise ImageError(
            f"load_image expects the path of a photo file, not a {type(path).__name__}: "
            f"pass a string or pathlib.Path (an image already in memory needs no loading)."
        )
    path = Path(path)
    name = str(path)
    if not path.exists():
        hint = ""
        if path.parent.is_dir():
            close = sorted(p.name for p in path.parent.iterdir() if p.stem == path.stem)
            if close:
                hint = f" (did you mean {', '.join(close)}?)"
        raise ImageError(f"{name} does not exist{hint}: check the file name and folder.")
    if path.is_dir():
        raise ImageError(
            f"{name} is a folder, not a photo: pass one image file, "
            f"or use colorlab.datasets.folder_photos() for a whole folder."
        )
    try:
        nbytes = path.stat().st_size
    except OSError as exc:
        raise ImageError(
            f"{name} cannot be read ({exc.strerror}): check its permissions."
        ) from None
    if nbytes == 0:
        raise ImageError(f"{name} is empty (0 bytes): copy or export the photo again.")

    try:
        with _pillow_pixel_limit(max_pixels), Image.open(path) as img:
            width, height = img.size
            if max_pixels is not None and width * height > max_pixels:
                raise _too_big(name, width, height, max_pixels)
            if min(width, height) < MIN_SIDE:
                raise ImageError(
                    f"{name} is only {width}×{height} pixels: the course needs at least "
                    f"{MIN_SIDE}×{MIN_SIDE}; use a larger photo."
                )
            if getattr(img, "n_frames", 1) > 1:
                img.seek(0)  # animated GIF/PNG/WebP: use the first frame
            img.load()
            img = ImageOps.exif_transpose(img)
            alpha = _opacity(img) if opacity else None
            rgb = _to_float_rgb(img)
    except ImageError:
        raise
    except UnidentifiedImageError:
        raise ImageError(
            f"{name} is not an image Pillow can read (it may be another kind of file): "
            f"use a PNG, JPEG, GIF, BMP, TIFF or WebP photo."
        ) from None
    except Image.DecompressionBombError:
        raise ImageError(
            f"{name} declares far more pixels than the limit of {max_pixels:,} "
            f"(a possible decompression bomb): resize it first, or if you trust the file "
            f"pass load_image(..., max_pixels=None)."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error):
        raise ImageError(
            f"{name} is damaged or truncated and cannot be decoded: copy or export the photo again."
        ) from None
    except MemoryError:
        raise ImageError(
            f"{name} is too large to fit in memory: resize it to a few megapixels first."
        ) from None

    if size is not None:
        rgb = resize(rgb, size)
        if alpha is not None:
            alpha = resize(np.repeat(alpha[..., None], 3, axis=-1), rgb.shape[:2])[..., 0]
    return (rgb, alpha) if opacity else rgb


def save_image(
    rgb: np.ndarray,
    path: str | os.PathLike,
    overwrite: bool = False,
) -> Path:
    """Save an RGB (or gray) image to ``path``; return the path.

    Folders are created as needed. An existing file is never replaced unless ``overwrite``.

    Parameters
    ----------
    rgb : numpy.ndarray
        RGB (H, W, 3) or gray (H, W) or (H, W, 1): floats in [0, 1], or uint8.
    path : str or os.PathLike
        The file; its extension sets the format (PNG recommended).
    overwrite : bool
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        Where the image was written.

    Raises
    ------
    ImageError
        A bad array (shape, range, NaN), a folder as ``path``, or an unknown extension.
    FileExistsError
        ``path`` exists and ``overwrite`` is False.

    Examples
    --------
    >>> import numpy as np, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out" / "gray.png"
    >>> save_image(np.full((8, 8, 3), 0.5), out).name
    'gray.png'
    """
    from colorlab.color import check_image

    path = Path(path)
    arr = check_image(rgb, f"The image for {path}", channels=(3, 1), uint8=True)
    if arr.dtype != np.uint8:
        arr = np.round(arr * 255).astype(np.uint8)
    if arr.shape[-1] == 1:
        arr = arr[..., 0]
    if path.is_dir():
        raise ImageError(f"{path} is a folder: give a file name such as {path / 'photo.png'}.")
    if path.exists() and not overwrite:
        raise FileExistsError(
            f"{path} already exists and was left untouched: choose another name, "
            f"or pass overwrite=True to replace it."
        )
    try:
        Image.init()
        if path.suffix.lower() not in Image.EXTENSION:
            raise ImageError(
                f"cannot save {path}: unknown image extension {path.suffix!r}; use .png or .jpg."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(arr).save(path)
    except OSError as exc:
        raise ImageError(f"cannot write {path} ({exc}): check the folder and free space.") from None
    return path


def center_crop(rgb: np.ndarray, size: int) -> np.ndarray:
    """Resize so the shorter side is ``size``, then cut the central size×size square.

    Parameters
    ----------
    rgb : numpy.ndarray
        An image (H, W, C), floats in [0, 1].
    size : int
        The side of the square in pixels.

    Returns
    -------
    numpy.ndarray
        (size, size, C): float32 if resized (see :func:`resize`), else a view of ``rgb``.

    Raises
    ------
    ValueError
        ``size`` is below :data:`MIN_SIDE` (8) pixels and the image needs resizing.

    Examples
    --------
    >>> import numpy as np
    >>> center_crop(np.zeros((100, 200, 3), np.float32), 40).shape
    (40, 40, 3)
    """
    rgb = resize(rgb, size) if min(rgb.shape[:2]) != size else rgb
    h, w = rgb.shape[:2]
    top, left = (h - size) // 2, (w - size) // 2
    return rgb[top : top + size, left : left + size]
