"""Training speed with the tf.data pipeline vs a Python generator that converts with scikit-image.

Same model (the lesson network, width 16), same batch (32 random 64×64 crops of the training
images, with the same random zoom and flips), same number of steps. For each: images per
second of the whole training step (model.fit), how much slower that is than the same steps
fed one cached batch, and the share of time a step-by-step loop is blocked waiting for the
next batch (target for tf.data: ≤ 5%).

    python benchmarks/pipeline.py [--steps 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)

from colorlab import pipeline  # noqa: E402

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


def blocked_share(batches, steps: int) -> float:
    """Share of a training loop's time spent blocked on ``next(batches)`` (step by step)."""
    model = cl.models.lesson_model(width=16, seed=0)
    it = iter(batches)
    model.train_on_batch(*next(it))  # build and trace, not timed
    blocked = total = 0.0
    for _ in range(steps):
        t0 = time.perf_counter()
        L, y = next(it)
        t1 = time.perf_counter()
        model.train_on_batch(L, y)
        blocked += t1 - t0
        total += time.perf_counter() - t0
    return blocked / total


def fit_seconds(data, steps: int) -> float:
    """Wall time of ``model.fit`` for ``steps`` steps (after one untimed warm-up call)."""
    import tensorflow as tf

    model = cl.models.lesson_model(width=16, seed=0)
    if not isinstance(data, tf.data.Dataset):
        batches = data  # a Python generator: Keras pulls from it between steps
        data = tf.data.Dataset.from_generator(
            lambda: batches,
            output_signature=(
                tf.TensorSpec((BATCH, CROP, CROP, 1), tf.float32),
                tf.TensorSpec((BATCH, CROP, CROP, 2), tf.float32),
            ),
        )
    model.fit(data, steps_per_epoch=10, epochs=1, verbose=0)  # build, trace, fill buffers
    start = time.perf_counter()
    model.fit(data, steps_per_epoch=steps, epochs=1, verbose=0)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    import tensorflow as tf

    images, _ = cl.datasets.training_images()
    pipe = pipeline.dataset(images, crop=CROP, batch_size=BATCH, repeat=True)
    # The training step alone: one batch, already in memory, fed again and again.
    cached = tf.data.Dataset.from_tensors(next(iter(pipe))).repeat()
    feeds = {
        "cached": cached,
        "tf.data (in-graph Lab, prefetch)": pipe,
        "Python generator + scikit-image": None,
    }
    # Timings on a shared 2-core machine wander by tens of percent from run to run, so every
    # feed is timed --repeat times, interleaved, and the best time counts.
    best = dict.fromkeys(feeds, float("inf"))
    for _ in range(args.repeat):
        for name, data in feeds.items():
            data = python_batches(images) if data is None else data
            best[name] = min(best[name], fit_seconds(data, args.steps))
    pure = best.pop("cached")
    rows = list(best.items())
    print(
        f"{args.steps} training steps (model.fit) of batch {BATCH}, {CROP}×{CROP} crops with "
        f"zoom and flips, lesson network width 16, {os.cpu_count()} cores\n"
    )
    blocked = {
        rows[0][0]: blocked_share(pipe, args.steps),
        rows[1][0]: blocked_share(python_batches(images), args.steps),
    }
    print(
        "| input | images / s (model.fit) | slower than no input work | "
        "blocked waiting for the next batch |"
    )
    print("|---|---|---|---|")
    print(f"| (no input work: one cached batch) | {args.steps * BATCH / pure:.0f} | – | – |")
    for name, seconds in rows:
        slower = max(0.0, seconds - pure) / seconds
        print(
            f"| {name} | {args.steps * BATCH / seconds:.0f} | {slower:.1%} | {blocked[name]:.1%} |"
        )
    speedup = rows[1][1] / rows[0][1]
    ok = blocked[rows[0][0]] <= 0.05
    print(
        f"\ntf.data is {speedup:.1f}× the speed of the generator; time blocked waiting for "
        f"data ≤ 5%: {'met' if ok else 'NOT met'}. ('Slower than no input work' also counts "
        "the cores the input work takes from the training step.)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
