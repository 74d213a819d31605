"""``tf.data`` pipelines: photos in, (L, ab/128) batches out; augmentation and Lab in-graph.

Converting inside the TensorFlow graph lets the conversion run in parallel with training,
instead of in Python between steps (``benchmarks/pipeline.py`` measures the difference).
The formulas are scikit-image's ``rgb2lab`` (sRGB, D65 white, 2° observer), rewritten in
TensorFlow ops because scikit-image cannot run inside a graph; a test keeps the two within
0.05 of each other.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import tensorflow as tf

from colorlab.color import AB_SCALE
from colorlab.errors import ImageError

# scikit-image's sRGB → XYZ matrix and D65 reference white (skimage.color.colorconv).
_XYZ_FROM_RGB = np.array(
    [
        [0.412453, 0.357580, 0.180423],
        [0.212671, 0.715160, 0.072169],
        [0.019334, 0.119193, 0.950227],
    ],
    np.float32,
)
_WHITE_D65 = np.array([0.95047, 1.0, 1.08883], np.float32)
_RGB_FROM_XYZ = np.linalg.inv(_XYZ_FROM_RGB.astype(np.float64)).astype(np.float32)


def rgb_to_lab_tf(rgb: tf.Tensor) -> tf.Tensor:
    """RGB in [0, 1] → Lab, in TensorFlow ops (any leading shape, last axis 3).

    Parameters
    ----------
    rgb : tf.Tensor or array_like
        RGB (..., 3) in [0, 1]; values outside are clipped.

    Returns
    -------
    tf.Tensor
        Lab (..., 3), float32: L in [0, 100], a and b in about [-128, 127].

    Examples
    --------
    >>> import numpy as np
    >>> lab = rgb_to_lab_tf(tf.constant([[1.0, 1.0, 1.0]])).numpy()   # white
    >>> [abs(round(float(v), 2)) for v in lab[0]]
    [100.0, 0.0, 0.0]
    """
    rgb = tf.clip_by_value(tf.cast(rgb, tf.float32), 0.0, 1.0)
    linear = tf.where(rgb > 0.04045, tf.pow((rgb + 0.055) / 1.055, 2.4), rgb / 12.92)
    xyz = tf.tensordot(linear, tf.constant(_XYZ_FROM_RGB.T), axes=1) / _WHITE_D65
    f = tf.where(
        xyz > 0.008856, tf.pow(tf.maximum(xyz, 1e-12), 1.0 / 3.0), 7.787 * xyz + 16.0 / 116.0
    )
    fx, fy, fz = f[..., 0], f[..., 1], f[..., 2]
    L = 116.0 * fy - 16.0
    a = 500.0 * (fx - fy)
    b = 200.0 * (fy - fz)
    return tf.stack([L, a, b], axis=-1)


def lab_to_rgb_tf(lab: tf.Tensor) -> tf.Tensor:
    """Lab → RGB in [0, 1], in TensorFlow ops: scikit-image's ``lab2rgb``, clipped to gamut.

    Written out because scikit-image cannot run inside a graph: the photo loss
    (:func:`colorlab.losses.rgb_log_mse`) measures its error in RGB during training. A test
    keeps the two within 0.002 of each other.

    Parameters
    ----------
    lab : tf.Tensor or array_like
        Lab (..., 3): L in [0, 100], a and b in about [-128, 127].

    Returns
    -------
    tf.Tensor
        RGB (..., 3) in [0, 1], float32, colors outside sRGB clipped.

    Examples
    --------
    >>> [round(float(v), 3) for v in lab_to_rgb_tf(tf.constant([[100.0, 0.0, 0.0]]))[0]]
    [1.0, 1.0, 1.0]
    """
    lab = tf.cast(lab, tf.float32)
    fy = (lab[..., 0] + 16.0) / 116.0
    fx = lab[..., 1] / 500.0 + fy
    fz = tf.maximum(fy - lab[..., 2] / 200.0, 0.0)  # as scikit-image: Z below 0 is set to 0
    f = tf.stack([fx, fy, fz], axis=-1)
    xyz = tf.where(f > 0.2068966, tf.pow(f, 3.0), (f - 16.0 / 116.0) / 7.787) * _WHITE_D65
    linear = tf.tensordot(xyz, tf.constant(_RGB_FROM_XYZ.T), axes=1)
    rgb = tf.where(
        linear > 0.0031308,
        1.055 * tf.pow(tf.maximum(linear, 1e-12), 1.0 / 2.4) - 0.055,
        12.92 * linear,
    )
    return tf.clip_by_value(rgb, 0.0, 1.0)


def split_pair(lab: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    """(L, ab / 128) of a Lab tensor.

    Parameters
    ----------
    lab : tf.Tensor
        Lab (..., 3).

    Returns
    -------
    L : tf.Tensor
        (..., 1), the network's input.
    y : tf.Tensor
        ab / 128, (..., 2), its target.

    Examples
    --------
    >>> L, y = split_pair(tf.ones((2, 2, 3)) * 64)
    >>> float(y[0, 0, 0])
    0.5
    """
    return lab[..., :1], lab[..., 1:] / AB_SCALE


def augment_images(
    images: tf.Tensor, crop: int, seed, zoom: float = 0.25, clip: bool = True
) -> tf.Tensor:
    """Random zoom (up to ``zoom``), crop to crop×crop and flip, for a batch of images.

    ``images`` (B, H, W, C) may be RGB or Lab (the training pipeline augments Lab, converted
    once per photo). Each image's shorter side is scaled to between ``crop`` and
    ``crop·(1 + zoom)`` and a crop×crop window is cut at a random place: done in one
    ``crop_and_resize`` call for the batch (bilinear; the zoom is mild, so no anti-aliasing
    is needed). ``seed`` (two integers) makes it reproducible. ``clip`` keeps RGB in [0, 1];
    pass False for Lab.

    Parameters
    ----------
    images : tf.Tensor or array_like
        A batch of images (B, H, W, C), RGB or Lab; H and W at least ``crop``.
    crop : int
        The side of the square crops in pixels.
    seed : array_like of int
        Two integers (a stateless random seed); the same seed gives the same crops.
    zoom : float
        The largest zoom: the shorter side is scaled to at most ``crop·(1 + zoom)``.
    clip : bool
        Clip the result to [0, 1] (for RGB; pass False for Lab).

    Returns
    -------
    tf.Tensor
        The augmented batch (B, crop, crop, C), float32.

    Examples
    --------
    >>> augment_images(tf.zeros((2, 40, 50, 3)), 32, seed=[1, 2]).shape
    TensorShape([2, 32, 32, 3])
    """
    images = tf.convert_to_tensor(images, tf.float32)
    seeds = tf.random.experimental.stateless_split(tf.cast(seed, tf.int64), num=4)
    shape = tf.shape(images)
    n, h, w = shape[0], tf.cast(shape[1], tf.float32), tf.cast(shape[2], tf.float32)
    # The window cut from the photo, as a fraction of its height and width.
    side = tf.minimum(h, w) / tf.random.stateless_uniform([n], seeds[0], 1.0, 1.0 + zoom)
    fh, fw = side / h, side / w
    top = tf.random.stateless_uniform([n], seeds[1]) * (1.0 - fh)
    left = tf.random.stateless_uniform([n], seeds[2]) * (1.0 - fw)
    boxes = tf.stack([top, left, top + fh, left + fw], axis=1)
    out = tf.image.crop_and_resize(images, boxes, tf.range(n), (crop, crop))
    flip = tf.random.stateless_uniform([n], seeds[3]) < 0.5
    out = tf.where(flip[:, None, None, None], out[:, :, ::-1], out)
    return tf.clip_by_value(out, 0.0, 1.0) if clip else out


def augment(rgb: tf.Tensor, crop: int, seed=None, zoom: float = 0.25) -> tf.Tensor:
    """:func:`augment_images` for one RGB photo (H, W, 3).

    Parameters
    ----------
    rgb : tf.Tensor or array_like
        One RGB photo (H, W, 3) in [0, 1]; H and W at least ``crop``.
    crop : int
        The side of the square crop in pixels.
    seed : array_like of int, optional
        Two integers (a stateless random seed); ``None`` draws a new one each call.
    zoom : float
        The largest zoom: the shorter side is scaled to at most ``crop·(1 + zoom)``.

    Returns
    -------
    tf.Tensor
        The augmented photo (crop, crop, 3), float32 in [0, 1].

    Examples
    --------
    >>> augment(tf.zeros((40, 50, 3)), 32, seed=[1, 2]).shape
    TensorShape([32, 32, 3])
    """
    if seed is None:
        seed = tf.random.uniform([2], maxval=2**31 - 1, dtype=tf.int32)
    return augment_images(tf.convert_to_tensor(rgb, tf.float32)[None], crop, seed, zoom)[0]


def load_folder(
    folder: str | os.PathLike | list, size: int, skip_gray: bool = True, *, opacity: bool = False
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Every photo in ``folder`` (or a list of paths), resized and center-cropped to size×size.

    Decoding goes through :func:`colorlab.load_image` rather than ``tf.io.decode_image``:
    it also reads CMYK, 16-bit, palette and EXIF-rotated photos, and skips a bad file with
    one line on stderr instead of stopping the whole pipeline. Photos without color
    (B&W or gray already, see :func:`colorlab.metrics.has_color`) have nothing to teach a
    colorizer; with ``skip_gray`` they are left out, with one line saying how many.

    Parameters
    ----------
    folder : str or os.PathLike or list
        A folder (the photos directly inside it), or a list of photo paths.
    size : int
        The side of the square photos in pixels.
    skip_gray : bool
        Leave out photos without color (judged on their opaque pixels).
    opacity : bool
        Also return which pixels are opaque, cropped like the photos, so that a photo's
        transparent part (put on white by :func:`colorlab.load_image`) can be left out of
        its scores (``cl.metrics.psnr(..., opaque=)``, ``cl.training.gain_over_gray``).

    Returns
    -------
    numpy.ndarray or tuple
        The photos, RGB (N, size, size, 3), float32 in [0, 1]; with ``opacity``, also a
        boolean (N, size, size) array, True where a pixel is opaque (everywhere, for a photo
        without transparency). A photo with no opaque pixel is then skipped, with one line.

    Raises
    ------
    ImageError
        ``folder`` does not exist or is a file, or it (or the list) holds no photo that
        can be read (or, with ``skip_gray``, no color photo).
    ValueError
        ``size`` is below 8 pixels.

    Examples
    --------
    >>> import tempfile
    >>> load_folder(tempfile.mkdtemp(), 32)
    Traceback (most recent call last):
    ...
    colorlab.errors.ImageError: ... holds no photo colorlab can read: ...
    """
    import sys

    from colorlab.datasets import photo_paths, readable_photos
    from colorlab.images import center_crop
    from colorlab.metrics import GRAY_CF

    if isinstance(folder, list | tuple):
        where, paths = "", list(folder)
    else:
        where, paths = str(Path(folder)), photo_paths(folder)
    read, photos, masks = 0, [], []
    for rgb, opaque, colored in readable_photos(paths, size):
        read += 1
        if skip_gray and not colored:
            continue
        photos.append(center_crop(rgb, size))
        if opacity:
            full = np.ones(rgb.shape[:2], bool) if opaque is None else opaque
            masks.append(center_crop(full[..., None].astype(np.float32), size)[..., 0] >= 0.5)
    gray = read - len(photos)
    if gray:
        print(
            f"skipped {gray} of {read} photos{f' in {where}' if where else ''}: "
            "no color to learn from "
            f"(black-and-white or nearly gray: colorfulness below {GRAY_CF}).",
            file=sys.stderr,
        )
    if not photos:
        what = "color photo" if gray else "photo colorlab can read"
        where = where or f"The {len(folder)} photos given"
        raise ImageError(f"{where} holds no {what}: add PNG or JPEG color photos to it.")
    photos = np.stack(photos).astype(np.float32)
    return (photos, np.stack(masks)) if opacity else photos


