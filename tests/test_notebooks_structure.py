"""Lesson conventions (COURSE.md §5) and the generated student set."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import make_student  # noqa: E402
import tag_slides  # noqa: E402

LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_opening_and_closing(path):
    nb = read(path)
    first, last = nb.cells[0], nb.cells[-1]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "**Time:**" in first.source and "**Builds on:**" in first.source
    goals = re.findall(r"^- ", first.source, re.M)
    assert 3 <= len(goals) <= 5, f"{path.name}: {len(goals)} learning goals"
    assert last.cell_type == "markdown" and "What you learned" in last.source
    assert "**Next:**" in last.source or path.stem.startswith("10_")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_setup_widget_and_static_figure(path):
    nb = read(path)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    setup = next(i for i, src in enumerate(code) if "cl.setup(" in src)
    assert "import colorlab as cl" in code[setup] and setup == 0
    assert any("cl.widgets." in src for src in code), f"{path.name} has no widget"
    images = re.findall(
        r"!\[[^\]]*\]\(([^)]+)\)",
        "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"),
    )
    assert images, f"{path.name} shows no figure before it runs"
    for image in images:
        assert (path.parent / image).exists(), f"{path.name}: missing {image}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_exercise_has_a_solution_and_a_check(path):
    cells = read(path).cells
    solutions = [i for i, c in enumerate(cells) if "solution" in tags(c)]
    assert len(solutions) >= 2, f"{path.name} has {len(solutions)} exercises"
    for i in solutions:
        assert "check" in tags(cells[i + 1]), f"{path.name}: no check right after cell {i}"
        assert "cl.exercises." in cells[i + 1].source
        assert cells[i].source.startswith("# YOUR CODE"), f"{path.name} cell {i}: no task line"
        heading = next(c for c in reversed(cells[:i]) if c.cell_type == "markdown")
        assert make_student.EXERCISE.search(heading.source), f"{path.name} cell {i}"


def test_student_set_replaces_every_solution(tmp_path):
    written = make_student.build(tmp_path)
    assert [p.name for p in written] == [p.name for p in LESSONS]
    assert (tmp_path / "figures").is_dir()
    for lesson, student in zip(LESSONS, written, strict=True):
        src, out = read(lesson), read(student)
        assert len(src.cells) == len(out.cells)
        for a, b in zip(src.cells, out.cells, strict=True):
            if "solution" in tags(a):
                assert "exercise" in tags(b) and "solution" not in tags(b)
                assert re.search(r'raise NotImplementedError\("Exercise \d+"\)', b.source)
                for line in a.source.splitlines():
                    if line.strip() and not line.startswith("#"):
                        assert line not in b.source.splitlines(), (student.name, line)
                    if line.startswith("#"):
                        assert line in b.source
            else:
                assert a.source == b.source
            if b.cell_type == "code":
                assert b.outputs == [] and b.execution_count is None


def test_stub_keeps_comments_and_requires_a_task():
    assert make_student.stub("# task\n# x = ...\nx = 1", "2").endswith(
        'raise NotImplementedError("Exercise 2")'
    )
    with pytest.raises(ValueError, match="Exercise 5"):
        make_student.stub("x = 1", "5")


@pytest.mark.slow
def test_student_notebook_fails_until_solved(tmp_path):
    """In the student set, each exercise raises until done, and its check fails too."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    make_student.build(tmp_path)
    nb = read(tmp_path / "01_pixel_grids.ipynb")
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="colorlab",
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    try:
        client.execute()
    except CellExecutionError:  # pragma: no cover - allow_errors keeps going
        pass
    errors = {
        i: o.ename
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    }
    exercise_cells = [i for i, c in enumerate(nb.cells) if "exercise" in tags(c)]
    assert exercise_cells and all(errors.get(i) == "NotImplementedError" for i in exercise_cells)
    assert all(errors.get(i + 1) in ("NameError", "AssertionError") for i in exercise_cells)


