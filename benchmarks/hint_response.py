"""Does a hint model use its hints? How much its colors move, and its error, with and without.

A hint model can learn to ignore its hint channels (issue 21's first training did: the same
PSNR at 0 and 20 hints). This checks it in seconds, before the PSNR-vs-hints curve: on
photos of a folder's tuning split, each at the model's working size, it gives 10 hints at
random places with the truth's color there and reports the mean absolute change of ab / 128
that they cause, and the mean ab error with and without them. A model that uses its hints
changes its colors by far more than 0.001 and has a smaller error with them.

    python benchmarks/hint_response.py MODEL.keras [DIR] [--photos 16] [--hints 10]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)

from colorlab import hints  # noqa: E402
from colorlab.color import normalize_ab, rgb_to_lab, to_gray  # noqa: E402
from colorlab.datasets import color_photos, photo_paths, split_with_tuning  # noqa: E402

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "photos" / "imagenet-sample"


def response(model, photos, n_hints: int = 10, seed: int = 0) -> dict[str, float]:
    """Mean |Δab| the hints cause, and the mean ab error (ab / 128) with and without them."""
    rng = np.random.default_rng(seed)
    moved, with_err, without_err = [], [], []
    for rgb in photos:
        truth = normalize_ab(rgb_to_lab(rgb)[..., 1:])
        gray = to_gray(rgb)
        plain = normalize_ab(rgb_to_lab(cl.colorize(model, gray))[..., 1:])
        given = hints.random_hints(rgb, n_hints, rng)
        hinted = normalize_ab(rgb_to_lab(cl.colorize(model, gray, hints=given))[..., 1:])
        moved.append(np.abs(hinted - plain).mean())
        with_err.append(np.abs(hinted - truth).mean())
        without_err.append(np.abs(plain - truth).mean())
    return {
        "photos": len(moved),
        "hints": n_hints,
        "mean_abs_change": float(np.mean(moved)),
        "error_with_hints": float(np.mean(with_err)),
        "error_without": float(np.mean(without_err)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="a hint model: a .keras file or a shipped name")
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--photos", type=int, default=16, help="how many tuning photos")
    parser.add_argument("--hints", type=int, default=10, help="hints per photo")
    args = parser.parse_args(argv)
    try:
        model = cl.load_model(args.model)
        if not hints.takes_hints(model):
            parser.exit(2, f"hint_response: {args.model} has no hint inputs (not a hint model).\n")
        _, tune, _ = split_with_tuning(photo_paths(args.folder))
        photos = [p for p in color_photos(tune[: args.photos]) if cl.metrics.has_color(p)]
    except (cl.ImageError, cl.ModelError) as exc:
        parser.exit(2, f"hint_response: {exc}\n")
    if not photos:
        parser.exit(2, f"hint_response: no color photos among {args.folder}'s tuning photos.\n")
    print(json.dumps(response(model, photos, args.hints), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
