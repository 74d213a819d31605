"""Run every lesson notebook top to bottom, as a learner does, and print a table of wall times.

Each notebook runs in a fresh `colorlab` kernel from inside notebooks/ (like JupyterLab), on
whatever cores this machine has; the course's target is ≤ 3 minutes each on 2 cores.

    python benchmarks/notebook_times.py                  # all notebooks
    python benchmarks/notebook_times.py 05 06            # only those whose names start so
    python benchmarks/notebook_times.py --readme         # also write the table into README.md
                                                         # and the workshop agenda's run times
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
LIMIT_SECONDS = 180
START, END = "<!-- notebook-times:start -->", "<!-- notebook-times:end -->"


def time_notebook(path: Path) -> tuple[float, str]:
    """Execute one notebook in a fresh kernel; return (seconds, 'ok' or the error name)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="colorlab", resources={"metadata": {"path": str(path.parent)}}
    )
    start = time.perf_counter()
    try:
        client.execute()
        status = "ok"
    except Exception as exc:  # report and go on with the others
        status = f"error: {type(exc).__name__}"
    return time.perf_counter() - start, status


def table(rows: list[tuple[str, float, str]]) -> str:
    cores = os.cpu_count()
    lines = [f"| notebook | run time on {cores} cores (s) | within 3 min? |", "|---|---|---|"]
    for name, seconds, status in rows:
        verdict = "yes" if status == "ok" and seconds <= LIMIT_SECONDS else f"**no** ({status})"
        lines.append(f"| `{name}` | {seconds:.0f} | {verdict} |")
    total = sum(seconds for _, seconds, _ in rows)
    lines.append(f"| **all** | **{total:.0f}** | |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text()
    if START not in content or END not in content:
        raise SystemExit(f"README.md has no {START} … {END} section to fill")
    block = f"{START}\n{text}\n{END}"
    readme.write_text(
        re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, content, flags=re.S)
    )


AGENDA_ROW = re.compile(r"^(\|[^|]*\|[^|]*\| `(\d\d_\w+)` \|[^|]*\| )([^|]*)( \|)$", re.M)


def write_agenda(rows: list[tuple[str, float, str]]) -> None:
    """Put each notebook's measured run time into the workshop agenda's last column."""
    kit = ROOT / "workshop" / "README.md"
    seconds = {name.removesuffix(".ipynb"): t for name, t, _ in rows}

    def fill(match: re.Match) -> str:
        t = seconds.get(match[2])
        return match[0] if t is None else f"{match[1]}{t:.0f} s{match[4]}"

    kit.write_text(AGENDA_ROW.sub(fill, kit.read_text(encoding="utf-8")), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("prefixes", nargs="*", help="only notebooks whose names start so")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.prefixes:
        paths = [p for p in paths if p.name.startswith(tuple(args.prefixes))]
    rows = []
    for path in paths:
        seconds, status = time_notebook(path)
        rows.append((path.name, seconds, status))
        print(f"{path.name}: {seconds:.1f} s ({status})", file=sys.stderr, flush=True)
    text = table(rows)
    print(text)
    if args.readme:
        write_readme(text)
        write_agenda(rows)
    return 0 if all(s == "ok" and t <= LIMIT_SECONDS for _, t, s in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
