"""Install the course from a wheelhouse, without internet: the same command on every OS.

    python tools/install_offline.py WHEELHOUSE          # the course (then: colorlab lab)
    python tools/install_offline.py WHEELHOUSE --test   # and the test tools

Run it from the course folder with the Python you want the course to use (``py -3.12``
on Windows, ``python3`` on macOS and Linux). WHEELHOUSE is a folder made by ``colorlab
wheelhouse`` (``make wheelhouse``): it holds one folder per target, such as
``windows-x86_64-py3.12``. This script picks the one for this machine, creates ``.venv``
if needed, installs from it with pip's ``--no-index`` and registers the Jupyter kernel.
A wheelhouse for another OS, processor or Python version is refused with a message that
says which one to build, instead of pip's "No matching distribution found".

Standard library only: nothing is installed yet when it runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _platforms():
    """colorlab/platforms.py, loaded by path (the package and NumPy are not installed yet)."""
    spec = importlib.util.spec_from_file_location("platforms", ROOT / "colorlab" / "platforms.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["platforms"] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def choose(wheelhouse: Path, this: str) -> Path:
    """The folder of ``wheelhouse`` for target ``this``; SystemExit(message) if there is none."""
    if not wheelhouse.is_dir():
        raise SystemExit(f"{wheelhouse} is not a folder: give the wheelhouse folder.")
    if (wheelhouse / "TARGET.json").is_file():  # a target folder given directly
        folder = wheelhouse
    else:
        folder = wheelhouse / this
        if not (folder / "TARGET.json").is_file():
            have = sorted(p.parent.name for p in wheelhouse.glob("*/TARGET.json"))
            raise SystemExit(
                f"{wheelhouse} has no wheels for this machine ({this}); it has: "
                f"{', '.join(have) or 'nothing built by colorlab wheelhouse'}. On a machine "
                f"with internet, run: colorlab wheelhouse --target {this}"
            )
    info = json.loads((folder / "TARGET.json").read_text(encoding="utf-8"))
    if info["target"] != this:
        raise SystemExit(
            f"{folder} holds the wheels for {info['target']}, and this machine is {this}: "
            f"they would not install here. On a machine with internet, run: colorlab "
            f"wheelhouse --target {this}, and bring that folder."
        )
    if not info["wheels"]:
        raise SystemExit(
            f"{folder} holds only a plan (built with --resolve-only), no wheels: build it "
            "again without --resolve-only, on a machine with internet."
        )
    return folder


def venv_python(venv: Path) -> Path:
    """The Python inside a virtual environment: Scripts\\python.exe on Windows."""
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheelhouse", type=Path)
    parser.add_argument("--test", action="store_true", help="also install the test tools")
    args = parser.parse_args(argv)
    platforms = _platforms()
    os_name, cpu, python = platforms.this_machine()
    this = f"{os_name}-{cpu}-py{python}"
    try:
        folder = choose(args.wheelhouse.resolve(), this)
    except SystemExit as stop:
        print(f"install_offline: {stop}", file=sys.stderr)
        return 2
    venv = ROOT / ".venv"
    py = str(venv_python(venv))
    pip = [py, "-m", "pip", "--disable-pip-version-check", "install", "--no-index"]
    pip += ["--find-links", str(folder)]
    steps = [
        ("create .venv", [sys.executable, "-m", "venv", str(venv)]),
        ("update pip", [*pip, "--upgrade", "pip", "setuptools", "wheel"]),
        ("install the course", [*pip, "-e", ".[test]" if args.test else "."]),
        ("register the Jupyter kernel", [py, "-m", "colorlab", "lab", "--kernel-only"]),
    ]
    if venv_python(venv).exists():
        steps = steps[1:]
    for what, command in steps:
        if subprocess.run(command, cwd=ROOT).returncode:
            print(
                f"install_offline: could not {what} (the lines above say why). If pip found "
                f"no file for a package, {folder} is incomplete: build it again, with "
                f"internet, with colorlab wheelhouse --target {this}.",
                file=sys.stderr,
            )
            return 1
    print(f"installed from {folder} into {venv}; start the course with: colorlab lab")
    return 0


if __name__ == "__main__":
    sys.exit(main())
