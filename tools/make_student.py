"""Make the student set: the same code as ``colorlab student`` (see :mod:`colorlab.student`).

python tools/make_student.py [--out DIR] [--overwrite]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from colorlab import cli  # noqa: E402
from colorlab.student import EXERCISE, STUDENT_README, build, stub, studentize  # noqa: E402, F401

if __name__ == "__main__":
    sys.exit(cli.main(["student", *sys.argv[1:]]))
