"""Does averaging the photo model's colors over the photo and its mirror image help?

Test-time flipping: colorize a photo and its left-right mirror, mirror the second result
back and average the two ab predictions. The network sees the same content from another
side, so the colors it is unsure of (where the two disagree) fade, and the ones it is sure
of stay. This script measures the shipped photo model with and without it, at a few
temperatures, on the tuning or the validation photos of a folder (the split of
``colorlab evaluate --validation``; each photo at its own resolution, B&W left out).

    python benchmarks/photo_flip.py [DIR] [--split tuning|validation] [--temperatures 0.25,0.35]

About 40 s per temperature and variant for 100 photos on 2 cores. Not part of the shipped
colorize: on the tuning photos it moved along the PSNR-colorfulness trade-off rather than
past it (issue 20's closing note of 2026-12-07 has the figures).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)

FOLDER = Path(__file__).resolve().parents[1].parent / "shared" / "photos" / "imagenet-sample"


def flipped_predict_ab(predict_ab):
    """A ``predict_ab`` that averages the prediction of L and of its mirror image."""

    def predict(model, L, stride=None):
        direct = predict_ab(model, L, stride)
        mirrored = predict_ab(model, np.ascontiguousarray(L[:, ::-1]), stride)[:, ::-1]
        return (direct + mirrored) / 2

    return predict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER)
    parser.add_argument("--split", choices=("tuning", "validation"), default="tuning")
    parser.add_argument("--temperatures", default="0.25", help="comma-separated, e.g. 0.25,0.35")
    parser.add_argument("--model", default="photos")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import train_weights as tw

    from colorlab.datasets import photo_paths, split_with_tuning

    try:
        _, tune, val = split_with_tuning(photo_paths(args.folder))
    except cl.ImageError as problem:  # no such folder, or a file
        parser.error(str(problem))
    paths = tune if args.split == "tuning" else val
    if not paths:
        parser.error(
            f"{args.folder} has too few photos for a {args.split} split: "
            "give a folder of some 20 or more."
        )
    model = cl.load_model(args.model)
    # colorize looks predict_ab up in its module at call time: swap it for the flipped one.
    module = sys.modules["colorlab.colorize"]
    plain = module.predict_ab
    for variant in ("plain", "flipped"):
        module.predict_ab = plain if variant == "plain" else flipped_predict_ab(plain)
        for t in (float(x) for x in args.temperatures.split(",")):
            start = time.perf_counter()
            result = tw.measure(args.folder, model, paths, temperature=t)
            seconds = time.perf_counter() - start
            print(json.dumps({"variant": variant, "split": args.split, **result}))
            print(f"  ({seconds:.0f} s)", file=sys.stderr)
    module.predict_ab = plain
    return 0


if __name__ == "__main__":
    sys.exit(main())
