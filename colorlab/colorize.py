"""Running a colorization model on a photo of any size."""

from __future__ import annotations

import numbers

import numpy as np

from colorlab.color import denormalize_ab


def _as_image(image: np.ndarray) -> np.ndarray:
    """A gray (H, W, 1) or RGB (H, W, 3) float image in [0, 1], checked with clear errors."""
    from colorlab.color import check_image

    return check_image(image, "The image to colorize", channels=(3, 1))


def predict_ab(model, L: np.ndarray, stride: int | None = None) -> np.ndarray:
    """Predict normalized ab (H, W, 2) for lightness L (H, W, 1), padding to the model's stride.

    The picture is padded (by mirroring its edges) to a multiple of ``stride`` (default:
    :data:`colorlab.layers.DEFAULT_STRIDE`) so every downsampling step divides evenly, then
    the prediction is cropped back.

    Parameters
    ----------
    model : keras.Model
        Any colorizer of the course: L (B, H, W, 1) in, ab / 128 (B, H, W, 2) out. It runs at
        L's own size; :func:`colorize` is what applies a recorded working size.
    L : numpy.ndarray
        Lightness (H, W, 1) in [0, 100].
    stride : int, optional
        The padding multiple (default :data:`~colorlab.layers.DEFAULT_STRIDE`).

    Returns
    -------
    numpy.ndarray
        ab / 128 (H, W, 2) as the model outputs it (about [-1, 1]), float32.

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.models import article_model
    >>> predict_ab(article_model(), np.full((30, 41, 1), 50.0)).shape
    (30, 41, 2)
    """
    from colorlab.layers import DEFAULT_STRIDE

    stride = stride or DEFAULT_STRIDE
    h, w = L.shape[:2]
    ph, pw = (-h) % stride, (-w) % stride
    mode = "reflect" if min(h, w) > max(ph, pw) else "edge"
    padded = np.pad(L, ((0, ph), (0, pw), (0, 0)), mode=mode)
    # A direct call rather than model.predict: predict compiles a graph per new image size
    # and, with shapes left open, Keras's bilinear upsampling cannot be traced.
    from keras import ops

    out = ops.convert_to_numpy(model(padded[None].astype(np.float32), training=False))[0]
    return out[:h, :w]


def _resize(channels, shape: tuple[int, int], antialias: bool):
    """Bilinear resize of an (H, W, C) array or tensor, with anti-aliasing when shrinking."""
    import tensorflow as tf

    return tf.image.resize(channels, shape, method="bilinear", antialias=antialias)


def temperature_layer(model):
    """The :class:`~colorlab.layers.AnnealedMean` layer of a classification colorizer, or None.

    Parameters
    ----------
    model : keras.Model
        Any colorizer of the course.

    Returns
    -------
    AnnealedMean or None
        The layer whose temperature decides how vivid the colors are; None for a model that
        regresses ab directly (it has no temperature).

    Examples
    --------
    >>> from colorlab.models import article_model
    >>> temperature_layer(article_model()) is None
    True
    """
    from colorlab.layers import AnnealedMean

    return next((x for x in getattr(model, "layers", []) if isinstance(x, AnnealedMean)), None)


def check_temperature(model, temperature: float | None):
    """The layer to set for ``temperature`` (None when not asked), or a clear error.

    A regression model has no temperature: its colors are one estimate per pixel, not a
    distribution to sharpen. For it the message points to
    :func:`colorlab.training.with_confidence`, which scales the colors instead.

    Parameters
    ----------
    model : keras.Model
        Any colorizer of the course.
    temperature : float or None
        The temperature asked for, or None (the model's own).

    Returns
    -------
    AnnealedMean or None
        The layer whose ``temperature`` to set, or None when none was asked.

    Raises
    ------
    ModelError
        ``model`` has no annealed mean, or ``temperature`` is not a number above 0.

    Examples
    --------
    >>> from colorlab.models import article_model
    >>> check_temperature(article_model(), None) is None
    True
    """
    from colorlab.errors import ModelError

    if temperature is None:
        return None
    layer = temperature_layer(model)
    if layer is None:
        raise ModelError(
            f"temperature={temperature!r}: the model {getattr(model, 'name', '')!r} predicts "
            "colors directly (regression) and has no temperature. Leave it out, or make its "
            "colors stronger or fainter with cl.training.with_confidence(model, factor)."
        )
    number = isinstance(temperature, numbers.Real) and not isinstance(temperature, bool)
    if not number or not 0 < float(temperature) <= 10:
        raise ModelError(f"temperature={temperature!r}: give a number above 0 (about 0.1 to 1).")
    return layer


