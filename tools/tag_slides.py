"""Tag every lesson's cells for slide mode, so an instructor presents from the notebook itself.

JupyterLab's RISE extension (jupyterlab-rise) turns a notebook into a live slideshow from
each cell's ``metadata.slideshow.slide_type``. The rule here, from the lesson's headings:
the title, every ``##`` section and every ``###`` part (exercises, "Try it") start a slide,
and so does the first code cell (the imports: run it first when presenting live); all other
cells continue the slide above them. Every slide is a step to the right: no vertical
sub-slides, which the arrow keys of RISE would skip. Slides scroll, so a long output is never
cut off, and are numbered. There is no second copy of the content.

    python tools/tag_slides.py           # tag notebooks/*.ipynb in place
    python tools/tag_slides.py --check   # exit 1 if a notebook is not tagged by the rule
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
# RISE settings saved in the notebook: scroll long slides, start from the first one.
RISE = {
    "scroll": True,
    "start_slideshow_at": "beginning",
    "transition": "none",
    "slideNumber": True,
}


def slide_type(cell: dict, first_code: bool = False) -> str:
    """'slide' or '-' (continue the slide above) for one cell.

    Example:
        >>> slide_type({"cell_type": "markdown", "source": "### Exercise 2: invert"})
        'slide'
        >>> slide_type({"cell_type": "code", "source": "x = 1"})
        '-'
    """
    if cell["cell_type"] == "code":
        return "slide" if first_code else "-"
    lines = "".join(cell["source"]).splitlines()
    return "slide" if any(line.startswith(("# ", "## ", "### ")) for line in lines) else "-"


def tag(nb: dict) -> dict:
    """A copy of ``nb`` with every cell's slide type set by the rule, and RISE settings."""
    nb = copy.deepcopy(nb)
    codes = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for cell in nb["cells"]:
        kind = slide_type(cell, first_code=bool(codes) and cell is codes[0])
        cell["metadata"]["slideshow"] = {"slide_type": kind}
    nb["metadata"]["rise"] = dict(RISE)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report untagged notebooks")
    args = parser.parse_args(argv)
    stale = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        tagged = tag(nb)
        if tagged == nb:
            continue
        stale.append(path.name)
        if not args.check:
            nbformat.write(nbformat.from_dict(tagged), path)
    if args.check and stale:
        print(f"not tagged for slides: {', '.join(stale)}; run python tools/tag_slides.py")
        return 1
    print(f"{'untagged' if args.check else 'tagged'}: {len(stale)} notebook(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
