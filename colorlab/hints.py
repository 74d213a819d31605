"""Color hints: a few (x, y, color) points a person gives, as the channels a network reads.

User-guided colorization (Zhang, Zhu, Isola et al. 2017) gives the network two more inputs
beside the lightness L: a **hint map**, the hinted ab (divided by 128) at the hinted pixels
and 0 elsewhere, and a **mask**, 1 where a hint is and 0 elsewhere (so a hinted gray, ab = 0,
differs from "no hint"). It learns to use them from hints *simulated* from the true colors
during training: :func:`simulate_hints` draws them as Zhang et al. do.

Everything here is NumPy on purpose: the lessons build these maps cell by cell, and a
person's ten clicks cost nothing next to the network.
"""

from __future__ import annotations

import numbers
import re

import numpy as np

_HEX = re.compile(r"#?([0-9a-fA-F]{6})")

#: What the hint model reads, channel by channel: L (0-100); the hint map's a / 128 and
#: b / 128 and its mask (:func:`hint_map`); the global hint ("color it like this photo"):
#: the reference's mean a / 128 and b / 128, and 1 when one is given (:func:`like_hint`).
INPUT_CHANNELS = 7


def parse_color(color) -> np.ndarray:
    """An RGB color in [0, 1] from an (r, g, b) triple in 0-255 or a "#rrggbb" string.

    Parameters
    ----------
    color : str or sequence of 3 numbers
        ``"#1e90ff"`` (the ``#`` may be left out), or ``(30, 144, 255)`` with each value
        from 0 to 255.

    Returns
    -------
    numpy.ndarray
        (3,) float32, each value in [0, 1].

    Raises
    ------
    ValueError
        The color is neither form, or a value is outside 0-255.

    Examples
    --------
    >>> [round(float(v), 3) for v in parse_color("#ff8000")]
    [1.0, 0.502, 0.0]
    >>> parse_color((0, 0, 255)).tolist()
    [0.0, 0.0, 1.0]
    """
    if isinstance(color, str):
        match = _HEX.fullmatch(color.strip())
        if not match:
            raise ValueError(
                f"color {color!r}: give '#rrggbb' (six hexadecimal digits, such as "
                "'#1e90ff') or an (r, g, b) triple of numbers from 0 to 255."
            )
        digits = match.group(1)
        return np.array([int(digits[k : k + 2], 16) for k in (0, 2, 4)], np.float32) / 255
    try:
        values = list(color)
    except TypeError:
        values = None
    if (
        values is None
        or len(values) != 3
        or not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in values)
    ):
        raise ValueError(
            f"color {color!r}: give an (r, g, b) triple of numbers from 0 to 255, or a "
            "'#rrggbb' string."
        )
    if not all(0 <= v <= 255 for v in values):
        raise ValueError(f"color {color!r}: each of r, g and b must be from 0 to 255.")
    return np.asarray(values, np.float32) / 255


def hint_ab(color) -> np.ndarray:
    """The a and b of a color (its lightness is dropped: the photo's own L is kept).

    Parameters
    ----------
    color : str or sequence of 3 numbers
        As :func:`parse_color` reads it.

    Returns
    -------
    numpy.ndarray
        (2,) float32: a and b, each in about [-128, 127].

    Examples
    --------
    >>> bool(abs(hint_ab("#808080")).max() < 0.01)  # a gray: no color
    True
    >>> bool(hint_ab((200, 30, 30))[0] > 40)  # a red: a well above 0
    True
    """
    from colorlab.color import rgb_to_lab

    return rgb_to_lab(parse_color(color)[None, None])[0, 0, 1:].astype(np.float32)


