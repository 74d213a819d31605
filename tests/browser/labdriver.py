"""Drive the course in JupyterLab, in a real browser, the way a learner does.

One JupyterLab server on a throw-away copy of the course, one headless Chromium (the
system's, driven by Playwright), and small helpers: open a notebook, run all cells through
the Run menu, find error outputs and widgets that failed to render, move a slider, click
a button, toggle a checkbox, upload a file.

Example:
    >>> gate({"CI": "true"}, chromium=None, playwright_error=None)[0]
    'fail'
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Flags for Debian's Chromium in a sandboxed machine with a closed network: no GPU, no
# calls home (they are refused here, many at a time), no first-run dialogs. Playwright
# adds --headless and a fresh profile (a new temporary user-data-dir) itself.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOW_TO_ENABLE = (
    "install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or set "
    "COLORLAB_CHROMIUM=/path/to/chromium, then run make test again"
)
VIEWPORT = {"width": 1280, "height": 800}  # a laptop screen, or a projector at 1280×800
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LEARNER_UNSET = ("MPLBACKEND", "TF_CPP_MIN_LOG_LEVEL", "PYTEST_CURRENT_TEST")


def find_chromium(environ: dict | None = None) -> str | None:
    """The Chromium to drive: $COLORLAB_CHROMIUM if set, else the first one on PATH."""
    environ = os.environ if environ is None else environ
    if environ.get("COLORLAB_CHROMIUM"):
        return environ["COLORLAB_CHROMIUM"]
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def gate(environ: dict, chromium: str | None, playwright_error: str | None) -> tuple[str, str]:
    """Decide whether the browser tests run: ("run" | "skip" | "fail", one-line reason).

    Without a browser they are skipped on a learner's machine, but CI (CI=true, set by
    every CI service) must run them, so there the same situation is a failure.
    """
    missing = []
    if playwright_error:
        missing.append(f"the Python package playwright is missing ({playwright_error})")
    if chromium is None:
        missing.append("no Chromium found")
    elif not Path(chromium).exists():
        missing.append(f"COLORLAB_CHROMIUM={chromium} does not exist")
    elif not runs(chromium):
        missing.append(f"{chromium} --version does not answer")
    if not missing:
        return "run", f"browser tests use {chromium}"
    reason = f"browser tests skipped: {'; '.join(missing)}; to run them, {HOW_TO_ENABLE}"
    if environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        return "fail", reason.replace("skipped", "cannot run in CI", 1)
    return "skip", reason


@functools.cache
def browser_gate() -> tuple[str, str]:
    """``gate`` for this machine: its environment, its Chromium, its playwright package."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:  # the test extra is not installed
        error = str(exc)
    else:
        error = None
    return gate(os.environ, find_chromium(), error)


def runs(browser: str, timeout: float = 30) -> bool:
    """True when ``browser --version`` answers (a broken install or a snap stub does not)."""
    try:
        proc = subprocess.run([browser, "--version"], capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: What a cell that shows a widget calls (every widget of the lessons comes from there).
WIDGET_CALL = "cl.widgets."


def up_to_last_widget(nb):
    """The notebook's cells up to and including the last one that shows a widget.

    The browser tests run these: everything the widgets need runs before them, and nbval
    runs every cell of every lesson (and fails on red output) already, so running the
    cells after the last widget a second time proves nothing new.
    """
    shows = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and WIDGET_CALL in c.source]
    if not shows:
        raise ValueError("the notebook shows no widget")
    trimmed = nb.copy()
    trimmed.cells = nb.cells[: shows[-1] + 1]
    return trimmed


def browser_copy(name: str) -> str:
    """The name of a lesson's browser copy (beside it, so its relative paths still work)."""
    return name.removesuffix(".ipynb") + ".browser.ipynb"


