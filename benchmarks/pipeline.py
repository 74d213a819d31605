"""Training speed with the tf.data pipeline vs a Python generator that converts with scikit-image.

Same model (the lesson network, width 16), same batch (32 random 64×64 crops of the training
images), same number of steps. For each: images per second of the whole training step, and
the share of step time spent waiting for the next batch (target for tf.data: ≤ 5%).

    python benchmarks/pipeline.py [--steps 60]
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)

from colorlab import pipeline, training  # noqa: E402

BATCH, CROP = 32, 64


def python_batches(images: np.ndarray, seed: int = 0):
    """The plain way: random crops and flips in NumPy, Lab with scikit-image, per batch."""
    rng = np.random.default_rng(seed)
    n, h, w, _ = images.shape
    while True:
        idx = rng.integers(0, n, BATCH)
        tops, lefts = rng.integers(0, h - CROP + 1, BATCH), rng.integers(0, w - CROP + 1, BATCH)
        crops = np.stack(
            [
                images[i, t : t + CROP, s : s + CROP]
                for i, t, s in zip(idx, tops, lefts, strict=True)
            ]
        )
        flip = rng.random(BATCH) < 0.5
        crops[flip] = crops[flip, :, ::-1]
        L, ab = cl.split_lab(cl.rgb_to_lab(crops))
        yield L, cl.normalize_ab(ab)


def run(batches, steps: int) -> tuple[float, float]:
    """(images per second, share of time waiting for data) over ``steps`` training steps."""
    model = cl.models.lesson_model(width=16, seed=0)
    it = iter(batches)
    model.train_on_batch(*next(it))  # build and trace once, not timed
    waiting = total = 0.0
    for _ in range(steps):
        t0 = time.perf_counter()
        L, y = next(it)
        t1 = time.perf_counter()
        model.train_on_batch(L, y)
        t2 = time.perf_counter()
        waiting += t1 - t0
        total += t2 - t0
    return steps * BATCH / total, waiting / total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args(argv)
    images, _ = training.training_images()
    tf_rate, tf_wait = run(
        pipeline.dataset(images, crop=CROP, batch_size=BATCH, repeat=True), args.steps
    )
    py_rate, py_wait = run(python_batches(images), args.steps)
    print(f"{args.steps} steps of batch {BATCH} ({CROP}×{CROP} crops), lesson network width 16\n")
    print("| input pipeline | images / s | waiting for data |")
    print("|---|---|---|")
    print(f"| tf.data (in-graph Lab, prefetch) | {tf_rate:.0f} | {tf_wait:.1%} |")
    print(f"| Python generator + scikit-image | {py_rate:.0f} | {py_wait:.1%} |")
    print(
        f"\ntf.data is {tf_rate / py_rate:.1f}× faster; waiting target ≤ 5%: "
        f"{'met' if tf_wait <= 0.05 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
