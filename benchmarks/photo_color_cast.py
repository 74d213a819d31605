"""How much of a photo colorizer's score is each photo's overall color, and can lightness tell it?

A photo's *cast* is its mean color (the mean a and b over its pixels). On a folder's
validation photos (every 10th in sorted order, as ``colorlab evaluate --validation``) this
script measures:

1. the gain in PSNR over the gray photo of the shipped photo model; of a constant tint
   (a fraction of the training photos' mean cast, the fraction chosen on the tuning photos,
   with every fraction's gain on both splits); and of an oracle that knows each photo's
   cast and paints it flat over the photo's own lightness (alone and added to the model's
   colors);
2. how well lightness predicts the cast (the correlation with the true cast, a and b): the
   model's own cast, a ridge regression on lightness statistics (layout, contrast, edges,
   histogram; its strength chosen on the tuning photos) and, for ImageNet-style names
   (``n01440764_tench.jpg``), the mean cast of the training photos of neighbouring classes
   (an oracle given a coarse hint of *what* is in the photo);
3. what a cast predictor with a given correlation would gain (simulated: the true cast
   shrunk toward the mean plus noise, scaled by the factor that does best on the tuning
   photos), so the correlation a +0.5 dB model needs can be read off.

    python benchmarks/photo_color_cast.py [DIR] [--json]     # DIR: ../shared/photos/imagenet-sample

About a minute on 2 cores for 1,000 photos of at most 256 px.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
from scipy import ndimage as ndi
from skimage.transform import resize

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)

from colorlab import metrics  # noqa: E402
from colorlab.datasets import photo_paths, split_with_tuning  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "photos" / "imagenet-sample"
IMAGENET_NAME = re.compile(r"^n\d{8}_")
RHOS = (0.3, 0.5, 0.6, 0.7, 0.8)
SHRINKS = (0.25, 0.4, 0.6, 0.8, 1.0)
TINTS = (0.125, 0.25, 0.5, 1.0)
MIN_PHOTOS = 20  # training photos with color: fewer give no usable mean or spread of casts


def load(paths, size=None) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(name, RGB, Lab) of each photo with color; the gray ones have no cast to predict.

    A file that cannot be read is skipped with one line on stderr, as ``colorlab evaluate``
    does.
    """
    out = []
    for p in paths:
        try:
            rgb = cl.load_image(p, size=size)
        except cl.ImageError as problem:
            print(f"skipped: {problem}", file=sys.stderr)
            continue
        if metrics.has_color(rgb):
            out.append((p.name, rgb, cl.rgb_to_lab(rgb)))
    return out


def cast(lab: np.ndarray) -> np.ndarray:
    return lab[..., 1:].reshape(-1, 2).mean(0)


def gains(photos, ab_of) -> np.ndarray:
    """Per photo: PSNR of L with ``ab_of(i, lab)`` (a flat cast or a full ab plane) minus gray's."""
    out = []
    for i, (_, rgb, lab) in enumerate(photos):
        colored = lab.copy()
        colored[..., 1:] = ab_of(i, lab)
        out.append(metrics.psnr(rgb, cl.lab_to_rgb(colored)) - metrics.gray_psnr(rgb))
    return np.array(out)


def summary(g: np.ndarray) -> dict:
    return {"gain": float(g.mean()), "above_gray": float((g > 0).mean())}


def lightness_features(lab: np.ndarray) -> np.ndarray:
    """Coarse statistics of lightness: 8×8 layout, local contrast, 4×4 edges, histogram."""
    L = resize(lab[..., 0] / 100, (64, 64), anti_aliasing=True)
    grid = resize(L, (8, 8), anti_aliasing=True)
    spread = np.sqrt(np.maximum(resize(L**2, (8, 8), anti_aliasing=True) - grid**2, 0))
    edges = resize(np.hypot(ndi.sobel(L, 0), ndi.sobel(L, 1)), (4, 4), anti_aliasing=True)
    hist = np.histogram(L, 16, (0, 1))[0] / L.size
    return np.concatenate([grid.ravel(), spread.ravel(), edges.ravel(), hist, [L.mean(), L.std()]])


def correlation(pred: np.ndarray, truth: np.ndarray) -> list[float]:
    return [float(np.corrcoef(pred[:, j], truth[:, j])[0, 1]) for j in (0, 1)]


def ridge_casts(train, tune, val) -> tuple[np.ndarray, float]:
    """Ridge regression from lightness statistics to the cast; λ chosen on ``tune``.

    Written with NumPy (its closed form is one line) rather than adding scikit-learn to the
    project for one benchmark.
    """
    X = [np.array([lightness_features(lab) for _, _, lab in s]) for s in (train, tune, val)]
    Y = np.array([cast(lab) for _, _, lab in train])
    mu, sd = X[0].mean(0), X[0].std(0) + 1e-6
    X = [(x - mu) / sd for x in X]
    truth_tune = np.array([cast(lab) for _, _, lab in tune])
    best = None
    for lam in (1.0, 10.0, 100.0, 1000.0, 10000.0):
        W = np.linalg.solve(X[0].T @ X[0] + lam * np.eye(X[0].shape[1]), X[0].T @ (Y - Y.mean(0)))
        score = np.mean(correlation(X[1] @ W, truth_tune))
        if best is None or score > best[0]:
            best = (score, lam, W)
    return X[2] @ best[2] + Y.mean(0), best[1]


