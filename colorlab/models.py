"""The networks of the lessons, built with Keras, and saving/loading them.

Lesson 05 first builds the article's plain network exactly (:func:`article_model`), then an
improved one (:func:`lesson_model`). Both map lightness L (H, W, 1) to two channels in
[-1, 1] (the normalized ab) through a tanh output.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
from keras import layers  # noqa: E402

from colorlab.session import seed_everything  # noqa: E402

#: How L is fed to the lesson network: L / 50 - 1 maps [0, 100] to [-1, 1].
L_SCALE, L_SHIFT = 50.0, 1.0


def article_model(seed: int | None = None) -> keras.Sequential:
    """The article's network, layer for layer: 3×3 ReLU convolutions down, upsampling up, tanh.

    Encoder 8 (stride 2), 8, 16, 16 (stride 2), 32, 32 (stride 2); decoder: upsample,
    32, upsample, 16, upsample, then 2 filters with tanh. It expects the raw L (0-100)
    and is compiled with RMSprop and the mean squared error, as in the original.

    Example:
        >>> m = article_model()
        >>> m.output_shape
        (None, None, None, 2)
    """
    seed_everything(seed)
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
    model.compile(optimizer="rmsprop", loss="mse")
    return model


def lesson_model(
    width: int = 16, learning_rate: float = 3e-3, seed: int | None = None
) -> keras.Model:
    """The improved network of lesson 05: scaled input, batch norm, skip connection, Adam.

    The same encoder-decoder shape as the article's, but (1) L is scaled to [-1, 1] inside
    the model, (2) each convolution is followed by batch normalization, (3) the full-size
    input is fed again to the last layers (a skip connection), so edges stay sharp, and
    (4) Adam adapts the step size per filter. ``width`` sets the filters of the first layer.

    Example:
        >>> m = lesson_model(width=8)
        >>> m.output_shape
        (None, None, None, 2)
    """
    seed_everything(seed)
    w = int(width)
    L = keras.Input((None, None, 1), name="L")
    x0 = layers.Rescaling(1 / L_SCALE, offset=-L_SHIFT, name="scale_L")(L)

    def block(x, filters, strides=1):
        x = layers.Conv2D(filters, 3, strides=strides, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        return layers.ReLU()(x)

    x1 = block(block(x0, w, 2), w)  # 1/2
    x2 = block(block(x1, 2 * w, 2), 2 * w)  # 1/4
    x3 = block(block(x2, 4 * w, 2), 4 * w)  # 1/8
    y = layers.UpSampling2D(2, interpolation="bilinear")(x3)
    y = block(layers.Concatenate()([y, x2]), 2 * w)  # 1/4
    y = layers.UpSampling2D(2, interpolation="bilinear")(y)
    y = block(layers.Concatenate()([y, x1]), w)  # 1/2
    y = layers.UpSampling2D(2, interpolation="bilinear")(y)
    y = block(layers.Concatenate()([y, x0]), w)  # full size
    ab = layers.Conv2D(2, 3, padding="same", activation="tanh", name="ab")(y)
    model = keras.Model(L, ab, name="lesson")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    return model


#: Every network here halves the size three times: inputs must be multiples of this.
STRIDE = 8