def check_hints(hints, shape: tuple[int, int]) -> list[tuple[int, int, np.ndarray]]:
    """Check a list of (x, y, color) hints against a photo's (height, width); ab per hint.

    Parameters
    ----------
    hints : sequence of (x, y, color)
        x is the column and y the row, in the photo's own pixels (0 at the top left);
        color as :func:`parse_color` reads it.
    shape : (int, int)
        The photo's height and width.

    Returns
    -------
    list of (int, int, numpy.ndarray)
        Each hint's column, row and ab (2,).

    Raises
    ------
    ValueError
        A hint is not three items, its x or y is not a whole number inside the photo, or
        its color is malformed; the message names the hint by its place in the list.

    Examples
    --------
    >>> [(x, y) for x, y, _ in check_hints([(3, 1, "#ff0000")], (4, 5))]
    [(3, 1)]
    >>> check_hints([(5, 1, "#ff0000")], (4, 5))
    Traceback (most recent call last):
    ...
    ValueError: hint 1 (5, 1, '#ff0000'): x = 5 is outside the photo (x from 0 to 4, y from 0 to 3).
    """
    height, width = shape
    if isinstance(hints, (str, bytes)) or not isinstance(hints, (list, tuple)):
        raise ValueError(
            f"hints={hints!r}: give a list of (x, y, color) points, such as "
            "[(120, 45, '#1e90ff')] (an empty list for none)."
        )
    checked = []
    for number, hint in enumerate(hints, 1):
        try:
            x, y, color = hint
        except (TypeError, ValueError):
            raise ValueError(
                f"hint {number} {hint!r}: give (x, y, color), such as (120, 45, '#1e90ff')."
            ) from None
        where = f"hint {number} {tuple(hint)!r}"
        for name, value, size in (("x", x, width), ("y", y, height)):
            whole = isinstance(value, numbers.Integral) or (
                isinstance(value, numbers.Real) and float(value).is_integer()
            )
            if isinstance(value, bool) or not whole:
                raise ValueError(f"{where}: {name} = {value!r} is not a whole number of pixels.")
            if not 0 <= value < size:
                raise ValueError(
                    f"{where}: {name} = {value!r} is outside the photo "
                    f"(x from 0 to {width - 1}, y from 0 to {height - 1})."
                )
        try:
            ab = hint_ab(color)
        except ValueError as problem:
            raise ValueError(f"{where}: {problem}") from None
        checked.append((int(x), int(y), ab))
    return checked


