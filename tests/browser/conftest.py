"""Fixtures of the browser tests: one JupyterLab server and one Chromium for the whole run."""

from __future__ import annotations

import pytest

from .labdriver import (
    CHROMIUM_FLAGS,
    ROOT,
    VIEWPORT,
    LabServer,
    browser_gate,
    copy_course,
    find_chromium,
)

SCREENSHOTS = ROOT / "outputs" / "screenshots"


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token, serving a throw-away copy of the course."""
    course = copy_course(tmp_path_factory.mktemp("course"))
    server = LabServer(root=course, state=tmp_path_factory.mktemp("lab-state")).start()
    try:
        if "colorlab" not in server.api("kernelspecs")["kernelspecs"]:
            pytest.fail(
                "the Jupyter kernel 'colorlab' is not installed; run the tests with `make test`, "
                "which registers it",
                pytrace=False,
            )
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    """The system's Chromium, headless, with a fresh profile, driven by Playwright."""
    action, reason = browser_gate()
    if action != "run":  # only reached in CI: elsewhere the test module skipped itself
        pytest.fail(reason, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=find_chromium(), headless=True, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.failed_in_call = True
    return report


@pytest.fixture
def page(request, browser, lab_server):
    """A new browser tab (its own cookies); every kernel is shut down afterwards.

    When the test fails, the tab is saved as outputs/screenshots/FAILED-<test>.png.
    """
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        yield tab
        if getattr(request.node, "failed_in_call", False):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = request.node.name.replace("/", "_")
            tab.screenshot(path=SCREENSHOTS / f"FAILED-{name}.png")
    finally:
        context.close()
        lab_server.shutdown_kernels()


@pytest.fixture(scope="session")
def screenshots():
    """outputs/screenshots/, where each test leaves a picture of what it saw."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
