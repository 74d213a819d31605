"""Keras layers of the course that Keras does not have, registered so ``.keras`` files reload.

They are registered under the package name ``colorlab``, so ``keras.models.load_model`` with
``safe_mode=True`` (the default) restores them once :mod:`colorlab.layers` is imported;
no ``Lambda`` layer (which safe mode refuses) is used anywhere.
"""

from __future__ import annotations

import keras
from keras import ops

#: The lesson and scene networks halve their input three times: inputs are padded to a
#: multiple of this (a model with a :class:`WorkingSize` layer records its own).
DEFAULT_STRIDE = 8


@keras.saving.register_keras_serializable(package="colorlab")
class TileToGrid(keras.layers.Layer):
    """Repeat a per-image vector (B, D) over the grid of a feature map (B, H, W, C) → (B, H, W, D).

    This is the "fusion layer" idea: a description of the whole image is made available at
    every pixel, where it is concatenated with the local features.

    Example:
        >>> import numpy as np
        >>> tuple(TileToGrid()([np.zeros((2, 3, 4, 5)), np.ones((2, 7))]).shape)
        (2, 3, 4, 7)
    """

    def call(self, inputs):
        grid, vector = inputs
        shape = ops.shape(grid)
        return ops.broadcast_to(
            vector[:, None, None, :], (shape[0], shape[1], shape[2], ops.shape(vector)[-1])
        )

    def compute_output_shape(self, input_shape):
        grid, vector = input_shape
        return (grid[0], grid[1], grid[2], vector[-1])


@keras.saving.register_keras_serializable(package="colorlab")
class AnnealedMean(keras.layers.Layer):
    """Turn bin logits (B, H, W, Q) into ab / 128 (B, H, W, 2) by the annealed mean.

    softmax(logits / T) weights the bin centers; lower T gives more vivid, less averaged
    colors. The bin centers and T are stored in the layer's config.

    Example:
        >>> import numpy as np
        >>> layer = AnnealedMean(bins=[[-64.0, 0.0], [64.0, 0.0]], temperature=1.0)
        >>> np.round(layer(np.zeros((1, 1, 1, 2))).numpy(), 3).tolist()
        [[[[0.0, 0.0]]]]
    """

    def __init__(self, bins, temperature: float = 0.38, **kwargs):
        super().__init__(**kwargs)
        self.bins = [[float(a), float(b)] for a, b in bins]
        self.temperature = float(temperature)

    def call(self, logits):
        weights = ops.softmax(logits / self.temperature, axis=-1)
        centers = ops.convert_to_tensor(self.bins, dtype=weights.dtype) / 128.0
        return ops.tensordot(weights, centers, axes=1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], 2)

    def get_config(self):
        return {**super().get_config(), "bins": self.bins, "temperature": self.temperature}


@keras.saving.register_keras_serializable(package="colorlab")
class StopGradient(keras.layers.Layer):
    """Pass a tensor through unchanged, but let no gradient flow back through it.

    The photo model's color gate (:func:`colorlab.models.pretrained_photo_model`) looks at
    the decoder's features and colors through this layer, so the gate's own loss trains only
    the gate and leaves the colors to the classification loss.

    Example:
        >>> import numpy as np
        >>> StopGradient()(np.ones((1, 2))).numpy().tolist()
        [[1.0, 1.0]]
    """

    def call(self, inputs):
        return ops.stop_gradient(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape


@keras.saving.register_keras_serializable(package="colorlab")
class WorkingSize(keras.layers.Layer):
    """Pass L through unchanged, and record in the model the scale it was trained at.

    A network trained on photos whose shorter side was ``size`` pixels has learned what
    things look like at that scale: a face ~40 px wide, a tree ~60. Run at a 12-megapixel
    photo's full resolution, its view (a few dozen pixels) would see only texture.
    :func:`colorlab.colorize` finds this layer, resizes L so its shorter side is ``size``,
    predicts ab there and enlarges ab to the photo (keeping the photo's own sharp L). The
    layer lives inside the ``.keras`` file, so the scale travels with the weights.
    ``stride`` is how many times the network halves its input, as a factor (16 = four
    halvings): inputs are padded to a multiple of it.

    Example:
        >>> import numpy as np
        >>> layer = WorkingSize(128, stride=16)
        >>> layer.size, layer.stride, tuple(layer(np.zeros((1, 8, 8, 1))).shape)
        (128, 16, (1, 8, 8, 1))
    """

    def __init__(self, size: int, stride: int = DEFAULT_STRIDE, **kwargs):
        super().__init__(**kwargs)
        self.size = int(size)
        self.stride = int(stride)

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "size": self.size, "stride": self.stride}