def copy_course(dest: Path) -> Path:
    """A throw-away copy of the course: notebooks/ (with figures) and an empty data/my_photos.

    Each lesson also gets its browser copy (:func:`up_to_last_widget`). The learner's own
    photos and outputs are never touched: notebooks that write to ``../outputs`` write
    inside ``dest``.
    """
    import nbformat

    shutil.copytree(ROOT / "notebooks", dest / "notebooks", ignore=shutil.ignore_patterns(".*"))
    for path in sorted((dest / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nbformat.write(up_to_last_widget(nb), path.with_name(browser_copy(path.name)))
    photos = dest / "data" / "my_photos"
    photos.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "my_photos" / "README.md", photos / "README.md")
    return dest


@dataclass
class LabServer:
    """A JupyterLab server on 127.0.0.1 with a token, serving ``root`` (one per test run)."""

    root: Path
    state: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: hashlib.sha1(os.urandom(16)).hexdigest())
    proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{sep}token={self.token}"

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(self.url(f"api/{path}"), method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def start(self, timeout: float = 120) -> LabServer:
        settings = self.state / "settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        # No "would you like Jupyter news?" toast and no update check (there is no network).
        (settings / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
        # The kernels get a learner's environment: the test suite's own settings (Agg
        # backend, TensorFlow's log level) would hide what a learner sees.
        env = {k: v for k, v in os.environ.items() if k not in LEARNER_UNSET}
        env.update(
            JUPYTER_RUNTIME_DIR=str(self.state / "runtime"),
            JUPYTERLAB_WORKSPACES_DIR=str(self.state / "workspaces"),
            JUPYTERLAB_SETTINGS_DIR=str(self.state / "settings"),
            # Nothing from the user's own Jupyter setup (a kernel or server config in $HOME).
            JUPYTER_CONFIG_DIR=str(self.state / "config"),
            JUPYTER_DATA_DIR=str(self.state / "data"),
        )
        args = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
        ]
        if hasattr(os, "getuid") and os.getuid() == 0:
            args.append("--allow-root")
        self.log = open(self.state / "lab.log", "w+")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            args, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                self.api("status")
                return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"JupyterLab did not start; its log:\n{self.log_tail()}")

    def log_tail(self, chars: int = 4000) -> str:
        self.log.flush()
        return (self.state / "lab.log").read_text(errors="replace")[-chars:]

    def shutdown_kernels(self) -> None:
        """Shut down every session and kernel, so each notebook starts with a fresh kernel
        (and none is left running, even one still starting when its test ended)."""
        for session in self.api("sessions"):
            with contextlib.suppress(OSError):
                self.api(f"sessions/{session['id']}", method="DELETE")
        for kernel in self.api("kernels"):
            with contextlib.suppress(OSError):
                self.api(f"kernels/{kernel['id']}", method="DELETE")

    def stop(self) -> None:
        if self.proc is None:
            return
        # Kernels run in process groups of their own: shut them down through the server.
        with contextlib.suppress(Exception):
            self.shutdown_kernels()
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
                self.proc.wait(timeout=wait)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        self.proc = None
        self.log.close()


# ------------------------------------------------------------------ notebook pages

# The JavaScript below only reads the page (what is on screen); every action goes
# through the mouse and the keyboard.
PROMPTS_JS = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
    .map(e => e.textContent.trim())"""
PROBLEMS_JS = """() => {
  const found = [];
  document.querySelectorAll('.jp-Notebook .jp-Cell').forEach((cell, i) => {
    cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
      .forEach(o => found.push(`cell ${i + 1}: red output: ${o.textContent.slice(0, 800)}`));
    cell.querySelectorAll('.jp-OutputArea-output').forEach(o => {
      const text = o.textContent;
      if (text.includes('Error displaying widget') || text.includes('Loading widget...'))
        found.push(`cell ${i + 1}: widget not rendered: ${text.slice(0, 200)}`);
    });
  });
  const log = document.querySelector('.jp-LogConsoleStatusItem');
  if (log && !log.classList.contains('lm-mod-hidden') && log.textContent.trim())
    found.push(`log console (errors of widget callbacks): ${log.textContent.trim()} message(s)`);
  return found;
}"""
WIDGET_OUTPUTS = ".jp-Notebook .jp-OutputArea-output:has(> .jupyter-widgets)"


def open_notebook(page, server: LabServer, path: str, timeout: float = 90) -> None:
    """Open ``path`` in JupyterLab (a fresh workspace) and wait until its kernel is idle."""
    page.goto(server.url(f"lab/tree/{path}?reset"))
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while not any(
        s["path"].endswith(path) and s["kernel"]["execution_state"] == "idle"
        for s in server.api("sessions")
    ):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the kernel of {path} did not start in {timeout:.0f} s")
        time.sleep(0.25)
    page.wait_for_selector(
        ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=timeout * 1000
    )


def menu(page, top: str, item: str) -> None:
    """Click ``top`` in the menu bar, then ``item`` in the menu it opens."""
    page.locator("li.lm-MenuBar-item", has_text=top).first.click()
    page.locator(
        ".lm-Menu-item", has=page.locator(".lm-Menu-itemLabel", has_text=_exact(item))
    ).click()


def run_all_cells(page, timeout: float) -> float:
    """Run ▸ Run All Cells, wait until every code cell has run (or one failed); seconds taken."""
    start = time.monotonic()
    menu(page, "Run", "Run All Cells")
    while True:
        prompts = page.evaluate(PROMPTS_JS)
        if time.monotonic() - start > 15 and all(p == "[ ]:" for p in prompts):
            # Nothing started: the click came before the notebook was ready for it. A
            # learner would click again, so do that once.
            page.keyboard.press("Escape")  # close the menu if it is still open
            start = time.monotonic()
            menu(page, "Run", "Run All Cells")
        if prompts and all(p[1:-2].isdigit() for p in prompts):
            return time.monotonic() - start
        if page.evaluate(PROBLEMS_JS) and "[*]:" not in prompts:
            return time.monotonic() - start  # stopped at an error: the caller reports it
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"cells still running after {timeout:.0f} s: prompts {prompts}")
        time.sleep(0.25)


def problems(page) -> list[str]:
    """Error or warning outputs (red boxes) and widgets that show an error instead."""
    return page.evaluate(PROBLEMS_JS)


def save_notebook(page) -> None:
    """File ▸ Save Notebook, and wait until the tab no longer shows unsaved changes."""
    menu(page, "File", "Save Notebook")
    page.wait_for_selector(
        ".jp-mod-current.lm-TabBar-tab:not(.jp-mod-dirty)", state="attached", timeout=30_000
    )


def widget_views_in_saved_notebook(server: LabServer, path: str) -> int:
    """How many widget views the notebook's outputs hold (read from the saved file)."""
    nb = server.api(f"contents/{path}")["content"]
    return sum(
        WIDGET_VIEW in out.get("data", {})
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell["outputs"]
    )


