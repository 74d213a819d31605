"""The project's own files stay consistent: environment.yml ↔ pyproject.toml, clean notebooks."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

#: pip name → conda-forge name, where they differ.
PIP_TO_CONDA = {"tensorflow-cpu": "tensorflow", "playwright": "playwright-python"}
#: conda-only packages that have no pip counterpart in pyproject.toml.
CONDA_ONLY = {"python", "pip"}


def parse_requirement(text: str) -> tuple[str, str]:
    """('name', 'minimum version') from 'name>=1.2; marker' (minimum '' if none)."""
    text = text.split(";")[0].strip()
    match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][^,\s]*))?.*", text)
    assert match, f"cannot parse requirement {text!r}"
    name = match.group(1).lower().replace("_", "-")
    return PIP_TO_CONDA.get(name, name), match.group(2) or ""


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    out: dict[str, str] = {}
    for req in reqs:
        name, minimum = parse_requirement(req)
        assert out.get(name, minimum) == minimum, f"{name} has two different minimums"
        out[name] = minimum
    return out


def environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    out: dict[str, str] = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            name, minimum = parse_requirement(item)
            out[name] = minimum
    return {k: v for k, v in out.items() if k not in CONDA_ONLY}


def test_environment_yml_matches_pyproject():
    pip_side, conda_side = pyproject_requirements(), environment_requirements()
    assert sorted(pip_side) == sorted(conda_side), (
        f"only in pyproject.toml: {sorted(set(pip_side) - set(conda_side))}; "
        f"only in environment.yml: {sorted(set(conda_side) - set(pip_side))}"
    )
    for name, minimum in pip_side.items():
        assert conda_side[name] == minimum, f"{name}: pyproject >={minimum}, env {conda_side[name]}"


def test_tensorflow_comes_from_pypi_with_the_same_platform_markers():
    """conda-forge has no TensorFlow 2 for Windows: the conda route takes it from PyPI, with
    exactly pyproject.toml's lines, so every OS gets the wheel the pip route gets."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda_names = {parse_requirement(d)[0] for d in env["dependencies"] if isinstance(d, str)}
    wanted = [r for r in project["dependencies"] if r.startswith(("tensorflow", "keras"))]
    assert len(wanted) == 3 and all(r in pip_section for r in wanted), pip_section
    assert not conda_names & {"tensorflow", "keras"}, "TensorFlow must not come from conda-forge"


def test_python_minimum_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert f"python{project['requires-python']}" in env["dependencies"]


def test_drift_is_detected(tmp_path, monkeypatch):
    """The check above can fail: a package missing on one side is reported."""
    text = (ROOT / "environment.yml").read_text()
    assert "  - nbval>=0.11\n" in text
    (tmp_path / "environment.yml").write_text(text.replace("  - nbval>=0.11\n", ""))
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    with pytest.raises(AssertionError, match="nbval"):
        test_environment_yml_matches_pyproject()


def notebooks() -> list[Path]:
    return sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


def test_there_are_notebooks():
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_notebook_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{path.name} cell {i} has outputs: clear them"
            assert cell.get("execution_count") is None, f"{path.name} cell {i} has a count"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_notebook_name_and_kernel(path):
    assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name)
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "colorlab"


def test_readme_gives_the_two_commands_first():
    readme = (ROOT / "README.md").read_text()
    first_code = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)[0]
    assert "make lab" in first_code and "make test" in first_code


def test_gitignore_keeps_learner_data_out():
    ignore = (ROOT / ".gitignore").read_text().split()
    for entry in (".venv/", "outputs/", "data/my_photos/*", "!data/my_photos/README.md"):
        assert entry in ignore
    assert (ROOT / "data" / "my_photos" / "README.md").exists()


def test_data_readme_lists_every_bundled_image():
    from colorlab import datasets

    text = (ROOT / "data" / "README.md").read_text()
    for name in datasets.COLOR_PHOTOS + datasets.GRAY_PHOTOS:
        assert datasets.sample_path(name).name in text, name
    for path in (ROOT / "data").rglob("*"):
        if path.is_file() and "my_photos" not in path.parts and path.name != "README.md":
            assert path.name in text, f"data/README.md does not list {path.name}"


