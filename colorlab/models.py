"""The networks of the lessons, built with Keras (loading and saving them: :mod:`colorlab.saving`).

Each network is written out in the cells of the lesson that teaches it; this module keeps
the copies that later lessons, the command line, the benchmarks and the model-training
tool use, and ``tests/test_lesson_code.py`` proves each lesson's network and this module's
are the same (layers, shapes, parameters, and outputs for the same weights):

* lesson 05: the article's network (:func:`article_model`) and the improved one
  (:func:`lesson_model`, from :func:`encoder`, :func:`decoder` and :func:`regression_head`);
* lesson 08: the scene classifier (:func:`scene_classifier`) and the fusion wiring
  (:func:`fusion_model`);
* lesson 09: the classification head (:func:`classification_model`);
* lesson 11: the photo model (:func:`photo_model`), the course's default colorizer;
* lesson 12: the hint model (:func:`hint_photo_model`), which also reads a person's color hints.

Every one maps lightness L (B, H, W, 1) to ab / 128 (B, H, W, 2) through a tanh output or an
annealed mean. Every builder takes the same compile settings (``learning_rate``,
``steps_per_execution``) and reseeds Keras only when given a ``seed``.

Importing this module imports Keras and changes nothing else; to keep TensorFlow's
start-up messages out of a notebook, load it through ``cl.models`` (or call
:func:`colorlab.backend.import_tensorflow_quietly` first).
"""

from __future__ import annotations

import keras
import numpy as np
from keras import layers

from colorlab.backend import seed_everything
from colorlab.layers import (
    AnnealedMean,
    CastVotes,
    HintPooling,
    HintVoting,
    StopGradient,
    TakeChannels,
    TileToGrid,
    WorkingSize,
)
from colorlab.losses import LOSSES, rebalanced_cce, rgb_log_mse_colorful

#: How L is fed to the lesson network: L / 50 - 1 maps [0, 100] to [-1, 1].
L_SCALE, L_SHIFT = 50.0, 1.0


def _seed(seed: int | None) -> None:
    """Reseed Keras for a builder, only when the caller asked for a seed."""
    if seed is not None:
        seed_everything(seed)


def article_model(
    seed: int | None = None, learning_rate: float = 1e-3, steps_per_execution: int = 1
) -> keras.Sequential:
    """The article's network, layer for layer: 3×3 ReLU convolutions down, upsampling up, tanh.

    Encoder 8 (stride 2), 8, 16, 16 (stride 2), 32, 32 (stride 2); decoder: upsample,
    32, upsample, 16, upsample, then 2 filters with tanh. It expects the raw L (0-100)
    and is compiled with RMSprop and the mean squared error, as in the original (RMSprop's
    default step, 1e-3, and one training step per call).

    Parameters
    ----------
    seed : int, optional
        Reseed Python, NumPy and Keras with it before building, so the starting weights are the
        same on every run; without it they are random.
    learning_rate : float
        RMSprop's step size.
    steps_per_execution : int
        How many training steps Keras runs per call.

    Returns
    -------
    keras.Sequential
        The compiled network: raw L (B, H, W, 1) in [0, 100] in, ab / 128 (B, H, W, 2) in
        [-1, 1] out, at the input's size when H and W are multiples of 8.

    Examples
    --------
    >>> m = article_model()
    >>> m.output_shape
    (None, None, None, 2)
    """
    _seed(seed)
    conv = dict(kernel_size=3, activation="relu", padding="same")
    model = keras.Sequential(
        [
            keras.Input((None, None, 1), name="L"),
            layers.Conv2D(8, strides=2, **conv),
            layers.Conv2D(8, **conv),
            layers.Conv2D(16, **conv),
            layers.Conv2D(16, strides=2, **conv),
            layers.Conv2D(32, **conv),
            layers.Conv2D(32, strides=2, **conv),
            layers.UpSampling2D(2),
            layers.Conv2D(32, **conv),
            layers.UpSampling2D(2),
            layers.Conv2D(16, **conv),
            layers.UpSampling2D(2),
            layers.Conv2D(2, 3, activation="tanh", padding="same", name="ab"),
        ],
        name="article",
    )
    model.compile(
        optimizer=keras.optimizers.RMSprop(learning_rate),
        loss="mse",
        steps_per_execution=int(steps_per_execution),
    )
    return model


def _conv(filters: int, strides: int = 1, name: str | None = None) -> layers.Conv2D:
    return layers.Conv2D(filters, 3, strides=strides, padding="same", activation="relu", name=name)


def encoder(L, width: int):
    """The front half of the lesson networks: L → (1/4-size features, 1/8-size features).

    L is scaled from [0, 100] to [-1, 1], then three stride-2 convolutions (``width``,
    2 × and 4 × ``width`` filters) and one more at 1/8 size. Written out in lesson 05.

    Parameters
    ----------
    L : keras.KerasTensor
        The model's input, lightness (B, H, W, 1) in [0, 100], such as
        ``keras.Input((None, None, 1))``.
    width : int
        The number of filters of the first convolution (the others have 2× and 4× that).

    Returns
    -------
    quarter : keras.KerasTensor
        Features at 1/4 size, (B, H/4, W/4, 2 × ``width``), for the skip connection.
    eighth : keras.KerasTensor
        Features at 1/8 size, (B, H/8, W/8, 4 × ``width``).

    Raises
    ------
    ValueError
        ``width`` is not a positive number of filters.

    Examples
    --------
    >>> L = keras.Input((None, None, 1))
    >>> quarter, eighth = encoder(L, 8)
    >>> quarter.shape[-1], eighth.shape[-1]
    (16, 32)
    """
    width = _width(width)
    x = layers.Rescaling(1 / L_SCALE, offset=-L_SHIFT, name="scale_L")(L)
    x = _conv(width, 2)(x)
    quarter = _conv(2 * width, 2)(x)
    x = _conv(4 * width, 2)(quarter)
    return quarter, _conv(4 * width)(x)