def wait_for_widgets(page, expected: int, timeout: float = 30) -> int:
    """Wait until ``expected`` top-level widgets have rendered; return how many did."""
    deadline = time.monotonic() + timeout
    while True:
        count = page.locator(WIDGET_OUTPUTS).count()
        if count >= expected or time.monotonic() > deadline:
            return count
        time.sleep(0.25)


# The controls a learner touches. Their own labels and numbers change in the browser
# without the kernel, so they are left out of a widget's fingerprint: a change then proves
# that the kernel answered (a new picture, a new readout).
CONTROLS = (
    ".widget-slider, .widget-upload, .widget-checkbox, .widget-toggle-buttons, "
    ".widget-button, .widget-dropdown, .widget-readout"
)


def fingerprint(locator) -> str:
    """What the kernel has drawn in a widget: its text and pictures, the controls left out."""
    return locator.evaluate(
        """(e, controls) => {
            const copy = e.cloneNode(true);
            copy.querySelectorAll(controls).forEach(c => c.remove());
            const pictures = [...e.querySelectorAll('img')].map(i => i.src).join('|');
            return copy.textContent + '|' + pictures;
        }""",
        CONTROLS,
    )


def output_of(control):
    """The notebook output (the whole widget) that holds ``control``."""
    return control.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea-output')][1]")


def slider(page, label: str, nth: int = 0):
    """The ``nth`` slider whose description is exactly ``label``."""
    return page.locator(
        ".widget-slider", has=page.locator(".widget-label", has_text=_exact(label))
    ).nth(nth)


def _exact(text: str):
    import re

    return re.compile(rf"^\s*{re.escape(text)}\s*$")


@dataclass
class Change:
    """What one learner action changed: the widget's look before and after."""

    before: str
    after: str
    seconds: float

    @property
    def changed(self) -> bool:
        return self.before != self.after


def kernel_idle(page) -> bool:
    return page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count() > 0


