"""Every laptop in the room: one way in without make, the platform table, wheelhouses per
target, and no POSIX-only assumption in the package or the tools."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

import pytest

from colorlab import platforms, setup_check, wheelhouse

ROOT = Path(__file__).resolve().parents[1]
OFFLINE = ROOT / "tools" / "install_offline.py"


@pytest.mark.slow
def test_the_course_commands_are_installed_entry_points():
    """`colorlab lab/student/check` come with the package: after a plain `pip install -e .`
    on any OS they are in the environment's scripts folder (Scripts\\ on Windows)."""
    scripts = Path(sysconfig.get_path("scripts"))
    assert any((scripts / name).exists() for name in ("colorlab", "colorlab.exe"))
    help_text = subprocess.run(
        [sys.executable, "-m", "colorlab", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("lab", "student", "check", "wheelhouse"):
        assert re.search(rf"\b{command}\b", help_text), command


@pytest.mark.slow
def test_kernel_registration_is_the_same_code_everywhere():
    """`colorlab lab --kernel-only` (make lab, postBuild and the offline installer call it)
    leaves a 'colorlab' kernel that runs this very Python."""
    done = subprocess.run(
        [sys.executable, "-m", "colorlab", "lab", "--kernel-only"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    from colorlab.launch import kernel_python

    assert Path(kernel_python()).resolve() == Path(sys.executable).resolve()


@pytest.mark.slow
def test_student_command_writes_the_set(tmp_path):
    out = tmp_path / "my student set"  # a space in the path
    done = subprocess.run(
        [sys.executable, "-m", "colorlab", "student", "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("[0-9][0-9]_*.ipynb"))) >= 12 and (out / "README.md").exists()


#: What would tie the package or the tools to a POSIX shell or layout.
POSIX_ONLY = re.compile(
    r"""\.venv/bin|["']/bin/|/dev/null|/tmp/|shell\s*=\s*True|os\.system\(|["'](?:ba)?sh["'],\s*["']-c"""
)


def test_no_posix_only_paths_or_shells_in_the_package_or_tools():
    sources = [*ROOT.glob("colorlab/*.py"), *ROOT.glob("tools/*.py")]
    found = {
        p.relative_to(ROOT).as_posix(): POSIX_ONLY.findall(p.read_text(encoding="utf-8"))
        for p in sources
    }
    # The macOS/Linux branch of the setup check's fix, printed beside its Windows branch.
    allowed = {"colorlab/setup_check.py": [".venv/bin", ".venv/bin"]}
    assert {k: v for k, v in found.items() if v} == allowed
    assert POSIX_ONLY.search('subprocess.run("make", shell=True)')  # the pattern can fail


def test_platform_table_is_the_one_in_the_readme_the_kit_and_the_check():
    table = platforms.markdown_table()
    for doc in ("README.md", "workshop/README.md"):
        assert table in (ROOT / doc).read_text(encoding="utf-8"), f"{doc}: paste the table"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    newest = max(v for p in platforms.PLATFORMS for v in p.pythons)
    assert f"{newest[0]}.{int(newest[2:]) + 1}" in makefile  # the Makefile's note on 3.14
    assert setup_check.check_python().ok  # this machine is in the table
    intel_mac = setup_check.check_python(("macos", "x86_64", "3.13"))
    assert not intel_mac.ok and "Python 3.12" in intel_mac.fix
    assert not setup_check.check_python(("windows", "arm64", "3.12")).ok


def test_requirements_are_chosen_for_the_target_not_for_this_machine():
    reqs = wheelhouse.requirements(ROOT)
    windows = wheelhouse.for_target(reqs, "windows-x86_64-py3.12")
    mac = wheelhouse.for_target(reqs, "macos-arm64-py3.13")
    assert any(r.startswith("tensorflow-cpu") for r in windows)
    assert any(r.startswith("tensorflow>") for r in mac) and not any("cpu" in r for r in mac)
    with pytest.raises(ValueError, match="no TensorFlow for macos-x86_64-py3.13"):
        wheelhouse.for_target(reqs, "macos-x86_64-py3.13")


def _pypi_reachable() -> bool:
    try:
        urllib.request.urlopen("https://pypi.org/simple/pip/", timeout=10).close()
        return True
    except OSError:
        return False


def _offline(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(OFFLINE), *map(str, args)], capture_output=True, text=True
    )


@pytest.mark.slow
def test_a_second_targets_wheelhouse_is_planned_and_refused_here(tmp_path):
    """Build another platform's wheelhouse here (resolution only: every package found, no
    download), then the offline installer refuses it with its own message, not pip's."""
    if not _pypi_reachable():
        pytest.skip("PyPI is not reachable: the wheelhouse resolution needs it")
    other = "windows-x86_64-py3.12"
    folder = wheelhouse.build(other, ROOT, tmp_path, resolve_only=True)
    plan = json.loads((folder / "plan.json").read_text())
    names = {item["metadata"]["name"].lower().replace("_", "-") for item in plan["install"]}
    assert {"tensorflow-cpu", "keras", "jupyterlab", "scikit-image"} <= names
    tf = next(i for i in plan["install"] if "tensorflow" in i["metadata"]["name"].lower())
    assert "win_amd64" in tf["download_info"]["url"]

    this = "{}-{}-py{}".format(*platforms.this_machine())
    done = _offline(tmp_path)  # the wheelhouse holds no folder for this machine
    assert done.returncode == 2 and f"no wheels for this machine ({this})" in done.stderr
    assert (
        f"colorlab wheelhouse --target {this}" in done.stderr and "No matching" not in done.stderr
    )
    done = _offline(folder)  # the Windows folder handed over directly
    assert done.returncode == 2 and f"holds the wheels for {other}" in done.stderr
    (tmp_path / this).mkdir()  # a plan for this machine is not wheels either
    (tmp_path / this / "TARGET.json").write_text(json.dumps({"target": this, "wheels": False}))
    done = _offline(tmp_path)
    assert done.returncode == 2 and "only a plan" in done.stderr


def test_unwritable_folders_are_one_clear_line(tmp_path, capsys):
    """A file where the student set or the wheelhouse should go: a message, no traceback."""
    from colorlab import cli

    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    assert cli.main(["student", "--out", str(blocker / "student")]) == 2
    err = capsys.readouterr().err
    assert "cannot write the student set" in err and "--out DIR" in err
    assert cli.main(["wheelhouse", "--dest", str(blocker / "wh"), "--resolve-only"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the wheelhouse" in err and "Traceback" not in err


def test_minimums_come_from_pyproject_in_a_checkout_that_is_not_installed(monkeypatch):
    from importlib import metadata

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(setup_check.metadata, "requires", not_installed)
    assert (
        setup_check.minimum("tensorflow") == "2.16" and setup_check.minimum("ipywidgets") == "8.1"
    )