def working_size(model) -> tuple[int | None, int]:
    """(working size, stride) recorded by a :class:`WorkingSize` layer; (None, 8) without one.

    Models without the layer (the scene models of lessons 07-09, the lesson networks) run
    at the photo's own resolution, padded to a multiple of :data:`DEFAULT_STRIDE`.

    Parameters
    ----------
    model : keras.Model
        The model; anything without a ``layers`` attribute counts as a model without one.

    Returns
    -------
    size : int or None
        The shorter side, in pixels, the model was trained at; ``None`` without the layer.
    stride : int
        Inputs are padded to a multiple of it; :data:`DEFAULT_STRIDE` without the layer.

    Examples
    --------
    >>> inp = keras.Input((None, None, 1))
    >>> working_size(keras.Model(inp, WorkingSize(96, 16)(inp)))
    (96, 16)
    """
    for layer in getattr(model, "layers", []):
        if isinstance(layer, WorkingSize):
            return layer.size, layer.stride
    return None, DEFAULT_STRIDE


@keras.saving.register_keras_serializable(package="colorlab")
class TakeChannels(keras.layers.Layer):
    """The channels ``start`` to ``stop`` (not included) of a (B, H, W, C) tensor.

    The hint model takes one tensor, L with the hint channels behind it
    (:data:`colorlab.hints.INPUT_CHANNELS`), so that it pads and resizes like any other
    colorizer; this layer splits it again inside the network.

    Example:
        >>> import numpy as np
        >>> tuple(TakeChannels(1, 4)(np.zeros((2, 5, 6, 7))).shape)
        (2, 5, 6, 3)
    """

    def __init__(self, start: int, stop: int, **kwargs):
        super().__init__(**kwargs)
        self.start, self.stop = int(start), int(stop)

    def call(self, inputs):
        return inputs[..., self.start : self.stop]

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.stop - self.start)

    def get_config(self):
        return {**super().get_config(), "start": self.start, "stop": self.stop}


@keras.saving.register_keras_serializable(package="colorlab")
class HintPooling(keras.layers.Layer):
    """Shrink a hint map (ab, mask) by ``factor`` without diluting the hints.

    A hint is a single pixel: averaging a 4×4 cell would give it a sixteenth of its color.
    Each cell of the result holds instead the mean ab of the *hinted* pixels in it, and a
    mask of 1 when the cell holds any hint, so a decoder level at 1/``factor`` of the size
    sees every hint at full strength. (Keras's pooling layers average or take the maximum
    of every pixel; neither does this, hence a layer of our own.)

    Example:
        >>> import numpy as np
        >>> hints = np.zeros((1, 8, 8, 3), "float32"); hints[0, 5, 2] = [0.5, -0.25, 1]
        >>> out = HintPooling(4)(hints).numpy()
        >>> out.shape, out[0, 1, 0].tolist(), float(out[0, 0, 0, 2])
        ((1, 2, 2, 3), [0.5, -0.25, 1.0], 0.0)
    """

    def __init__(self, factor: int, **kwargs):
        super().__init__(**kwargs)
        self.factor = int(factor)

    def call(self, inputs):
        ab, mask = inputs[..., :2], inputs[..., 2:3]
        f = self.factor
        share = ops.average_pool(mask, f, strides=f, padding="valid")
        mean = ops.average_pool(ab * mask, f, strides=f, padding="valid")
        mean = mean / ops.maximum(share, 1e-6)
        return ops.concatenate([mean, ops.cast(share > 0, mean.dtype)], axis=-1)

    def compute_output_shape(self, input_shape):
        b, h, w, _ = input_shape
        shrink = lambda n: None if n is None else n // self.factor  # noqa: E731
        return (b, shrink(h), shrink(w), 3)

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


def _inverse_softplus(value: float) -> float:
    """The x with softplus(x) = ``value`` (to start a positive weight at ``value``)."""
    import math

    return math.log(math.expm1(value))


