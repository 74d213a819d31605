"""The article's original recipe vs. the network lesson 05 teaches, on one 400×400 photo.

(a) recipe: the article's Sequential network exactly (colorlab.models.article_model): input L
    unscaled (0-100), RMSprop, MSE, batch 1, 1000 epochs.
(b) lesson: colorlab.models.lesson_model trained as notebook 05 trains it
    (colorlab.training.fit_photo, LESSON_EPOCHS epochs of 10 steps).

Prints each one's PSNR on that photo (and the gray baseline's) and its wall time.

    python benchmarks/alpha.py                    # default photo: astronaut, center 400×400
    python benchmarks/alpha.py --photo my.jpg --json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import colorlab as cl  # noqa: E402
from colorlab.colorize import colorize  # noqa: E402
from colorlab.images import center_crop  # noqa: E402
from colorlab.metrics import gray_psnr, psnr  # noqa: E402
from colorlab.training import fit_photo, photo_xy  # noqa: E402

#: What notebook 05 uses for the improved network (kept here so both stay in step).
LESSON_EPOCHS = 20
LESSON_WIDTH = 16


def run_recipe(rgb, epochs: int, seed: int = 0) -> dict:
    from colorlab.models import article_model

    model = article_model(seed)
    X, Y = photo_xy(rgb)
    start = time.perf_counter()
    model.fit(X, Y, batch_size=1, epochs=epochs, verbose=0)
    seconds = time.perf_counter() - start
    return {"psnr": psnr(rgb, colorize(model, rgb)), "seconds": seconds, "epochs": epochs}


def run_lesson(rgb, epochs: int = LESSON_EPOCHS, seed: int = 0) -> dict:
    from colorlab.models import lesson_model

    model = lesson_model(LESSON_WIDTH, seed=seed)
    start = time.perf_counter()
    fit_photo(model, rgb, epochs=epochs)
    seconds = time.perf_counter() - start
    return {"psnr": psnr(rgb, colorize(model, rgb)), "seconds": seconds, "epochs": epochs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photo", help="a color photo (default: the bundled astronaut)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--recipe-epochs", type=int, default=1000, help="(default: 1000)")
    parser.add_argument("--lesson-epochs", type=int, default=LESSON_EPOCHS)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    cl.setup(seed=args.seed, plots=False)
    try:
        rgb = cl.load_image(args.photo) if args.photo else cl.datasets.sample_photo("astronaut")
    except cl.ImageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rgb = center_crop(rgb, 400)
    recipe = run_recipe(rgb, args.recipe_epochs, args.seed)
    lesson = run_lesson(rgb, args.lesson_epochs, args.seed)
    result = {
        "recipe": {"psnr": round(recipe["psnr"], 3), "seconds": round(recipe["seconds"], 2)},
        "lesson": {"psnr": round(lesson["psnr"], 3), "seconds": round(lesson["seconds"], 2)},
        "gray_psnr": round(gray_psnr(rgb), 3),
    }
    if args.json:
        print(json.dumps(result))
        return 0
    photo = args.photo or "astronaut (bundled)"
    print(f"photo: {photo}, center 400×400; PSNR in dB against the original (higher is better)\n")
    print("| network | epochs | PSNR (dB) | wall time (s) |")
    print("|---|---|---|---|")
    print(f"| gray baseline (ab = 0) | – | {result['gray_psnr']:.2f} | – |")
    for name, r, raw in (
        ("(a) article recipe", result["recipe"], recipe),
        ("(b) lesson 05 network", result["lesson"], lesson),
    ):
        print(f"| {name} | {raw['epochs']} | {r['psnr']:.2f} | {r['seconds']:.1f} |")
    ratio = recipe["seconds"] / max(lesson["seconds"], 1e-9)
    ok = lesson["psnr"] >= recipe["psnr"] and ratio >= 10
    print(
        f"\n(b) is {ratio:.1f}× faster; target (PSNR ≥ (a)'s in ≤ 1/10 of its time): "
        f"{'met' if ok else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
