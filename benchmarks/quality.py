"""Quality on data no model trained on: gray baseline, the article's MSE network, shipped models.

Held-out data: 60 procedural scenes (seed 10,500, 96×96) and the bundled photos that no
shipped model trained on (rocket, grace_hopper, shorter side 256). The article's network
(benchmarks/alpha.py's plan) is trained here the same way as the shipped models and lesson
07: same data, augmentation and steps (about 2 minutes).

    python benchmarks/quality.py [--json] [--epochs 30]
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)

from colorlab import metrics, training  # noqa: E402
from colorlab.saving import shipped_models  # noqa: E402


def measure(model, data) -> dict:
    return {
        where: metrics.mean_report([metrics.report(x, cl.colorize(model, x)) for x in images])
        for where, images in data.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--epochs", type=int, default=30, help="for the article's network")
    args = parser.parse_args(argv)

    data = cl.datasets.heldout_set()
    rows: dict[str, dict] = {}
    start = time.perf_counter()
    article = cl.models.article_model(seed=0)
    images, _ = cl.datasets.training_images()
    training.fit_many(article, images, epochs=args.epochs, steps_per_epoch=50)
    article_seconds = time.perf_counter() - start
    first = measure(article, data)
    rows["gray baseline"] = {w: r["gray"] for w, r in first.items()}
    rows["article MSE network"] = {w: r["model"] for w, r in first.items()}
    for name in shipped_models():
        rows[name] = {w: r["model"] for w, r in measure(cl.load_model(name), data).items()}

    scenes = {name: r["scenes"] for name, r in rows.items()}
    checks = {}
    # The scene models must beat gray on scenes; the photo model is measured on real
    # photos (its card, `colorlab evaluate DIR --validation`), not on painted scenes.
    for name in [n for n in shipped_models() if n.startswith("scenes_")]:
        checks[f"{name} beats gray on PSNR (scenes)"] = (
            scenes[name]["psnr"] > scenes["gray baseline"]["psnr"]
        )
        checks[f"{name} beats gray on ΔCF (scenes)"] = (
            scenes[name]["delta_cf"] < scenes["gray baseline"]["delta_cf"]
        )
    if "scenes_classification" in scenes:
        checks["classification ΔCF ≤ ½ article MSE ΔCF (scenes)"] = (
            scenes["scenes_classification"]["delta_cf"]
            <= 0.5 * scenes["article MSE network"]["delta_cf"]
        )

    if args.json:
        print(
            json.dumps(
                {"rows": rows, "checks": checks, "article_train_seconds": round(article_seconds, 1)}
            )
        )
        return 0 if all(checks.values()) else 1
    for where in ("scenes", "photos"):
        print(
            f"\nheld-out {where}: "
            + ("60 scenes, 96×96" if where == "scenes" else ", ".join(cl.datasets.HELDOUT_PHOTOS))
        )
        table = [(name, r[where]) for name, r in rows.items()]
        print(metrics.report_table(table, sides=None, markdown=True, headers=("colorizer",)))
    print(f"\n(article network trained {args.epochs}×50 steps in {article_seconds:.0f} s)")
    for what, ok in checks.items():
        print(f"{'✓' if ok else '✗'} {what}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