def hint_map(
    hints, shape: tuple[int, int], at: tuple[int, int] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The network's two hint inputs: ab / 128 at the hinted pixels, and the mask.

    Parameters
    ----------
    hints : sequence of (x, y, color)
        As :func:`check_hints` reads them, in the photo's own pixels; a later hint on the
        same pixel wins.
    shape : (int, int)
        The photo's height and width.
    at : (int, int), optional
        Build the maps at this (height, width) instead, each point moved to the same place
        in it (a model that works at a smaller size). The points are placed, not the map
        resized: resizing a map of single pixels would blur each hint away.

    Returns
    -------
    ab : numpy.ndarray
        (H, W, 2) float32: the hinted a / 128 and b / 128, 0 where there is no hint.
    mask : numpy.ndarray
        (H, W, 1) float32: 1 at the hinted pixels, 0 elsewhere.

    Raises
    ------
    ValueError
        If a hint is not a valid point on the photo (see :func:`check_hints`), or ``at``
        is smaller than 1 pixel a side.

    Examples
    --------
    >>> ab, mask = hint_map([(2, 0, (0, 0, 255))], (3, 4))
    >>> ab.shape, mask.shape, int(mask.sum()), bool(ab[0, 2, 1] < -0.5)  # blue: b < 0
    ((3, 4, 2), (3, 4, 1), 1, True)
    >>> _, small = hint_map([(399, 299, "#0000ff")], (300, 400), at=(30, 40))
    >>> [int(v) for v in np.argwhere(small[..., 0])[0]]  # the bottom-right pixel still
    [29, 39]
    """
    checked = check_hints(hints, shape)
    height, width = at or shape
    if min(height, width) < 1:
        raise ValueError(f"at={at!r}: give a (height, width) of at least 1 pixel each.")
    ab = np.zeros((height, width, 2), np.float32)
    mask = np.zeros((height, width, 1), np.float32)
    for x, y, color_ab in checked:
        if at:  # the pixel whose area holds the point's center
            y = min(height - 1, int((y + 0.5) * height / shape[0]))
            x = min(width - 1, int((x + 0.5) * width / shape[1]))
        ab[y, x] = color_ab / 128
        mask[y, x] = 1
    return ab, mask


def simulate_hints(
    ab: np.ndarray,
    rng: np.random.Generator,
    p: float = 1 / 8,
    no_hints: float = 0.1,
    max_points: int = 30,
    max_patch: int = 9,
) -> tuple[np.ndarray, np.ndarray]:
    """Hints drawn from the true colors, as a person might give them (for training).

    As Zhang et al. (2017): the number of points follows a geometric distribution (mean
    ``1 / p``), and some photos get none at all so the network also colorizes on its own;
    each point reveals the mean ab of a square patch (1 to ``max_patch`` pixels a side,
    drawn uniformly) around a random pixel, written over that patch.

    Parameters
    ----------
    ab : numpy.ndarray
        The truth's ab / 128, (H, W, 2).
    rng : numpy.random.Generator
        The random source (seed it for the same hints every run).
    p : float
        The geometric distribution's parameter: the chance to stop after each point.
    no_hints : float
        The share of calls that give no hint.
    max_points : int
        At most this many points.
    max_patch : int
        The largest patch side in pixels.

    Returns
    -------
    hints : numpy.ndarray
        (H, W, 2) float32, as :func:`hint_map` returns them.
    mask : numpy.ndarray
        (H, W, 1) float32.

    Examples
    --------
    >>> truth = np.zeros((32, 32, 2), np.float32); truth[..., 0] = 0.5
    >>> hints, mask = simulate_hints(truth, np.random.default_rng(1), no_hints=0)
    >>> bool(mask.sum() >= 1), bool(np.allclose(hints[mask[..., 0] == 1], [0.5, 0]))
    (True, True)
    """
    height, width = ab.shape[:2]
    hints = np.zeros((height, width, 2), np.float32)
    mask = np.zeros((height, width, 1), np.float32)
    if rng.random() < no_hints:
        return hints, mask
    for _ in range(min(int(rng.geometric(p)), max_points)):
        side = int(rng.integers(1, max_patch + 1))
        top = int(rng.integers(0, max(1, height - side + 1)))
        left = int(rng.integers(0, max(1, width - side + 1)))
        patch = (slice(top, top + side), slice(left, left + side))
        hints[patch] = ab[patch].reshape(-1, 2).mean(axis=0)
        mask[patch] = 1
    return hints, mask


def like_hint(reference) -> np.ndarray:
    """The global hint of a reference photo: its mean a / 128 and b / 128, and a flag of 1.

    "Color it like this photo": the network gets the overall color of the reference (the
    mean of its a and b), not its objects. Without a reference the three values are 0.

    Parameters
    ----------
    reference : numpy.ndarray or None
        A color photo, RGB (H, W, 3) in [0, 1]; None for no global hint.

    Returns
    -------
    numpy.ndarray
        (3,) float32: mean a / 128, mean b / 128, 1 (or three zeros for None).

    Raises
    ------
    ImageError
        ``reference`` is not an RGB photo in [0, 1].

    Examples
    --------
    >>> like_hint(None).tolist()
    [0.0, 0.0, 0.0]
    >>> orange = np.ones((4, 4, 3)) * [1.0, 0.5, 0.0]
    >>> a, b, given = like_hint(orange)
    >>> bool(a > 0.2 and b > 0.4), float(given)
    (True, 1.0)
    """
    if reference is None:
        return np.zeros(3, np.float32)
    from colorlab.color import check_image, rgb_to_lab

    rgb = check_image(reference, "The reference photo (like=)", channels=(3,))
    step = max(1, int(np.sqrt(rgb.shape[0] * rgb.shape[1] / 250_000)))
    # Every step-th pixel: the mean of 250,000 pixels is the photo's overall color, and a
    # 12-megapixel reference would take seconds to convert in full.
    ab = rgb_to_lab(rgb[::step, ::step])[..., 1:].reshape(-1, 2).mean(axis=0) / 128
    return np.array([ab[0], ab[1], 1.0], np.float32)


def model_input(L: np.ndarray, ab=None, mask=None, like=None) -> np.ndarray:
    """The hint model's input: L with the hint map, its mask and the global hint behind it.

    Parameters
    ----------
    L : numpy.ndarray
        Lightness (H, W, 1) in [0, 100].
    ab : numpy.ndarray, optional
        The hint map (H, W, 2) of :func:`hint_map`; default no hints.
    mask : numpy.ndarray, optional
        Its mask (H, W, 1); default no hints.
    like : numpy.ndarray, optional
        The global hint (3,) of :func:`like_hint`; default none.

    Returns
    -------
    numpy.ndarray
        (H, W, :data:`INPUT_CHANNELS`) float32.

    Examples
    --------
    >>> x = model_input(np.full((2, 3, 1), 50.0), like=np.array([0.1, 0.2, 1.0]))
    >>> x.shape, x[0, 0].tolist()
    ((2, 3, 7), [50.0, 0.0, 0.0, 0.0, 0.10000000149011612, 0.20000000298023224, 1.0])
    """
    h, w = L.shape[:2]
    ab = np.zeros((h, w, 2), np.float32) if ab is None else ab
    mask = np.zeros((h, w, 1), np.float32) if mask is None else mask
    like = np.zeros(3, np.float32) if like is None else np.asarray(like, np.float32)
    tiled = np.broadcast_to(like, (h, w, 3))
    return np.concatenate([L, ab, mask, tiled], axis=-1).astype(np.float32)


def takes_hints(model) -> bool:
    """Whether ``model`` reads hints: its input has :data:`INPUT_CHANNELS` channels.

    Parameters
    ----------
    model : keras.Model
        Any colorizer of the course.

    Returns
    -------
    bool
        True for a hint model (such as the shipped ``hints``), False for the others.

    Examples
    --------
    >>> from colorlab.models import article_model
    >>> takes_hints(article_model())
    False
    """
    shape = getattr(model, "input_shape", None)
    return isinstance(shape, tuple) and shape[-1] == INPUT_CHANNELS


def simulate_inputs(
    L: np.ndarray, ab: np.ndarray, rng: np.random.Generator, like_share: float = 0.25
) -> np.ndarray:
    """A training batch's hint-model inputs: simulated hints, and sometimes the global hint.

    Each photo gets hints from :func:`simulate_hints`; with chance ``like_share`` it also
    gets its own overall color as the global hint (at test time it comes from a reference
    photo), so the network learns to follow one when it is given and to do without.

    Parameters
    ----------
    L : numpy.ndarray
        Lightness (B, H, W, 1) in [0, 100].
    ab : numpy.ndarray
        The truth's ab / 128 (B, H, W, 2).
    rng : numpy.random.Generator
        The random source.
    like_share : float
        The share of photos that get the global hint.

    Returns
    -------
    numpy.ndarray
        (B, H, W, :data:`INPUT_CHANNELS`) float32.

    Examples
    --------
    >>> x = simulate_inputs(np.zeros((2, 8, 8, 1)), np.zeros((2, 8, 8, 2)),
    ...                     np.random.default_rng(0))
    >>> x.shape
    (2, 8, 8, 7)
    """
    batch = []
    for one_L, one_ab in zip(L, ab, strict=True):
        hints, mask = simulate_hints(one_ab, rng)
        like = np.zeros(3, np.float32)
        if rng.random() < like_share:
            like[:2], like[2] = one_ab.reshape(-1, 2).mean(axis=0), 1.0
        batch.append(model_input(one_L, hints, mask, like))
    return np.stack(batch)


def random_hints(truth: np.ndarray, n: int, rng: np.random.Generator) -> list[tuple]:
    """``n`` hints at random pixels of a color photo, each with the photo's true color there.

    How the course measures what hints are worth (lesson 12's curve): as if a person who
    remembers the colors clicked ``n`` places at random.

    Parameters
    ----------
    truth : numpy.ndarray
        The color photo, RGB (H, W, 3) in [0, 1].
    n : int
        How many hints (0 for none).
    rng : numpy.random.Generator
        The random source (seed it for the same points every run).

    Returns
    -------
    list of (int, int, (int, int, int))
        (x, y, (r, g, b)) hints for :func:`colorlab.colorize`, colors in 0-255.

    Examples
    --------
    >>> photo = np.zeros((4, 6, 3)); photo[..., 2] = 1.0  # all blue
    >>> random_hints(photo, 2, np.random.default_rng(0))[0][2]
    (0, 0, 255)
    """
    height, width = truth.shape[:2]
    ys = rng.integers(0, height, int(n))
    xs = rng.integers(0, width, int(n))
    return [
        (int(x), int(y), tuple(int(round(v * 255)) for v in truth[y, x, :3]))
        for x, y in zip(xs, ys, strict=True)
    ]


#: What a hints file says it is (its "format" field), so another JSON file is refused.
HINTS_FORMAT = "colorlab hints 1"


def save_hints(path, hints, shape: tuple[int, int], photo=None, like=None, overwrite: bool = False):
    """Write hints to a JSON file that :func:`load_hints` and ``colorlab colorize`` read.

    The file lists each hint as ``{"x": column, "y": row, "color": "#rrggbb"}`` in the
    photo's own pixels, with the photo's size, and the photo's and the reference's file
    names when given, so a workshop can edit it by hand or script it.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.json`` file to write (folders are created).
    hints : sequence of (x, y, color)
        As :func:`check_hints` reads them.
    shape : (int, int)
        The photo's height and width (the hints are checked against it).
    photo : str or os.PathLike, optional
        The photo's file, to record.
    like : str or os.PathLike, optional
        The reference photo's file ("color it like this"), to record.
    overwrite : bool
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        Where the hints were written.

    Raises
    ------
    ValueError
        A hint is malformed or outside the photo (:func:`check_hints`).
    FileExistsError
        ``path`` exists and ``overwrite`` is False.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "hints.json"
    >>> save_hints(where, [(3, 1, (255, 0, 0))], (4, 5)).name
    'hints.json'
    >>> load_hints(where)["hints"]
    [(3, 1, '#ff0000')]
    """
    import json
    from pathlib import Path

    path = Path(path)
    check_hints(list(hints), shape)
    if path.exists() and not overwrite:
        raise FileExistsError(
            f"{path} already exists and is kept: choose another name, or pass overwrite=True."
        )
    record = {
        "format": HINTS_FORMAT,
        "photo": _beside(photo, path),
        "size": {"height": int(shape[0]), "width": int(shape[1])},
        "like": _beside(like, path),
        "hints": [{"x": int(x), "y": int(y), "color": hex_color(color)} for x, y, color in hints],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return path


def _beside(name, json_path):
    """A file's name as a hints file records it: relative to that file's folder when inside it.

    Relative names keep working when the folder is copied to another laptop.
    """
    from pathlib import Path

    if name is None:
        return None
    where = Path(name).resolve()
    try:
        return where.relative_to(json_path.parent.resolve()).as_posix()
    except ValueError:  # elsewhere (or, on Windows, on another drive)
        return str(where)


def _from_file(name, json_path):
    """The path a recorded name stands for (relative names are relative to the hints file)."""
    from pathlib import Path

    if name is None:
        return None
    return Path(name) if Path(name).is_absolute() else json_path.parent / name


def hex_color(color) -> str:
    """A color as ``"#rrggbb"``, from any form :func:`parse_color` reads.

    Parameters
    ----------
    color : str or sequence of 3 numbers
        ``"#1e90ff"`` or ``(30, 144, 255)``.

    Returns
    -------
    str
        Lower-case ``"#rrggbb"``.

    Raises
    ------
    ValueError
        The color is malformed (:func:`parse_color`).

    Examples
    --------
    >>> hex_color((30, 144, 255)), hex_color("#FF8000")
    ('#1e90ff', '#ff8000')
    """
    r, g, b = (int(round(v * 255)) for v in parse_color(color))
    return f"#{r:02x}{g:02x}{b:02x}"


def load_hints(path) -> dict:
    """Read a hints file written by :func:`save_hints` (or the lesson 12 widget).

    Parameters
    ----------
    path : str or os.PathLike
        The ``.json`` file.

    Returns
    -------
    dict
        ``hints``: a list of (x, y, "#rrggbb"); ``size``: (height, width) of the photo
        they were given on, or None; ``photo`` and ``like``: the recorded files
        (:class:`pathlib.Path`, a relative name taken relative to the hints file's folder)
        or None.

    Raises
    ------
    ValueError
        The file is missing, is not JSON, or does not hold a list of hints with x, y and
        color each; the message names the file and the hint.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "mine.json"
    >>> _ = where.write_text('{"hints": [{"x": 2, "y": 5, "color": "#00ff00"}]}')
    >>> load_hints(where)["hints"], load_hints(where)["like"]
    ([(2, 5, '#00ff00')], None)
    """
    import json
    from pathlib import Path

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"hints file {path}: no such file. Save one from lesson 12's widget.")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"hints file {path} is not JSON ({exc}).") from None
    entries = record.get("hints") if isinstance(record, dict) else None
    if not isinstance(entries, list):
        raise ValueError(
            f'hints file {path}: expected {{"hints": [{{"x": 120, "y": 45, "color": '
            '"#1e90ff"}, ...]}, as lesson 12\'s widget saves it.'
        )
    hints = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not {"x", "y", "color"} <= set(entry):
            raise ValueError(
                f"hints file {path}: hint {number} {entry!r} needs x, y and color, such as "
                '{"x": 120, "y": 45, "color": "#1e90ff"}.'
            )
        try:
            color = hex_color(entry["color"])
        except ValueError as problem:
            raise ValueError(f"hints file {path}: hint {number}: {problem}") from None
        hints.append((entry["x"], entry["y"], color))
    size = record.get("size")
    if size is not None:
        try:
            size = (int(size["height"]), int(size["width"]))
        except (TypeError, KeyError, ValueError):
            raise ValueError(
                f'hints file {path}: "size" is {size!r}; give {{"height": H, "width": W}} in '
                "pixels, or leave it out."
            ) from None
    return {
        "hints": hints,
        "size": size,
        "photo": _from_file(record.get("photo"), path),
        "like": _from_file(record.get("like"), path),
    }
