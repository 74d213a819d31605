"""Every lesson in JupyterLab, in a real browser: runs clean, widgets render and answer.

For each notebook: open it in a fresh kernel, Run ▸ Run All Cells, then check that no cell
shows an error (or any red output), that every widget the notebook made is drawn (none
says "Error displaying widget"), and operate the widgets as a learner would (drag or
arrow-key a slider, click a button, toggle a checkbox, upload a photo), checking that what
is on screen changes. A screenshot of each notebook after its interactions goes to
outputs/screenshots/.

Run only these:  .venv/bin/python -m pytest tests/browser
"""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from . import labdriver as lab
from .labdriver import ROOT

_action, _reason = lab.browser_gate()
if _action == "skip":  # one line in the summary; in CI the browser fixture fails instead
    pytest.skip(_reason, allow_module_level=True)

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# Each lesson runs here up to its last widget (labdriver.up_to_last_widget): nbval has run
# every cell already, and failed on any red output; what only a browser proves is that
# the widgets are drawn from a real kernel and answer a learner.
RUN_TIMEOUT = 300  # seconds for Run All Cells; the slowest lesson takes about a minute


def _photo(path, color: bool):
    """A small generated photo to upload (sky over grass, or its gray version)."""
    from PIL import Image

    y = np.linspace(0, 1, 96)[:, None, None]
    img = np.where(y < 0.5, [0.35, 0.6, 0.95], [0.25, 0.65, 0.2]) * np.ones((96, 128, 3))
    img = (img * 255).astype(np.uint8)
    Image.fromarray(img if color else img.mean(axis=2).astype(np.uint8)).save(path)
    return path


def _train_with_fewer_epochs(page, expect):
    lab.press_keys(page, "epochs", "ArrowLeft", 10)  # 20 → 10 epochs: nothing to draw yet
    return lab.click(page, "button", "Train", timeout=120, expect=expect)


def _upload_two_photos(page, tmp, expect):
    photos = [_photo(tmp / "garden.png", True), _photo(tmp / "old garden.png", False)]
    return lab.upload(page, "Upload photos", photos, expect=expect)


def _first_hint(page, tmp, expect):
    return lab.click_picture(page, "Undo", 0.3, 0.35, expect=expect)


def _second_hint_in_red(page, tmp, expect):
    lab.set_color(page, "color", "#d62728")
    return lab.click_picture(page, "Undo", 0.7, 0.7, expect=expect)


# What a learner does in each lesson, and what the kernel must then draw in that widget.
# Each step: (what it is, a function of (page, tmp_path, expected text) returning a
# labdriver.Change, text the kernel writes in answer, or None where its answer is a picture).
# A change is counted only in what the kernel draws (pictures, readouts), never in the
# control's own number, so a callback that fails leaves the step failing.
INTERACTIONS = {
    "00_start_here.ipynb": [
        (
            "drag the 'Try me' slider",
            lambda p, _, e: lab.drag_slider(p, "Try me:", 0.9, expect=e),
            "The slider is at 9: widgets work.",
        ),
    ],
    "01_pixel_grids.ipynb": [
        (
            "arrow-key the window explorer's row",
            lambda p, _, e: lab.press_slider(p, "row", times=4, expect=e),
            "rows 260-267",
        ),
        (
            "paint a pixel black",
            lambda p, _, e: lab.press_slider(p, "value", key="Home", times=1, expect=e),
            "pixel (8, 8) = 0",
        ),
    ],
    "02_rgb_layers.ipynb": [
        (
            "turn red down in the mixer",
            lambda p, _, e: lab.press_slider(p, "R", "PageDown", 2, expect=e),
            None,
        ),
        (
            "switch the green layer off",
            lambda p, _, e: lab.click(p, "checkbox", "G", expect=e),
            "showing: R + B",
        ),
    ],
    "03_lab_color_space.ipynb": [
        (
            "move b in the Lab explorer",
            lambda p, _, e: lab.press_slider(p, "b", "ArrowLeft", 8, expect=e),
            "b 32",
        ),
        (
            "raise L of the ab plane",
            lambda p, _, e: lab.press_slider(p, "L", nth=1, times=2, expect=e),
            "L = 60:",
        ),
    ],
    "04_normalization.ipynb": [
        (
            "push z for a far out",
            lambda p, _, e: lab.drag_slider(p, "z for a", 0.95, expect=e),
            None,
        ),
    ],
    "05_tanh_convnet.ipynb": [
        (
            "set 10 epochs and press Train",
            lambda p, _, e: _train_with_fewer_epochs(p, e),
            "10 epochs",
        ),
    ],
    "06_reconstruction.ipynb": [
        (
            "more saturation",
            lambda p, _, e: lab.press_slider(p, "saturation", times=6, expect=e),
            "× 1.30",
        ),
        (
            "drag the before/after wipe",
            lambda p, _, e: lab.drag_slider(p, "wipe", 0.2, expect=e),
            None,
        ),
    ],
    "07_many_photos.ipynb": [
        (
            "another augmentation seed",
            lambda p, _, e: lab.press_slider(p, "seed", times=1, expect=e),
            "seed 1,",
        ),
    ],
    "08_global_features.ipynb": [
        (
            "switch to the fusion model",
            lambda p, _, e: lab.click(p, "button", "fusion", expect=e),
            None,
        ),
        (
            "next photo",
            lambda p, _, e: lab.press_slider(p, "photo", times=1, expect=e),
            "photo 2 of 12",
        ),
    ],
    "09_beyond_brown.ipynb": [
        (
            "lower the temperature",
            lambda p, _, e: lab.press_slider(p, "temperature T", "Home", 1, expect=e),
            "T = 0.01",
        ),
    ],
    "10_your_photos.ipynb": [
        (
            "upload a color and a black-and-white photo",
            _upload_two_photos,
            "✓ old garden.png: black-and-white",
        ),
    ],
    "11_photo_model.ipynb": [
        (
            "a larger working size",
            lambda p, _, e: lab.press_slider(p, "working size", times=1, expect=e),
            "working size 384 px",
        ),
    ],
    "12_your_hints.ipynb": [
        ("a first hint, in the default color", _first_hint, "1 hint ·"),
        ("a second hint, in a red picked first", _second_hint_in_red, "#d62728"),
        (
            "undo the second hint",
            lambda p, _, e: lab.click(p, "button", "Undo", expect=e),
            "1 hint ·",
        ),
    ],
}