def dataset(
    images: np.ndarray | str | os.PathLike,
    crop: int = 64,
    batch_size: int = 32,
    augment_data: bool = True,
    shuffle: bool = True,
    repeat: bool = False,
    seed: int = 0,
    zoom: float = 0.25,
) -> tf.data.Dataset:
    """A ``tf.data`` pipeline of (L, ab/128) batches from an RGB array (N, H, W, 3) or a folder.

    With ``augment_data`` each photo is randomly zoomed, cropped to crop×crop and flipped;
    without it, it is center-cropped. RGB → Lab runs in the graph (once per photo, cached),
    batches are prefetched.

    Parameters
    ----------
    images : numpy.ndarray or str or os.PathLike
        RGB photos (N, H, W, 3) in [0, 1] with H and W at least ``crop``, or a folder of
        photos (read with :func:`load_folder`).
    crop : int
        The side of the square crops in pixels.
    batch_size : int
        The number of crops per batch.
    augment_data : bool
        Random zoom, crop and flip; without it, a center crop.
    shuffle : bool
        Shuffle the photos anew every epoch.
    repeat : bool
        Repeat the photos without end.
    seed : int
        Seed of the shuffling and the augmentation, for reproducible runs.
    zoom : float
        The largest zoom of the augmentation (see :func:`augment_images`).

    Returns
    -------
    tf.data.Dataset
        Batches of (L, ab / 128): float32 (B, crop, crop, 1) and (B, crop, crop, 2).

    Raises
    ------
    ImageError
        ``images`` is not shaped (N, H, W, 3), its photos are smaller than ``crop``, or the
        folder holds no photo that can be read.

    Examples
    --------
    >>> import numpy as np
    >>> ds = dataset(np.random.rand(8, 40, 40, 3).astype("float32"), crop=32, batch_size=4)
    >>> [tuple(t.shape) for t in next(iter(ds))]
    [(4, 32, 32, 1), (4, 32, 32, 2)]
    """
    if isinstance(images, str | os.PathLike):
        images = load_folder(images, int(crop * 1.25) if augment_data else crop)
    images = np.asarray(images, np.float32)
    if images.ndim != 4 or images.shape[-1] != 3:
        raise ImageError(f"dataset() needs RGB images shaped (N, H, W, 3), got {images.shape}.")
    if min(images.shape[1:3]) < crop:
        raise ImageError(
            f"the images ({images.shape[1]}×{images.shape[2]}) are smaller than crop={crop}."
        )
    # RGB → Lab runs once per photo, in the graph, and is cached: the photos do not change,
    # only the crops do. Crops are then cut from the Lab pictures (bilinear interpolation of
    # Lab instead of RGB: for the mild zoom used here the difference is far below what the
    # network can learn). On a 2-core laptop this keeps the pipeline from competing with the
    # training step for the cores; the whole batch is augmented in one vectorized call.
    ds = tf.data.Dataset.from_tensor_slices(images).map(rgb_to_lab_tf).cache()
    if shuffle:
        ds = ds.shuffle(len(images), seed=seed, reshuffle_each_iteration=True)
    if repeat:
        ds = ds.repeat()
    ds = ds.batch(batch_size)
    if augment_data:
        # One seed pair per batch (and per epoch), drawn from `seed`: reproducible runs.
        seeds = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True).batch(2)
        ds = tf.data.Dataset.zip((ds, seeds)).map(
            lambda x, s: augment_images(x, crop, s, zoom=zoom, clip=False),
            num_parallel_calls=tf.data.AUTOTUNE,
            deterministic=True,
        )
    else:
        ds = ds.map(lambda x: tf.image.resize_with_crop_or_pad(x, crop, crop))
    return ds.map(split_pair, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)