@pytest.mark.slow
def test_make_student_command(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_student.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and "student notebooks" in proc.stdout


def test_lessons_are_tagged_for_slides():
    """Every cell has a slide type by tools/tag_slides.py's rule, and RISE settings are saved."""
    for path in LESSONS:
        nb = json.loads(path.read_text())
        assert tag_slides.tag(nb) == nb, f"{path.name}: run python tools/tag_slides.py"
        kinds = [c["metadata"]["slideshow"]["slide_type"] for c in nb["cells"]]
        assert kinds[0] == "slide" and kinds.count("slide") >= 3, path.name
    untagged = json.loads(path.read_text())
    del untagged["cells"][1]["metadata"]["slideshow"]
    assert tag_slides.tag(untagged) != untagged  # the check above can fail


def test_make_student_keeps_a_learners_work(tmp_path):
    """Running make student again never erases what a learner wrote, unless asked."""
    make_student.build(tmp_path)
    mine = tmp_path / "01_pixel_grids.ipynb"
    nb = read(mine)
    nb.cells[-1].source += "\n\nMy notes."
    nbformat.write(nb, mine)
    untouched = (tmp_path / "02_rgb_layers.ipynb").read_text()

    kept: list = []
    written = make_student.build(tmp_path, kept=kept)
    assert kept == [mine] and mine not in written
    assert "My notes." in mine.read_text()
    assert (tmp_path / "02_rgb_layers.ipynb").read_text() == untouched  # same content

    make_student.build(tmp_path, overwrite=True)
    assert "My notes." not in mine.read_text()


#: Diverging colormaps (and cividis, once misused for b): only cl.plotting.show_signed,
#: which centers them on 0, may name them.
DIVERGING = re.compile(
    r"\b(PiYG|PRGn|BrBG|PuOr|RdGy|RdBu|RdYlBu|RdYlGn|Spectral|coolwarm|bwr|seismic|cividis)"
)


def test_signed_quantities_are_drawn_centered_on_zero():
    """a, b and signed errors go through cl.plotting.show_signed, where 0 is white."""
    sources = {p.name: p.read_text() for p in (ROOT / "tools").glob("*.py")}
    sources |= {
        p.name: "\n".join(c.source for c in read(p).cells if c.cell_type == "code") for p in LESSONS
    }
    sources |= {
        p.name: p.read_text() for p in (ROOT / "colorlab").glob("*.py") if p.name != "plotting.py"
    }
    offenders = {name: DIVERGING.findall(text) for name, text in sources.items()}
    assert not {k: v for k, v in offenders.items() if v}, "use cl.plotting.show_signed"


def test_where_a_learner_works_is_said_alike_everywhere(tmp_path):
    """README, lesson 00, the workshop kit and student/README.md: work in student/, the
    solutions are in notebooks/, and a deleted lesson comes back fresh with make student."""
    make_student.build(tmp_path)
    student = (tmp_path / "README.md").read_text()
    assert "work here" in student.lower() and "do not edit" not in student.lower()
    start = "\n".join(c.source for c in read(LESSONS[0]).cells if c.cell_type == "markdown")
    for text in (student, start, (ROOT / "README.md").read_text()):
        assert "make student" in text and "notebooks/" in text and "solution" in text
        assert "delete" in text  # how to get a fresh copy of one lesson
    assert "Learners work in `student/`" in (ROOT / "workshop" / "README.md").read_text()
    # A fresh copy of one lesson: delete it, build again; a changed one is kept.
    fresh, changed = tmp_path / LESSONS[5].name, tmp_path / LESSONS[6].name
    fresh.unlink()
    changed.write_text(changed.read_text() + " ")
    kept: list[Path] = []
    written = make_student.build(tmp_path, kept=kept)
    assert fresh in written and fresh.exists() and kept == [changed]


#: Tick labels written by hand (plt.xticks(positions, labels), set_xticklabels, ...):
#: lessons use cl.plotting helpers instead, whose labels are checked for overlap below.
HAND_LABELS = re.compile(r"set_[xy]ticklabels|\b[xy]ticks\(\s*[^)\s]")


def test_tick_labels_come_from_helpers_that_keep_them_apart():
    """Lesson 02's swatch labels once ran into each other: labels are drawn by helpers."""
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np

    from colorlab import plotting

    sources = {
        p.name: "\n".join(c.source for c in read(p).cells if c.cell_type == "code") for p in LESSONS
    }
    sources |= {p.name: p.read_text() for p in (ROOT / "tools").glob("*.py")}
    offenders = {
        name: [m[0] for m in HAND_LABELS.finditer(text) if "[])" not in text[m.start() :][:12]]
        for name, text in sources.items()
    }
    assert not {k: v for k, v in offenders.items() if v}, "use cl.plotting.swatches"
    greens = np.array([[r, 255, r] for r in (0, 60, 120, 180, 255, 255, 255)], np.uint8)
    labels = [str(tuple(int(v) for v in g)) for g in greens]
    figures = [
        plotting.swatches(greens, labels).figure,
        plotting.swatches(greens / 255, ["what MSE predicts"] * len(greens)).figure,
        plotting.pixel_heatmap(np.full((16, 16), 200)).figure,
    ]
    for fig in figures:
        assert plotting.overlapping_labels(fig) == []
    crowded = plotting.swatches(greens, labels, size=0.3).figure
    assert plotting.overlapping_labels(crowded), "the overlap check must be able to fail"


def _run_lesson_10_on(tmp_path, photos: dict):
    """Run lesson 10 with ``photos`` ({file name: RGB}) in its data/my_photos folder.

    Returns the executed notebook and the text of all its outputs.
    """
    from nbclient import NotebookClient

    import colorlab as cl

    (tmp_path / "notebooks").mkdir()
    mine = tmp_path / "data" / "my_photos"
    mine.mkdir(parents=True)
    for name, rgb in photos.items():
        if rgb.shape[-1] == 4:  # with transparency: cl.save_image writes RGB only
            from PIL import Image

            Image.fromarray(np.round(rgb * 255).astype(np.uint8), "RGBA").save(mine / name)
        else:
            cl.save_image(rgb, mine / name)
    nb = read(ROOT / "notebooks" / "10_your_photos.ipynb")
    client = NotebookClient(
        nb,
        timeout=900,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path / "notebooks")}},
    )
    client.execute()
    text = "\n".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    return nb, text