def class_neighbour_casts(all_names, train, val, groups: int = 10) -> np.ndarray | None:
    """The mean training cast of the photo's block of classes (ImageNet ids in sorted order)."""
    if not all(IMAGENET_NAME.match(n) for n in all_names):
        return None
    rank = {n: i * groups // len(all_names) for i, n in enumerate(sorted(all_names))}
    means = {}
    for g in range(groups):
        members = [cast(lab) for n, _, lab in train if rank[n] == g]
        means[g] = np.mean(members, axis=0) if members else np.zeros(2)
    return np.array([means[rank[n]] for n, _, _ in val])


def predictor_gain(tune, val, mean_cast, cov, rho: float) -> dict:
    """Gain of a simulated cast predictor with correlation ``rho``, its scale fitted on ``tune``."""
    sd = np.sqrt(np.diag(cov))

    def run(photos, shrink, draws):
        rng = np.random.default_rng(0)
        out = []
        for _ in range(draws):
            noise = rng.standard_normal((len(photos), 2)) * sd
            guess = [
                shrink
                * (mean_cast + rho**2 * (cast(lab) - mean_cast) + rho * (1 - rho**2) ** 0.5 * e)
                for (_, _, lab), e in zip(photos, noise, strict=True)
            ]
            out.append(gains(photos, lambda i, lab, guess=guess: guess[i]))
        return np.concatenate(out)

    shrink = max(SHRINKS, key=lambda s: run(tune, s, 2).mean())
    return {"rho": rho, "scale": shrink, **summary(run(val, shrink, 4))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: no such folder; give a folder of color photos.", file=sys.stderr)
        return 2
    paths = photo_paths(args.folder)
    train_paths, tune_paths, val_paths = split_with_tuning(paths)
    print(f"loading {len(paths)} photos from {args.folder}", file=sys.stderr, flush=True)
    train = load(train_paths, size=64)
    tune, val = load(tune_paths), load(val_paths)
    if len(train) < MIN_PHOTOS or min(len(tune), len(val)) < 3:
        print(
            f"{args.folder}: {len(train)} training, {len(tune)} tuning and {len(val)} "
            f"validation photos with color; this needs at least {MIN_PHOTOS} training photos "
            "and 3 of each other kind (a folder of about 100 color photos or more).",
            file=sys.stderr,
        )
        return 2
    train_casts = np.array([cast(lab) for _, _, lab in train])
    mean_cast, cov = train_casts.mean(0), np.cov(train_casts.T)

    model = cl.load_model("photos")
    model_ab = [cl.rgb_to_lab(cl.colorize(model, rgb))[..., 1:] for _, rgb, _ in val]
    tints = {
        s: {
            split: summary(gains(photos, lambda i, lab, s=s: s * mean_cast))
            for split, photos in (("tuning", tune), ("validation", val))
        }
        for s in TINTS
    }
    tint = max(TINTS, key=lambda s: tints[s]["tuning"]["gain"])
    scores = {
        "shipped photo model": summary(gains(val, lambda i, lab: model_ab[i])),
        f"constant tint ({tint:g} × the training mean cast, chosen on tuning)": tints[tint][
            "validation"
        ],
        "oracle: each photo's own cast, flat": summary(gains(val, lambda i, lab: cast(lab))),
        "oracle cast added to the model's colors": summary(
            gains(
                val,
                lambda i, lab: model_ab[i] - model_ab[i].reshape(-1, 2).mean(0) + cast(lab),
            )
        ),
    }
    truth = np.array([cast(lab) for _, _, lab in val])
    ridge, lam = ridge_casts(train, tune, val)
    correlations = {
        "shipped photo model": correlation(
            np.array([ab.reshape(-1, 2).mean(0) for ab in model_ab]), truth
        ),
        f"ridge on lightness statistics (λ = {lam:g})": correlation(ridge, truth),
    }
    neighbours = class_neighbour_casts([p.name for p in paths], train, val)
    if neighbours is not None:
        block = f"oracle: mean cast of the photo's block of {len(paths) // 10} classes"
        correlations[block] = correlation(neighbours, truth)
    needed = [predictor_gain(tune, val, mean_cast, cov, rho) for rho in RHOS]
    result = {
        "folder": str(args.folder),
        "validation photos with color": len(val),
        "training mean cast (a, b)": [float(v) for v in mean_cast],
        "gain over gray": scores,
        "constant tints (fraction of the training mean cast)": {
            f"{k:g}": v for k, v in tints.items()
        },
        "correlation with the true cast (a, b)": correlations,
        "simulated cast predictors": needed,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{len(val)} validation photos with color; training mean cast a, b = {mean_cast.round(2)}"
    )
    print("\n| colors | gain over gray (dB) | above gray |\n|---|---|---|")
    for name, s in scores.items():
        print(f"| {name} | {s['gain']:+.2f} | {s['above_gray']:.0%} |")
    print("\n| constant tint × mean cast | tuning gain | validation gain | validation above gray |")
    print("|---|---|---|---|")
    for k, v in tints.items():
        t, w = v["tuning"], v["validation"]
        print(f"| {k:g} | {t['gain']:+.2f} | {w['gain']:+.2f} | {w['above_gray']:.0%} |")
    print("\n| cast predicted by | correlation a | correlation b |\n|---|---|---|")
    for name, (a, b) in correlations.items():
        print(f"| {name} | {a:.2f} | {b:.2f} |")
    print("\n| simulated cast predictor: correlation | scale (tuning) | gain | above gray |")
    print("|---|---|---|---|")
    for r in needed:
        print(f"| {r['rho']:.1f} | {r['scale']:g} | {r['gain']:+.2f} | {r['above_gray']:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
