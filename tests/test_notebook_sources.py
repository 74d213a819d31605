"""Every lesson notebook has a py:percent twin in notebook_sources/, and the two are in step.

The twins (paired by jupytext, ``jupytext.toml`` at the root) let a change to a lesson be
reviewed as a plain text diff. Edit either file, then run ``make sync``.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOURCES = ROOT / "notebook_sources"
FIX = "run `make sync` (jupytext --sync) to bring the pair back in step"


def as_source(path: Path) -> str:
    """The py:percent text of a notebook, written with the project's jupytext settings."""
    config = tomllib.loads((ROOT / "jupytext.toml").read_text())
    nb = jupytext.read(path)
    nb.metadata["jupytext"] = {
        "notebook_metadata_filter": config["notebook_metadata_filter"],
        "cell_metadata_filter": config["cell_metadata_filter"],
    }
    return jupytext.writes(nb, fmt="py:percent")


def test_the_pairing_is_the_one_described():
    config = tomllib.loads((ROOT / "jupytext.toml").read_text())
    assert config["formats"] == "notebooks///ipynb,notebook_sources///py:percent"


def test_every_lesson_has_a_source_and_every_source_a_lesson():
    sources = sorted(p.stem for p in SOURCES.glob("*.py"))
    assert sources == [p.stem for p in NOTEBOOKS], FIX


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_source_and_notebook_are_in_step(path):
    source = SOURCES / f"{path.stem}.py"
    assert source.read_text(encoding="utf-8") == as_source(path), f"{source.name}: {FIX}"
    # Read back, the text gives the notebook's cells: their kinds, sources and tags.
    back = jupytext.read(source)
    notebook = jupytext.read(path)
    assert [(c.cell_type, c.source, c.metadata.get("tags")) for c in back.cells] == [
        (c.cell_type, c.source, c.metadata.get("tags")) for c in notebook.cells
    ]


def test_a_change_on_one_side_is_caught(tmp_path):
    """The comparison above can fail: one edited line makes the pair differ."""
    nb = jupytext.read(NOTEBOOKS[0])
    nb.cells[-1].source += "\nOne more line."
    edited = tmp_path / NOTEBOOKS[0].name
    jupytext.write(nb, edited)
    assert as_source(edited) != (SOURCES / f"{NOTEBOOKS[0].stem}.py").read_text(encoding="utf-8")
