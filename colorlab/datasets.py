"""The course's data, all offline: bundled photos, your folders, what trains, what is held out.

* :func:`sample_photo` loads the color photos that scikit-image and matplotlib ship
  inside their packages (and the genuine grayscale ones, for real B&W input).
* :func:`photo_paths`, :func:`folder_photos` and :func:`color_photos` read a folder of
  photos (the learner's own, or a collection to train on); :func:`split_photos` and
  :func:`split_with_tuning` split one by file name alone.
* The scene models' data, in one place: :func:`training_images` (procedural scenes and
  crops of :data:`TRAIN_PHOTOS`) and the held-out set, :func:`heldout_scenes` (scenes
  from :data:`HELDOUT_SCENE_SEED` on) and :data:`HELDOUT_PHOTOS`.

Pictures drawn by code (the leaf, the scenes, the two skies) are in :mod:`colorlab.drawn`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from colorlab.errors import ImageError
from colorlab.images import Size, load_image

#: Color photos bundled with scikit-image (skimage/data) and matplotlib.
COLOR_PHOTOS = ("astronaut", "chelsea", "coffee", "rocket", "motorcycle", "grace_hopper")
#: Genuine black-and-white photos: no color to recover, real B&W input.
GRAY_PHOTOS = ("camera", "moon", "coins")

_SKIMAGE_FILES = {
    "astronaut": "astronaut.png",
    "chelsea": "chelsea.png",
    "coffee": "coffee.png",
    "rocket": "rocket.jpg",
    "motorcycle": "motorcycle_left.png",
    "camera": "camera.png",
    "moon": "moon.png",
    "coins": "coins.png",
}


PHOTO_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".jfif"}
)


def sample_path(name: str) -> Path:
    """Path of a bundled sample photo (see :data:`COLOR_PHOTOS` and :data:`GRAY_PHOTOS`).

    Parameters
    ----------
    name : str
        One of :data:`COLOR_PHOTOS` or :data:`GRAY_PHOTOS`.

    Returns
    -------
    pathlib.Path
        The photo's file inside the installed scikit-image (or, for ``"grace_hopper"``,
        matplotlib) package.

    Raises
    ------
    ValueError
        ``name`` is not a bundled photo; the message lists the names.

    Examples
    --------
    >>> sample_path("astronaut").name
    'astronaut.png'
    """
    if name == "grace_hopper":
        import matplotlib

        return Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    if name not in _SKIMAGE_FILES:
        known = ", ".join(COLOR_PHOTOS + GRAY_PHOTOS)
        raise ValueError(f"There is no sample photo called {name!r}; choose one of: {known}.")
    import skimage

    return Path(skimage.__file__).parent / "data" / _SKIMAGE_FILES[name]


def sample_photo(name: str, size: Size = None) -> np.ndarray:
    """Load a bundled sample photo as float32 RGB (H, W, 3) in [0, 1], offline.

    Parameters
    ----------
    name : str
        One of :data:`COLOR_PHOTOS` or :data:`GRAY_PHOTOS`.
    size : int or (int, int), optional
        Resize with anti-aliasing: an int sets the shorter side, ``(height, width)`` the
        exact size (at least 8 pixels a side); ``None`` keeps the photo's own size.

    Returns
    -------
    numpy.ndarray
        RGB (H, W, 3), float32 in [0, 1] (R = G = B for the gray photos).

    Raises
    ------
    ValueError
        ``name`` is not a bundled photo, or ``size`` is below 8 pixels.
    TypeError
        ``size`` is neither an int nor a (height, width) pair of ints.

    Examples
    --------
    >>> sample_photo("coffee", size=32).shape
    (32, 48, 3)
    """
    return load_image(sample_path(name), size=size)


def gray_photo(name: str = "camera", size: Size = None) -> np.ndarray:
    """A bundled photo as the article pictures a B&W image: uint8 (H, W), 0 = black, 255 = white.

    A color photo loses its color first (:func:`colorlab.color.to_gray`).

    Parameters
    ----------
    name : str
        One of :data:`GRAY_PHOTOS` or :data:`COLOR_PHOTOS`.
    size : int or (int, int), optional
        Resize with anti-aliasing: an int sets the shorter side, ``(height, width)`` the
        exact size (at least 8 pixels a side); ``None`` keeps the photo's own size.

    Returns
    -------
    numpy.ndarray
        (H, W), uint8 in [0, 255].

    Raises
    ------
    ValueError
        ``name`` is not a bundled photo, or ``size`` is below 8 pixels.
    TypeError
        ``size`` is neither an int nor a (height, width) pair of ints.

    Examples
    --------
    >>> img = gray_photo("camera")
    >>> img.shape, img.dtype, int(img.min()), int(img.max())
    ((512, 512), dtype('uint8'), 0, 255)
    """
    from colorlab.color import to_gray

    rgb = sample_photo(name, size=size)
    if name not in GRAY_PHOTOS:
        rgb = to_gray(rgb)
    return np.round(rgb[..., 0] * 255).astype(np.uint8)


def sample_photos(size: Size = None, gray: bool = False) -> dict[str, np.ndarray]:
    """All bundled color photos (or, with ``gray=True``, the B&W ones) by name.

    Parameters
    ----------
    size : int or (int, int), optional
        Resize with anti-aliasing: an int sets the shorter side, ``(height, width)`` the
        exact size (at least 8 pixels a side); ``None`` keeps the photo's own size.
    gray : bool
        The photos of :data:`GRAY_PHOTOS` instead of those of :data:`COLOR_PHOTOS`.

    Returns
    -------
    dict of str to numpy.ndarray
        Each photo as :func:`sample_photo` loads it, RGB (H, W, 3), float32 in [0, 1].

    Raises
    ------
    ValueError
        ``size`` is below 8 pixels.
    TypeError
        ``size`` is neither an int nor a (height, width) pair of ints.

    Examples
    --------
    >>> sorted(sample_photos(size=16, gray=True))
    ['camera', 'coins', 'moon']
    """
    names = GRAY_PHOTOS if gray else COLOR_PHOTOS
    return {name: sample_photo(name, size=size) for name in names}


# ------------------------------------------------------------------ user's photos


def photo_paths(folder: str | os.PathLike, recursive: bool = False) -> list[Path]:
    """The image files directly inside ``folder`` (by extension), sorted by name.

    With ``recursive``, the photos of its subfolders too (a collection sorted into one
    folder per class), sorted by their path. Hidden files (names starting with ".") are left
    out.

    Parameters
    ----------
    folder : str or os.PathLike
        The folder; ``~`` is expanded.
    recursive : bool
        Look in its subfolders too.

    Returns
    -------
    list of pathlib.Path
        The files whose extension is in :data:`PHOTO_SUFFIXES` (any case), sorted.

    Raises
    ------
    ImageError
        ``folder`` does not exist (the message suggests close names) or is a file.

    Examples
    --------
    >>> import tempfile
    >>> photo_paths(tempfile.mkdtemp())
    []
    """
    folder = Path(folder).expanduser()
    if not folder.exists():
        import difflib

        try:
            here = Path.cwd()
        except FileNotFoundError:
            raise ImageError(
                f"Cannot find {folder}: the current folder no longer exists (it was deleted "
                "or moved). Open a new terminal in the course folder, or give the full path."
            ) from None
        parent = folder.resolve().parent
        near = []
        if parent.is_dir():
            names = [p.name for p in parent.iterdir() if p.is_dir()]
            near = difflib.get_close_matches(folder.name, names, n=2, cutoff=0.6)
        hint = f" Did you mean {' or '.join(str(parent / n) for n in near)}?" if near else ""
        raise ImageError(
            f"The folder {folder} does not exist (that is {folder.resolve()}, seen from "
            f"{here}).{hint} Check the path, or create the folder and put photos in it."
        )
    if not folder.is_dir():
        raise ImageError(f"{folder} is a file, not a folder: pass the folder that holds photos.")
    return sorted(
        p
        for p in (folder.rglob("*") if recursive else folder.iterdir())
        if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES and not p.name.startswith(".")
    )


def folder_photos(
    folder: str | os.PathLike, size: Size = None, *, on_error: str = "warn", opacity: bool = False
) -> Iterator[tuple]:
    """Yield (path, rgb) for every photo in ``folder``; bad files are reported, not fatal.

    ``on_error``: ``"warn"`` prints one line per bad file to stderr and goes on,
    ``"raise"`` stops at the first, ``"skip"`` says nothing. A generator: the photos are
    loaded one at a time, and the errors below come when iteration starts.

    Parameters
    ----------
    folder : str or os.PathLike
        The folder; only the photos directly inside it (see :func:`photo_paths`).
    size : int or (int, int), optional
        Resize with anti-aliasing: an int sets the shorter side, ``(height, width)`` the
        exact size (at least 8 pixels a side); ``None`` keeps the photo's own size.
    on_error : {"warn", "raise", "skip"}
        What to do with a file that cannot be loaded.
    opacity : bool
        Also yield each photo's opacity (its alpha, or None when it has none), so the
        transparent pixels can be left out of the scores (``metrics.evaluate(opaque=...)``).

    Returns
    -------
    iterator of (pathlib.Path, numpy.ndarray)
        Each photo's path, in sorted order, and the photo as :func:`colorlab.images.load_image`
        loads it: RGB (H, W, 3), float32 in [0, 1]; with ``opacity``, (path, rgb, alpha).

    Raises
    ------
    ImageError
        ``folder`` does not exist or is a file; or, with ``on_error="raise"``, a photo
        cannot be loaded.
    ValueError
        ``on_error`` is none of the three, or ``size`` is below 8 pixels.
    TypeError
        ``size`` is neither an int nor a (height, width) pair of ints.

    Examples
    --------
    >>> import tempfile
    >>> list(folder_photos(tempfile.mkdtemp()))
    []
    """
    if on_error not in ("warn", "raise", "skip"):
        raise ValueError(f"on_error must be 'warn', 'raise' or 'skip', not {on_error!r}.")
    for path in photo_paths(folder):
        try:
            loaded = load_image(path, size=size, opacity=opacity)
            yield (path, *loaded) if opacity else (path, loaded)
        except ImageError as exc:
            if on_error == "raise":
                raise
            if on_error == "warn":
                print(f"skipped: {exc}", file=sys.stderr)


def split_photos(paths: list[Path], every: int = 10) -> tuple[list[Path], list[Path]]:
    """Split photo paths into (training, validation): every ``every``-th in sorted order validates.

    The split depends on the file names alone, so anyone with the same folder gets the
    same validation photos: files 0, 10, 20, … of the sorted list.

    Parameters
    ----------
    paths : list of pathlib.Path
        The photos, in any order (they are sorted first).
    every : int
        One photo in ``every`` validates (at least 2).

    Returns
    -------
    train : list of pathlib.Path
        The other photos, sorted.
    val : list of pathlib.Path
        Files 0, ``every``, 2·``every``, … of the sorted list.

    Raises
    ------
    ValueError
        ``every`` is below 2.

    Examples
    --------
    >>> train, val = split_photos([Path(f"{i:02d}.jpg") for i in range(25)])
    >>> len(train), [p.name for p in val]
    (22, ['00.jpg', '10.jpg', '20.jpg'])
    """
    if every < 2:
        raise ValueError(f"every must be at least 2, not {every!r}.")
    paths = sorted(paths)
    return [p for i, p in enumerate(paths) if i % every], paths[::every]


def split_with_tuning(
    paths: list[Path], every: int = 10
) -> tuple[list[Path], list[Path], list[Path]]:
    """Split photo paths three ways: (training, tuning, validation), by file name alone.

    Validation is :func:`split_photos`'s (files 0, 10, 20, … of the sorted list); tuning
    takes the files halfway between (5, 15, 25, …). Choices made after training (such as
    the photo model's confidence factor) are fitted on the tuning photos, so the
    validation photos stay unseen by every choice, and a second held-out set of the same
    size shows how much a mean over ~100 photos moves from one set to another.

    Parameters
    ----------
    paths : list of pathlib.Path
        The photos, in any order (they are sorted first).
    every : int
        One photo in ``every`` validates and one tunes (at least 2).

    Returns
    -------
    train : list of pathlib.Path
        The other photos, sorted.
    tune : list of pathlib.Path
        Files ``every // 2``, ``every // 2 + every``, … of the sorted list.
    val : list of pathlib.Path
        Files 0, ``every``, 2·``every``, … of the sorted list.

    Raises
    ------
    ValueError
        ``every`` is below 2.

    Examples
    --------
    >>> train, tune, val = split_with_tuning([Path(f"{i:02d}.jpg") for i in range(25)])
    >>> len(train), [p.name for p in tune], [p.name for p in val]
    (20, ['05.jpg', '15.jpg'], ['00.jpg', '10.jpg', '20.jpg'])
    """
    train, val = split_photos(paths, every)
    paths = sorted(paths)
    tune = paths[every // 2 :: every]
    chosen = set(tune)
    return [p for p in train if p not in chosen], tune, val


def color_photos(paths, size: Size = None, *, opacity: bool = False) -> list | tuple[list, list]:
    """Load ``paths`` and keep the photos that have color to compare with (for measuring).

    A file that cannot be read gets one line on stderr; a photo without color (see
    :func:`colorlab.metrics.has_color`, judged on its opaque pixels) is left out.

    Parameters
    ----------
    paths : iterable of str or os.PathLike, or a folder
        The photo files, or a folder (its photos, as :func:`photo_paths` lists them).
    size : int or (int, int), optional
        Resize with anti-aliasing: an int sets the shorter side, ``(height, width)`` the
        exact size (at least 8 pixels a side); ``None`` keeps the photo's own size.
    opacity : bool
        Also return each photo's opaque pixels, so that its transparent part (put on white
        by :func:`colorlab.load_image`) can be left out of the scores.

    Returns
    -------
    list of numpy.ndarray, or (list, list)
        The color photos, in the order of ``paths``: RGB (H, W, 3), float32 in [0, 1]; with
        ``opacity``, also a list of the same length holding for each photo a boolean (H, W)
        mask of its opaque pixels, or None for a photo without transparency. A photo with
        no opaque pixel at all is left out, with one line on stderr.

    Raises
    ------
    ValueError
        ``size`` is below 8 pixels.
    TypeError
        ``size`` is neither an int nor a (height, width) pair of ints.

    Examples
    --------
    >>> color_photos([])
    []
    >>> color_photos([], opacity=True)
    ([], [])
    """
    if isinstance(paths, str | os.PathLike):  # a folder: the photos in it
        paths = photo_paths(paths)
    photos, masks = [], []
    for rgb, opaque, colored in readable_photos(paths, size):
        if colored:
            photos.append(rgb)
            masks.append(opaque)
    return (photos, masks) if opacity else photos


def readable_photos(paths, size: Size = None) -> Iterator[tuple]:
    """Yield (rgb, opaque, colored) for each photo of ``paths`` that can be read.

    ``opaque`` is :func:`opaque_photo`'s mask (None without transparency) and ``colored``
    whether the photo has color (:func:`colorlab.metrics.has_color`) on its opaque pixels.
    A file that cannot be read (or is wholly transparent) gets one line on stderr.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        The photo files.
    size : int or (int, int), optional
        Resize as :func:`colorlab.load_image` does; ``None`` keeps each photo's own size.

    Returns
    -------
    iterator of (numpy.ndarray, numpy.ndarray or None, bool)
        Each photo, RGB (H, W, 3) float32 in [0, 1]; its opaque mask; whether it has color.

    Raises
    ------
    ValueError
        ``size`` is below 8 pixels.

    Examples
    --------
    >>> [(rgb.shape, colored) for rgb, _, colored in readable_photos(
    ...     [sample_path("camera"), sample_path("coffee")], size=16)]
    [((16, 16, 3), False), ((16, 24, 3), True)]
    """
    from colorlab.metrics import has_color

    for path in paths:
        try:
            rgb, opaque = opaque_photo(path, size)
        except ImageError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            continue
        yield rgb, opaque, has_color(rgb, opaque=opaque)


def opaque_photo(
    path: str | os.PathLike, size: Size = None
) -> tuple[np.ndarray, np.ndarray | None]:
    """A photo and the mask of its opaque pixels (alpha at least 0.5), for measuring it.

    Parameters
    ----------
    path : str or os.PathLike
        The photo's file.
    size : int or (int, int), optional
        Resize as :func:`colorlab.load_image` does; ``None`` keeps the photo's own size.

    Returns
    -------
    tuple
        RGB (H, W, 3) float32 in [0, 1] (transparent parts on white), and a boolean (H, W)
        mask of the opaque pixels, or None when the photo has no transparency.

    Raises
    ------
    ImageError
        The file is not a usable photo, or every pixel of it is transparent (nothing to
        measure); the message names the file.

    Examples
    --------
    >>> rgb, opaque = opaque_photo(sample_path("astronaut"), size=32)
    >>> rgb.shape, opaque is None
    ((32, 32, 3), True)
    """
    rgb, alpha = load_image(path, size=size, opacity=True)
    opaque = None if alpha is None else alpha >= 0.5
    if opaque is not None and not opaque.any():
        raise ImageError(
            f"{path}: every pixel is transparent, so there is nothing to measure: "
            "leave it out of the folder, or export it without transparency."
        )
    return rgb, opaque


# ------------------------------------------------ the scene models: training and held out

#: Bundled photos the shipped models train on; the others are held out for evaluation.
TRAIN_PHOTOS = ("astronaut", "coffee", "chelsea", "motorcycle")


HELDOUT_PHOTOS = ("rocket", "grace_hopper")


#: Scenes with these seeds train; scenes from HELDOUT_SCENE_SEED on are never trained on.
TRAIN_SCENE_SEED, HELDOUT_SCENE_SEED = 0, 10_000


def photo_patches(
    names=TRAIN_PHOTOS, size: int = 80, per_photo: int = 40, seed: int = 0
) -> np.ndarray:
    """Random size×size crops of bundled photos (shorter side scaled to 2·size first).

    Parameters
    ----------
    names : sequence of str
        Bundled photos (see :func:`sample_photo`); default :data:`TRAIN_PHOTOS`.
    size : int
        The crops' side in pixels.
    per_photo : int
        Crops taken from each photo.
    seed : int
        Seed of the random crop positions.

    Returns
    -------
    numpy.ndarray
        RGB (len(names) · per_photo, size, size, 3), float32 in [0, 1], photo by photo.

    Raises
    ------
    ValueError
        A name is not a bundled photo, or ``size`` is below 4 (the photos are scaled to
        2·size, which must be at least 8).

    Examples
    --------
    >>> photo_patches(("coffee",), size=32, per_photo=3).shape
    (3, 32, 32, 3)
    """
    rng = np.random.default_rng(seed)
    out = []
    for name in names:
        rgb = sample_photo(name, size=2 * size)
        h, w = rgb.shape[:2]
        for _ in range(per_photo):
            top, left = rng.integers(0, h - size + 1), rng.integers(0, w - size + 1)
            out.append(rgb[top : top + size, left : left + size])
    return np.stack(out).astype(np.float32)


def training_images(
    n_scenes: int = 1200,
    size: int = 80,
    photos=TRAIN_PHOTOS,
    per_photo: int = 40,
    seed: int = TRAIN_SCENE_SEED,
):
    """Procedural scenes plus crops of the training photos; returns (images, scene labels).

    Photo crops get the label -1 (no scene category).

    Parameters
    ----------
    n_scenes : int
        The number of scenes (:func:`colorlab.drawn.scenes`).
    size : int
        The side of the square images in pixels (at least 16).
    photos : sequence of str
        Bundled photos to crop (default :data:`TRAIN_PHOTOS`); empty for scenes only.
    per_photo : int
        Crops of each photo (:func:`photo_patches`); 0 for scenes only.
    seed : int
        The scenes' seed (default :data:`TRAIN_SCENE_SEED`), also the crops'.

    Returns
    -------
    images : numpy.ndarray
        RGB (N, size, size, 3), float32 in [0, 1]: the scenes, then the crops, with
        N = n_scenes + len(photos) · per_photo.
    labels : numpy.ndarray
        (N,) int64: each scene's index into :data:`colorlab.drawn.SCENE_CATEGORIES`, -1 for
        the crops.

    Raises
    ------
    ValueError
        ``n_scenes`` is negative, ``size`` is below 16, or a photo name is not a bundled photo.

    Examples
    --------
    >>> images, labels = training_images(n_scenes=4, size=32, photos=("coffee",), per_photo=2)
    >>> images.shape, labels.tolist()[-2:]
    ((6, 32, 32, 3), [-1, -1])
    """
    from colorlab.drawn import scenes

    images, labels = scenes(n_scenes, size=size, seed=seed)
    if photos and per_photo:
        patches = photo_patches(photos, size, per_photo, seed)
        images = np.concatenate([images, patches])
        labels = np.concatenate([labels, np.full(len(patches), -1)])
    return images, labels


def heldout_scenes(n: int = 60, size: int = 96, offset: int = 500) -> np.ndarray:
    """Scenes no shipped model trained on: seeds from ``HELDOUT_SCENE_SEED + offset`` on.

    With the defaults, the held-out set the scene models' cards and
    ``benchmarks/quality.py`` measure (beside :data:`HELDOUT_PHOTOS`); the lessons and
    tools take their own ``offset`` so that each shows different scenes (0 is lesson 07's
    validation set).

    Parameters
    ----------
    n : int
        The number of scenes.
    size : int
        Their side in pixels (at least 16).
    offset : int
        Added to :data:`HELDOUT_SCENE_SEED` to give the seed.

    Returns
    -------
    numpy.ndarray
        ``n`` scenes, RGB (n, size, size, 3), float32 in [0, 1].

    Raises
    ------
    ValueError
        ``n`` is negative, ``size`` is below 16, or the seed would be below 0.

    Examples
    --------
    >>> heldout_scenes(3, size=32).shape
    (3, 32, 32, 3)
    """
    from colorlab.drawn import scenes

    return scenes(n, size=size, seed=HELDOUT_SCENE_SEED + offset)[0]


def heldout_set() -> dict[str, list[np.ndarray]]:
    """The scene models' held-out set: 60 held-out scenes (96 px) and the held-out photos.

    Returns
    -------
    dict of str to list of numpy.ndarray
        ``"scenes"``: :func:`heldout_scenes` with its defaults, 60 RGB (96, 96, 3);
        ``"photos"``: the :data:`HELDOUT_PHOTOS`, RGB (H, W, 3) with the shorter side 256.
        All float32 in [0, 1].

    Examples
    --------
    >>> sorted(heldout_set())
    ['photos', 'scenes']
    """
    return {
        "scenes": list(heldout_scenes()),
        "photos": [sample_photo(name, size=256) for name in HELDOUT_PHOTOS],
    }