def decoder(quarter, eighth, width: int):
    """The back half: (1/4-, 1/8-size features) → 1/4-size features for an output head.

    The 1/8-size features are enlarged ×2 (bilinear), joined with the 1/4-size ones (the
    skip connection) and mixed by one convolution of 2 × ``width`` filters.

    Parameters
    ----------
    quarter : keras.KerasTensor
        The 1/4-size features of :func:`encoder`, (B, H/4, W/4, C).
    eighth : keras.KerasTensor
        The 1/8-size features, (B, H/8, W/8, C'): the encoder's, or the fused ones of
        :func:`fusion_model`.
    width : int
        The encoder's ``width``: the mixing convolution has 2 × ``width`` filters.

    Returns
    -------
    keras.KerasTensor
        Features at 1/4 size, (B, H/4, W/4, 2 × ``width``).

    Raises
    ------
    ValueError
        ``width`` is not a positive number of filters.

    Examples
    --------
    >>> L = keras.Input((None, None, 1))
    >>> decoder(*encoder(L, 8), 8).shape[-1]
    16
    """
    x = layers.UpSampling2D(2, interpolation="bilinear")(eighth)
    x = layers.Concatenate(name="skip")([x, quarter])
    return _conv(2 * _width(width))(x)


def regression_head(
    L, features, learning_rate: float = 2e-3, steps_per_execution: int = 10, name: str = "lesson"
) -> keras.Model:
    """The model from L to ab / 128: a tanh output at 1/4 size, enlarged ×4; MSE and Adam.

    Parameters
    ----------
    L : keras.KerasTensor
        The model's input (B, H, W, 1), the one ``features`` were computed from.
    features : keras.KerasTensor
        Features at 1/4 size, (B, H/4, W/4, C), such as :func:`decoder`'s.
    learning_rate : float
        Adam's step size.
    steps_per_execution : int
        How many training steps Keras runs per call.
    name : str
        The model's name.

    Returns
    -------
    keras.Model
        The compiled model: L (B, H, W, 1) in, ab / 128 (B, H, W, 2) in [-1, 1] out.

    Examples
    --------
    >>> L = keras.Input((None, None, 1))
    >>> regression_head(L, decoder(*encoder(L, 8), 8)).output_shape
    (None, None, None, 2)
    """
    x = layers.Conv2D(2, 3, padding="same", activation="tanh", name="ab_quarter")(features)
    ab = layers.UpSampling2D(4, interpolation="bilinear", name="ab")(x)
    model = keras.Model(L, ab, name=name)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss="mse",
        steps_per_execution=int(steps_per_execution),
    )
    return model


def lesson_model(
    width: int = 16,
    learning_rate: float = 2e-3,
    seed: int | None = None,
    steps_per_execution: int = 10,
) -> keras.Model:
    """The improved network of lesson 05: scaled input, a skip connection, Adam, a soft output.

    Compared with :func:`article_model`: (1) L is scaled from [0, 100] to [-1, 1] inside the
    model, so the first filters start in a useful range; (2) the color is predicted at a
    quarter of the size and enlarged smoothly (bilinear), since ab is soft anyway (lesson 03)
    and the network spends its effort where the colors are decided; (3) features from the
    1/4-size level are fed past the bottleneck (a skip connection), so edges land in the right
    place; (4) Adam adapts the step size of every filter; and (5) Keras runs 10 training steps
    per call (``steps_per_execution``; keep it at most the steps of an epoch), which removes
    most of the per-step overhead on a CPU. ``width`` is the number of filters of the first
    layer (the others are 2× and 4× that).

    Parameters
    ----------
    width : int
        The number of filters of the first layer (the others have 2× and 4× that).
    learning_rate : float
        Adam's step size.
    seed : int, optional
        Reseed Python, NumPy and Keras with it before building, so the starting weights are the
        same on every run; without it they are random.
    steps_per_execution : int
        How many training steps Keras runs per call; keep it at most the steps of an epoch.

    Returns
    -------
    keras.Model
        The compiled network: raw L (B, H, W, 1) in [0, 100] in, ab / 128 (B, H, W, 2) in
        [-1, 1] out. H and W should be multiples of 8
        (:data:`~colorlab.layers.DEFAULT_STRIDE`), to which :func:`colorlab.colorize` pads.

    Raises
    ------
    ValueError
        ``width`` is below 1.

    Examples
    --------
    >>> m = lesson_model(width=8)
    >>> m.output_shape
    (None, None, None, 2)
    """
    _seed(seed)
    w = _width(width)
    L = keras.Input((None, None, 1), name="L")
    quarter, eighth = encoder(L, w)  # 1/4- and 1/8-size features
    x = decoder(quarter, eighth, w)  # back to 1/4 size, with the skip connection
    return regression_head(L, x, learning_rate, steps_per_execution, name="lesson")


def _width(width) -> int:
    """The number of filters of a builder's first layer, checked."""
    w = int(width)
    if w < 1:
        raise ValueError(f"width must be a positive number of filters, not {width!r}.")
    return w


def scene_classifier(
    num_classes: int,
    width: int = 16,
    embedding: int = 32,
    seed: int | None = None,
    learning_rate: float = 3e-3,
    steps_per_execution: int = 1,
) -> keras.Model:
    """A small CNN that names the scene (meadow, sunset, …) from L alone; lesson 08.

    Its ``embedding`` layer, a vector per image, is what the fusion model reuses.

    Parameters
    ----------
    num_classes : int
        How many scenes to tell apart: the size of the softmax output.
    width : int
        The filters of the first of its four stride-2 convolutions (then 2×, 4× and 4× that).
    embedding : int
        The length of the ``embedding`` vector.
    seed : int, optional
        Reseed Python, NumPy and Keras with it before building, so the starting weights are the
        same on every run; without it they are random.
    learning_rate : float
        Adam's step size.
    steps_per_execution : int
        How many training steps Keras runs per call.

    Returns
    -------
    keras.Model
        Compiled with Adam, the sparse categorical cross-entropy (integer labels) and the
        accuracy: L (B, H, W, 1) in [0, 100] in, scene probabilities (B, ``num_classes``) out.

    Examples
    --------
    >>> scene_classifier(6).output_shape
    (None, 6)
    """
    _seed(seed)
    L = keras.Input((None, None, 1), name="L")
    x = layers.Rescaling(1 / L_SCALE, offset=-L_SHIFT)(L)
    for k in range(4):
        x = _conv(width * 2 ** min(k, 2), 2)(x)
    x = layers.GlobalAveragePooling2D()(x)
    emb = layers.Dense(embedding, activation="relu", name="embedding")(x)
    out = layers.Dense(num_classes, activation="softmax", name="scene")(emb)
    model = keras.Model(L, out, name="scene_classifier")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=int(steps_per_execution),
    )
    return model


