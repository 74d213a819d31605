"""Loading and saving models: shipped ones by name, any ``.keras`` file by path, model cards.

:mod:`colorlab.models` builds the networks; this module loads and saves them (Keras's
own ``.keras`` format, ``safe_mode`` on: the course's layers, :mod:`colorlab.layers`,
are registered, so no code is stored or run from a file) and reads the shipped models'
cards in ``colorlab/weights/``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from colorlab.errors import ModelError

WEIGHTS = Path(__file__).resolve().parent / "weights"


def shipped_models() -> dict[str, dict]:
    """Name → model card data (summary, settings, quality) of every shipped model.

    Returns
    -------
    dict of str to dict
        Each model in ``colorlab/weights/`` that has both a ``.keras`` file and a ``.json``
        card, by name, with its card's data; sorted by name.

    Examples
    --------
    >>> isinstance(shipped_models(), dict)
    True
    """
    cards = {}
    for card in sorted(WEIGHTS.glob("*.json")):
        if (WEIGHTS / f"{card.stem}.keras").exists():
            cards[card.stem] = json.loads(card.read_text())
    return cards


def load_model(name_or_path: str | os.PathLike):
    """Load a shipped model by name (see ``colorlab models``) or a ``.keras`` file by path.

    Loading uses Keras's safe mode: only the course's registered layers are allowed, so no
    code stored in a file runs. The model comes back uncompiled (for colorizing; compile it
    to train, e.g. :func:`colorlab.models.compile_for_photos`).

    Parameters
    ----------
    name_or_path : str or os.PathLike
        A shipped model's name (``"photos"``, ``"scenes_regression"``, …) or a file.

    Returns
    -------
    keras.Model
        The model.

    Raises
    ------
    ModelError
        No such shipped model or file, or the file is not a Keras model.

    Examples
    --------
    >>> load_model("no_such_model")
    Traceback (most recent call last):
    ...
    colorlab.errors.ModelError: no_such_model is neither a shipped model (...) nor ...
    """
    from colorlab.backend import import_tensorflow_quietly

    import_tensorflow_quietly()
    import keras

    import colorlab.layers  # noqa: F401  (registers the custom layers for loading)

    text = str(name_or_path)
    path = WEIGHTS / f"{text}.keras" if (WEIGHTS / f"{text}.keras").exists() else Path(text)
    if not path.exists():
        names = ", ".join(shipped_models()) or "none installed"
        raise ModelError(
            f"{text} is neither a shipped model ({names}) nor a .keras file: "
            f"check the name, or give the path of a model saved with model.save('name.keras')."
        )
    if path.is_dir() or path.suffix != ".keras":
        raise ModelError(
            f"{path} is not a .keras model file: save models with model.save('name.keras')."
        )
    try:
        return keras.models.load_model(path, compile=False, safe_mode=True)
    except Exception as exc:  # Keras raises many kinds; the learner needs one clear line
        raise ModelError(
            f"{path} could not be loaded as a Keras model ({type(exc).__name__}): "
            f"it may be damaged or from another program."
        ) from None


def save_model(model, path: str | os.PathLike, overwrite: bool = False) -> Path:
    """Save a model as a ``.keras`` file; never replace an existing file unless asked.

    Parameters
    ----------
    model : keras.Model
        The model to save.
    path : str or os.PathLike
        The file; it must end in ``.keras``. Folders are created as needed.
    overwrite : bool
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        Where the model was written.

    Raises
    ------
    ModelError
        ``path`` does not end in ``.keras``.
    FileExistsError
        ``path`` exists and ``overwrite`` is False.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from colorlab.models import lesson_model
    >>> save_model(lesson_model(width=4), pathlib.Path(tempfile.mkdtemp()) / "m.keras").name
    'm.keras'
    """
    path = Path(path)
    if path.suffix != ".keras":
        raise ModelError(f"{path}: model files must end in .keras.")
    if path.exists() and not overwrite:
        raise FileExistsError(
            f"{path} already exists and was left untouched: choose another "
            f"name, or pass overwrite=True (--overwrite) to replace it."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    return path