@keras.saving.register_keras_serializable(package="colorlab")
class HintVoting(keras.layers.Layer):
    """Each cell of a small grid chooses its color by a vote among the hints (lesson 12).

    The candidates for cell i are every hinted cell j (its hint's ab), the cell's own
    guess (what the photo model colors there without hints) and, when one is given, the
    reference photo's overall color (the "like this photo" hint). Their scores are

    * hint j: ``-sharpness * |e_i - e_j|² - reach * |p_i - p_j|²``, where e are the cells'
      embeddings (unit vectors a network computes from what the photo shows there) and p
      their positions, the photo's shorter side being 1: a hint counts most on cells that
      look like its own and are near it;
    * own guess: ``own_i``, and reference: ``like_i``, per-cell scores a network computes;

    and the softmax of the scores gives each candidate's weight. With no hint and no
    reference the own guess has weight 1: the photo model's colors, unchanged. Keras's
    ``MultiHeadAttention`` scores by dot products only, with no distance term and no way
    to leave out the cells without a hint, hence a layer of our own.

    Inputs: ``[embedding (B, h, w, E) of unit vectors, hints (B, h, w, 3) from
    HintPooling, scores (B, h, w, 2) for own guess and reference, like (B, 3)]``.
    Output (B, h, w, 4): the hints' weighted ab (2), the own guess's weight, the
    reference's weight.

    Example:
        >>> import numpy as np
        >>> e = np.zeros((1, 2, 2, 1), "float32"); e[...] = 1
        >>> hints = np.zeros((1, 2, 2, 3), "float32"); hints[0, 0, 0] = [0.5, 0.0, 1]
        >>> scores = np.full((1, 2, 2, 2), -50.0, "float32")
        >>> out = HintVoting()([e, hints, scores, np.zeros((1, 3), "float32")]).numpy()
        >>> out[0, 0, 0].round(2).tolist()  # the hinted cell takes its hint's color
        [0.5, 0.0, 0.0, 0.0]
    """

    def __init__(self, sharpness: float = 4.0, reach: float = 8.0, **kwargs):
        super().__init__(**kwargs)
        self.initial = (float(sharpness), float(reach))

    def build(self, input_shape):
        init = keras.initializers.Constant
        self.raw_sharpness = self.add_weight(
            shape=(), initializer=init(_inverse_softplus(self.initial[0])), name="sharpness"
        )
        self.raw_reach = self.add_weight(
            shape=(), initializer=init(_inverse_softplus(self.initial[1])), name="reach"
        )

    def call(self, inputs):
        embedding, hints, scores, like = inputs
        shape = ops.shape(embedding)
        h, w = shape[1], shape[2]
        e = ops.reshape(embedding, (shape[0], h * w, shape[3]))
        ab = ops.reshape(hints[..., :2], (shape[0], h * w, 2))
        hinted = ops.reshape(hints[..., 2], (shape[0], 1, h * w)) > 0
        # Positions in units of the shorter side, so reach means the same at any aspect.
        side = ops.cast(ops.minimum(h, w), e.dtype)
        rows = ops.cast(ops.arange(h), e.dtype) / side
        cols = ops.cast(ops.arange(w), e.dtype) / side
        p = ops.reshape(ops.stack(ops.meshgrid(rows, cols, indexing="ij"), axis=-1), (h * w, 2))
        far = ops.sum(ops.square(p[:, None, :] - p[None, :, :]), axis=-1)
        # |e_i - e_j|² without building the (B, N, N, E) differences.
        norms = ops.sum(ops.square(e), axis=-1)
        unlike = norms[:, :, None] + norms[:, None, :]
        unlike = ops.maximum(unlike - 2.0 * ops.matmul(e, ops.transpose(e, (0, 2, 1))), 0.0)
        s = -ops.softplus(self.raw_sharpness) * unlike - ops.softplus(self.raw_reach) * far
        s = ops.where(hinted, s, -1e9)
        own = ops.reshape(scores[..., 0], (shape[0], h * w, 1))
        given = like[:, None, None, 2] > 0
        ref = ops.where(given, ops.reshape(scores[..., 1], (shape[0], h * w, 1)), -1e9)
        weights = ops.softmax(ops.concatenate([s, own, ref], axis=-1), axis=-1)
        voted = ops.matmul(weights[..., : h * w], ab)
        out = ops.concatenate([voted, weights[..., h * w :]], axis=-1)
        return ops.reshape(out, (shape[0], h, w, 4))

    def compute_output_shape(self, input_shape):
        return (*input_shape[0][:-1], 4)

    def get_config(self):
        sharpness, reach = self.initial
        return {**super().get_config(), "sharpness": sharpness, "reach": reach}


@keras.saving.register_keras_serializable(package="colorlab")
class CastVotes(keras.layers.Layer):
    """Turn :class:`HintVoting`'s weights into ab: hints, own guess and reference, mixed.

    Inputs: ``[votes (B, h, w, 4), guess (B, h, w, 2) the photo model's ab / 128, like
    (B, 3)]``, the votes enlarged to the guess's size. The reference's candidate is the
    guess shifted so that its mean ab is the reference's: the photo keeps its own
    variations and takes the reference's overall color.

    Example:
        >>> import numpy as np
        >>> votes = np.zeros((1, 2, 2, 4), "float32"); votes[..., 2] = 1  # own guess only
        >>> guess = np.full((1, 2, 2, 2), 0.25, "float32")
        >>> CastVotes()([votes, guess, np.zeros((1, 3), "float32")]).numpy()[0, 0, 0].tolist()
        [0.25, 0.25]
    """

    def call(self, inputs):
        votes, guess, like = inputs
        shift = like[:, None, None, :2] - ops.mean(guess, axis=(1, 2), keepdims=True)
        own, ref = votes[..., 2:3], votes[..., 3:4]
        ab = votes[..., :2] + (own + ref) * guess + ref * shift
        return ops.clip(ab, -1.0, 1.0)

    def compute_output_shape(self, input_shape):
        return input_shape[1]