def embedding_model(classifier: keras.Model) -> keras.Model:
    """The part of a classifier up to its ``embedding`` layer (L in, one vector per image out).

    Parameters
    ----------
    classifier : keras.Model
        A model with a layer named ``embedding``, such as :func:`scene_classifier`'s.

    Returns
    -------
    keras.Model
        The classifier's layers up to ``embedding``, sharing its weights: L (B, H, W, 1) in,
        one vector (B, D) per image out.

    Raises
    ------
    ValueError
        ``classifier`` has no layer named ``embedding`` (raised by Keras's ``get_layer``).

    Examples
    --------
    >>> embedding_model(scene_classifier(6)).output_shape
    (None, 32)
    """
    return keras.Model(
        classifier.input, classifier.get_layer("embedding").output, name="global_features"
    )


def fusion_model(
    global_encoder: keras.Model,
    width: int = 16,
    learning_rate: float = 2e-3,
    train_encoder: bool = False,
    seed: int | None = None,
    steps_per_execution: int = 10,
) -> keras.Model:
    """The lesson network plus global features: the encoder's vector is fused at every pixel.

    ``global_encoder`` maps L (B, H, W, 1) to a vector (B, D): the embedding of lesson 08's
    scene classifier, or any other model with that contract, such as a large ImageNet
    classifier wrapped by :func:`imagenet_encoder`. It is frozen unless ``train_encoder``.

    Parameters
    ----------
    global_encoder : keras.Model
        L (B, H, W, 1) in, one vector (B, D) per image out, such as the
        :func:`embedding_model` of a trained scene classifier or an :func:`imagenet_encoder`.
    width : int
        The number of filters of the first layer, as in :func:`lesson_model`.
    learning_rate : float
        Adam's step size.
    train_encoder : bool
        Let training update ``global_encoder`` too. Its ``trainable`` flag is set to this
        value: the encoder passed in is changed.
    seed : int, optional
        Reseed Python, NumPy and Keras with it before building, so the starting weights are the
        same on every run; without it they are random.
    steps_per_execution : int
        How many training steps Keras runs per call; keep it at most the steps of an epoch.

    Returns
    -------
    keras.Model
        The compiled network (MSE, Adam): L (B, H, W, 1) in [0, 100] in, ab / 128 (B, H, W, 2)
        in [-1, 1] out; H and W multiples of 8.

    Raises
    ------
    ValueError
        ``width`` is below 1.

    Examples
    --------
    >>> m = fusion_model(embedding_model(scene_classifier(6)), width=8)
    >>> m.output_shape
    (None, None, None, 2)
    """
    _seed(seed)
    w = _width(width)
    global_encoder.trainable = bool(train_encoder)
    L = keras.Input((None, None, 1), name="L")
    quarter, eighth = encoder(L, w)
    vector = global_encoder(L)
    tiled = TileToGrid(name="tile")([eighth, vector])
    fused = layers.Concatenate(name="fusion")([eighth, tiled])
    fused = layers.Conv2D(4 * w, 1, activation="relu", name="fusion_mix")(fused)
    x = decoder(quarter, fused, w)
    return regression_head(L, x, learning_rate, steps_per_execution, name="fusion")


def imagenet_encoder(backbone: keras.Model, input_size: int = 224) -> keras.Model:
    """Wrap an RGB image classifier (e.g. a Keras Applications model) as a global encoder of L.

    L is turned into a gray RGB image in 0-255, resized to ``input_size`` and fed to
    ``backbone``, which must end in one vector per image (``include_top=False,
    pooling="avg"``). Weights must already be on disk: for example
    ``keras.applications.MobileNetV2(include_top=False, pooling="avg",
    weights="/path/to/mobilenet_v2_weights_notop.h5")``. Nothing is downloaded.

    Parameters
    ----------
    backbone : keras.Model
        An RGB classifier: images (B, ``input_size``, ``input_size``, 3) in 0-255 in, one
        vector (B, D) per image out.
    input_size : int
        The side of the square images ``backbone`` expects (224 for most Keras Applications).

    Returns
    -------
    keras.Model
        L (B, H, W, 1) in [0, 100] in, the backbone's vector (B, D) out; not compiled.

    Examples
    --------
    >>> tiny = keras.Sequential([keras.Input((32, 32, 3)), layers.Conv2D(4, 3),
    ...                          layers.GlobalAveragePooling2D()])
    >>> imagenet_encoder(tiny, input_size=32).output_shape
    (None, 4)
    """
    L = keras.Input((None, None, 1), name="L")
    gray = layers.Rescaling(255.0 / 100.0)(L)
    gray = layers.Resizing(input_size, input_size)(gray)
    rgb = layers.Concatenate()([gray, gray, gray])
    return keras.Model(L, backbone(rgb), name="imagenet_features")


def classification_model(
    bins,
    width: int = 16,
    learning_rate: float = 2e-3,
    seed: int | None = None,
    steps_per_execution: int = 10,
) -> tuple[keras.Model, keras.Model]:
    """Lesson 09: predict a probability per ab bin; return (training model, colorizer).

    The training model outputs logits (B, H/4, W/4, Q) for a cross-entropy against soft
    targets; the colorizer shares its weights and turns them into ab / 128 at full size with
    :class:`~colorlab.layers.AnnealedMean`, so it plugs into :func:`colorlab.colorize`.

    Parameters
    ----------
    bins : numpy.ndarray
        Bin centers (Q, 2) in ab units, such as :func:`colorlab.bins.gamut_bins`.
    width : int
        The number of filters of the first layer, as in :func:`lesson_model`.
    learning_rate : float
        Adam's step size.
    seed : int, optional
        Reseed Python, NumPy and Keras with it before building, so the starting weights are the
        same on every run; without it they are random.
    steps_per_execution : int
        How many training steps Keras runs per call; keep it at most the steps of an epoch.

    Returns
    -------
    train : keras.Model
        Compiled with Adam and the categorical cross-entropy on logits: L (B, H, W, 1) in, bin
        logits (B, H/4, W/4, Q) out. Its targets come from
        :func:`colorlab.training.classification_targets`.
    colorizer : keras.Model
        The same weights: L (B, H, W, 1) in, ab / 128 (B, H, W, 2) out (the annealed mean at
        temperature 0.38, enlarged ×4); not compiled, it is for predicting.

    Raises
    ------
    ValueError
        ``width`` is below 1.

    Examples
    --------
    >>> from colorlab.bins import gamut_bins
    >>> train, colorizer = classification_model(gamut_bins(), width=8)
    >>> train.output_shape[-1] == len(gamut_bins()), colorizer.output_shape
    (True, (None, None, None, 2))
    """
    _seed(seed)
    w = _width(width)
    L = keras.Input((None, None, 1), name="L")
    quarter, eighth = encoder(L, w)
    x = decoder(quarter, eighth, w)
    logits = layers.Conv2D(len(bins), 1, name="bin_logits")(x)
    train = keras.Model(L, logits, name="classification_train")
    train.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        steps_per_execution=int(steps_per_execution),
    )
    ab = AnnealedMean(bins, name="annealed_mean")(logits)
    ab = layers.UpSampling2D(4, interpolation="bilinear", name="ab")(ab)
    return train, keras.Model(L, ab, name="classification")