def test_every_lesson_has_interactions():
    assert sorted(INTERACTIONS) == NOTEBOOKS


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lesson_in_jupyterlab(name, page, lab_server, screenshots, tmp_path):
    started = time.monotonic()
    path = f"notebooks/{lab.browser_copy(name)}"
    lab.open_notebook(page, lab_server, path)
    seconds = lab.run_all_cells(page, RUN_TIMEOUT)
    stem = name.removesuffix(".ipynb")
    lab.save_notebook(page)
    expected = lab.widget_views_in_saved_notebook(lab_server, path)
    assert expected >= 1, f"{name} shows no widget"
    rendered = lab.wait_for_widgets(page, expected)
    page.screenshot(path=screenshots / f"{stem}.run.png")
    # Checked once the widgets have drawn ("Loading widget..." is a problem only after that).
    assert lab.problems(page) == [], f"{name}: red outputs after Run All Cells ({seconds:.0f} s)"
    assert rendered == expected, f"{name}: {rendered} of {expected} widgets rendered"

    done = []
    for what, step, expect in INTERACTIONS[name]:
        change = step(page, tmp_path, expect)
        assert change.changed, (
            f"{name}: '{what}' changed nothing on screen in {change.seconds:.0f} s"
        )
        if expect:
            assert expect in change.after, (
                f"{name}: after '{what}' the widget shows {change.after!r}"
            )
        done.append(f"{what}: {change.seconds:.1f} s")
    time.sleep(0.5)
    assert lab.problems(page) == [], f"{name}: red outputs after operating the widgets"
    page.screenshot(path=screenshots / f"{stem}.png")
    for i, widget in enumerate(page.locator(lab.WIDGET_OUTPUTS).all()):
        widget.screenshot(path=screenshots / f"{stem}.widget{i + 1}.png")
    (screenshots / f"{stem}.json").write_text(
        json.dumps(
            {
                "test_seconds": round(time.monotonic() - started, 1),
                "run_all_seconds": round(seconds, 1),
                "cells_run": f"{_cells(lab_server.root / path)} of "
                f"{_cells(lab_server.root / 'notebooks' / name)}",
                "widgets": rendered,
                "steps": done,
            }
        )
    )


def _cells(path) -> int:
    return len(json.loads(path.read_text())["cells"])


def _slide_count(name: str) -> int:
    nb = json.loads((ROOT / "notebooks" / name).read_text())
    return sum(c["metadata"].get("slideshow", {}).get("slide_type") == "slide" for c in nb["cells"])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lesson_as_slides(name, page, lab_server, screenshots):
    """The lesson opens as a RISE slideshow (jupyterlab-rise), one slide per tagged section."""
    page.goto(lab_server.url(f"rise/notebooks/{name}"))
    page.locator(".reveal.ready").wait_for(timeout=60_000)  # reveal.js has laid out all
    slides = page.locator(".reveal .slides > section")
    assert slides.count() == _slide_count(name) >= 3
    page.screenshot(path=screenshots / f"{name.removesuffix('.ipynb')}.slides.png")
    present = """() => [...document.querySelectorAll('.reveal .slides > section')]
        .findIndex(s => s.classList.contains('present'))"""
    assert page.evaluate(present) == 0
    page.keyboard.press("ArrowRight")  # the presenter's clicker sends the same key
    page.wait_for_function(f"() => ({present})() === 1", timeout=10_000)


def test_the_checks_catch_what_they_claim(page, lab_server):
    """The driver's checks can fail: an error output, a widget that cannot be drawn and a
    slider whose callback raises are all reported (a notebook made here, not a lesson)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "colorlab", "display_name": "Python (colorlab)"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import ipywidgets as w\n"
            "broken = w.IntSlider(description='broken')\n"
            "broken.observe(lambda change: 1 / 0, names='value')\n"
            "w.VBox([broken, w.Label('the kernel never changes this')])"
        ),
        nbformat.v4.new_code_cell(
            "from IPython.display import display\n"
            "view = {'model_id': 'no-such-model', 'version_major': 2, 'version_minor': 0}\n"
            "display({'application/vnd.jupyter.widget-view+json': view}, raw=True)"
        ),
        nbformat.v4.new_code_cell("raise ValueError('a learner would see this')"),
    ]
    nbformat.write(nb, lab_server.root / "notebooks" / "zz_checks.ipynb")
    lab.open_notebook(page, lab_server, "notebooks/zz_checks.ipynb")
    lab.run_all_cells(page, 120)
    page.wait_for_timeout(2000)
    found = "\n".join(lab.problems(page))
    assert "a learner would see this" in found
    assert "widget not rendered" in found

    handle = lab.slider(page, "broken").locator(".noUi-handle")
    change = lab.act_and_watch(handle, lambda: (handle.focus(), handle.press("ArrowRight")), 5)
    assert not change.changed  # the slider moved, but the kernel drew nothing
    page.wait_for_timeout(1000)
    assert "log console" in "\n".join(lab.problems(page))
