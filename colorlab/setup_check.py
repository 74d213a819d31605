"""Check that this machine is ready for the course; print ✓/✗ lines with a fix for each ✗.

Run it from a terminal with ``python -m colorlab check`` (or ``colorlab check``), or
call :func:`run` in a notebook (``00_start_here`` does).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

KERNEL_NAME = "colorlab"


def fix_install(
    platform: str | None = None, prefix: str | None = None, make: bool | None = None
) -> str:
    r"""The command that reinstalls the course's environment here, for this OS and route.

    A reinstall starts from an empty ``.venv``: ``make lab`` alone would skip the install
    when ``pyproject.toml`` has not changed. Conda environments are updated instead.

    Parameters
    ----------
    platform : str, optional
        A ``sys.platform`` value (``linux``, ``win32``, ``darwin``); by default this one's.
    prefix : str, optional
        The environment's folder; by default ``sys.prefix``. Outside a ``.venv``, an active
        conda environment gets the conda command.
    make : bool, optional
        Whether ``make`` is available (ignored on Windows); by default, whether it is found
        on the PATH.

    Returns
    -------
    str
        What to run, and from where, as the fix of a ✗ line.

    Examples
    --------
    >>> fix_install("linux", "/course/.venv", make=True)
    'reinstall, from the course folder: make clean-venv && make lab'
    >>> print(fix_install("win32", r"C:\course\.venv", make=False).replace("; ", ";\n"))
    reinstall, from the course folder in PowerShell: Remove-Item -Recurse -Force .venv;
    py -m venv .venv;
    .venv\Scripts\python -m pip install -e .;
    .venv\Scripts\colorlab lab
    """
    import os
    import shutil
    from pathlib import PurePosixPath, PureWindowsPath

    platform = platform or sys.platform
    prefix = prefix or sys.prefix
    windows = platform.startswith("win")
    name = (PureWindowsPath(prefix) if windows else PurePosixPath(prefix)).name
    if name != ".venv" and (os.environ.get("CONDA_PREFIX") or os.environ.get("CONDA_DEFAULT_ENV")):
        return (
            "update the conda environment, from the course folder: conda env update -f "
            "environment.yml, then python -m pip install --no-deps -e ."
        )
    if windows:
        return (
            "reinstall, from the course folder in PowerShell: Remove-Item -Recurse -Force "
            ".venv; py -m venv .venv; .venv\\Scripts\\python -m pip install -e .; "
            ".venv\\Scripts\\colorlab lab"
        )
    if make if make is not None else shutil.which("make"):
        return "reinstall, from the course folder: make clean-venv && make lab"
    return (
        "reinstall, from the course folder: rm -rf .venv && python3 -m venv .venv && "
        ".venv/bin/python -m pip install -e . && .venv/bin/colorlab lab"
    )


FIX_INSTALL = fix_install()


@dataclass
class Result:
    """One line of the setup check."""

    ok: bool
    what: str
    fix: str = ""

    def __str__(self) -> str:
        line = f"{'✓' if self.ok else '✗'} {self.what}"
        return line if self.ok else f"{line}\n    fix: {self.fix}"


def minimum(dist: str) -> str:
    """The lowest version of ``dist`` the course accepts, as ``pyproject.toml`` declares it.

    Read from the installed package's metadata (or, in a checkout that is not installed,
    from ``pyproject.toml``), so the check and the install can never disagree.

    Parameters
    ----------
    dist : str
        The distribution's name, as pip knows it; ``tensorflow`` also finds
        ``tensorflow-cpu``.

    Returns
    -------
    str
        The version of its ``>=`` requirement, such as ``0.22``.

    Raises
    ------
    KeyError
        The course declares no minimum version for ``dist``.

    Examples
    --------
    >>> minimum("scikit-image"), minimum("tensorflow")
    ('0.22', '2.16')
    """
    from packaging.requirements import Requirement

    try:
        lines = metadata.requires("colorlab") or []
    except metadata.PackageNotFoundError:  # a checkout run without installing it
        from colorlab.course import course_root
        from colorlab.wheelhouse import requirements

        lines = requirements(course_root(), test=False)
    wanted = {dist.lower(), dist.lower() + "-cpu"}
    for line in lines:
        req = Requirement(line)
        if req.name.lower().replace("_", "-") in wanted and "extra" not in str(req.marker):
            for spec in req.specifier:
                if spec.operator == ">=":
                    return spec.version
    raise KeyError(f"pyproject.toml declares no minimum version for {dist}")


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def check_python(machine: tuple[str, str, str] | None = None) -> Result:
    """This Python on this OS and processor has a TensorFlow wheel (the platform table).

    Parameters
    ----------
    machine : tuple of str, optional
        (os, cpu, python) in the table's terms; by default this machine's
        (:func:`colorlab.platforms.this_machine`).

    Returns
    -------
    Result
        ✓ with the TensorFlow package available; ✗ with a fix when TensorFlow has no wheel
        for the processor or the Python version.

    Examples
    --------
    >>> print(check_python(("linux", "x86_64", "3.11")))
    ✓ Python 3.11 on linux x86_64 (tensorflow-cpu 2.21.0 available)
    >>> print(check_python(("windows", "arm64", "3.12")))
    ✗ Python 3.12 on windows arm64: TensorFlow publishes no wheels for this OS and processor
        fix: use a laptop from the README's platform table (or Binder/Colab, in a browser)
    """
    from colorlab.platforms import find, this_machine

    os_name, cpu, python = machine or this_machine()
    v = sys.version_info
    what = f"Python {python}" + (f".{v.micro}" if machine is None else "") + f" on {os_name} {cpu}"
    row = find(os_name, cpu)
    if row is None:
        return Result(
            False,
            f"{what}: TensorFlow publishes no wheels for this OS and processor",
            "use a laptop from the README's platform table (or Binder/Colab, in a browser)",
        )
    if python not in row.pythons:
        return Result(
            False,
            f"{what}: TensorFlow has no wheel for Python {python} here ({row.label})",
            f"install Python {row.pythons[-1]} (python.org) and reinstall the course with it "
            f"(with make: make clean-venv && make lab PYTHON=python{row.pythons[-1]}; without: "
            "the README's commands for your OS)",
        )
    return Result(True, f"{what} ({row.tensorflow} available)")


def check_package(dist: str, minimum: str, label: str | None = None) -> Result:
    """Package ``dist`` is installed, in version ``minimum`` or newer.

    Parameters
    ----------
    dist : str
        The distribution's name, as pip knows it.
    minimum : str
        The lowest version accepted, such as ``1.26``.
    label : str, optional
        How the line names the package; by default ``dist``.

    Returns
    -------
    Result
        ✓ with the installed version, or ✗ with the reinstall command as the fix.

    Examples
    --------
    >>> check_package("numpy", "1.0", "NumPy").ok
    True
    >>> check_package("no-such-dist", "1.0").what
    'no-such-dist is not installed'
    """
    label = label or dist
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        return Result(False, f"{label} is not installed", FIX_INSTALL)
    ok = _version_tuple(version) >= _version_tuple(minimum)
    return Result(ok, f"{label} {version}", f"{label} {minimum} or newer is needed: {FIX_INSTALL}")


def check_tensorflow() -> Result:
    """TensorFlow imports, in the version the course needs; says whether it sees a GPU.

    Returns
    -------
    Result
        ✓ with its version and GPUs (the CPU is enough), or ✗ with the import error or the
        version and the reinstall command as the fix.

    Examples
    --------
    >>> print(check_tensorflow())  # doctest: +ELLIPSIS
    ✓ TensorFlow ...
    """
    from colorlab.backend import import_tensorflow_quietly

    try:
        import_tensorflow_quietly()
        import tensorflow as tf
    except Exception as exc:  # an import failure is exactly what we report
        return Result(
            False, f"TensorFlow does not import ({type(exc).__name__}: {exc})", FIX_INSTALL
        )
    need = minimum("tensorflow")
    ok = _version_tuple(tf.__version__) >= _version_tuple(need)
    gpus = len(tf.config.list_physical_devices("GPU"))
    where = f"{gpus} GPU(s)" if gpus else "CPU only, which is all the course needs"
    return Result(
        ok,
        f"TensorFlow {tf.__version__} ({where})",
        f"TensorFlow {need} or newer is needed: {FIX_INSTALL}",
    )


def check_keras() -> Result:
    """Keras 3 imports, in the version the course needs.

    Returns
    -------
    Result
        ✓ with its version and backend, or ✗ with the reinstall command as the fix.

    Examples
    --------
    >>> print(check_keras())  # doctest: +ELLIPSIS
    ✓ Keras 3... (backend: tensorflow)
    """
    try:
        import keras
    except Exception as exc:
        return Result(False, f"Keras does not import ({exc})", FIX_INSTALL)
    need = minimum("keras")
    ok = _version_tuple(keras.__version__) >= _version_tuple(need)
    return Result(
        ok,
        f"Keras {keras.__version__} (backend: {keras.backend.backend()})",
        f"Keras {need} or newer (Keras 3) is needed: {FIX_INSTALL}",
    )


def check_photos() -> Result:
    """The bundled photos (from scikit-image and matplotlib) load, offline.

    Returns
    -------
    Result
        ✓ with their number, or ✗ naming the missing ones.

    Examples
    --------
    >>> check_photos().ok
    True
    """
    from colorlab import datasets
    from colorlab.errors import ImageError

    names = datasets.COLOR_PHOTOS + datasets.GRAY_PHOTOS
    missing = []
    for name in names:
        try:
            datasets.sample_photo(name, size=16)
        except (ImageError, ValueError, OSError):
            missing.append(name)
    if missing:
        return Result(
            False,
            f"bundled photos missing: {', '.join(missing)}",
            "reinstall scikit-image and matplotlib: " + FIX_INSTALL,
        )
    return Result(True, f"{len(names)} bundled photos found (offline)")


def check_widgets() -> Result:
    """ipywidgets, JupyterLab's widget extension and ipyevents are installed, recent enough.

    Returns
    -------
    Result
        ✓ with the three versions, or the ✗ of the first that is missing or too old
        (ipyevents carries the clicks on a photo in lesson 12).

    Examples
    --------
    >>> print(check_widgets())  # doctest: +ELLIPSIS
    ✓ ipywidgets ..., JupyterLab widget extension ..., ipyevents ...
    """
    core = check_package("ipywidgets", minimum("ipywidgets"))
    if not core.ok:
        return core
    lab = check_package("jupyterlab_widgets", "3.0", "JupyterLab widget extension")
    if not lab.ok:
        return lab
    clicks = check_package("ipyevents", minimum("ipyevents"))
    if not clicks.ok:
        return clicks
    return Result(True, f"{core.what}, {lab.what}, {clicks.what}")


def _in_kernel() -> bool:
    return (
        "ipykernel" in sys.modules
        and hasattr(sys.modules["ipykernel"], "kernelapp")
        and (sys.modules["ipykernel"].kernelapp.IPKernelApp.initialized())
    )


def check_kernel() -> Result:
    """The Jupyter kernel ``colorlab`` is registered; in a notebook, that it runs it.

    Returns
    -------
    Result
        ✓ when the kernel is registered (and, in a notebook, is this Python's); ✗ with how
        to register it or to change the notebook's kernel.

    Examples
    --------
    >>> check_kernel().ok in (True, False)
    True
    """
    from pathlib import Path

    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        return Result(False, "jupyter_client is not installed", FIX_INSTALL)
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        return Result(
            False,
            f"no Jupyter kernel named '{KERNEL_NAME}'",
            "register it: colorlab lab --kernel-only (colorlab lab and make lab do it too)",
        )
    spec_python = Path(spec.argv[0])
    if not spec_python.is_absolute():
        import shutil

        spec_python = Path(shutil.which(str(spec_python)) or spec_python)
    same = spec_python.resolve() == Path(sys.executable).resolve() or (
        Path(spec_python).parent.parent.resolve() == Path(sys.prefix).resolve()
    )
    if _in_kernel():
        if same:
            return Result(True, f"this notebook runs in the '{KERNEL_NAME}' kernel")
        return Result(
            False,
            f"this notebook runs in another kernel ({sys.executable})",
            f"choose Kernel → Change Kernel… → '{KERNEL_NAME}'",
        )
    return Result(True, f"Jupyter kernel '{KERNEL_NAME}' is registered ({spec.argv[0]})")


def check_outputs() -> Result:
    """The course writes results to ``outputs/`` in the course folder: it must be writable.

    Makes ``outputs/`` when it is missing, and writes (and removes) a temporary file there.

    Returns
    -------
    Result
        ✓ with the folder, or ✗ with the reason and where to put the course instead.

    Examples
    --------
    >>> import os, tempfile
    >>> from pathlib import Path
    >>> course = Path(tempfile.mkdtemp())  # a copy of the course: the lessons' folder
    >>> (course / "notebooks").mkdir()
    >>> _ = (course / "notebooks" / "00_start_here.ipynb").write_text("{}")
    >>> here = os.getcwd()
    >>> try:  # run from inside the copy, and always come back
    ...     os.chdir(course)
    ...     result = check_outputs().ok, (course / "outputs").is_dir()
    ... finally:
    ...     os.chdir(here)
    >>> result
    (True, True)
    """
    import tempfile

    from colorlab.course import course_root

    folder = course_root() / "outputs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return Result(
            False,
            f"cannot write to {folder} ({exc.strerror or exc})",
            "put the course in a folder you can write to (your home folder or Documents) "
            "and start it from there",
        )
    return Result(True, f"results go to {folder} (writable)")


def _safely(check: Callable[[], Result]) -> Result:
    """Run one check; anything it raises (a package that fails to import) becomes a ✗."""
    try:
        return check()
    except Exception as exc:  # reporting the failure is the point of the check
        what = getattr(check, "__name__", "a check").replace("check_", "")
        return Result(False, f"{what}: {type(exc).__name__}: {exc}", FIX_INSTALL)


CHECKS: tuple[Callable[[], Result], ...] = (
    check_python,
    check_tensorflow,
    check_keras,
    lambda: check_package("scikit-image", minimum("scikit-image")),
    lambda: check_package("numpy", minimum("numpy"), "NumPy"),
    lambda: check_package("matplotlib", minimum("matplotlib")),
    check_widgets,
    check_photos,
    check_kernel,
    check_outputs,
)


def run(print_results: bool = True) -> list[Result]:
    """Run every check; print one ✓/✗ line each (with a fix under each ✗).

    A check that fails with an error (a package that does not import) gives a ✗ line too.

    Parameters
    ----------
    print_results : bool
        Print the lines, then a last line: "All set" or the number of problems.

    Returns
    -------
    list of Result
        One result per check, in order.

    Examples
    --------
    >>> results = run(print_results=False)
    >>> all(isinstance(r.ok, bool) for r in results)
    True
    """
    results = [_safely(check) for check in CHECKS]
    if print_results:
        for result in results:
            print(result)
        bad = sum(not r.ok for r in results)
        print("\nAll set: enjoy the course!" if not bad else f"\n{bad} problem(s) to fix first.")
    return results


def main() -> int:
    """Entry point of ``python -m colorlab.setup_check``: exit status 1 if any check fails.

    Prints every check's line (see :func:`run`).

    Returns
    -------
    int
        0 when every check passes, 1 otherwise.

    Examples
    --------
    >>> from colorlab.setup_check import main
    >>> callable(main)
    True
    """
    return 0 if all(r.ok for r in run()) else 1


if __name__ == "__main__":
    sys.exit(main())