def photo_model(
    width: int = 32,
    working_size: int = 128,
    learning_rate: float = 1e-3,
    seed: int | None = None,
    steps_per_execution: int = 10,
    global_features: bool = True,
    global_dropout: float = 0.0,
    loss: str = "rgb_log_mse",
    confidence: float = 1.0,
) -> keras.Model:
    """The shipped photo colorizer: a U-Net with the whole picture's summary fused in.

    It grows lesson 05's network into what real photos need, with lesson 08's idea inside:

    * four halvings instead of three (features at 1/2, 1/4, 1/8 and 1/16 of the size, with
      ``width``, 2×, 4× and 8× filters): a view of about 100 pixels, most of a photo at the
      working size;
    * a **global branch**: the 1/16-size features are averaged over the whole picture
      (``GlobalAveragePooling2D``) into one vector that says "outdoors, green, bright" or
      "indoors, dim", which is tiled over the grid and fused with every position (the
      fusion of lesson 08, here learned together with the rest instead of from scene labels);
    * a decoder that climbs back to 1/4 size, taking each level's encoder features through
      a skip connection (so edges land in place), and a tanh head for ab / 128 at 1/4 size,
      enlarged ×4 (as lesson 05's network does: color is soft);
    * a ``confidence`` factor on the colors (a ``Rescaling`` layer): a network trained on
      a few hundred photos is too sure of its colors on photos it has not seen, and
      :func:`colorlab.training.calibrate` fits this factor after training.

    A :class:`~colorlab.layers.WorkingSize` layer records ``working_size``, the shorter
    side of the photos it is trained on; :func:`colorlab.colorize` runs it at that size.
    It is compiled by :func:`compile_for_photos`.

    Parameters
    ----------
    width : int
        The number of filters of the first layer; the levels at 1/2, 1/4, 1/8 and 1/16 size
        have ``width``, 2×, 4× and 8× that.
    working_size : int
        The shorter side of the photos it is trained on, recorded for :func:`colorlab.colorize`.
    learning_rate : float
        Adam's step size at the start of training.
    seed : int, optional
        Reseed Python, NumPy and Keras with it before building, so the starting weights are the
        same on every run; without it they are random.
    steps_per_execution : int
        How many training steps Keras runs per call; keep it at most the steps of an epoch.
    global_features : bool
        Build the global branch; False leaves a plain U-Net (to measure what the branch adds).
    global_dropout : float
        The dropout rate, during training, on the whole picture's summary vector (0: none).
    loss : str
        ``"rgb_log_mse"``, ``"log_mse"`` or ``"mse"``, as :func:`compile_for_photos` takes.
    confidence : float
        The factor on the predicted colors (1: as trained).

    Returns
    -------
    keras.Model
        Compiled by :func:`compile_for_photos`: L (B, H, W, 1) in [0, 100] in, ab / 128
        (B, H, W, 2) out (tanh times ``confidence``); H and W multiples of 16.

    Raises
    ------
    ValueError
        ``width`` is below 1, or (with ``global_features``) ``global_dropout`` is outside
        [0, 1].
    ValueError
        ``loss`` is not one of the three names above.

    Examples
    --------
    >>> m = photo_model(width=8, working_size=64)
    >>> m.output_shape, m.get_layer("working_size").size
    ((None, None, None, 2), 64)
    """
    _seed(seed)
    w = _width(width)
    L = keras.Input((None, None, 1), name="L")
    x = WorkingSize(working_size, stride=16, name="working_size")(L)
    x = layers.Rescaling(1 / L_SCALE, offset=-L_SHIFT, name="scale_L")(x)
    x = _conv(w, 2)(x)  # 1/2
    skips = []
    for level in (1, 2, 3):  # 1/4, 1/8, 1/16
        x = _conv(w * 2**level, 2)(x)
        x = _conv(w * 2**level)(x)
        skips.append(x)
    if global_features:
        # Lesson 08's fusion: one vector for the whole picture, made available everywhere.
        summary = layers.GlobalAveragePooling2D(name="summary")(x)
        if global_dropout:
            summary = layers.Dropout(global_dropout, name="summary_dropout")(summary)
        summary = layers.Dense(8 * w, activation="relu", name="global_features")(summary)
        tiled = TileToGrid(name="tile")([x, summary])
        x = layers.Concatenate(name="fusion")([x, tiled])
        x = layers.Conv2D(8 * w, 1, activation="relu", name="fusion_mix")(x)
    for level in (2, 1):  # back up to 1/8 and 1/4, with skip connections
        x = layers.UpSampling2D(2, interpolation="bilinear")(x)
        x = layers.Concatenate()([x, skips[level - 1]])
        x = _conv(w * 2**level)(x)
        x = _conv(w * 2**level)(x)
    x = layers.Conv2D(2, 3, padding="same", activation="tanh", name="ab_quarter")(x)
    # How far to trust the colors on photos it has not seen: fitted after training by
    # colorlab.training.calibrate (1 = as trained).
    x = layers.Rescaling(confidence, name="confidence")(x)
    ab = layers.UpSampling2D(4, interpolation="bilinear", name="ab")(x)
    return compile_for_photos(
        keras.Model(L, ab, name="photos"), learning_rate, steps_per_execution, loss
    )


