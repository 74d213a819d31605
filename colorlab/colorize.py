"""Running a colorization model on a photo of any size."""

from __future__ import annotations

import numpy as np

from colorlab.color import compose_lab, denormalize_ab, lab_to_rgb, rgb_to_lab
from colorlab.errors import ImageError


def _as_rgb(image: np.ndarray) -> np.ndarray:
    arr = np.asarray(image)
    if arr.ndim == 2:
        arr = np.repeat(arr[..., None], 3, axis=-1)
    elif arr.ndim == 3 and arr.shape[-1] == 1:
        arr = np.repeat(arr, 3, axis=-1)
    return arr


def predict_ab(model, L: np.ndarray, stride: int = 8) -> np.ndarray:
    """Predict normalized ab (H, W, 2) for lightness L (H, W, 1), padding to the model's stride.

    The picture is padded (by mirroring its edges) to a multiple of ``stride`` so every
    downsampling step divides evenly, then the prediction is cropped back.

    Example:
        >>> import numpy as np
        >>> from colorlab.models import article_model
        >>> predict_ab(article_model(), np.full((30, 41, 1), 50.0)).shape
        (30, 41, 2)
    """
    h, w = L.shape[:2]
    ph, pw = (-h) % stride, (-w) % stride
    mode = "reflect" if min(h, w) > max(ph, pw) else "edge"
    padded = np.pad(L, ((0, ph), (0, pw), (0, 0)), mode=mode)
    # A direct call rather than model.predict: predict compiles a graph per new image size
    # and, with shapes left open, Keras's bilinear upsampling cannot be traced.
    from keras import ops

    out = ops.convert_to_numpy(model(padded[None].astype(np.float32), training=False))[0]
    return out[:h, :w]


def _resize(channels: np.ndarray, shape: tuple[int, int], anti_aliasing: bool) -> np.ndarray:
    from skimage.transform import resize

    out = resize(channels, shape + channels.shape[2:], order=1, anti_aliasing=anti_aliasing)
    return out.astype(np.float32)


def colorize(model, image: np.ndarray, stride: int | None = None) -> np.ndarray:
    """Colorize a photo: keep its lightness L, take ab from the model; return RGB in [0, 1].

    ``image`` may be gray (H, W) or (H, W, 1), or RGB (H, W, 3) in [0, 1] (its color is
    ignored); the result has the same height and width.

    A model that records a working size (a :class:`~colorlab.layers.WorkingSize` layer,
    as the shipped photo model has) sees the photo at that scale: L is resized so its
    shorter side is the working size, ab is predicted there and enlarged to the photo's
    size, and the photo's own full-resolution L is kept (color is soft, lightness carries
    the detail; Zhang, Isola & Efros do the same). Other models run at full resolution.
    ``stride`` overrides the padding multiple the model records (8 without a record).

    Example:
        >>> import numpy as np
        >>> from colorlab.models import article_model
        >>> colorize(article_model(), np.full((20, 20), 0.5)).shape
        (20, 20, 3)
    """
    from colorlab.layers import working_size

    rgb = _as_rgb(image)
    if rgb.ndim != 3 or rgb.shape[-1] != 3:
        raise ImageError(f"colorize expects a gray (H, W) or RGB (H, W, 3) image, got {rgb.shape}.")
    L = rgb_to_lab(rgb)[..., :1]
    size, recorded_stride = working_size(model)
    stride = stride or recorded_stride
    h, w = L.shape[:2]
    if size is None or min(h, w) == size:
        ab = predict_ab(model, L, stride)
    else:
        scale = size / min(h, w)
        small = (max(1, round(h * scale)), max(1, round(w * scale)))
        ab = predict_ab(model, _resize(L, small, anti_aliasing=scale < 1), stride)
        ab = _resize(ab, (h, w), anti_aliasing=False)
    return lab_to_rgb(compose_lab(L, denormalize_ab(ab)))
