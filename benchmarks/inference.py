"""Seconds to colorize a 512×512 photo once the model is loaded, and the CLI's cold start.

python benchmarks/inference.py [--model NAME] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="scenes_classification")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    photo = cl.datasets.sample_photo("astronaut", size=(512, 512))
    start = time.perf_counter()
    model = cl.load_model(args.model)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    cl.colorize(model, photo)
    first_s = time.perf_counter() - start
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        cl.colorize(model, photo)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)

    cli = str(Path(sys.executable).with_name("colorlab"))
    with tempfile.TemporaryDirectory() as tmp:
        path = cl.save_image(photo, Path(tmp) / "in.png")
        start = time.perf_counter()
        subprocess.run([cli, "models"], check=True, capture_output=True)
        models_s = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(
            [cli, "colorize", str(path), "--out", tmp, "--model", args.model],
            check=True,
            capture_output=True,
        )
        colorize_s = time.perf_counter() - start

    print(f"model {args.model}, 512×512 photo\n")
    print("| what | seconds |")
    print("|---|---|")
    print(f"| load the model | {load_s:.2f} |")
    print(f"| first colorization (includes tracing) | {first_s:.2f} |")
    print(f"| colorize, median of {args.repeat} | {median:.3f} |")
    print(f"| CLI cold start: `colorlab models` | {models_s:.2f} |")
    print(f"| CLI cold start: `colorlab colorize` one photo | {colorize_s:.2f} |")
    print(
        f"\ntarget ≤ 0.5 s per 512×512 photo after loading: {'met' if median <= 0.5 else 'NOT met'}"
    )
    return 0 if median <= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
