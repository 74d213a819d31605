"""Wheelhouses: every package the course needs, as files, for laptops without internet.

One folder per target (OS, processor, Python version; names from
:mod:`colorlab.platforms`, e.g. ``wheelhouse/windows-x86_64-py3.12``), built on any
machine with internet by ``colorlab wheelhouse --target NAME`` (``make wheelhouse``). Each
holds a ``TARGET.json`` naming its target, so ``tools/install_offline.py`` can pick the
right folder on each laptop and refuse a wrong one with a clear message.

pip evaluates environment markers (``sys_platform == 'win32'``) for the machine it runs
on, not for ``--platform``; so the requirements are chosen here, with the target's
markers, and handed to pip without them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from colorlab.platforms import markers, parse_target

_PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]


def requirements(root: Path, test: bool = True) -> list[str]:
    """The course's requirements from ``pyproject.toml`` (runtime, plus the test tools).

    Example:
        >>> from colorlab.course import course_root
        >>> any(r.startswith("keras") for r in requirements(course_root()))
        True
    """
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    if test:
        reqs += project.get("optional-dependencies", {}).get("test", [])
    return reqs


def for_target(reqs: list[str], target: str) -> list[str]:
    """The requirements that apply on ``target``, without their markers.

    Example:
        >>> reqs = ["numpy>=1.26", "tensorflow-cpu>=2.16; sys_platform == 'win32'",
        ...         "tensorflow>=2.16; sys_platform != 'win32'"]
        >>> for_target(reqs, "windows-x86_64-py3.12"), for_target(reqs, "macos-arm64-py3.13")
        (['numpy>=1.26', 'tensorflow-cpu>=2.16'], ['numpy>=1.26', 'tensorflow>=2.16'])
    """
    from packaging.requirements import Requirement

    env = markers(*parse_target(target))
    out = []
    for text in reqs:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate(env):
            req.marker = None
            out.append(str(req))
    return out


def plan_command(
    tags: tuple[str, ...], python: str, reqs: list[str], report: Path, no_deps: bool = False
) -> list[str]:
    """A pip command that resolves ``reqs`` for platform ``tags`` and Python ``python``
    without installing or downloading wheels (PyPI serves their metadata apart), writing
    what it would install to ``report`` (JSON)."""
    scratch = tempfile.mkdtemp(prefix="colorlab-plan-")
    return [
        *_PIP,
        "install",
        "--dry-run",
        "--ignore-installed",
        "--quiet",
        *(["--no-deps"] if no_deps else []),
        "--target",
        scratch,
        "--report",
        str(report),
        *[arg for tag in tags for arg in ("--platform", tag)],
        "--python-version",
        python,
        "--only-binary=:all:",
        *reqs,
    ]


def pip_command(target: str, dest: Path, reqs: list[str], resolve_only: bool) -> list[str]:
    """The pip command that fetches (or, ``resolve_only``, plans) ``target``'s wheels."""
    row, python = parse_target(target)
    if resolve_only:
        return plan_command(row.pip_platforms, python, reqs, dest / "plan.json")
    platforms = [arg for tag in row.pip_platforms for arg in ("--platform", tag)]
    common = [*platforms, "--python-version", python, "--only-binary=:all:"]
    return [*_PIP, "download", "--dest", str(dest), *common, "pip", "setuptools", "wheel", *reqs]


def build(target: str, root: Path, out: Path, resolve_only: bool = False, test: bool = True):
    """Fill ``out/target`` with the target's wheels (or only its plan); return the folder."""
    parse_target(target)  # a clear error for a name that is not a target
    dest = out / target
    dest.mkdir(parents=True, exist_ok=True)
    reqs = for_target(requirements(root, test), target)
    done = subprocess.run(pip_command(target, dest, reqs, resolve_only), check=False)
    if done.returncode:
        raise RuntimeError(f"pip could not fetch the packages for {target} (its message above).")
    info = {"target": target, "test_tools": test, "wheels": not resolve_only}
    (dest / "TARGET.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return dest


def summary(folder: Path) -> str:
    """One line on what a built target folder holds."""
    info = json.loads((folder / "TARGET.json").read_text(encoding="utf-8"))
    if not info["wheels"]:
        plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        return f"{folder}: a plan of {len(plan['install'])} packages (resolved, not downloaded)"
    files = list(folder.glob("*.whl"))
    size = sum(f.stat().st_size for f in files) / 1e6
    return f"{folder}: {len(files)} wheels, {size:.0f} MB"
