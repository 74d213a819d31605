"""Check the platform table against PyPI: which TensorFlow would pip install on each row?

    python tools/platform_table.py

For every OS × processor × Python of ``colorlab/platforms.py``, and for Python 3.14, asks pip
(``install --dry-run --platform … --python-version … --only-binary=:all:``, metadata only)
which TensorFlow wheel it would pick there, and prints one line each. Compare with the table
in ``colorlab/platforms.py`` and the README; update both (and ``CHECKED``) when they differ.
Needs internet (PyPI).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from colorlab.platforms import PLATFORMS  # noqa: E402
from colorlab.wheelhouse import plan_command  # noqa: E402


def resolve(tags: tuple[str, ...], python: str, package: str) -> str:
    """The version of ``package`` pip would install for these platform tags, or 'none'."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        cmd = plan_command(tags, python, [f"{package}>=2.16"], report, no_deps=True)
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode or not report.exists():
            return "none"
        return json.loads(report.read_text())["install"][0]["metadata"]["version"]


def main() -> int:
    for row in PLATFORMS:
        package = row.tensorflow.split()[0]
        for python in (*row.pythons, f"3.{int(row.pythons[-1][2:]) + 1}"):
            found = resolve(row.pip_platforms, python, package)
            print(f"{row.label:<45} Python {python}: {package} {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
