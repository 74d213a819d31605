"""More photos for those online: fetch a public photo collection, verified, into a cache.

Nothing in the course needs this: every lesson runs offline on the bundled photos. With
internet, ``colorlab download imagenette`` (or :func:`download` in Python) fetches a
collection once, checks its SHA-256 against the published value before anything is
unpacked, and keeps it in a cache folder, so a second call costs nothing and works offline.

The sizes and SHA-256 sums below are the ones TensorFlow Datasets publishes for the same
archives (``checksums.tsv`` in the ``tensorflow-datasets`` 4.9.10 wheel, readable offline
after ``pip download --no-deps tensorflow-datasets``): ``datasets/imagenette`` and
``datasets/tf_flowers``. The download is the standard library's ``urllib`` with
``hashlib`` for the check, not Keras's ``get_file``: that one prints a progress bar with
ANSI color codes into logs and pipes (:mod:`colorlab.progress` explains).
"""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from colorlab.errors import DownloadError
from colorlab.progress import Progress


@dataclass(frozen=True)
class Collection:
    """A public photo collection: where it is, what it must hash to, what it holds."""

    url: str
    size: int  # bytes of the archive
    sha256: str
    folder: str  # the top folder inside the archive
    about: str  # what it holds, its source and its license

    @property
    def filename(self) -> str:
        return self.url.rsplit("/", 1)[-1]


COLLECTIONS = {
    "imagenette": Collection(
        url="https://s3.amazonaws.com/fast-ai-imageclas/imagenette2-160.tgz",
        size=99_003_388,
        sha256="64d0c4859f35a461889e0147755a999a48b49bf38a7e0f9bd27003f10db02fe5",
        folder="imagenette2-160",
        about=(
            "Imagenette (fast.ai): ~13,400 ImageNet photos of 10 classes (tench, English "
            "springer, cassette player, chain saw, church, French horn, garbage truck, gas "
            "pump, golf ball, parachute), shorter side 160 px; ImageNet terms apply "
            "(non-commercial research and teaching)"
        ),
    ),
    "flowers": Collection(
        url="http://download.tensorflow.org/example_images/flower_photos.tgz",
        size=228_813_984,
        sha256="4c54ace7911aaffe13a365c34f650e71dd5bf1be0a58b464e5a7183e3e595d9c",
        folder="flower_photos",
        about=(
            "TensorFlow's flower photos: 3,670 Flickr photos of daisies, dandelions, roses, "
            "sunflowers and tulips, CC-BY (authors listed in LICENSE.txt inside)"
        ),
    ),
}


def default_cache() -> Path:
    """Where downloads are kept: ``$COLORLAB_CACHE``, or ``~/.colorlab`` by default.

    Returns
    -------
    pathlib.Path
        The cache folder, with ``~`` expanded (it may not exist yet).

    Examples
    --------
    >>> default_cache().name in (".colorlab", os.environ.get("COLORLAB_CACHE", "")[-20:])
    True
    """
    return Path(os.environ.get("COLORLAB_CACHE") or Path.home() / ".colorlab").expanduser()


def _photo_folders(root: Path) -> list[Path]:
    """Every folder below ``root`` that holds photos, sorted (the train/ and val/ classes)."""
    from colorlab.datasets import photo_paths

    return sorted({p.parent for p in photo_paths(root, recursive=True)})


def download(name: str, cache: str | os.PathLike | None = None, mirror: str | None = None) -> Path:
    """Fetch collection ``name`` (see :data:`COLLECTIONS`) once; return its unpacked folder.

    ``mirror`` replaces the address with ``MIRROR/<archive name>`` (for example a
    workshop's local copy): the same SHA-256 is checked. The archive is verified before it
    is unpacked; a wrong or truncated one is deleted and reported. Offline, a collection
    already in the cache is returned as it is.

    Parameters
    ----------
    name : str
        A key of :data:`COLLECTIONS`: ``imagenette`` or ``flowers``.
    cache : str or os.PathLike, optional
        The cache folder; by default :func:`default_cache`.
    mirror : str, optional
        An address to fetch the same archive from instead.

    Returns
    -------
    pathlib.Path
        The unpacked collection's folder, inside the cache.

    Raises
    ------
    DownloadError
        No collection has that name; or the cache folder cannot be made, the download
        fails, or the archive is incomplete, not the published one, or cannot be unpacked.

    Examples
    --------
    >>> download("no_such_collection")
    Traceback (most recent call last):
    ...
    colorlab.errors.DownloadError: no collection called 'no_such_collection': ...
    """
    if name not in COLLECTIONS:
        raise DownloadError(
            f"no collection called {name!r}: choose one of {', '.join(COLLECTIONS)}."
        )
    return fetch(COLLECTIONS[name], cache, mirror)


