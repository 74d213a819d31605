"""`colorlab download`: fetched from a local HTTP server on 127.0.0.1, never the internet.

The server serves a good archive, a truncated one, one whose SHA-256 is not the published
one, and a tar bomb that writes outside its folder; a closed port stands for a server
that is down (or no internet).
"""

from __future__ import annotations

import hashlib
import http.server
import io
import socket
import tarfile
import threading
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from colorlab import cli
from colorlab.download import COLLECTIONS, Collection, download, fetch, photo_folders
from colorlab.errors import DownloadError


def _archive(folder: str, photos: int = 3, extra: tuple = ()) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for i in range(photos):
            png = io.BytesIO()
            rgb = np.full((12, 16, 3), (40 * i, 120, 200), np.uint8)
            Image.fromarray(rgb).save(png, format="PNG")
            info = tarfile.TarInfo(f"{folder}/class{i % 2}/p{i}.png")
            info.size = len(png.getvalue())
            tar.addfile(info, io.BytesIO(png.getvalue()))
        for name in extra:
            info = tarfile.TarInfo(name)
            info.size = 2
            tar.addfile(info, io.BytesIO(b"hi"))
    return buf.getvalue()


@pytest.fixture(scope="module")
def server():
    """A tiny HTTP server on 127.0.0.1 with the files of FILES; yields its base URL."""
    files = {
        "good.tgz": _archive("good"),
        "evil.tgz": _archive("evil", extra=("../escaped.txt",)),
    }
    files["short.tgz"] = files["good.tgz"]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            name = self.path.strip("/")
            if name not in files:
                self.send_error(404)
                return
            body = files[name]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # short.tgz promises the whole archive and stops halfway, like a dropped line.
            self.wfile.write(body[: len(body) // 2] if name == "short.tgz" else body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", files
    httpd.shutdown()


def _collection(url: str, body: bytes, folder: str = "good", sha=None) -> Collection:
    digest = sha or hashlib.sha256(body).hexdigest()
    return Collection(url, len(body), digest, folder, "test photos")


def test_good_archive_is_verified_unpacked_and_cached(server, tmp_path, capsys):
    base, files = server
    c = _collection(f"{base}/good.tgz", files["good.tgz"])
    folder = fetch(c, cache=tmp_path)
    assert folder == tmp_path / "good"
    assert sorted(p.name for p in folder.rglob("*.png")) == ["p0.png", "p1.png", "p2.png"]
    assert not (tmp_path / "good.tgz").exists()  # the archive is not kept twice
    # The second call needs no server at all: a dead address still returns the cache.
    again = fetch(replace(c, url="http://127.0.0.1:9/good.tgz"), cache=tmp_path)
    assert again == folder


def test_truncated_archive_is_deleted_with_a_clear_error(server, tmp_path):
    base, files = server
    c = _collection(f"{base}/short.tgz", files["good.tgz"])
    with pytest.raises(DownloadError) as err:
        fetch(c, cache=tmp_path)
    message = str(err.value)
    assert "short.tgz" in message and ("incomplete" in message or "could not download" in message)
    assert not (tmp_path / "short.tgz").exists() and not (tmp_path / "good").exists()


def test_wrong_checksum_is_refused_before_unpacking(server, tmp_path):
    base, files = server
    c = _collection(f"{base}/good.tgz", files["good.tgz"], sha="0" * 64)
    with pytest.raises(DownloadError, match="SHA-256 differs"):
        fetch(c, cache=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_server_down_is_one_clear_error(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = Collection(f"http://127.0.0.1:{port}/x.tgz", 10, "0" * 64, "x", "test")
    with pytest.raises(DownloadError, match="could not download x.tgz .*internet"):
        fetch(c, cache=tmp_path)


def test_archive_that_writes_outside_its_folder_is_refused(server, tmp_path):
    base, files = server
    c = _collection(f"{base}/evil.tgz", files["evil.tgz"], folder="evil")
    with pytest.raises(DownloadError):
        fetch(c, cache=tmp_path / "cache")
    assert not (tmp_path / "escaped.txt").exists()


def test_mirror_fetches_the_same_archive_name(server, tmp_path, monkeypatch):
    """An instructor's local copy: --mirror URL fetches NAME's archive there, same checksum."""
    base, files = server
    good = _collection("https://example.invalid/good.tgz", files["good.tgz"])
    monkeypatch.setitem(COLLECTIONS, "testset", good)
    assert download("testset", cache=tmp_path, mirror=base) == tmp_path / "good"
    assert len(photo_folders("testset", cache=tmp_path)) == 2


def test_cli_download_lists_and_reports(server, tmp_path, monkeypatch, capsys):
    assert cli.main(["download"]) == 0
    out = capsys.readouterr().out
    assert "imagenette" in out and "flowers" in out and "MB" in out
    base, files = server
    monkeypatch.setitem(COLLECTIONS, "testset", _collection(f"{base}/good.tgz", files["good.tgz"]))
    assert cli.main(["download", "testset", "--cache", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(tmp_path / "good")
    assert "colorlab train" in captured.err
    assert "\x1b" not in captured.err + captured.out  # no terminal color codes in a log
    monkeypatch.setitem(
        COLLECTIONS, "broken", _collection(f"{base}/short.tgz", files["good.tgz"], folder="b")
    )
    assert cli.main(["download", "broken", "--cache", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith("colorlab: ") and "Traceback" not in err
    assert cli.main(["download", "nothing"]) == 2
    assert "choose one of imagenette, flowers" in capsys.readouterr().err


def test_published_checksums_are_well_formed():
    for name, c in COLLECTIONS.items():
        assert len(c.sha256) == 64 and int(c.sha256, 16) >= 0, name
        assert c.url.endswith(".tgz") and c.size > 10_000_000 and c.folder, name


def test_cache_that_cannot_be_made_is_one_clear_error(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    c = Collection("http://127.0.0.1:9/x.tgz", 10, "0" * 64, "x", "test")
    with pytest.raises(DownloadError, match="cannot make the cache folder .*--cache"):
        fetch(c, cache=blocker / "cache")
