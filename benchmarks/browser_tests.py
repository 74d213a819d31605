"""Time the browser tests (tests/browser) and print what each lesson took in JupyterLab.

Runs them as `make test` does (one JupyterLab server, one headless Chromium for all), then
reads the per-lesson records they leave in outputs/screenshots/*.json. The target: the
whole browser part under 10 minutes on 2 cores.

    python benchmarks/browser_tests.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "outputs" / "screenshots"
TARGET_SECONDS = 600


def main() -> int:
    for old in SCREENSHOTS.glob("*.json"):
        old.unlink()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/browser"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "no output"
    print("| lesson | test (s) | Run All Cells (s) | widgets | learner steps (s each) |")
    print("|---|---|---|---|---|")
    for record in sorted(SCREENSHOTS.glob("*.json")):
        r = json.loads(record.read_text())
        steps = "; ".join(r["steps"])
        print(
            f"| `{record.stem}` | {r.get('test_seconds', '?')} | {r['run_all_seconds']} "
            f"| {r['widgets']} | {steps} |"
        )
    print(f"\npytest: {summary}")
    met = "met" if wall <= TARGET_SECONDS and result.returncode == 0 else "NOT met"
    print(f"browser tests in all: {wall:.0f} s (target ≤ {TARGET_SECONDS} s on 2 cores: {met})")
    if result.returncode != 0:
        print(result.stdout[-3000:], file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
