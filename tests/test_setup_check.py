"""The setup check, the course map, the exercise self-checks and the widgets' logic."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

import colorlab as cl
from colorlab import setup_check, widgets
from colorlab.course import LESSONS, course_map, notebooks_dir


def test_check_reports_ok_lines_on_this_machine(capsys):
    results = setup_check.run()
    out = capsys.readouterr().out
    assert len(results) == len(setup_check.CHECKS)
    by_text = {r.what.split()[0]: r for r in results}
    assert by_text["Python"].ok and by_text["TensorFlow"].ok and by_text["Keras"].ok
    assert out.count("✓") + out.count("✗") == len(results)


def test_failed_check_prints_a_fix():
    line = str(setup_check.Result(False, "TensorFlow is not installed", "run make lab"))
    assert line.startswith("✗ TensorFlow") and "fix: run make lab" in line


def test_missing_package_is_reported_with_fix():
    result = setup_check.check_package("surely-not-installed-pkg", "1.0")
    assert not result.ok and "make lab" in result.fix


def test_old_version_is_reported():
    result = setup_check.check_package("numpy", "999.0")
    assert not result.ok and "999.0" in result.fix


def test_every_way_the_check_knows_to_fail_prints_a_cross_and_its_fix(
    monkeypatch, tmp_path, capsys
):
    """Break the environment in each way the check knows; each gives ✗ and a fix, no crash."""
    from importlib import metadata

    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    from colorlab import course, datasets

    real_version = metadata.version

    def version(dist):
        if dist == "scikit-image":
            raise metadata.PackageNotFoundError(dist)
        return "3.0" if dist == "matplotlib" else real_version(dist)

    def no_kernel(self, name):
        raise NoSuchKernel(name)

    def broken_import(*args, **kwargs):
        raise ImportError("No module named 'skimage'")

    blocker = tmp_path / "course"
    blocker.write_text("a file where the course folder should be")
    monkeypatch.setattr(setup_check.metadata, "version", version)  # missing, and too old
    monkeypatch.setattr(KernelSpecManager, "get_kernel_spec", no_kernel)  # no kernel
    monkeypatch.setattr(datasets, "sample_photo", broken_import)  # a package that breaks
    monkeypatch.setattr(course, "course_root", lambda: blocker)  # outputs/ not writable
    results = setup_check.run()
    out = capsys.readouterr().out
    failed = {r.what.split()[0]: r for r in results if not r.ok}
    assert "✗ scikit-image is not installed" in out and "reinstall" in failed["scikit-image"].fix
    assert "✗ matplotlib 3.0" in out and "3.8 or newer" in failed["matplotlib"].fix
    assert "✗ no Jupyter kernel named 'colorlab'" in out and "--kernel-only" in out
    assert "✗ photos: ImportError: No module named 'skimage'" in out
    assert "✗ cannot write to" in out and "a folder you can write to" in out
    assert out.count("    fix: ") == out.count("✗") == len(failed) == 5
    assert "5 problem(s) to fix first." in out


def test_the_other_crosses_tensorflow_keras_versions_and_the_wrong_kernel(monkeypatch, capsys):
    """The remaining ✗ lines: TensorFlow or Keras that do not import or are too old, an
    unsupported Python, and a notebook running in another kernel."""
    import keras
    import tensorflow as tf

    from colorlab import backend

    def broken():
        raise ImportError("DLL load failed while importing _pywrap_tensorflow_internal")

    monkeypatch.setattr(backend, "import_tensorflow_quietly", broken)
    assert (
        "TensorFlow does not import (ImportError: DLL load failed"
        in setup_check.check_tensorflow().what
    )
    monkeypatch.undo()
    monkeypatch.setattr(tf, "__version__", "2.15.1")
    monkeypatch.setattr(keras, "__version__", "2.15.0")
    assert (
        not setup_check.check_tensorflow().ok
        and "2.16 or newer" in setup_check.check_tensorflow().fix
    )
    assert not setup_check.check_keras().ok and "Keras 3" in setup_check.check_keras().fix
    monkeypatch.setitem(sys.modules, "keras", None)  # a Keras that fails to import
    assert (
        not setup_check.check_keras().ok
        and "Keras does not import" in setup_check.check_keras().what
    )
    monkeypatch.undo()
    unsupported = setup_check.check_python(("linux", "x86_64", "3.14"))
    assert not unsupported.ok and "install Python 3.13" in unsupported.fix
    monkeypatch.setattr(setup_check, "_in_kernel", lambda: True)
    monkeypatch.setattr(sys, "executable", "/elsewhere/bin/python")
    monkeypatch.setattr(sys, "prefix", "/elsewhere")
    other = setup_check.check_kernel()
    assert not other.ok and "Change Kernel" in other.fix
    capsys.readouterr()


def test_the_fix_is_the_command_for_this_os_and_route(monkeypatch):
    """A reinstall from an empty .venv (make lab alone would skip it), per OS and route."""
    for var in ("CONDA_PREFIX", "CONDA_DEFAULT_ENV"):
        monkeypatch.delenv(var, raising=False)
    assert setup_check.fix_install("linux", "/c/.venv", make=True).endswith(
        "make clean-venv && make lab"
    )
    posix = setup_check.fix_install("darwin", "/c/.venv", make=False)
    assert "rm -rf .venv && python3 -m venv .venv" in posix and ".venv/bin/colorlab lab" in posix
    windows = setup_check.fix_install("win32", r"C:\\c\\.venv")
    assert "PowerShell" in windows and ".venv\\Scripts\\colorlab lab" in windows
    monkeypatch.setenv("CONDA_PREFIX", "/opt/conda/envs/colorlab")
    assert "conda env update -f environment.yml" in setup_check.fix_install(
        "linux", "/opt/conda/envs/x"
    )


@pytest.mark.slow
@pytest.mark.parametrize("module", [["colorlab"], ["colorlab.setup_check"]], ids=" ".join)
def test_check_runs_from_the_command_line_without_warnings(module):
    """`python -m colorlab check` (make check) and `python -m colorlab.setup_check`: no noise."""
    args = [*module, "check"] if module == ["colorlab"] else module
    proc = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-m", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "✓ Python" in proc.stdout, proc.stderr
    assert "Warning" not in proc.stderr
    # make test installs everything the check looks for: every line passes, exit status 0.
    assert "✗" not in proc.stdout and "All set" in proc.stdout and proc.returncode == 0


def test_course_map_and_the_notebooks_folder_agree():
    """Every lesson on the map is a notebook, and every notebook is on the map, in order."""
    on_disk = sorted(p.name for p in notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    assert [lesson.file for lesson in LESSONS] == on_disk
    rows = course_map().splitlines()[2:-1]
    assert [re.search(r"`(\S+)`", row)[1] for row in rows] == on_disk


def test_widget_check_follows_the_slider():
    box = widgets.widget_check()
    slider, label = box.children
    for value in (0, 3, 10):
        slider.value = value
        assert label.value == widgets.slider_echo_text(value)


def test_start_photo_check():
    cl.exercises.start_photo(cl.datasets.sample_photo("coffee", size=128))
    with pytest.raises(AssertionError, match="size=128"):
        cl.exercises.start_photo(cl.datasets.sample_photo("coffee", size=64))
    with pytest.raises(AssertionError, match="empty"):
        cl.exercises.start_photo(...)
    with pytest.raises(AssertionError, match="NumPy"):
        cl.exercises.start_photo([[1, 2, 3]])
    with pytest.raises(AssertionError, match="coffee"):
        cl.exercises.start_photo(cl.datasets.sample_photo("astronaut", size=128))
    with pytest.raises(AssertionError, match="float"):
        cl.exercises.start_photo(
            (cl.datasets.sample_photo("coffee", size=128) * 255).astype(np.uint8)
        )


def test_my_photos_folder_check(tmp_path, monkeypatch):
    root = notebooks_dir().parent
    cl.exercises.my_photos_folder(root / "data" / "my_photos")
    monkeypatch.chdir(root / "notebooks")
    cl.exercises.my_photos_folder("../data/my_photos")
    with pytest.raises(AssertionError, match="does not exist"):
        cl.exercises.my_photos_folder("data/my_photos")
    with pytest.raises(AssertionError, match="not the one"):
        cl.exercises.my_photos_folder("../data")


def test_my_photos_folder_check_in_a_copy_of_the_course(tmp_path, monkeypatch):
    """A copied course (student set, workshop folder) is checked against its own data/."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "data" / "my_photos").mkdir(parents=True)
    (tmp_path / "other" / "my_photos").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "notebooks")
    cl.exercises.my_photos_folder("../data/my_photos")
    with pytest.raises(AssertionError, match="not the one"):
        cl.exercises.my_photos_folder("../other/my_photos")


def test_setup_prints_numpy_numbers_as_plain_numbers():
    """(387, 118), not (np.int64(387), np.int64(118)), in every lesson (they call setup)."""
    import numpy as np

    import colorlab as cl

    cl.setup(plots=False)
    try:
        where = np.unravel_index(np.argmax(np.eye(3)[::-1]), (3, 3))
        assert str(where) == "(0, 2)" and repr(np.float64(0.5)) == "0.5"
        assert repr(np.arange(3)) == "array([0, 1, 2])"  # arrays print as before
    finally:
        np.set_printoptions(legacy=False)
