"""Keras layers of the course that Keras does not have, registered so ``.keras`` files reload.

They are registered under the package name ``colorlab``, so ``keras.models.load_model`` with
``safe_mode=True`` (the default) restores them once :mod:`colorlab.layers` is imported;
no ``Lambda`` layer (which safe mode refuses) is used anywhere.
"""

from __future__ import annotations

from colorlab.session import import_tensorflow_quietly

import_tensorflow_quietly()

import keras  # noqa: E402
from keras import ops  # noqa: E402


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
