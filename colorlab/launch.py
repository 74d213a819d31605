"""Open the course in JupyterLab with its own kernel: the same code on Windows, macOS, Linux.

``colorlab lab`` (what ``make lab`` runs) registers the Jupyter kernel **colorlab** inside
the environment the command runs in (nothing in the home folder) when it is missing or
points at another Python, then starts JupyterLab on the course folder with lesson 00 open.
Everything goes through ``sys.executable`` and :mod:`pathlib`: no shell, no ``bin/``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from colorlab.course import START, course_root

KERNEL_NAME = "colorlab"
KERNEL_DISPLAY = "Python (colorlab)"


def kernel_python() -> str | None:
    """The Python the registered ``colorlab`` kernel runs, or None when there is none.

    Returns
    -------
    str or None
        The first word of the kernel's command (the path of its Python), or None when no
        kernel named ``colorlab`` is registered.

    Examples
    --------
    >>> python = kernel_python()
    >>> python is None or isinstance(python, str)
    True
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        return KernelSpecManager().get_kernel_spec(KERNEL_NAME).argv[0]
    except NoSuchKernel:
        return None


def ensure_kernel() -> bool:
    """Register the ``colorlab`` kernel for this Python, inside its environment; True if done now.

    Returns
    -------
    bool
        True when the kernel was registered now; False when it already ran this Python.

    Examples
    --------
    >>> ensure_kernel() in (True, False)
    True
    """
    python = kernel_python()
    if python and Path(python).resolve() == Path(sys.executable).resolve():
        return False
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY, prefix=sys.prefix)
    return True


#: Extensions that come with a dependency but are built for an older JupyterLab: jupyterlab-rise
#: pulls in @jupyterlab/mathjax3-extension, which JupyterLab 4 lists as incompatible (it has
#: MathJax built in, and the lessons write no LaTeX).
OUTDATED_EXTENSIONS = ("@jupyterlab/mathjax3-extension",)


def disable_outdated_extensions(prefix: str | None = None) -> list[str]:
    """Turn off :data:`OUTDATED_EXTENSIONS` in this environment's JupyterLab settings.

    The same as ``jupyter labextension disable --level=sys_prefix NAME``, written directly
    (no second Jupyter start-up). Returns the names switched off now.

    Parameters
    ----------
    prefix : str, optional
        The environment whose ``etc/jupyter/labconfig/page_config.json`` is changed; by
        default this Python's (``sys.prefix``).

    Returns
    -------
    list of str
        The extensions switched off now (empty when all already were).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> disable_outdated_extensions(folder), disable_outdated_extensions(folder)
    (['@jupyterlab/mathjax3-extension'], [])
    """
    path = Path(prefix or sys.prefix, "etc", "jupyter", "labconfig", "page_config.json")
    config = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    disabled = config.setdefault("disabledExtensions", {})
    new = [name for name in OUTDATED_EXTENSIONS if not disabled.get(name)]
    if new:
        disabled.update(dict.fromkeys(new, True))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return new


def lab_command(root: Path, extra: list[str] | None = None) -> list[str]:
    """The command that starts JupyterLab on ``root`` with lesson 00 open.

    Jupyter refuses to run as root (containers, CI) unless told it is intended, so
    ``--allow-root`` is added for the root user (POSIX only: Windows has no user id 0).

    Parameters
    ----------
    root : pathlib.Path
        The course folder, the root of the server's file browser.
    extra : list of str, optional
        More arguments for JupyterLab (such as ``--no-browser``), put before the lesson.

    Returns
    -------
    list of str
        The command: this Python, ``-m jupyterlab``, the options, then the lesson to open.

    Examples
    --------
    >>> cmd = lab_command(Path("course"), ["--no-browser"])
    >>> cmd[1:4]
    ['-m', 'jupyterlab', '--ServerApp.root_dir=course']
    >>> cmd[-2:]
    ['--no-browser', 'notebooks/00_start_here.ipynb']
    """
    as_root = getattr(os, "geteuid", lambda: 1)() == 0
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root}",
        *(["--allow-root"] if as_root else []),
        *(extra or []),
        START.as_posix(),  # a path inside the server, which always uses /
    ]


def run_lab(extra: list[str] | None = None, kernel_only: bool = False) -> int:
    """Register the kernel if needed, then run JupyterLab until it is stopped; its exit status.

    What ``colorlab lab`` runs: :func:`ensure_kernel`, :func:`disable_outdated_extensions`,
    then :func:`lab_command` in the course folder. Stopping it with Ctrl+C is a normal end.

    Parameters
    ----------
    extra : list of str, optional
        More arguments for JupyterLab (such as ``--no-browser``).
    kernel_only : bool
        Only register the kernel (and switch off the outdated extensions); start nothing.

    Returns
    -------
    int
        JupyterLab's exit status; 0 with ``kernel_only`` or after Ctrl+C.

    Examples
    --------
    >>> from colorlab.launch import run_lab
    >>> callable(run_lab)
    True
    """
    if ensure_kernel():
        print(f"registered the Jupyter kernel '{KERNEL_NAME}' for {sys.executable}")
    disable_outdated_extensions()
    if kernel_only:
        return 0
    root = course_root()
    try:
        return subprocess.call(lab_command(root, extra), cwd=root)
    except KeyboardInterrupt:
        return 0
