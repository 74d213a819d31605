"""`make lab` and `colorlab lab` (the same code without make, as on Windows) start JupyterLab
with the course's `colorlab` kernel (headless, on localhost)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

#: Each test starts the installed command in a new Python (TensorFlow loads each time).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def stop(proc: subprocess.Popen) -> None:
    """Stop make and the JupyterLab server it started (one process group)."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "jupyter").exists(), reason="run via make test")
@pytest.mark.parametrize("route", ["make lab", "python -m colorlab lab"])
def test_lab_serves_the_colorlab_kernel(tmp_path, route):
    port, token = free_port(), "colorlab-test-token"
    args = (
        f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
        f"--ServerApp.port_retries=0 --IdentityProvider.token={token}"
    )
    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
    )
    log = open(tmp_path / "lab.log", "w+")
    if route == "make lab":
        command = ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"]
    else:
        command = [sys.executable, "-m", "colorlab", "lab", "--", *args.split()]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        specs = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                specs = get_json(f"{base}/api/kernelspecs?token={token}")
                break
            except OSError:
                time.sleep(0.5)
        log.seek(0)
        assert specs is not None, f"JupyterLab did not answer; its log:\n{log.read()[-3000:]}"
        assert "colorlab" in specs["kernelspecs"], specs["kernelspecs"].keys()
        spec = specs["kernelspecs"]["colorlab"]["spec"]
        assert Path(spec["argv"][0]).parent == Path(sys.executable).parent
        # The lab page itself is served, and the notebook it opens exists on the server.
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=10) as page:
            assert page.status == 200
        nb = get_json(f"{base}/api/contents/notebooks/00_start_here.ipynb?token={token}")
        assert nb["type"] == "notebook"
    finally:
        stop(proc)
        log.close()
