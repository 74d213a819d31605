"""Running a colorization model on a photo of any size."""

from __future__ import annotations

import numbers
import os

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
        Lightness (H, W, 1) in [0, 100]; for a hint model, L with its hint channels
        (H, W, 7) as :func:`colorlab.hints.model_input` builds them.
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
    padded = np.pad(L[..., :1], ((0, ph), (0, pw), (0, 0)), mode=mode)
    if L.shape[-1] > 1:
        # A hint model's input (colorlab.hints.model_input): no hints in the margin (a
        # mirrored hint would be a second one), and the global hint is the same everywhere.
        hints = np.pad(L[..., 1:4], ((0, ph), (0, pw), (0, 0)))
        like = np.pad(L[..., 4:], ((0, ph), (0, pw), (0, 0)), mode="edge")
        padded = np.concatenate([padded, hints, like], axis=-1)
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
    hints=None,
    like=None,
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
    hints : list of (x, y, color), optional
        For a hint model (the shipped ``hints``, lesson 12): colors a person knows, each at
        column x and row y of the photo's own pixels, the color an (r, g, b) triple in 0-255
        or a ``"#rrggbb"`` string; only its a and b are used (the photo keeps its L).
    like : numpy.ndarray or str or os.PathLike, optional
        For a hint model: a color photo (RGB in [0, 1], or its file) whose overall color
        the result should take (:func:`colorlab.hints.like_hint`).

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
        ``temperature`` is given for a model without one (regression), or is not above 0;
        ``hints`` or ``like`` are given for a model that does not read them.
    ValueError
        A hint is malformed or outside the photo (the message names it).

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.models import article_model
    >>> colorize(article_model(), np.full((20, 20), 0.5)).shape
    (20, 20, 3)
    """
    for name, value in (("working_size", working_size), ("stride", stride)):
        if value is not None and (int(value) != value or value < 1):
            raise ValueError(f"{name}={value!r}: give a whole number of pixels, 1 or more.")
    layer = check_temperature(model, temperature)
    reads_hints = check_hints_for(model, hints, like)
    rgb = _as_image(image)
    if layer is not None:
        saved = layer.temperature
        layer.temperature = float(temperature)  # read at call time: predict_ab runs eagerly
        try:
            return colorize(model, rgb, stride, working_size, hints=hints, like=like)
        finally:
            layer.temperature = saved
    # Full-size conversions in float32 on two threads (colorlab.color.lightness and
    # fast_lab_to_rgb): on a 12-megapixel photo scikit-image's would take several seconds.
    from colorlab.color import fast_lab_to_rgb, lightness

    L = lightness(rgb)
    ab = _predict_at_working_size(model, L, stride, working_size, hints, like, reads_hints)
    lab = np.concatenate([L, denormalize_ab(np.asarray(ab, np.float32))], axis=-1)
    return fast_lab_to_rgb(lab)


def _predict_at_working_size(model, L, stride, working_size, hints, like, reads_hints):
    """The model's output for L (H, W, 1), run at its working size and enlarged to H × W."""
    from colorlab.layers import working_size as recorded_size

    size, recorded_stride = recorded_size(model)
    size = working_size or size
    stride = stride or recorded_stride
    h, w = L.shape[:2]
    small = (h, w)
    if size is not None and min(h, w) != size:
        scale = size / min(h, w)
        small = (max(1, round(h * scale)), max(1, round(w * scale)))
    seen = L if small == (h, w) else _resize(L, small, antialias=small[0] < h).numpy()
    if reads_hints:
        seen = _with_hints(seen, (h, w), hints, like)
    out = predict_ab(model, seen, stride)
    if small != (h, w):
        out = _resize(out, (h, w), antialias=False).numpy()
    return out


def hint_weights(model, image: np.ndarray, hints, like=None) -> np.ndarray:
    """How much each pixel takes its color from the hints (1) rather than its own guess (0).

    For the shipped hint model (:func:`colorlab.models.hint_photo_model`): each place's
    weight for the hints in the vote of :class:`~colorlab.layers.HintVoting`, enlarged to
    the photo's size. Lesson 12 draws it to show where a hint spreads.

    Parameters
    ----------
    model : keras.Model
        A hint model with the layer ``votes_1_4`` (the votes at 1/4 size).
    image : numpy.ndarray
        The photo, RGB (H, W, 3) or gray, in [0, 1].
    hints : list of (x, y, color)
        As for :func:`colorize`.
    like : numpy.ndarray or str or os.PathLike, optional
        A reference photo, as for :func:`colorize`.

    Returns
    -------
    numpy.ndarray
        (H, W) float32 in [0, 1]: the hints' share of each pixel's color.

    Raises
    ------
    ModelError
        ``model`` has no vote (not the hint model).
    ValueError
        A hint is malformed or outside the photo.

    Examples
    --------
    >>> from colorlab.models import hint_photo_model, pretrained_photo_model, stand_in_backbone
    >>> m = hint_photo_model(pretrained_photo_model(stand_in_backbone(2), width=2)[1])
    >>> weights = hint_weights(m, np.full((64, 96), 0.5), [(10, 10, "#ff0000")])
    >>> weights.shape, bool(weights[10, 10] > weights[60, 90])
    ((64, 96), True)
    """
    import keras

    from colorlab.color import lightness
    from colorlab.errors import ModelError

    check_hints_for(model, hints, like)
    try:
        votes = model.get_layer("votes_1_4").output
    except ValueError:
        raise ModelError(
            f"the model {getattr(model, 'name', '')!r} has no vote (layer 'votes_1_4'): "
            "hint_weights needs the hint model, cl.load_model('hints')."
        ) from None
    # The probe keeps the hint model's WorkingSize layer, so it runs at the same scale.
    probe = keras.Model(model.input, keras.layers.UpSampling2D(4, interpolation="bilinear")(votes))
    L = lightness(_as_image(image))
    out = _predict_at_working_size(probe, L, None, None, hints, like, reads_hints=True)
    return np.clip(1.0 - out[..., 2] - out[..., 3], 0.0, 1.0).astype(np.float32)


def check_hints_for(model, hints, like) -> bool:
    """Whether ``model`` reads hints; a clear error when hints are given to one that does not.

    Parameters
    ----------
    model : keras.Model
        Any colorizer of the course.
    hints : list or None
        The hints asked for.
    like : object or None
        The reference photo asked for.

    Returns
    -------
    bool
        True for a hint model (its inputs are then built by :func:`colorize`).

    Raises
    ------
    ModelError
        ``hints`` or ``like`` is given and ``model`` has no hint inputs.

    Examples
    --------
    >>> from colorlab.models import article_model
    >>> check_hints_for(article_model(), None, None)
    False
    """
    from colorlab.errors import ModelError
    from colorlab.hints import takes_hints

    reads = takes_hints(model)
    if not reads and (hints is not None or like is not None):
        asked = "hints" if hints is not None else "like"
        raise ModelError(
            f"{asked}=: the model {getattr(model, 'name', '')!r} has no hint inputs (it reads "
            "only the gray photo). Use the hint model, cl.load_model('hints') (lesson 12), "
            f"or leave {asked} out."
        )
    return reads


def _with_hints(L: np.ndarray, shape: tuple[int, int], hints, like) -> np.ndarray:
    """L at the working size with the hint channels, hints given in the photo's own pixels."""
    from colorlab.hints import hint_map, like_hint, model_input

    ab, mask = hint_map([] if hints is None else hints, shape, at=L.shape[:2])
    if isinstance(like, str | os.PathLike):
        from colorlab.images import load_image

        like = load_image(like)
    return model_input(L, ab, mask, like_hint(like))
