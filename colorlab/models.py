"""The networks of the lessons, built with Keras, and saving/loading them.

Lesson 05 first builds the article's plain network exactly (:func:`article_model`), then an
improved one (:func:`lesson_model`). Both map lightness L (H, W, 1) to two channels in
[-1, 1] (the normalized ab) through a tanh output.
"""

from __future__ import annotations

from colorlab.session import import_tensorflow_quietly, seed_everything

import_tensorflow_quietly()

import keras  # noqa: E402
from keras import layers  # noqa: E402

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
    width: int = 16, learning_rate: float = 2e-3, seed: int | None = None
) -> keras.Model:
    """The improved network of lesson 05: scaled input, a skip connection, Adam, a soft output.

    Compared with :func:`article_model`: (1) L is scaled from [0, 100] to [-1, 1] inside the
    model, so the first filters start in a useful range; (2) the color is predicted at a
    quarter of the size and enlarged smoothly (bilinear), since ab is soft anyway (lesson 03)
    and the network spends its effort where the colors are decided; (3) features from the
    1/4-size level are fed past the bottleneck (a skip connection), so edges land in the right
    place; (4) Adam adapts the step size of every filter; and (5) Keras runs 10 training steps
    per call (``steps_per_execution``), which removes most of the per-step overhead on a CPU.
    ``width`` is the number of filters of the first layer (the others are 2× and 4× that).

    Example:
        >>> m = lesson_model(width=8)
        >>> m.output_shape
        (None, None, None, 2)
    """
    seed_everything(seed)
    w = int(width)
    if w < 1:
        raise ValueError(f"width must be a positive number of filters, not {width!r}.")

    def conv(filters: int, strides: int = 1) -> layers.Conv2D:
        return layers.Conv2D(filters, 3, strides=strides, padding="same", activation="relu")

    L = keras.Input((None, None, 1), name="L")
    x = layers.Rescaling(1 / L_SCALE, offset=-L_SHIFT, name="scale_L")(L)
    x = conv(w, 2)(x)  # 1/2 size
    quarter = conv(2 * w, 2)(x)  # 1/4 size
    x = conv(4 * w, 2)(quarter)  # 1/8 size
    x = conv(4 * w)(x)
    x = layers.UpSampling2D(2, interpolation="bilinear")(x)  # back to 1/4
    x = layers.Concatenate(name="skip")([x, quarter])
    x = conv(2 * w)(x)
    x = layers.Conv2D(2, 3, padding="same", activation="tanh", name="ab_quarter")(x)
    ab = layers.UpSampling2D(4, interpolation="bilinear", name="ab")(x)
    model = keras.Model(L, ab, name="lesson")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="mse", steps_per_execution=10
    )
    return model


#: Every network here halves the size three times: inputs must be multiples of this.
STRIDE = 8
