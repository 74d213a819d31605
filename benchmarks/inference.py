"""Seconds to colorize a 512×512 and a 12-megapixel photo once the model is loaded; CLI cold start.

python benchmarks/inference.py [--model NAME] [--repeat 5]
python benchmarks/inference.py --model hints      # also: 10 hints on 1 megapixel, the widget

Targets: 512×512 ≤ 0.5 s and 12 megapixels (4000×3000) ≤ 3 s after loading. A model with a
working size (the photo model) sees every photo at that size, so the large photo costs
mostly the full-size conversions; a model without one runs on all 12 megapixels. For the
hint model (issue 21): 10 hints on a 1-megapixel photo (1152×864) ≤ 0.5 s, and one update
of lesson 12's widget on that photo (a click: a hint added, the preview colored again, the
JPEG the browser shows) ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="photos")
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
    # 12 megapixels: the astronaut enlarged to 4000×3000 (a phone photo's size).
    big = cl.images.resize(cl.datasets.sample_photo("astronaut"), (3000, 4000))
    cl.colorize(model, big)
    big_times = []
    for _ in range(max(1, args.repeat // 2)):
        start = time.perf_counter()
        cl.colorize(model, big)
        big_times.append(time.perf_counter() - start)
    big_median = statistics.median(big_times)

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

    hint_rows = hint_times(model, args.repeat) if cl.hints.takes_hints(model) else []

    size = cl.layers.working_size(model)[0]
    where = f"at its working size {size} px" if size else "at full resolution"
    print(f"model {args.model} ({where}), {os.cpu_count()} CPU cores\n")
    print("| what | seconds |")
    print("|---|---|")
    print(f"| load the model | {load_s:.2f} |")
    print(f"| first colorization (includes tracing) | {first_s:.2f} |")
    print(f"| colorize 512×512, median of {args.repeat} | {median:.3f} |")
    print(f"| colorize 4000×3000 (12 MP), median of {len(big_times)} | {big_median:.2f} |")
    print(f"| CLI cold start: `colorlab models` | {models_s:.2f} |")
    print(f"| CLI cold start: `colorlab colorize` one photo | {colorize_s:.2f} |")
    for what, seconds in hint_rows:
        print(f"| {what} | {seconds:.3f} |")
    ok = median <= 0.5 and big_median <= 3.0 and all(s <= 0.5 for _, s in hint_rows)
    print(
        f"\ntargets after loading: 512×512 ≤ 0.5 s {'met' if median <= 0.5 else 'NOT met'}; "
        f"12 MP ≤ 3 s {'met' if big_median <= 3.0 else 'NOT met'}"
        + "".join(
            f"; {what.split(',')[0]} ≤ 0.5 s {'met' if s <= 0.5 else 'NOT met'}"
            for what, s in hint_rows
        )
    )
    return 0 if ok else 1


def hint_times(model, repeat: int) -> list[tuple[str, float]]:
    """Median seconds for 10 hints on a 1-megapixel photo, and for one widget update there."""
    from colorlab.widgets.hints import HintSession, to_jpeg

    photo = cl.images.resize(cl.datasets.sample_photo("astronaut"), (864, 1152))
    points = cl.hints.random_hints(photo, 10, np.random.default_rng(0))
    cl.colorize(model, photo, hints=points)  # the first call traces
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        cl.colorize(model, photo, hints=points)
        times.append(time.perf_counter() - start)
    session = HintSession(model, photo)
    for x, y, color in points[:9]:
        session.add(x, y, color)
    session.preview(markers=True)
    updates = []
    for _ in range(repeat):
        start = time.perf_counter()
        session.add(*points[9])  # what one click does (hint_painter's refresh)
        to_jpeg(session.preview(markers=True))
        updates.append(time.perf_counter() - start)
        session.undo()
    return [
        (f"10 hints on 1 MP (1152×864), median of {repeat}", statistics.median(times)),
        (f"widget update on 1 MP (a 10th hint), median of {repeat}", statistics.median(updates)),
    ]


if __name__ == "__main__":
    sys.exit(main())
