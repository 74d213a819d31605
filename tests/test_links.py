"""Links in the README and the workshop kit point at files that exist in this repository.

Binder and Colab badges are web addresses, but what they open lives here: Binder builds from
environment.yml and postBuild and opens a notebook path; Colab opens a notebook path and the
README's setup cell clones the repository. Each must match the repository named in
pyproject.toml and a file that exists, so a renamed notebook breaks a test, not a workshop.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "workshop").glob("*.md"))]
BINDER = re.compile(
    r"https://mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/([\w.-]+)\?urlpath=lab/tree/([^)\s]+)"
)
COLAB = re.compile(
    r"https://colab\.research\.google\.com/github/([\w.-]+/[\w.-]+)/blob/([\w.-]+)/([^)\s]+)"
)
CLONE = re.compile(
    r"git clone [^\n]*?https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?(?=[\s`'\")]|$)"
)
BRANCH = "main"  # the branch learners get
MD_LINK = re.compile(r"\]\(<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\)")  # [text](target "title")
NOTEBOOK_NAME = re.compile(r"`(?:notebooks/)?(\d\d_[a-z_]+)(?:\.ipynb)?`")


def repository() -> str:
    """'owner/name' of the public repository, from pyproject.toml [project.urls]."""
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    return urls["Repository"].removeprefix("https://github.com/").rstrip("/")


def broken_links(text: str, base: Path, repo: str) -> list[str]:
    """Every link in ``text`` whose target is not in the repository (relative to ``base``)."""
    problems = []
    for found, branch, path in BINDER.findall(text):
        problems += [f"Binder: repository {found}, expected {repo}"] * (found != repo)
        problems += [f"Binder: branch {branch}, expected {BRANCH}"] * (branch != BRANCH)
        problems += [f"Binder: {path} does not exist"] * (not (ROOT / path).is_file())
        for needed in ("environment.yml", "postBuild"):
            problems += [f"Binder needs {needed} at the top"] * (not (ROOT / needed).is_file())
    for found, branch, path in COLAB.findall(text):
        problems += [f"Colab: repository {found}, expected {repo}"] * (found != repo)
        problems += [f"Colab: branch {branch}, expected {BRANCH}"] * (branch != BRANCH)
        problems += [f"Colab: {path} does not exist"] * (not (ROOT / path).is_file())
    for found in CLONE.findall(text):
        problems += [f"git clone of {found}, expected {repo}"] * (found != repo)
    for target in MD_LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a web address (checked above where it matters) or an anchor
        path = target.split("#")[0]
        if not ((ROOT / path.lstrip("/")) if path.startswith("/") else (base / path)).exists():
            problems.append(f"{target} does not exist")
    for name in NOTEBOOK_NAME.findall(text):  # lessons named in backticks: `05_tanh_convnet`
        if not (ROOT / "notebooks" / f"{name}.ipynb").is_file():
            problems.append(f"`{name}` names no notebook")
    return problems


def test_readme_has_binder_and_colab_links():
    readme = (ROOT / "README.md").read_text()
    assert BINDER.search(readme) and COLAB.search(readme) and CLONE.search(readme)


def test_link_targets_exist():
    repo = repository()
    for doc in DOCS:
        assert broken_links(doc.read_text(), doc.parent, repo) == [], doc.name


def test_postbuild_is_executable():
    mode = subprocess.run(
        ["git", "ls-files", "-s", "postBuild"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert mode, "postBuild is not tracked by git, so Binder would not see it"
    assert mode[0] == "100755", "Binder runs postBuild only if it is executable"


def test_broken_links_are_reported():
    """The check can fail: a renamed notebook, another repository, a missing figure."""
    repo = repository()
    text = (
        f"https://mybinder.org/v2/gh/{repo}/main?urlpath=lab/tree/notebooks/99_gone.ipynb "
        "https://colab.research.google.com/github/someone/else/blob/main/notebooks/x.ipynb "
        "![figure](notebooks/figures/missing.png) `11_not_a_lesson` "
        "git clone https://github.com/someone/fork.git`"
    )
    problems = broken_links(text, ROOT, repo)
    assert any("99_gone" in p for p in problems)
    assert any("someone/else" in p for p in problems)
    assert any("missing.png" in p for p in problems)
    assert any("11_not_a_lesson" in p for p in problems)
    assert any("someone/fork" in p for p in problems)
