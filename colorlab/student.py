"""The student set: the lessons with each exercise left blank, made from ``notebooks/``.

Every code cell tagged ``solution`` keeps its leading comment lines (the task and hints)
and loses the rest, which becomes ``raise NotImplementedError("Exercise N")``; cells
tagged ``check`` stay, so the learner runs them to hear "✓ correct" or get a hint.
Outputs are dropped. Figures are copied along, so the notebooks show them.

    colorlab student              # writes student/ (git-ignored); keeps changed ones
    colorlab student --overwrite  # also replaces notebooks a learner changed
    colorlab student --out DIR

(``make student`` and ``python tools/make_student.py`` run the same code.)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from colorlab.course import course_root, notebooks_dir

STUDENT_README = """\
# Your lessons: work here

`make student` (or `colorlab student`) made these notebooks from `notebooks/`, which
holds the same lessons with the solutions filled in (look there when you are stuck). In
each exercise, replace the `raise NotImplementedError(...)` line with your code, run the
cell, then run the check cell below it: it prints `✓ correct` or a hint.

Running it again never replaces a notebook you have changed. To start one lesson afresh,
delete it here and run `make student` (or `colorlab student`) again: only the missing one
is written.
"""
EXERCISE = re.compile(r"^#+\s*Exercise\s+(\d+)", re.M)


def stub(source: str, number: str) -> str:
    """The student's version of a solution cell: its comment lines, then a placeholder.

    Parameters
    ----------
    source : str
        The solution cell's code: the task and hints as leading comment lines, then the
        solution.
    number : str
        The exercise's number, as the placeholder names it.

    Returns
    -------
    str
        The leading comment lines (trailing blank lines dropped), then
        ``raise NotImplementedError("Exercise NUMBER")``.

    Raises
    ------
    ValueError
        The cell does not start with a comment line (its task).

    Examples
    --------
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


def studentize(nb, name: str):
    """A copy of notebook ``nb`` with solutions replaced by stubs and all outputs removed.

    Each code cell tagged ``solution`` becomes a :func:`stub` for the number of the last
    ``### Exercise N`` heading above it, and is tagged ``exercise`` instead.

    Parameters
    ----------
    nb : nbformat.NotebookNode or dict
        The lesson notebook, with its solutions (it is not changed).
    name : str
        How the errors name the notebook (its file name).

    Returns
    -------
    nbformat.NotebookNode
        The student's copy.

    Raises
    ------
    ValueError
        A solution cell comes before any ``### Exercise N`` heading, or does not start with
        its task as comments.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("### Exercise 1"),
    ...     nbformat.v4.new_code_cell("# add one\\nx = 1 + 1", metadata={"tags": ["solution"]}),
    ... ])
    >>> cell = studentize(nb, "demo.ipynb").cells[1]
    >>> cell.source, cell.metadata["tags"]
    ('# add one\\nraise NotImplementedError("Exercise 1")', ['exercise'])
    """
    import nbformat

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

    Parameters
    ----------
    out : pathlib.Path
        The folder to write (made if missing): the notebooks, their ``figures/`` and a
        ``README.md``.
    overwrite : bool
        Also replace student notebooks that differ from the fresh ones.
    kept : list of pathlib.Path, optional
        A list to which the notebooks left untouched are appended.

    Returns
    -------
    list of pathlib.Path
        The notebooks written, in lesson order.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> [p.name for p in build(out)][:2]
    ['00_start_here.ipynb', '01_pixel_grids.ipynb']
    >>> _ = (out / "01_pixel_grids.ipynb").write_text("{}")  # the learner's work
    >>> kept = []
    >>> written = build(out, kept=kept)
    >>> [p.name for p in kept], len(written) == len(list(out.glob("*.ipynb"))) - 1
    (['01_pixel_grids.ipynb'], True)
    """
    import nbformat

    source = notebooks_dir()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(source.glob("[0-9][0-9]_*.ipynb")):
        nb = studentize(nbformat.read(path, as_version=4), path.name)
        target = out / path.name
        text = nbformat.writes(nb) + "\n"
        if target.exists() and target.read_text(encoding="utf-8") != text and not overwrite:
            if kept is not None:
                kept.append(target)
            continue
        target.write_text(text, encoding="utf-8")
        written.append(target)
    if (source / "figures").is_dir():
        shutil.copytree(source / "figures", out / "figures", dirs_exist_ok=True)
    (out / "README.md").write_text(STUDENT_README)
    return written


def run(out: Path | None = None, overwrite: bool = False) -> int:
    """Make the student set and say what was written and what was kept; the exit status.

    What ``colorlab student`` runs (see :func:`build`).

    Parameters
    ----------
    out : pathlib.Path or str, optional
        The folder to write; by default ``student/`` in the course folder.
    overwrite : bool
        Also replace student notebooks that a learner changed.

    Returns
    -------
    int
        The exit status: 0.

    Examples
    --------
    >>> import tempfile
    >>> run(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    wrote ... student notebooks to ...
    0
    """
    out = Path(out) if out is not None else course_root() / "student"
    kept: list[Path] = []
    written = build(out, overwrite=overwrite, kept=kept)
    print(f"wrote {len(written)} student notebooks to {out}")
    if kept:
        names = ", ".join(p.name for p in kept)
        print(
            f"kept {len(kept)} that were changed since (your work is safe): {names}; "
            "to replace them with fresh copies, run colorlab student --overwrite"
        )
    return 0
