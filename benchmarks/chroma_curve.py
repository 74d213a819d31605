"""Can a curve on the photo model's chroma beat its temperature's trade-off?

The photo model's colors are faint and warm where it is unsure and stronger where it is
sure. This script tries a curve on each pixel's ab after colorizing,
``ab' = m · ab · (|ab| / k) ** g``: with g > 0 it fades faint tints (toward gray, where a
nearly gray photo scores best) and strengthens strong colors (toward the truth's
colorfulness); with g = 0 it only scales every color by m. Each setting is measured on the
tuning photos of a folder (the split of ``colorlab evaluate --validation``: each photo at
its own resolution, B&W left out); the five with the smallest ΔCF among those at least
+0.3 dB over gray there (the card's rule), and the plain model, are then measured on the
validation photos.

    python benchmarks/chroma_curve.py [DIR] [--temperature 0.3]

About 90 s for 200 photos on 2 cores (each photo is colorized once; the curves reuse its
ab). Not part of the shipped colorize: every curve with g > 0 lost PSNR without gaining
colorfulness, and scaling (g = 0) moved along the temperature's trade-off (issue 20's
closing note of 2026-12-07 has the figures).
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

import numpy as np

import colorlab as cl
from colorlab import metrics

cl.setup(seed=0, plots=False, tensorflow=True)

FOLDER = Path(__file__).resolve().parents[1].parent / "shared" / "photos" / "imagenet-sample"
#: The curves tried: overall scale m, the chroma k at which a color is kept as it is, power g.
SCALES, KNEES, POWERS = (0.8, 1.0, 1.2, 1.5), (5, 10, 20), (0.0, 0.25, 0.5, 1.0)


def colorized(model, paths, temperature: float) -> list[tuple]:
    """(truth, its L, the model's ab, the truth's CF, gray's PSNR) for each color photo."""
    out = []
    for truth in cl.datasets.color_photos(paths):  # B&W and unreadable files left out
        lab = cl.rgb_to_lab(cl.colorize(model, cl.to_gray(truth), temperature=temperature))
        out.append(
            (
                truth,
                lab[..., :1],
                lab[..., 1:],
                metrics.colorfulness(truth),
                metrics.gray_psnr(truth),
            )
        )
    return out


def score(photos: list[tuple], m: float, k: float, g: float) -> dict[str, float]:
    """Mean gain over gray (and its standard error), ΔCF and share above gray of one curve."""
    gains, gaps = [], []
    for truth, L, ab, truth_cf, gray in photos:
        chroma = np.maximum(np.linalg.norm(ab, axis=-1, keepdims=True), 1e-6)
        factor = m * (chroma / k) ** g if g else m
        rgb = cl.lab_to_rgb(np.concatenate([L, np.clip(ab * factor, -127, 127)], axis=-1))
        gains.append(metrics.psnr(truth, rgb) - gray)
        gaps.append(abs(metrics.colorfulness(rgb) - truth_cf))
    gains = np.array(gains)
    return {
        "gain": float(gains.mean()),
        "se": float(gains.std(ddof=1) / np.sqrt(len(gains))),
        "delta_cf": float(np.mean(gaps)),
        "above_gray": float((gains > 0).mean()),
    }


def line(name: str, s: dict[str, float]) -> str:
    """One printed row of a score."""
    return (
        f"{name}: {s['gain']:+.2f} dB over gray (SE {s['se']:.2f}), ΔCF {s['delta_cf']:.3f}, "
        f"above gray on {s['above_gray']:.0%}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER)
    parser.add_argument("--temperature", type=float, default=0.3)
    parser.add_argument("--model", default="photos")
    args = parser.parse_args(argv)
    from colorlab.datasets import photo_paths, split_with_tuning

    try:
        _, tune_paths, val_paths = split_with_tuning(photo_paths(args.folder))
    except cl.ImageError as problem:  # no such folder, or a file
        parser.error(str(problem))
    start = time.perf_counter()
    model = cl.load_model(args.model)
    tune = colorized(model, tune_paths, args.temperature)
    val = colorized(model, val_paths, args.temperature)
    if len(tune) < 2 or len(val) < 2:
        parser.error(
            f"{args.folder} gives {len(tune)} tuning and {len(val)} validation color photos: "
            "the splits need at least 2 each (a folder of 20 or more color photos)."
        )
    print(f"T = {args.temperature:g}: {len(tune)} tuning and {len(val)} validation photos")
    rows = []
    for m, k, g in itertools.product(SCALES, KNEES, POWERS):
        if g == 0 and k != KNEES[1]:
            continue  # k does nothing without a power
        rows.append(((m, k, g), score(tune, m, k, g)))
        print(line(f"tuning m {m:g} k {k:g} g {g:g}", rows[-1][1]), flush=True)
    keep = sorted((r for r in rows if r[1]["gain"] >= 0.3), key=lambda r: r[1]["delta_cf"])
    plain = [r for r in rows if r[0] == (1.0, KNEES[1], 0.0)]
    for (m, k, g), _ in keep[:5] + plain:
        print(line(f"VALIDATION m {m:g} k {k:g} g {g:g}", score(val, m, k, g)), flush=True)
    print(f"done in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