def fetch(
    collection: Collection, cache: str | os.PathLike | None = None, mirror: str | None = None
) -> Path:
    """Download, verify and unpack one :class:`Collection`; return the unpacked folder.

    A collection already unpacked in the cache (its folder holds ``.complete``) is returned
    at once, without going online. The archive is deleted once unpacked.

    Parameters
    ----------
    collection : Collection
        What to fetch: its address, size, SHA-256 and top folder.
    cache : str or os.PathLike, optional
        The cache folder; by default :func:`default_cache`.
    mirror : str, optional
        An address to fetch the same archive from instead (``MIRROR/<archive name>``).

    Returns
    -------
    pathlib.Path
        The unpacked collection's folder, inside the cache.

    Raises
    ------
    DownloadError
        The cache folder cannot be made; the download fails; the archive is incomplete or
        not the published one (its SHA-256 differs); or it cannot be unpacked.

    Examples
    --------
    >>> c = Collection("http://127.0.0.1:9/x.tgz", 1, "0" * 64, "x", "nothing")
    >>> fetch(c, cache=__import__("tempfile").mkdtemp())
    Traceback (most recent call last):
    ...
    colorlab.errors.DownloadError: could not download x.tgz from http://127.0.0.1:9/x.tgz ...
    """
    root = Path(cache).expanduser() if cache is not None else default_cache()
    target = root / collection.folder
    done = target / ".complete"
    if done.exists():
        return target
    url = f"{mirror.rstrip('/')}/{collection.filename}" if mirror else collection.url
    archive = root / collection.filename
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(
            f"cannot make the cache folder {root} ({exc.strerror or exc}): choose another "
            "with --cache DIR or COLORLAB_CACHE."
        ) from None
    print(f"{collection.about}\n{collection.size / 1e6:.0f} MB from {url}", file=sys.stderr)
    _download(url, archive, collection)
    unpack(archive, root, collection.folder)
    done.write_text(collection.sha256 + "\n")
    archive.unlink(missing_ok=True)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _download(url: str, archive: Path, collection: Collection) -> None:
    """Fetch ``url`` into ``archive`` (through a ``.part`` file) and check its SHA-256.

    An archive already there with the right hash is kept (an earlier download that was
    not unpacked). A wrong or incomplete one is deleted, with a :class:`DownloadError`.
    """
    if archive.exists() and _sha256(archive) == collection.sha256:
        return
    part = archive.with_name(archive.name + ".part")
    digest, done = hashlib.sha256(), 0
    progress = Progress(collection.size, f"downloading {collection.filename}", unit="bytes")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(part, "wb") as out:
            while chunk := response.read(1 << 16):
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                progress.update(done)
    except http.client.IncompleteRead:
        part.unlink(missing_ok=True)
        Progress.break_line()
        raise DownloadError(
            f"{collection.filename} from {url} is incomplete (the connection dropped after "
            f"{done / 1e6:.1f} MB): it was deleted. Try again."
        ) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # URLError is an OSError
        part.unlink(missing_ok=True)
        Progress.break_line()
        reason = getattr(exc, "reason", None) or exc
        raise DownloadError(
            f"could not download {collection.filename} from {url} ({reason}). Check the "
            "internet connection; the course itself needs none, every lesson runs on "
            "bundled photos."
        ) from None
    Progress.break_line()
    if digest.hexdigest() != collection.sha256:
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"{collection.filename} from {url} is incomplete or not the published archive "
            f"(its SHA-256 differs from {collection.sha256[:12]}…): it was deleted. Try "
            "again; if it keeps failing, the source has changed."
        )
    part.replace(archive)