def colorize(
    model,
    image: np.ndarray,
    stride: int | None = None,
    working_size: int | None = None,
    temperature: float | None = None,
) -> np.ndarray:
    """Colorize a photo: keep its lightness L, take ab from the model; return RGB in [0, 1].

    A model that records a working size (a :class:`~colorlab.layers.WorkingSize` layer, as
    the shipped photo model has) sees the photo at that scale: L is resized so its shorter
    side is the working size, ab is predicted there and enlarged to the photo's size, and
    the photo's own full-resolution L is kept (color is soft, lightness carries the detail;
    Zhang, Isola & Efros do the same). Other models run at full resolution.

    Parameters
    ----------
    model : keras.Model
        Any colorizer of the course: L (B, H, W, 1) in, ab / 128 (B, H, W, 2) out.
    image : numpy.ndarray
        Gray (H, W) or (H, W, 1), or RGB (H, W, 3), floats in [0, 1]; its color is ignored.
    stride : int, optional
        The padding multiple (the model's record, else
        :data:`~colorlab.layers.DEFAULT_STRIDE`).
    working_size : int, optional
        Run the model at this shorter side instead of the one it records (lesson 11).
    temperature : float, optional
        For a classification model (one with an annealed mean, such as the shipped photo
        model): the annealed mean's T for this call, from 0.1 (each pixel's likeliest color)
        to 1 (the plain mean of its likely colors); default: the temperature the model was
        saved with. Which end is more colorful depends on the model: the shipped model's card
        tabulates PSNR and colorfulness for each T.

    Returns
    -------
    numpy.ndarray
        RGB (H, W, 3) in [0, 1], the image's height and width.

    Raises
    ------
    ImageError
        The image has another shape, no pixels, 0-255 values, NaN, or values outside [0, 1].
    ValueError
        ``working_size`` or ``stride`` is not a whole number of pixels ≥ 1.
    ModelError
        ``temperature`` is given for a model without one (regression), or is not above 0.

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.models import article_model
    >>> colorize(article_model(), np.full((20, 20), 0.5)).shape
    (20, 20, 3)
    """
    from colorlab.layers import working_size as recorded_size

    for name, value in (("working_size", working_size), ("stride", stride)):
        if value is not None and (int(value) != value or value < 1):
            raise ValueError(f"{name}={value!r}: give a whole number of pixels, 1 or more.")
    layer = check_temperature(model, temperature)
    rgb = _as_image(image)
    if layer is not None:
        saved = layer.temperature
        layer.temperature = float(temperature)  # read at call time: predict_ab runs eagerly
        try:
            return colorize(model, rgb, stride, working_size)
        finally:
            layer.temperature = saved
    # Full-size conversions in float32 on two threads (colorlab.color.lightness and
    # fast_lab_to_rgb): on a 12-megapixel photo scikit-image's would take several seconds.
    from colorlab.color import fast_lab_to_rgb, lightness

    L = lightness(rgb)
    size, recorded_stride = recorded_size(model)
    size = working_size or size
    stride = stride or recorded_stride
    h, w = rgb.shape[:2]
    if size is None or min(h, w) == size:
        ab = predict_ab(model, L, stride)
    else:
        scale = size / min(h, w)
        small = (max(1, round(h * scale)), max(1, round(w * scale)))
        ab = predict_ab(model, _resize(L, small, antialias=scale < 1).numpy(), stride)
        ab = _resize(ab, (h, w), antialias=False).numpy()
    lab = np.concatenate([L, denormalize_ab(np.asarray(ab, np.float32))], axis=-1)
    return fast_lab_to_rgb(lab)