def _loss(name: str):
    """The photo loss called ``name``, or a ValueError that lists them."""
    if name not in LOSSES:
        raise ValueError(f"loss={name!r} is not one of the photo losses: {', '.join(LOSSES)}.")
    return LOSSES[name]


def compile_for_photos(
    model: keras.Model,
    learning_rate: float = 1e-3,
    steps_per_execution: int = 10,
    loss: str = "rgb_log_mse",
) -> keras.Model:
    """Compile a colorizer for training on photos: per-photo log error, Adam with averaging.

    ``loss`` is ``"rgb_log_mse"`` (:func:`colorlab.losses.rgb_log_mse`, what mean PSNR
    measures), ``"log_mse"`` (:func:`colorlab.losses.log_mse`, the same on ab) or ``"mse"``
    (:func:`colorlab.losses.ab_mse`);
    :func:`colorlab.training.fit_photos` feeds L with the targets for them.
    The optimizer keeps an exponential moving average of the weights (``use_ema``, over
    about the last 200 steps); :func:`colorlab.training.fit_photos` validates and keeps the
    averaged weights. Use it to fine-tune a loaded model (``cl.load_model("photos")``).

    Parameters
    ----------
    model : keras.Model
        A colorizer: L (B, H, W, 1) in, ab / 128 (B, H, W, 2) out.
    learning_rate : float
        Adam's step size.
    steps_per_execution : int
        How many training steps Keras runs per call; keep it at most the steps of an epoch.
    loss : str
        ``"rgb_log_mse"``, ``"log_mse"``, ``"mse"`` or ``"rgb_log_mse_colorful"`` (the
        error plus 10 × the colorfulness gap, for the pretrained photo model; see
        :data:`colorlab.losses.LOSSES`).

    Returns
    -------
    keras.Model
        ``model`` itself, compiled in place.

    Raises
    ------
    ValueError
        ``loss`` is not one of those names.

    Examples
    --------
    >>> compile_for_photos(lesson_model(width=4), 1e-4).optimizer.use_ema
    True
    """
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate, use_ema=True, ema_momentum=0.995),
        loss=_loss(loss),
        steps_per_execution=int(steps_per_execution),
    )
    return model


#: The MobileNetV2 layers whose features feed the pretrained photo model's decoder, at 1/4,
#: 1/8, 1/16 and 1/32 of the size (the expansions just before each stride-2 block).
BACKBONE_LEVELS = ("block_3_expand_relu", "block_6_expand_relu", "block_13_expand_relu", "out_relu")


def stand_in_backbone(filters: int = 4) -> keras.Model:
    """A tiny untrained network with MobileNetV2's feature layers, to build and test in seconds.

    :func:`pretrained_photo_model` and :func:`hint_photo_model` read the layers of
    :data:`BACKBONE_LEVELS`; this network has them (one convolution each, at 1/4, 1/8, 1/16
    and 1/32 of the size) and no weights file, so the examples and tests run anywhere.

    Parameters
    ----------
    filters : int
        The filters of each convolution.

    Returns
    -------
    keras.Model
        RGB (B, H, W, 3) in, (B, H/32, W/32, ``filters``) out.

    Examples
    --------
    >>> stand_in_backbone().get_layer(BACKBONE_LEVELS[-1]).output.shape
    (None, None, None, 4)
    """
    rgb = keras.Input((None, None, 3))
    x = rgb
    for name in BACKBONE_LEVELS:
        stride = 4 if name == BACKBONE_LEVELS[0] else 2
        x = layers.Conv2D(int(filters), 3, strides=stride, padding="same", name=name)(x)
    return keras.Model(rgb, x, name="stand_in_backbone")


def _freeze_before(backbone: keras.Model, train_from: str | None) -> None:
    """Freeze ``backbone`` up to the layer ``train_from`` (all of it when None), and its BN."""
    backbone.trainable = False
    if train_from is None:
        return
    names = [layer.name for layer in backbone.layers]
    if train_from not in names:
        raise ValueError(
            f"train_from={train_from!r} is not a layer of {backbone.name!r}; "
            f"its last layers are {', '.join(names[-6:])}."
        )
    for layer in backbone.layers[names.index(train_from) :]:
        # Batch normalization stays frozen: batches of 16 crops would overwrite statistics
        # measured on 1.28 million photos (and the backbone is always called in inference mode).
        layer.trainable = not isinstance(layer, layers.BatchNormalization)


def _gray_features(backbone: keras.Model, L, train_from: str | None):
    """The backbone's features at 1/4, 1/8, 1/16 and 1/32 of L's size, L fed as gray RGB."""
    _freeze_before(backbone, train_from)
    levels = keras.Model(
        backbone.input, [backbone.get_layer(n).output for n in BACKBONE_LEVELS], name="encoder"
    )
    x = layers.Rescaling(1 / L_SCALE, offset=-L_SHIFT, name="scale_L")(L)
    rgb = layers.Concatenate(name="gray_rgb")([x, x, x])
    return levels(rgb, training=False)


