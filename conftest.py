"""What nbval checks besides "every cell runs": no cell writes to stderr.

JupyterLab shows anything a cell writes to stderr (warnings, library log lines) in a red
box, which a learner reads as "something broke". nbval with ``--nbval-lax`` compares no
outputs, so this hook fails a notebook cell that wrote to stderr, naming the cell and
quoting the text. (The browser tests check the same on screen for the cells they run.)
"""

from __future__ import annotations

import pytest


def stderr_text(outputs) -> str:
    """What a cell's outputs wrote to stderr (empty if nothing)."""
    return "".join(
        out.get("text", "")
        for out in outputs or ()
        if out.get("output_type") == "stream" and out.get("name") == "stderr"
    ).strip()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.when != "call" or not report.passed or not hasattr(item, "test_outputs"):
        return
    text = stderr_text(item.test_outputs)
    if text:
        report.outcome = "failed"
        report.longrepr = (
            f"{item.name} wrote to stderr, which JupyterLab shows in red:\n{text[:1500]}"
        )
