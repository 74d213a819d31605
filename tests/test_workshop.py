"""The workshop kit says what the lessons and the measurements say: the agenda's minutes,
run times and section numbers, and one bridge length in both files."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from colorlab.course import LESSONS

ROOT = Path(__file__).resolve().parents[1]
KIT = (ROOT / "workshop" / "README.md").read_text(encoding="utf-8")
NOTES = (ROOT / "workshop" / "instructor_notes.md").read_text(encoding="utf-8")
AGENDA = re.compile(r"^\| [\d:]+ \| [^|]+ \| `(\d\d)_\w+` \| ([^|]+) \| ([^|]+) \|$", re.M)


def measured_seconds() -> dict[str, int]:
    """The README's table of run times (benchmarks/notebook_times.py --readme writes it)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return {n: int(s) for n, s in re.findall(r"^\| `(\d\d)_\w+\.ipynb` \| (\d+) \|", readme, re.M)}


def headings(number: str) -> dict[int, str]:
    path = next((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    cells = nbformat.read(path, as_version=4).cells
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    return {int(n): title for n, title in re.findall(r"^## (\d+)\. (.+)$", text, re.M)}


def test_agenda_minutes_and_run_times_match_the_lessons_and_the_measurements():
    rows = AGENDA.findall(KIT)
    assert len(rows) >= 9
    minutes = {f"{lesson.number:02d}": lesson.minutes for lesson in LESSONS}
    seconds = measured_seconds()
    for number, planned, run_time in rows:
        full = int(planned.split(" of ")[-1])  # "20 of 30": a shortened lesson
        assert full == minutes[number], f"lesson {number}: the course map says {minutes[number]}"
        assert run_time.strip() == f"{seconds[number]} s", (
            f"lesson {number}: the agenda says {run_time.strip()}, the README's measured table "
            f"{seconds[number]} s (python benchmarks/notebook_times.py --readme updates both)"
        )


def test_sections_named_in_the_plan_exist_with_those_contents():
    plan = KIT[KIT.index("## Agenda") : KIT.index("## On the projector")]
    bullets = dict(re.findall(r"^- \*\*(\d\d) [^*]*\*\*(.*?)(?=^- |\Z)", plan, re.M | re.S))
    assert {"07", "10"} <= set(bullets)
    for number, text in bullets.items():
        found = headings(number)
        for a, b in re.findall(r"sections (\d+)-(\d+)", text):
            assert all(n in found for n in range(int(a), int(b) + 1)), (number, a, b, found)
    # 07 is shown whole: its last section is the one about generalizing.
    assert f"sections 1-{max(headings('07'))}" in bullets["07"]
    assert "upload" in headings("10")[6].lower() and "section 6" in bullets["10"]


def test_the_bridge_is_the_same_length_in_both_files():
    kit = re.search(r"Bridge first \((\d+) minutes?\)", KIT)
    notes = re.search(r"\*\*Bridge[^*]*\((\d+) minutes?\)", NOTES)
    assert kit and notes and kit[1] == notes[1]