def test_code_is_formatted_and_linted():
    """ruff (configured in pyproject.toml) finds nothing to complain about."""
    import shutil
    import subprocess

    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the test extra)")
    dirs = [d for d in ("colorlab", "tests", "tools", "benchmarks") if (ROOT / d).exists()]
    lint = subprocess.run([ruff, "check", *dirs], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run(
        [ruff, "format", "--check", *dirs], cwd=ROOT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout


def _imports_between_modules() -> dict[str, set[str]]:
    """colorlab module → the colorlab modules it imports, at the top or inside functions."""
    import ast

    modules = {p.stem: p for p in (ROOT / "colorlab").glob("*.py") if p.stem != "__main__"}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("colorlab."):
                    targets.append(node.module.split(".")[1])
                elif node.module == "colorlab":
                    targets += [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                targets += [
                    a.name.split(".")[1] for a in node.names if a.name.startswith("colorlab.")
                ]
            graph[name] |= {t for t in targets if t in modules and t not in (name, "__init__")}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as a path that comes back to its start, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [node, nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, node])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [])):
            return found
    return None


def test_no_import_cycles_between_the_package_modules():
    """Counting imports inside functions too: a cycle means two modules that cannot be
    understood (or moved) apart. pipeline ↔ training and session → checks → … → session
    were the last ones."""
    assert _cycle(_imports_between_modules()) is None, _cycle(_imports_between_modules())
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) is not None  # the search can fail


def test_the_setup_check_asks_for_the_minimums_pyproject_declares():
    from colorlab import setup_check

    declared = pyproject_requirements()
    for dist in ("tensorflow", "keras", "numpy", "matplotlib", "scikit-image", "ipywidgets"):
        assert setup_check.minimum(dist) == declared[dist], dist


def numpydoc_problems(fn) -> list[str]:
    """What a function's docstring lacks of the numpydoc sections scikit-image writes."""
    import inspect

    doc = inspect.getdoc(fn) or ""
    sections = {
        name: f"\n{name}\n{'-' * len(name)}\n" in doc
        for name in ("Parameters", "Returns", "Raises", "Examples")
    }
    problems = [f"no {name} section" for name, ok in sections.items() if not ok]
    params = [p for p in inspect.signature(fn).parameters if p not in ("self", "args", "kwargs")]
    if sections["Parameters"]:
        listed = doc.split("\nParameters\n")[1].split("\nReturns\n")[0]
        problems += [f"parameter {p} not described" for p in params if f"\n{p} :" not in listed]
    if not params:
        problems = [p for p in problems if p != "no Parameters section"]
    if "raise " not in inspect.getsource(fn) and "Raises" not in doc:
        problems = [p for p in problems if p != "no Raises section"]
    return problems


def test_the_public_api_has_numpydoc_sections():
    """Every public function of the package (cl.load_image, cl.colorize, the widgets, the
    exercise checks, the command's drivers, …) has the sections scikit-image writes."""
    import importlib
    import inspect
    import pkgutil

    import colorlab

    public = []
    for info in pkgutil.walk_packages(colorlab.__path__, "colorlab."):
        if info.name == "colorlab.__main__":
            continue  # runs the command when imported
        module = importlib.import_module(info.name)
        public += [
            fn
            for n, fn in inspect.getmembers(module, inspect.isfunction)
            if not n.startswith("_") and fn.__module__ == module.__name__
        ]
    problems = {f"{fn.__module__}.{fn.__name__}": numpydoc_problems(fn) for fn in public}
    assert len(public) >= 200 and not {k: v for k, v in problems.items() if v}, problems

    def short(path, overwrite=False):
        """One line only.

        Example:
            >>> short("x")
        """

    assert set(numpydoc_problems(short)) == {
        "no Parameters section",
        "no Returns section",
        "no Examples section",
    }  # the check above can fail
