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
from pathlib import Path

from colorlab.platforms import markers, parse_target

_PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]


def requirements(root: Path, test: bool = True) -> list[str]:
    """The course's requirements from ``pyproject.toml`` (runtime, plus the test tools).

    Parameters
    ----------
    root : pathlib.Path
        The course folder, which holds ``pyproject.toml``.
    test : bool
        Add the ``test`` extra's requirements (the test tools).

    Returns
    -------
    list of str
        The requirements as written there, environment markers included.

    Examples
    --------
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

    Parameters
    ----------
    reqs : list of str
        Requirements, with or without environment markers.
    target : str
        A target name, ``OS-CPU-pyX.Y`` (see :mod:`colorlab.platforms`).

    Returns
    -------
    list of str
        The requirements whose markers hold on ``target`` (or that have none), in order,
        with the markers removed.

    Raises
    ------
    ValueError
        ``target`` is not a target name.

    Examples
    --------
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
    """A pip command that resolves ``reqs`` for platform ``tags`` and Python ``python``.

    It installs and downloads no wheels (PyPI serves their metadata apart): it writes what
    it would install to ``report`` (JSON).

    Parameters
    ----------
    tags : tuple of str
        The pip ``--platform`` tags of the target's wheels.
    python : str
        The target's Python version, such as ``3.12``.
    reqs : list of str
        The requirements, without environment markers.
    report : pathlib.Path
        The JSON file pip writes its plan to.
    no_deps : bool
        Resolve only ``reqs`` themselves, not what they depend on.

    Returns
    -------
    list of str
        The command (``python -m pip install --dry-run ...``), with the report's folder
        as its ``--target`` (a dry run writes nothing there).

    Examples
    --------
    >>> cmd = plan_command(("win_amd64",), "3.12", ["numpy"], Path("plan.json"))
    >>> cmd[4:6], cmd[cmd.index("--report") + 1], cmd[-1]
    (['install', '--dry-run'], 'plan.json', 'numpy')
    """
    return [
        *_PIP,
        "install",
        "--dry-run",
        "--ignore-installed",
        "--quiet",
        *(["--no-deps"] if no_deps else []),
        # pip wants a target folder for another platform; a dry run writes nothing into it.
        "--target",
        str(report.parent),
        "--report",
        str(report),
        *_platform_args(tags, python),
        *reqs,
    ]


def _platform_args(tags: tuple[str, ...], python: str) -> list[str]:
    """pip's options that pick wheels for another machine: its tags and Python, binaries only."""
    platforms = [arg for tag in tags for arg in ("--platform", tag)]
    return [*platforms, "--python-version", python, "--only-binary=:all:"]


def pip_command(target: str, dest: Path, reqs: list[str], resolve_only: bool) -> list[str]:
    """The pip command that fetches (or, ``resolve_only``, plans) ``target``'s wheels.

    Parameters
    ----------
    target : str
        A target name, ``OS-CPU-pyX.Y``.
    dest : pathlib.Path
        The folder for the wheels (or for the plan, ``plan.json``).
    reqs : list of str
        The requirements, without environment markers.
    resolve_only : bool
        Only plan (see :func:`plan_command`); download nothing.

    Returns
    -------
    list of str
        ``python -m pip download ...`` for the target's platform and Python, with pip,
        setuptools and wheel added; or, ``resolve_only``, the planning command.

    Raises
    ------
    ValueError
        ``target`` is not a target name.

    Examples
    --------
    >>> cmd = pip_command("windows-x86_64-py3.12", Path("wh"), ["numpy"], resolve_only=False)
    >>> cmd[4:7], cmd[-4:]
    (['download', '--dest', 'wh'], ['pip', 'setuptools', 'wheel', 'numpy'])
    """
    row, python = parse_target(target)
    if resolve_only:
        return plan_command(row.pip_platforms, python, reqs, dest / "plan.json")
    common = _platform_args(row.pip_platforms, python)
    return [*_PIP, "download", "--dest", str(dest), *common, "pip", "setuptools", "wheel", *reqs]


def build(target: str, root: Path, out: Path, resolve_only: bool = False, test: bool = True):
    """Fill ``out/target`` with the target's wheels (or only its plan); return the folder.

    Runs pip (which needs internet), then writes ``TARGET.json`` naming the target, for
    ``tools/install_offline.py``.

    Parameters
    ----------
    target : str
        A target name, ``OS-CPU-pyX.Y``.
    root : pathlib.Path
        The course folder, whose ``pyproject.toml`` lists the requirements.
    out : pathlib.Path
        The wheelhouse; the target's folder is made inside it.
    resolve_only : bool
        Only check that pip finds every package (a plan, ``plan.json``); download nothing.
    test : bool
        Include the test tools.

    Returns
    -------
    pathlib.Path
        The target's folder, ``out/target``.

    Raises
    ------
    ValueError
        ``target`` is not a target name (checked before anything is written).
    RuntimeError
        pip could not fetch or resolve the packages (its message comes first).

    Examples
    --------
    >>> import tempfile
    >>> build("amiga-68k-py3.12", Path("."), Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: no TensorFlow for amiga-68k-py3.12: the targets are linux-x86_64-py3.10, ...
    """
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
    """One line on what a built target folder holds.

    Parameters
    ----------
    folder : pathlib.Path
        A target's folder made by :func:`build`, with its ``TARGET.json``.

    Returns
    -------
    str
        The folder, then the number of wheels and their size in MB, or the number of
        packages in its plan.

    Examples
    --------
    >>> import json, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "TARGET.json").write_text(json.dumps({"wheels": True}))
    >>> summary(folder) == f"{folder}: 0 wheels, 0 MB"
    True
    """
    info = json.loads((folder / "TARGET.json").read_text(encoding="utf-8"))
    if not info["wheels"]:
        plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        return f"{folder}: a plan of {len(plan['install'])} packages (resolved, not downloaded)"
    files = list(folder.glob("*.whl"))
    size = sum(f.stat().st_size for f in files) / 1e6
    return f"{folder}: {len(files)} wheels, {size:.0f} MB"