def pretrained_photo_model(
    backbone: keras.Model,
    bins=None,
    width: int = 32,
    working_size: int = 192,
    temperature: float = 0.38,
    learning_rate: float = 1e-3,
    seed: int | None = None,
    steps_per_execution: int = 10,
    gate: bool = False,
    colorfulness_weight: float = 0.0,
    train_from: str | None = None,
) -> tuple[keras.Model, keras.Model]:
    """A U-Net on a frozen ImageNet backbone: lesson 08's transfer learning for real photos.

    The gray photo is fed to ``backbone`` (MobileNetV2 from
    :func:`colorlab.pretrained.mobilenet_backbone`, frozen) as RGB with L / 50 - 1 in each
    channel. Its features at 1/32 size are averaged into one vector for the whole picture
    (what is in it), fused at every position as in lesson 08, and a decoder climbs back to
    1/4 size through its features at 1/16, 1/8 and 1/4 (skip connections), so colors land
    on the right objects. Only the decoder and head train (and, with ``train_from``, the
    backbone's last layers). With ``bins`` the head predicts a
    probability per ab bin (lesson 09) and the colorizer decodes them by the annealed mean
    at ``temperature``; without, a tanh head regresses ab / 128 directly.

    With ``gate`` (classification only), a small gate multiplies the annealed colors by a
    factor between 0 and 2 at each position: it sees the decoder's features and the colors
    but sends no gradient back to them, and learns from the per-photo RGB log error
    (what mean PSNR measures), plus ``colorfulness_weight`` times the gap to the truth's
    colorfulness, how far to trust vivid colors: little on a nearly gray photo or an
    ambiguous object, fully on grass and sky. The bins keep learning from the rebalanced
    cross-entropy alone.

    Parameters
    ----------
    backbone : keras.Model
        An RGB network in [-1, 1] with the layers of :data:`BACKBONE_LEVELS` (MobileNetV2).
    bins : numpy.ndarray, optional
        Bin centers (Q, 2) in ab units (:func:`colorlab.bins.gamut_bins`) for a
        classification head; None for regression.
    width : int
        The decoder's filters at 1/4 size (2×, 4× and 8× that at 1/8, 1/16, 1/32).
    working_size : int
        The shorter side it is trained and run at (:class:`~colorlab.layers.WorkingSize`).
    temperature : float
        The annealed mean's T in the colorizer (classification only).
    learning_rate : float
        Adam's step size.
    seed : int, optional
        Reseed Python, NumPy and Keras before building, for the same starting weights.
    steps_per_execution : int
        Training steps per call.
    gate : bool
        Add the color gate (needs ``bins``).
    colorfulness_weight : float
        How much the gate's loss also asks for the truth's colorfulness
        (:func:`colorlab.losses.rgb_log_mse_colorful`); 0 for the RGB error alone.
    train_from : str, optional
        The name of a backbone layer (for instance ``"block_16_expand"``): it and every
        layer after it train with the decoder, except batch normalization, which keeps its
        ImageNet statistics and scales. Default: the whole backbone stays frozen.

    Returns
    -------
    train : keras.Model
        Compiled: L (B, H, W, 1) in; bin logits (B, H/4, W/4, Q) out with the categorical
        cross-entropy on logits (targets: :func:`colorlab.training.classification_targets`),
        or ab / 128 with the per-photo RGB log error (:func:`compile_for_photos`). With
        ``gate``, two outputs: the logits (:func:`colorlab.losses.rebalanced_cce`) and the
        gated ab / 128 (:func:`colorlab.losses.rgb_log_mse`), for the targets of
        ``classification_targets(..., packed=True)``.
    colorizer : keras.Model
        The same weights: L in, ab / 128 (B, H, W, 2) out, for :func:`colorlab.colorize`
        (H and W multiples of 32, to which it pads). For regression it is ``train`` itself.

    Raises
    ------
    ValueError
        ``gate=True`` without ``bins``, ``train_from`` is not a layer of ``backbone``, or
        (from Keras) ``backbone`` lacks a layer of :data:`BACKBONE_LEVELS`.

    Examples
    --------
    >>> train, colorizer = pretrained_photo_model(stand_in_backbone(), width=4, working_size=64)
    >>> colorizer.output_shape
    (None, None, None, 2)
    """
    _seed(seed)
    w = _width(width)
    if gate and bins is None:
        raise ValueError("gate=True needs bins: the gate dims the annealed mean's colors.")
    L = keras.Input((None, None, 1), name="L")
    x = WorkingSize(working_size, stride=32, name="working_size")(L)
    levels = _gray_features(backbone, x, train_from)
    annealed = None if bins is None else AnnealedMean(bins, temperature, name="annealed_mean")
    logits, ab = _photo_decoder(levels, w, bins, annealed, gate)
    if bins is None:
        ab = layers.UpSampling2D(4, interpolation="bilinear", name="ab")(ab)
        model = keras.Model(L, ab, name="photos")
        return compile_for_photos(model, learning_rate, steps_per_execution), model
    optimizer = keras.optimizers.Adam(learning_rate, use_ema=True, ema_momentum=0.995)
    enlarged = layers.UpSampling2D(4, interpolation="bilinear", name="ab")(ab)
    outputs, loss = logits, keras.losses.CategoricalCrossentropy(from_logits=True)
    if gate:
        outputs = [logits, enlarged]
        loss = [rebalanced_cce, rgb_log_mse_colorful(colorfulness_weight)]
    train = keras.Model(L, outputs, name="photos_train")
    train.compile(optimizer=optimizer, loss=loss, steps_per_execution=int(steps_per_execution))
    return train, keras.Model(L, enlarged, name="photos")


def _photo_decoder(levels, w: int, bins, annealed, gate: bool, member: int = 0):
    """One decoder of the photo model on the backbone's ``levels``: (logits, ab at 1/4 size).

    Every layer with weights is named (with ``_m{member}`` after the name for a second or
    later member of :func:`photo_ensemble`), so members' weights are found by name. Without
    ``bins`` the logits are None and ab is the tanh regression.
    """

    def name(base: str) -> str:
        return f"{base}_m{member}" if member else base

    quarter, eighth, sixteenth, bottom = levels
    # Lesson 08's fusion: what the whole photo shows, made available at every position.
    summary = layers.GlobalAveragePooling2D(name=name("summary"))(bottom)
    summary = layers.Dense(8 * w, activation="relu", name=name("global_features"))(summary)
    x = layers.Conv2D(8 * w, 1, activation="relu", name=name("bottom_mix"))(bottom)
    x = layers.Concatenate(name=name("fusion"))([x, TileToGrid(name=name("tile"))([x, summary])])
    x = layers.Conv2D(8 * w, 1, activation="relu", name=name("fusion_mix"))(x)
    for skip, filters, at in ((sixteenth, 4 * w, 16), (eighth, 2 * w, 8), (quarter, w, 4)):
        x = layers.UpSampling2D(2, interpolation="bilinear", name=name(f"up_{at}"))(x)
        x = layers.Concatenate(name=name(f"skip_{at}"))([x, skip])
        x = _conv(filters, name=name(f"decode_{at}a"))(x)
        x = _conv(filters, name=name(f"decode_{at}b"))(x)
    if bins is None:
        ab = layers.Conv2D(2, 3, padding="same", activation="tanh", name=name("ab_quarter"))(x)
        return None, ab
    logits = layers.Conv2D(len(bins), 1, name=name("bin_logits"))(x)
    ab = annealed(logits)
    if not gate:
        return logits, ab
    seen = StopGradient(name=name("gate_input"))(layers.Concatenate()([x, ab]))
    g = layers.Conv2D(16, 3, padding="same", activation="relu", name=name("gate_conv"))(seen)
    g = layers.Conv2D(1, 1, activation="sigmoid", name=name("gate_logit"))(g)
    g = layers.Rescaling(2.0, name=name("gate"))(g)  # 0 (gray) … 1 (as decoded) … 2 (twice)
    return logits, layers.Multiply(name=name("gated"))([ab, g])


