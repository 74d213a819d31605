"""When the browser tests run, skip (learner's machine) or fail (CI): decided by labdriver.gate."""

from .labdriver import HOW_TO_ENABLE, find_chromium, gate


def fake_browser(folder, exit_code: int = 0) -> str:
    """A stand-in for Chromium that answers --version (or fails to)."""
    path = folder / "chromium"
    path.write_text(f"#!/bin/sh\necho Chromium 1.0\nexit {exit_code}\n")
    path.chmod(0o755)
    return str(path)


def test_runs_when_chromium_and_playwright_are_there(tmp_path):
    chromium = fake_browser(tmp_path)
    assert gate({}, chromium, None)[0] == "run"
    assert gate({"CI": "true"}, chromium, None)[0] == "run"


def test_a_browser_that_does_not_start_is_missing(tmp_path):
    action, reason = gate({}, fake_browser(tmp_path, exit_code=1), None)
    assert action == "skip" and "does not answer" in reason


def test_skips_with_one_line_that_says_how_to_enable_them():
    action, reason = gate({}, None, None)
    assert action == "skip"
    assert "\n" not in reason and "no Chromium found" in reason and HOW_TO_ENABLE in reason


def test_fails_in_ci_instead_of_skipping():
    for value in ("true", "1", "yes"):
        action, reason = gate({"CI": value}, None, None)
        assert action == "fail" and "cannot run in CI" in reason
    assert gate({"CI": "false"}, None, None)[0] == "skip"


def test_missing_playwright_is_named(tmp_path):
    action, reason = gate({}, fake_browser(tmp_path), "No module named 'playwright'")
    assert action == "skip" and "playwright" in reason


def test_chromium_can_be_chosen(tmp_path):
    assert find_chromium({"COLORLAB_CHROMIUM": "/opt/chrome"}) == "/opt/chrome"
    action, reason = gate({}, str(tmp_path / "nothing-here"), None)
    assert action == "skip" and "does not exist" in reason


def test_browser_copies_stop_at_the_last_widget():
    """Each lesson's browser copy keeps every cell up to its last widget, and only those."""
    import nbformat
    import pytest

    from .labdriver import ROOT, WIDGET_CALL, up_to_last_widget

    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        trimmed = up_to_last_widget(nb)
        assert trimmed.cells == nb.cells[: len(trimmed.cells)], path.name
        assert WIDGET_CALL in trimmed.cells[-1].source, path.name
        assert not any(WIDGET_CALL in c.source for c in nb.cells[len(trimmed.cells) :])
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    with pytest.raises(ValueError, match="no widget"):
        up_to_last_widget(nb)
