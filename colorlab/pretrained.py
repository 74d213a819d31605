"""ImageNet-pretrained encoders read from a local file, checked by SHA-256; nothing downloaded.

The course's photo model sees a photo through MobileNetV2, a network Google trained to name
the objects in 1.28 million ImageNet photos (Keras Applications' weights, Apache-2.0). Its
features know grass from fur and sky from water, which 800 training photos cannot teach.
The weights are *read from a file on disk* (this machine and a workshop's Wi-Fi cannot be
trusted to download them), verified against the SHA-256 Keras publishes, and then embedded
in the trained model's own ``.keras`` file: colorizing needs no weights file at all, only
training a new model from scratch does (``make weights``).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from colorlab.errors import ModelError

#: Keras Applications' MobileNetV2 ImageNet weights without the classifier, by width (alpha):
#: file name and SHA-256.
MOBILENET_V2 = {
    0.35: (
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5",
        "df1c3db1d0d9193719c4c70f707c56f7021f999f825bdc57454c275cf6def19f",
    ),
    0.5: (
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.5_224_no_top.h5",
        "279052de2cfa801003aa6cc25cc4d007d35dd0b76f06935268c79788b7642d05",
    ),
}

#: Where the weights are looked for when no folder is given: $COLORLAB_PRETRAINED, then the
#: ``shared/pretrained`` folder beside the course (where the course's own models were made).
ENV_VAR = "COLORLAB_PRETRAINED"

#: The license line a model card that embeds these weights carries.
LICENSE = (
    "MobileNetV2 ImageNet weights from Keras Applications (Apache-2.0), trained on ImageNet, "
    "whose photos are for non-commercial research and teaching"
)


def default_folder() -> Path:
    """Where pretrained weights are looked for: ``$COLORLAB_PRETRAINED`` or ``shared/pretrained``.

    Returns
    -------
    pathlib.Path
        The folder (it may not exist).

    Examples
    --------
    >>> default_folder().name
    'pretrained'
    """
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    from colorlab.course import course_root

    return course_root().parent / "shared" / "pretrained"


def sha256(path: str | os.PathLike) -> str:
    """The SHA-256 of a file, as 64 hex digits.

    Parameters
    ----------
    path : str or os.PathLike
        The file, read in blocks of 1 MiB.

    Returns
    -------
    str
        Its SHA-256 in lowercase hex.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x"
    >>> _ = p.write_bytes(b"")
    >>> sha256(p)[:12]
    'e3b0c44298fc'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def mobilenet_weights(alpha: float = 0.35, folder: str | os.PathLike | None = None) -> Path:
    """The path of MobileNetV2's ImageNet weights for width ``alpha``, verified by SHA-256.

    Parameters
    ----------
    alpha : float
        The network's width: 0.35 or 0.5.
    folder : str or os.PathLike, optional
        Where the ``.h5`` file is, or the file itself (default :func:`default_folder`).

    Returns
    -------
    pathlib.Path
        The weights file, whose SHA-256 matches Keras's published one.

    Raises
    ------
    ModelError
        ``alpha`` has no weights listed here, the file is missing, or its SHA-256 differs
        (a damaged or different file); the message names the file and what to do.

    Examples
    --------
    >>> mobilenet_weights(0.35, folder="/no/such/folder")
    Traceback (most recent call last):
    ...
    colorlab.errors.ModelError: /no/such/folder/mobilenet_v2_..._no_top.h5 is missing: ...
    """
    if float(alpha) not in MOBILENET_V2:
        widths = ", ".join(f"{a:g}" for a in MOBILENET_V2)
        raise ModelError(f"no pretrained MobileNetV2 of width {alpha!r} here: choose {widths}.")
    name, expected = MOBILENET_V2[float(alpha)]
    where = Path(folder) if folder is not None else default_folder()
    path = where if where.suffix == ".h5" else where / name
    if not path.is_file():
        raise ModelError(
            f"{path} is missing: the ImageNet weights of MobileNetV2 (width {alpha:g}) are "
            f"needed to train a model on them (colorizing with a trained one needs nothing). "
            f"Put {name} there, or set {ENV_VAR} to the folder that holds it; nothing is "
            f"downloaded."
        )
    actual = sha256(path)
    if actual != expected:
        raise ModelError(
            f"{path} is not Keras's MobileNetV2 weights file (width {alpha:g}): its SHA-256 is "
            f"{actual[:16]}…, expected {expected[:16]}…. The file is damaged or a different "
            f"one: copy {name} again."
        )
    return path


def mobilenet_backbone(alpha: float = 0.35, folder: str | os.PathLike | None = None):
    """MobileNetV2 without its classifier, with ImageNet weights from a verified local file.

    The network takes RGB in [-1, 1] of any size (a gray photo: L / 50 - 1 in all three
    channels) and gives features at 1/32 of the size; it is returned frozen
    (``trainable=False``, so batch normalization keeps its ImageNet statistics).

    Parameters
    ----------
    alpha : float
        The width: 0.35 (410 k parameters) or 0.5 (706 k).
    folder : str or os.PathLike, optional
        The folder with the ``.h5`` file, or the file (default :func:`default_folder`).

    Returns
    -------
    keras.Model
        The frozen backbone: (B, H, W, 3) in, (B, H/32, W/32, 1280) out.

    Raises
    ------
    ModelError
        The weights file is missing or not the right one (see :func:`mobilenet_weights`).

    Examples
    --------
    >>> mobilenet_backbone(folder="/no/such/folder")
    Traceback (most recent call last):
    ...
    colorlab.errors.ModelError: ... is missing: ...
    """
    path = mobilenet_weights(alpha, folder)
    from colorlab.backend import import_tensorflow_quietly

    import_tensorflow_quietly()
    import warnings

    import keras

    with warnings.catch_warnings():
        # Keras warns that the weights were trained at 224 px; any size works (see the README).
        warnings.simplefilter("ignore", UserWarning)
        backbone = keras.applications.MobileNetV2(
            input_shape=(None, None, 3), alpha=float(alpha), include_top=False, weights=str(path)
        )
    backbone.trainable = False
    return backbone


def photo_encoder(model=None):
    """The frozen ImageNet MobileNetV2 inside the shipped photo model, ready to reuse.

    The photo model's ``.keras`` file embeds the backbone it was trained on, so a lesson
    can use real ImageNet features with no weights file: this returns that backbone as the
    model the photo model calls, RGB (B, H, W, 3) in [-1, 1] in and its features at 1/4,
    1/8, 1/16 and 1/32 of the size out (:data:`colorlab.models.BACKBONE_LEVELS`).

    Parameters
    ----------
    model : keras.Model, optional
        A model built by :func:`colorlab.models.pretrained_photo_model`; default the shipped
        ``photos`` model.

    Returns
    -------
    keras.Model
        The frozen encoder (``trainable`` is False), with four outputs.

    Raises
    ------
    ModelError
        ``model`` has no pretrained encoder (it is not such a photo model).

    Examples
    --------
    >>> from colorlab.models import lesson_model
    >>> photo_encoder(lesson_model(width=4))
    Traceback (most recent call last):
    ...
    colorlab.errors.ModelError: the model 'lesson' has no pretrained encoder ...
    """
    if model is None:
        from colorlab.saving import load_model

        model = load_model("photos")
    names = {layer.name for layer in model.layers}
    if "encoder" not in names:
        raise ModelError(
            f"the model {model.name!r} has no pretrained encoder (a layer called 'encoder'): "
            "give one built by cl.models.pretrained_photo_model, such as cl.load_model('photos')."
        )
    encoder = model.get_layer("encoder")
    encoder.trainable = False
    return encoder