def photo_ensemble(members: list[keras.Model], name: str = "photos") -> keras.Model:
    """Average several trained photo colorizers into one network that runs the backbone once.

    Two decoders trained alike from different seeds make different mistakes: where they
    disagree their average is paler than either, and where they agree it keeps their color
    (an *ensemble*; ``ensemble_members`` runs each alone, to compare). Here the members
    share the frozen ImageNet backbone (it is the same in each), so it runs once; each
    member's decoder and gate color the photo at 1/4 size, the gated colors are averaged,
    and the average is enlarged as in one model. One annealed mean serves all members, so
    one temperature (:func:`colorlab.colorize`'s ``temperature=``) sets how vivid every
    member is. The result has the layers a single photo model has (``working_size``,
    ``gray_rgb``, ``encoder``, ``annealed_mean``, ``ab``), so everything that takes the
    photo model takes it: :func:`hint_photo_model`,
    :func:`colorlab.pretrained.photo_encoder`, fine-tuning.

    Parameters
    ----------
    members : list of keras.Model
        Colorizers of :func:`pretrained_photo_model` with ``bins`` (classification), built
        alike (the same width, bins, gate and working size) on the same frozen backbone.
        The first gives the working size and temperature.
    name : str
        The new model's name.

    Returns
    -------
    keras.Model
        L (B, H, W, 1) in, the members' average ab / 128 (B, H, W, 2) out.

    Raises
    ------
    ValueError
        Fewer than two members, a member that is not such a colorizer, or members that
        differ in their layers or their backbone's weights.

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.bins import gamut_bins
    >>> backbone = stand_in_backbone()
    >>> a, b = (pretrained_photo_model(backbone, gamut_bins(), width=4, working_size=64,
    ...                                gate=True, seed=s)[1] for s in (0, 1))
    >>> both = photo_ensemble([a, b])
    >>> L = np.full((1, 64, 64, 1), 50.0, np.float32)
    >>> mean = (a(L) + b(L)) / 2
    >>> bool(np.allclose(both(L), mean, atol=1e-5))
    True
    """
    from colorlab.layers import working_size

    members = list(members)
    strangers = [m for m in members if not isinstance(m, keras.Model)]
    if strangers:
        raise ValueError(
            f"members must be Keras models (cl.load_model(PATH) loads a .keras file); got "
            f"{type(strangers[0]).__name__} {strangers[0]!r:.60}."
        )
    if len(members) < 2:
        raise ValueError(f"an ensemble needs at least two members; got {len(members)}.")
    first = members[0]
    try:
        encoder = first.get_layer("encoder")
        annealed = first.get_layer("annealed_mean")
        w = first.get_layer("bottom_mix").filters // 8
    except ValueError as exc:
        raise ValueError(
            f"{first.name!r} is not a classification colorizer of pretrained_photo_model: it "
            "needs the layers 'encoder', 'annealed_mean' and 'bottom_mix'."
        ) from exc
    gate = any(x.name == "gate_conv" for x in first.layers)
    size, _ = working_size(first)
    # The order in which a single model lists its decoder's weighted layers, with their
    # names: every member lists them in that order, whatever its layers were called.
    _, single = pretrained_photo_model(encoder, annealed.bins, w, size, gate=gate)
    order = [x.name for x in single.layers if x.weights and x.name != "encoder"]
    L = keras.Input((None, None, 1), name="L")
    x = WorkingSize(size, stride=32, name="working_size")(L)
    levels = _gray_features(encoder, x, None)
    mean = AnnealedMean(annealed.bins, annealed.temperature, name="annealed_mean")
    colors = [
        _photo_decoder(levels, w, annealed.bins, mean, gate, k)[1] for k in range(len(members))
    ]
    ab = layers.Average(name="ensemble")(colors)
    ab = layers.UpSampling2D(4, interpolation="bilinear", name="ab")(ab)
    model = keras.Model(L, ab, name=name)
    reference = encoder.get_weights()
    for k, member in enumerate(members):
        source = [x for x in member.layers if x.weights and x.name != "encoder"]
        try:
            same_backbone = all(
                a.shape == b.shape and np.array_equal(a, b)
                for a, b in zip(member.get_layer("encoder").get_weights(), reference, strict=True)
            )
        except ValueError:
            same_backbone = False
        if len(source) != len(order) or not same_backbone:
            raise ValueError(
                f"member {k} ({member.name!r}) is not built like member 0: an ensemble needs "
                "colorizers of pretrained_photo_model with the same recipe on the same frozen "
                "backbone."
            )
        for layer, base in zip(source, order, strict=True):
            target = model.get_layer(f"{base}_m{k}" if k else base)
            weights = layer.get_weights()
            if [v.shape for v in weights] != [tuple(v.shape) for v in target.weights]:
                raise ValueError(
                    f"member {k} ({member.name!r}): its layer {layer.name!r} does not match "
                    f"{base!r} of member 0; were they trained with the same width?"
                )
            target.set_weights(weights)
    return model


def ensemble_members(model: keras.Model) -> list[keras.Model]:
    """Each member of a :func:`photo_ensemble` as a colorizer of its own (the same weights).

    For comparing a member alone with the average: each takes L and returns its own gated
    colors, enlarged as the ensemble enlarges the average; the working size and the one
    annealed mean (so the temperature) are the ensemble's. A single photo model is its
    own only member.

    Parameters
    ----------
    model : keras.Model
        A photo model of :func:`photo_ensemble` or :func:`pretrained_photo_model`.

    Returns
    -------
    list of keras.Model
        One colorizer per member, in order (``[model]`` for a single model).

    Raises
    ------
    ValueError
        ``model`` has no ``ab`` layer (it is not a photo model).

    Examples
    --------
    >>> from colorlab.bins import gamut_bins
    >>> backbone = stand_in_backbone()
    >>> a, b = (pretrained_photo_model(backbone, gamut_bins(), width=4, working_size=64,
    ...                                gate=True, seed=s)[1] for s in (0, 1))
    >>> len(ensemble_members(photo_ensemble([a, b])))
    2
    """
    names = {x.name for x in model.layers}
    if "ab" not in names:
        raise ValueError(f"{model.name!r} is not a photo model: it has no layer 'ab'.")
    if "ensemble" not in names:
        return [model]
    colors = model.get_layer("ensemble").input
    return [
        keras.Model(
            model.input,
            layers.UpSampling2D(4, interpolation="bilinear")(ab),
            name=f"{model.name}_member{k}",
        )
        for k, ab in enumerate(colors)
    ]


