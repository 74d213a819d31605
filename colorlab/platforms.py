"""Where the course runs: the platform table (OS × CPU × Python → TensorFlow) and the names
of wheelhouse targets.

Standard library only: ``tools/install_offline.py`` loads this file before anything is
installed. The table was checked on 2026-11-28 by asking PyPI, for each row, which
TensorFlow wheel pip would install there (``python tools/platform_table.py`` repeats it:
``pip install --dry-run --platform … --python-version … --only-binary=:all:``). Only the
Linux x86-64 row with Python 3.11 was *run* here; the README says so.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass

CHECKED = "2026-11-28"


@dataclass(frozen=True)
class Platform:
    """One row of the platform table."""

    os: str  # linux, windows, macos
    cpu: str  # x86_64, arm64
    label: str  # how a learner names it
    pythons: tuple[str, ...]  # Python versions with a TensorFlow wheel
    tensorflow: str  # the pip package and the newest version resolved
    pip_platforms: tuple[str, ...]  # pip --platform tags of the wheels
    how_checked: str

    def target(self, python: str) -> str:
        """The wheelhouse folder name for this row and a Python version.

        Example:
            >>> PLATFORMS[0].target("3.11")
            'linux-x86_64-py3.11'
        """
        return f"{self.os}-{self.cpu}-py{python}"


RESOLVED = "pip resolved the wheel (not run here)"
PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "linux",
        "x86_64",
        "Linux, Intel/AMD",
        ("3.10", "3.11", "3.12", "3.13"),
        "tensorflow-cpu 2.21.0",
        ("manylinux_2_27_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"),
        "run here on 3.11 (make test); other versions: " + RESOLVED,
    ),
    Platform(
        "linux",
        "arm64",
        "Linux, ARM (Raspberry Pi 5, ARM servers)",
        ("3.10", "3.11", "3.12", "3.13"),
        "tensorflow 2.21.0",
        ("manylinux_2_27_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"),
        RESOLVED,
    ),
    Platform(
        "windows",
        "x86_64",
        "Windows 10/11, Intel/AMD",
        ("3.10", "3.11", "3.12", "3.13"),
        "tensorflow-cpu 2.21.0",
        ("win_amd64",),
        RESOLVED,
    ),
    Platform(
        "macos",
        "arm64",
        "macOS 12+, Apple silicon (M1-M4)",
        ("3.10", "3.11", "3.12", "3.13"),
        "tensorflow 2.21.0",
        ("macosx_12_0_arm64",),
        RESOLVED,
    ),
    Platform(
        "macos",
        "x86_64",
        "macOS 11+, Intel",
        ("3.10", "3.11", "3.12"),
        "tensorflow 2.16.2 (the last for Intel Macs)",
        ("macosx_11_0_x86_64",),
        RESOLVED + "; Python 3.13: no wheel at all",
    ),
)
#: Where TensorFlow publishes no wheel at all (checked the same way).
UNSUPPORTED = (
    ("Windows on ARM (Surface Pro X, Snapdragon laptops)", "no TensorFlow wheel"),
    ("Python 3.14 (any OS)", "only a TensorFlow 2.22 release candidate"),
)


def this_machine() -> tuple[str, str, str]:
    """(os, cpu, python) of the running interpreter, in the table's terms.

    Returns
    -------
    os : str
        ``linux``, ``windows``, ``macos`` (or another ``sys.platform`` as it is).
    cpu : str
        ``x86_64``, ``arm64`` (or another machine name, in lower case).
    python : str
        The Python version, such as ``3.11``.

    Examples
    --------
    >>> len(this_machine())
    3
    """
    os_name = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower()
    cpu = {"amd64": "x86_64", "x86_64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}.get(
        machine, machine
    )
    return os_name, cpu, f"{sys.version_info.major}.{sys.version_info.minor}"


def find(os_name: str, cpu: str) -> Platform | None:
    """The table's row for an OS and CPU, or None.

    Parameters
    ----------
    os_name : str
        ``linux``, ``windows`` or ``macos``.
    cpu : str
        ``x86_64`` or ``arm64``.

    Returns
    -------
    Platform or None
        The row of :data:`PLATFORMS`, or None when TensorFlow has no wheels there.

    Examples
    --------
    >>> find("macos", "x86_64").pythons[-1]
    '3.12'
    """
    return next((p for p in PLATFORMS if (p.os, p.cpu) == (os_name, cpu)), None)


def parse_target(name: str) -> tuple[Platform, str]:
    """The row and Python version of a target name such as ``windows-x86_64-py3.12``.

    Parameters
    ----------
    name : str
        A target name, ``OS-CPU-pyX.Y``.

    Returns
    -------
    row : Platform
        The table's row for the OS and CPU.
    python : str
        The Python version, such as ``3.12``.

    Raises
    ------
    ValueError
        ``name`` is not of the form ``OS-CPU-pyX.Y``, or the table has no TensorFlow for it
        (the message lists the targets).

    Examples
    --------
    >>> row, python = parse_target("macos-arm64-py3.13")
    >>> row.label, python
    ('macOS 12+, Apple silicon (M1-M4)', '3.13')
    """
    try:
        os_name, cpu, py = name.rsplit("-", 2)
        if not py.startswith("py"):
            raise ValueError
    except ValueError:
        raise ValueError(
            f"{name!r} is not a target: write OS-CPU-pyX.Y, e.g. windows-x86_64-py3.12"
        ) from None
    row, python = find(os_name, cpu), py[2:]
    if row is None or python not in row.pythons:
        known = ", ".join(p.target(v) for p in PLATFORMS for v in p.pythons)
        raise ValueError(f"no TensorFlow for {name}: the targets are {known}")
    return row, python


def markers(row: Platform, python: str) -> dict[str, str]:
    """Environment markers of a target, to choose its requirements as pip would there.

    Parameters
    ----------
    row : Platform
        The table's row (OS and CPU).
    python : str
        The Python version, such as ``3.12``.

    Returns
    -------
    dict of str to str
        The values of ``sys_platform``, ``platform_system``, ``platform_machine``,
        ``os_name``, the Python versions and the implementation there, by marker name.

    Examples
    --------
    >>> markers(find("windows", "x86_64"), "3.12")["sys_platform"]
    'win32'
    """
    sys_platform = {"windows": "win32", "macos": "darwin"}.get(row.os, row.os)
    machine = {
        ("windows", "x86_64"): "AMD64",
        ("linux", "arm64"): "aarch64",
    }.get((row.os, row.cpu), row.cpu)
    return {
        "sys_platform": sys_platform,
        "platform_system": {"windows": "Windows", "macos": "Darwin"}.get(row.os, "Linux"),
        "platform_machine": machine,
        "os_name": "nt" if row.os == "windows" else "posix",
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    }


def markdown_table() -> str:
    """The platform table as Markdown (the README and the workshop kit show it).

    Returns
    -------
    str
        A header, one row per row of :data:`PLATFORMS`, then one per :data:`UNSUPPORTED`
        platform.

    Examples
    --------
    >>> markdown_table().splitlines()[0]
    '| OS and processor | Python | TensorFlow | how it was checked |'
    """
    rows = ["| OS and processor | Python | TensorFlow | how it was checked |", "|---|---|---|---|"]
    for p in PLATFORMS:
        versions = f"{p.pythons[0]}-{p.pythons[-1]}"
        rows.append(f"| {p.label} | {versions} | {p.tensorflow} | {p.how_checked} |")
    for label, why in UNSUPPORTED:
        rows.append(f"| {label} | – | none: {why} | not supported |")
    return "\n".join(rows)