def settle(locator, timeout: float = 3) -> None:
    """Wait until ``locator`` stops moving (the notebook may scroll smoothly or reflow)."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        box = locator.bounding_box()
        if box is not None and box == last:
            return
        last = box
        time.sleep(0.1)


def bring_into_view(control, tries: int = 5) -> None:
    """Scroll so that ``control``'s cell starts at the top of the notebook and ``control``
    is on screen. Off-screen cells are laid out lazily (content-visibility), so the first
    scroll can land short: repeat until the control sits inside the window."""
    height = control.page.viewport_size["height"]
    for _ in range(tries):
        control.evaluate("e => e.closest('.jp-Cell').scrollIntoView({block: 'start'})")
        settle(control)
        box = control.bounding_box()
        if box and 0 <= box["y"] and box["y"] + box["height"] <= height:
            return
    control.scroll_into_view_if_needed()
    settle(control)


def act_and_watch(control, action, timeout: float = 30, expect: str | None = None) -> Change:
    """Do ``action()``, then wait until what the kernel draws in the widget holding
    ``control`` has changed (and shows ``expect``, if given), has stayed the same for a
    second and the kernel is idle; return the look before and after."""
    page = control.page
    widget = output_of(control)
    bring_into_view(control)
    before = fingerprint(widget)
    start = time.monotonic()
    action()
    last, steady_since = before, time.monotonic()
    while time.monotonic() - start < timeout:
        now = fingerprint(widget)
        if now != last:
            last, steady_since = now, time.monotonic()
        done = now != before and (expect is None or expect in now)
        if done and time.monotonic() - steady_since >= 1.0 and kernel_idle(page):
            break
        time.sleep(0.2)
    return Change(before, fingerprint(widget), time.monotonic() - start)


def press_slider(
    page, label: str, key: str = "ArrowRight", times: int = 3, nth: int = 0, expect=None
):
    """Focus a slider's handle and press an arrow key ``times`` times (as with a keyboard)."""
    handle = slider(page, label, nth).locator(".noUi-handle")

    def action():
        handle.focus()
        for _ in range(times):
            handle.press(key)

    return act_and_watch(handle, action, expect=expect)


def press_keys(page, label: str, key: str, times: int, nth: int = 0) -> None:
    """Press ``key`` on a slider's handle ``times`` times, without waiting for an answer
    (for a setting that only takes effect when a button is pressed)."""
    handle = slider(page, label, nth).locator(".noUi-handle")
    bring_into_view(handle)
    handle.focus()
    for _ in range(times):
        handle.press(key)


def drag_slider(page, label: str, fraction: float, nth: int = 0, expect=None):
    """Drag a slider's handle with the mouse to ``fraction`` (0-1) of the track."""
    track = slider(page, label, nth).locator(".noUi-base")
    handle = slider(page, label, nth).locator(".noUi-handle")

    def action():
        box, knob = track.bounding_box(), handle.bounding_box()
        page.mouse.move(knob["x"] + knob["width"] / 2, knob["y"] + knob["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2, steps=8)
        page.mouse.up()

    return act_and_watch(handle, action, expect=expect)


def click(page, role: str, name: str, nth: int = 0, timeout: float = 30, expect=None):
    """Click the ``nth`` widget button (role "button") or checkbox called ``name``."""
    if role == "button":
        # By its text: an icon (Font Awesome) adds a glyph to a button's accessible name.
        control = page.locator("button.jupyter-button", has_text=_exact(name)).nth(nth)
    else:
        control = page.get_by_role(role, name=name, exact=True).nth(nth)
    return act_and_watch(control, control.click, timeout=timeout, expect=expect)


def upload(page, button_text: str, files: list[Path], timeout: float = 60, expect=None):
    """Click an upload button and choose ``files`` in the file dialog that opens."""
    button = page.locator("button.jupyter-button", has_text=button_text).first

    def action():
        with page.expect_file_chooser() as chooser:
            button.click()
        chooser.value.set_files([str(f) for f in files])

    return act_and_watch(button, action, timeout=timeout, expect=expect)


def set_color(page, label: str, value: str) -> None:
    """Type ``value`` ("#rrggbb") into the ColorPicker called ``label`` and press Enter,
    without waiting for an answer (the color takes effect at the next click)."""
    picker = page.locator(
        ".widget-colorpicker", has=page.locator(".widget-label", has_text=_exact(label))
    ).first
    text = picker.locator("input[type='text']")
    bring_into_view(text)
    text.fill(value)
    text.press("Enter")


def click_picture(page, beside: str, fx: float, fy: float, timeout: float = 30, expect=None):
    """Click the picture of the widget that has the button ``beside``, at the fractions
    ``fx``, ``fy`` of its width and height (a learner's click on a photo)."""
    button = page.locator("button.jupyter-button", has_text=_exact(beside)).first
    picture = output_of(button).locator("img").first

    def action():
        box = picture.bounding_box()
        picture.click(position={"x": fx * box["width"], "y": fy * box["height"]})

    return act_and_watch(picture, action, timeout=timeout, expect=expect)
