"""Generate the student notebooks from the lessons (which hold the solutions).

Every code cell tagged ``solution`` keeps its leading comment lines (the task and hints)
and loses the rest, which becomes ``raise NotImplementedError("Exercise N")``; cells
tagged ``check`` stay, so the learner runs them to hear "✓ correct" or get a hint.
Outputs are dropped. Figures are copied along, so the notebooks show them.

    python tools/make_student.py              # writes student/ (git-ignored); keeps changed ones
    python tools/make_student.py --overwrite  # also replaces notebooks a learner changed
    python tools/make_student.py --out DIR
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "notebooks"
STUDENT_README = """\
# Your lessons: work here

`make student` made these notebooks from `notebooks/`, which holds the same lessons with
the solutions filled in (look there when you are stuck). In each exercise, replace the
`raise NotImplementedError(...)` line with your code, run the cell, then run the check cell
below it: it prints `✓ correct` or a hint.

Running `make student` again never replaces a notebook you have changed. To start one
lesson afresh, delete it here and run `make student` again: only the missing one is
written.
"""
EXERCISE = re.compile(r"^#+\s*Exercise\s+(\d+)", re.M)


def stub(source: str, number: str) -> str:
    """The student's version of a solution cell: its comment lines, then a placeholder.

    >>> stub("# YOUR CODE: add\\n# x = ...\\nx = 1 + 1", "3")
    '# YOUR CODE: add\\n# x = ...\\nraise NotImplementedError("Exercise 3")'
    """
    lines = source.splitlines()
    head = []
    for line in lines:
        if line.startswith("#") or not line.strip():
            head.append(line)
        else:
            break
    while head and not head[-1].strip():
        head.pop()
    if not head:
        raise ValueError(f"Exercise {number}: a solution cell must start with its task as comments")
    return "\n".join(head + [f'raise NotImplementedError("Exercise {number}")'])


def studentize(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` with solutions replaced by stubs and all outputs removed."""
    nb = nbformat.from_dict(nb)
    number = None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = EXERCISE.findall(cell.source)
            if found:
                number = found[-1]
            continue
        cell.outputs = []
        cell.execution_count = None
        if "solution" in cell.metadata.get("tags", []):
            if number is None:
                raise ValueError(f"{name}: a solution cell comes before any '### Exercise N'")
            cell.source = stub(cell.source, number)
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != "solution"] + [
                "exercise"
            ]
    return nb


def build(out: Path, overwrite: bool = False, kept: list[Path] | None = None) -> list[Path]:
    """Write the student set into ``out``; return the notebooks written.

    A student notebook that already exists and differs from what would be written (the
    learner has worked in it, or even just run it) is kept and listed in ``kept``, unless
    ``overwrite`` is set: regenerating the set never silently erases a learner's work.
    """
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(SOURCE.glob("[0-9][0-9]_*.ipynb")):
        nb = studentize(nbformat.read(path, as_version=4), path.name)
        target = out / path.name
        text = nbformat.writes(nb) + "\n"
        if target.exists() and target.read_text(encoding="utf-8") != text and not overwrite:
            if kept is not None:
                kept.append(target)
            continue
        target.write_text(text, encoding="utf-8")
        written.append(target)
    if (SOURCE / "figures").is_dir():
        shutil.copytree(SOURCE / "figures", out / "figures", dirs_exist_ok=True)
    (out / "README.md").write_text(STUDENT_README)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "student")
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="also replace student notebooks that were changed (their work is lost)",
    )
    args = parser.parse_args(argv)
    kept: list[Path] = []
    written = build(args.out, overwrite=args.overwrite, kept=kept)
    print(f"wrote {len(written)} student notebooks to {args.out}")
    if kept:
        names = ", ".join(p.name for p in kept)
        print(
            f"kept {len(kept)} that were changed since (your work is safe): {names}; "
            "to replace them with fresh copies, run python tools/make_student.py --overwrite"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