@pytest.mark.slow
def test_lesson_10_with_only_black_and_white_photos_of_ones_own(tmp_path):
    """The course's promise is to color a learner's old B&W photos: a folder holding only
    those must run through lesson 10 (colored, not scored; measured on examples instead)."""
    import colorlab as cl

    photos = {f"old {n}.png": cl.datasets.sample_photo(n, size=96) for n in ("camera", "moon")}
    photos["see-through.png"] = np.zeros((96, 96, 4), np.float32)  # no opaque pixel at all
    _, text = _run_lesson_10_on(tmp_path, photos)
    assert "skipped see-through.png: every pixel is transparent" in text
    assert "none of your photos has color to compare with" in text
    assert "no color to compare: old camera.png, old moon.png" in text
    assert "nan" not in text


@pytest.mark.slow
def test_lesson_10_with_a_whole_folder_of_phone_photos(tmp_path):
    """Twenty photos named as a phone names them: a grid of at most a page, names that stay
    apart, a short wins line and a notebook of a few MB (issue 22)."""
    import colorlab as cl

    names = [f"IMG_20230412_1815{k:02d}.png" for k in range(20)]
    scenes = list(cl.datasets.heldout_scenes(20, size=96, offset=300))
    alpha = np.ones((*scenes[0].shape[:2], 1), np.float32)
    alpha[:, :40] = 0  # one photo's left part is transparent: it must not be scored
    scenes[0] = np.concatenate([scenes[0], alpha], axis=-1)
    nb, text = _run_lesson_10_on(tmp_path, dict(zip(names, scenes, strict=True)))
    assert "showing 6 of 20 photos" in text
    assert "1 with transparent parts" in text
    labels = cl.plotting.short_names(names)
    assert len(set(labels)) == 20 and all(len(label) <= 18 for label in labels)
    assert all(f"{label} / photos" in text for label in labels)  # every photo in the table
    for line in text.splitlines():
        if "beats gray by more than" in line:
            assert line.count("IMG_") <= 5, line
    assert len(nbformat.writes(nb)) < 3_000_000


@pytest.mark.slow
def test_nbval_fails_a_cell_that_writes_to_stderr(tmp_path):
    """The root conftest.py makes nbval fail on red output, as the browser tests do on screen."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("print('fine')"),
        nbformat.v4.new_code_cell("import warnings; warnings.warn('a red box')"),
    ]
    nbformat.write(nb, tmp_path / "probe.ipynb")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "conftest",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            str(tmp_path / "probe.ipynb"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "1 failed, 1 passed" in proc.stdout, proc.stdout[-2000:]
    assert "Cell 1 wrote to stderr" in proc.stdout and "a red box" in proc.stdout