def unpack(archive: Path, root: Path, folder: str) -> Path:
    """Unpack a verified ``.tgz`` into ``root``; it must hold ``folder`` and nothing outside it.

    Uses the standard library's ``tarfile`` with its "data" filter (no absolute paths,
    links out of the folder or device files), so a hostile archive cannot write elsewhere.

    Parameters
    ----------
    archive : pathlib.Path
        The ``.tgz`` file, already verified.
    root : pathlib.Path
        The folder to unpack into (the cache); an earlier ``root/folder`` is replaced.
    folder : str
        The one top folder the archive must hold.

    Returns
    -------
    pathlib.Path
        The unpacked folder, ``root/folder``.

    Raises
    ------
    DownloadError
        The archive cannot be read, holds something outside ``folder`` or an unsafe entry;
        the archive is deleted.

    Examples
    --------
    >>> import tarfile, tempfile
    >>> src = Path(tempfile.mkdtemp())
    >>> (src / "demo").mkdir()
    >>> _ = (src / "demo" / "a.txt").write_text("hello")
    >>> with tarfile.open(src / "demo.tgz", "w:gz") as tar:
    ...     tar.add(src / "demo", arcname="demo")
    >>> root = Path(tempfile.mkdtemp())
    >>> folder = unpack(src / "demo.tgz", root, "demo")
    >>> folder == root / "demo", [p.name for p in folder.iterdir()]
    (True, ['a.txt'])
    """
    partial = root / f"{folder}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        with tarfile.open(archive) as tar:
            names = tar.getnames()
            if not names or any(
                n.split("/", 1)[0] != folder for n in names if n not in (".", "./")
            ):
                raise DownloadError(
                    f"{archive.name} does not hold the folder {folder}/ it should: deleted."
                )
            if hasattr(tarfile, "data_filter"):  # Python ≥ 3.10.12 / 3.11.4
                tar.extractall(partial, filter="data")
            else:  # older: refuse links and paths that climb out, then unpack plainly
                for member in tar.getmembers():
                    if member.issym() or member.islnk() or ".." in Path(member.name).parts:
                        raise DownloadError(f"{archive.name} holds an unsafe entry {member.name}.")
                tar.extractall(partial)
    except (tarfile.TarError, EOFError, OSError) as exc:
        archive.unlink(missing_ok=True)
        shutil.rmtree(partial, ignore_errors=True)
        raise DownloadError(f"{archive.name} could not be unpacked ({exc}): deleted.") from None
    target = root / folder
    shutil.rmtree(target, ignore_errors=True)
    (partial / folder).rename(target)
    shutil.rmtree(partial, ignore_errors=True)
    return target


def photo_folders(name: str, cache: str | os.PathLike | None = None) -> list[Path]:
    """The folders of photos in a downloaded collection (one per class), for training.

    Parameters
    ----------
    name : str
        A key of :data:`COLLECTIONS`: ``imagenette`` or ``flowers``.
    cache : str or os.PathLike, optional
        The cache folder; by default :func:`default_cache`.

    Returns
    -------
    list of pathlib.Path
        Every folder below the collection's that holds photos, sorted.

    Raises
    ------
    DownloadError
        No collection has that name, or it is not downloaded (and unpacked) yet.

    Examples
    --------
    >>> photo_folders("imagenette", cache=__import__("tempfile").mkdtemp())
    Traceback (most recent call last):
    ...
    colorlab.errors.DownloadError: imagenette is not downloaded yet: ...
    """
    if name not in COLLECTIONS:
        raise DownloadError(
            f"no collection called {name!r}: choose one of {', '.join(COLLECTIONS)}."
        )
    root = (Path(cache).expanduser() if cache is not None else default_cache()) / COLLECTIONS[
        name
    ].folder
    if not (root / ".complete").exists():
        raise DownloadError(f"{name} is not downloaded yet: run colorlab download {name}.")
    return _photo_folders(root)