def _photo_parts(photo: keras.Model) -> keras.Model:
    """The photo colorizer's backbone features and its ab at 1/4 size, as one frozen model."""
    try:
        # A nested model's .output is its own; calling it again on the same input tensor
        # gives its features as tensors of the photo model's graph (same weights).
        levels = photo.get_layer("encoder")(photo.get_layer("gray_rgb").output)
        guess = photo.get_layer("ab").input
    except ValueError as exc:
        raise ValueError(
            f"{photo.name!r} is not a photo model of pretrained_photo_model: it needs the "
            "layers 'gray_rgb' (L as gray RGB), 'encoder' (the backbone's features) and "
            "'ab' (ab enlarged 4 times)."
        ) from exc
    parts = keras.Model(photo.input, [*levels, guess], name="photo_model")
    parts.trainable = False
    return parts


def hint_photo_model(
    photo: keras.Model,
    embedding: int = 32,
    learning_rate: float = 1e-3,
    seed: int | None = None,
    steps_per_execution: int = 10,
) -> keras.Model:
    """The photo model with a person's color hints (Zhang et al. 2017's idea), for lesson 12.

    It takes one tensor: L followed by the hint channels of
    :func:`colorlab.hints.model_input` (the hint map's ab, its mask, and the global hint of
    a reference photo). ``photo`` (the shipped photo model, frozen) colors L as it always
    does: that is each place's *own guess*. Then every cell of a grid at 1/8 of the size
    votes (:class:`~colorlab.layers.HintVoting`) among the hints, its own guess and the
    reference photo's overall color: a hint wins on cells that look like the hinted one
    (in an embedding a small network learns from the backbone's ImageNet features, L and
    the guess) and lie near it; where no hint fits, the own guess wins. The votes, enlarged
    to 1/4 size, mix the candidates (:class:`~colorlab.layers.CastVotes`). With no hints
    the output is the photo model's. Only the embedding, the own-guess and reference
    scores and the vote's sharpness and reach train, on the per-photo RGB error
    (:func:`compile_for_photos`).

    A network that has to *learn* to spread a hint, from three sparse channels beside a
    few hundred feature channels, ignored them when trained on a CPU for 15 minutes
    (measured, issue 21); the vote spreads hints from the first step and learns where.

    Parameters
    ----------
    photo : keras.Model
        A photo colorizer of :func:`pretrained_photo_model` (L in, ab / 128 out, with its
        layers ``gray_rgb``, ``encoder`` and ``ab``), such as ``cl.load_model("photos")``;
        frozen here.
    embedding : int
        The length of each cell's embedding vector.
    learning_rate : float
        Adam's step size.
    seed : int, optional
        Reseed Python, NumPy and Keras before building, for the same starting weights.
    steps_per_execution : int
        Training steps per call.

    Returns
    -------
    keras.Model
        Compiled, named ``hints``: (B, H, W, 7) in, ab / 128 (B, H, W, 2) out (H and W
        multiples of 32, to which :func:`colorlab.colorize` pads), at ``photo``'s working
        size.

    Raises
    ------
    ValueError
        ``photo`` lacks the layers ``gray_rgb``, ``encoder`` or ``ab``.

    Examples
    --------
    >>> _, photo = pretrained_photo_model(stand_in_backbone(), width=4, working_size=64)
    >>> model = hint_photo_model(photo)
    >>> model.input_shape, model.output_shape
    ((None, None, None, 7), (None, None, None, 2))
    """
    from colorlab.hints import INPUT_CHANNELS
    from colorlab.layers import working_size

    parts = _photo_parts(photo)
    _seed(seed)
    size, stride = working_size(photo)
    given = keras.Input((None, None, INPUT_CHANNELS), name="L_and_hints")
    x = WorkingSize(size or 192, stride=max(stride, 32), name="working_size")(given)
    L = TakeChannels(0, 1, name="L")(x)
    hints = HintPooling(8, name="hints_1_8")(TakeChannels(1, 4, name="hint_map")(x))
    like = layers.GlobalAveragePooling2D(name="like")(TakeChannels(4, 7, name="like_map")(x))
    _, eighth, sixteenth, _, guess = parts(L)
    # What each cell of the 1/8 grid shows: ImageNet features there and around it, its
    # lightness and the colors the photo model gives it.
    seen = layers.Concatenate(name="seen")(
        [
            eighth,
            layers.UpSampling2D(2, interpolation="bilinear", name="sixteenth_up")(sixteenth),
            layers.Rescaling(1 / L_SCALE, offset=-L_SHIFT, name="scale_L")(
                layers.AveragePooling2D(8, name="L_1_8")(L)
            ),
            layers.AveragePooling2D(2, name="guess_1_8")(guess),
        ]
    )
    e = layers.Conv2D(2 * embedding, 3, padding="same", activation="relu", name="look")(seen)
    e = layers.Conv2D(embedding, 1, name="embed")(e)
    e = layers.UnitNormalization(name="embedding")(e)
    scores = layers.Conv2D(
        2,
        1,
        kernel_initializer="zeros",
        # Start trusting a hint in the cell itself (score 0) over the own guess (-3), and a
        # reference over the own guess (0 > -3); training moves both per cell.
        bias_initializer=keras.initializers.Constant([-3.0, 0.0]),
        name="own_and_like_scores",
    )(seen)
    votes = HintVoting(name="vote")([e, hints, scores, like])
    votes = layers.UpSampling2D(2, interpolation="bilinear", name="votes_1_4")(votes)
    ab = CastVotes(name="cast")([votes, guess, like])
    ab = layers.UpSampling2D(4, interpolation="bilinear", name="ab")(ab)
    model = keras.Model(given, ab, name="hints")
    return compile_for_photos(model, learning_rate, steps_per_execution)
