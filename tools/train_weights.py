"""Train the shipped models, measure them, and write their model cards.

    python tools/train_weights.py                       # the scene models (make weights)
    python tools/train_weights.py scenes_fusion
    python tools/train_weights.py --photos DIR          # the photo model (make weights PHOTOS=DIR)

Seeded: the same command gives the same models on the same machine and library versions.
Each model NAME gets colorlab/weights/NAME.keras, NAME.json (the card's data) and NAME.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)

from colorlab import bins as B  # noqa: E402
from colorlab import metrics, models, training  # noqa: E402
from colorlab.saving import WEIGHTS  # noqa: E402

EPOCHS, STEPS, CROP, BATCH, WIDTH = 30, 50, 64, 32, 16
COMMAND = "make weights"
GOOD_AT_BAD_AT = (
    "Good at the procedural scenes it was made for (skies, water, grass, trees, snow, sand, "
    "sunsets) at the sizes it trained on, about 64-128 pixels; much larger scenes look "
    "different to it and it loses its way. Bad at real photos: it has seen only four, so on "
    "portraits, objects and street scenes it paints sky and grass colors where they do not "
    "belong, and usually scores below the gray baseline there. Use it to learn how "
    "colorization works, not to restore family photos."
)


def data():
    images, labels = training.training_images()
    val, _ = cl.datasets.scenes(100, 80, seed=training.HELDOUT_SCENE_SEED)
    return images, labels, val


def heldout_quality(model) -> dict:
    """Mean metrics on 60 held-out scenes and on the held-out bundled photos, gray beside."""
    scenes, _ = cl.datasets.scenes(60, 96, seed=training.HELDOUT_SCENE_SEED + 500)
    out = {
        "scenes": metrics.mean_report([metrics.report(x, cl.colorize(model, x)) for x in scenes])
    }
    photos = [cl.datasets.sample_photo(n, size=256) for n in training.HELDOUT_PHOTOS]
    out["photos"] = metrics.mean_report([metrics.report(x, cl.colorize(model, x)) for x in photos])
    return out


def train_regression(images, labels, val):
    model = models.lesson_model(WIDTH, seed=0)
    training.fit_many(model, images, EPOCHS, STEPS, CROP, BATCH, validation=val)
    return model, {"loss": "MSE on ab/128"}


def train_fusion(images, labels, val):
    scenes = images[labels >= 0]
    L = cl.split_lab(cl.rgb_to_lab(scenes))[0]
    classifier = models.scene_classifier(len(cl.datasets.SCENE_CATEGORIES), seed=0)
    hist = classifier.fit(
        L, labels[labels >= 0], epochs=8, batch_size=32, verbose=0, validation_split=0.1
    )
    model = models.fusion_model(models.embedding_model(classifier), WIDTH, seed=0)
    training.fit_many(model, images, EPOCHS, STEPS, CROP, BATCH, validation=val)
    return model, {
        "loss": "MSE on ab/128",
        "scene classifier validation accuracy": round(float(hist.history["val_accuracy"][-1]), 3),
    }


def train_classification(images, labels, val):
    bins = B.gamut_bins()
    ab = cl.split_lab(cl.rgb_to_lab(images[::4, ::4, ::4]))[1]
    weights = B.class_weights(ab, bins, lam=0.5)
    train, colorizer = models.classification_model(bins, WIDTH, seed=0)
    training.fit_many(
        train,
        images,
        EPOCHS,
        STEPS,
        CROP,
        BATCH,
        validation=val,
        targets=training.classification_targets(bins, weights),
    )
    return colorizer, {
        "loss": "cross-entropy on soft-encoded ab bins (grid 10, "
        f"{len(bins)} in-gamut bins), class rebalancing λ = 0.5",
        "decoding": "annealed mean, T = 0.38",
    }


MODELS = {
    "scenes_regression": (
        train_regression,
        "Lesson 07's network (MSE regression) on scenes "
        "and photo crops: the plain baseline, a little dull.",
    ),
    "scenes_fusion": (
        train_fusion,
        "Lesson 08's network with a scene classifier's global features fused in; "
        "on these small scenes no better than regression (see its card).",
    ),
    "scenes_classification": (
        train_classification,
        "Lesson 09's network: colorization as classification over ab bins; "
        "the most vivid (lowest ΔCF on held-out scenes).",
    ),
}


NOTES = {
    "scenes_fusion": (
        "On these 64-96 px scenes the lesson network's receptive field (about 60 px) already "
        "covers nearly the whole picture, so the fused global vector adds little; it is also "
        "trained on crops its frozen classifier never saw. Lesson 08 shows where fusion does "
        "matter (`cl.datasets.two_skies`)."
    ),
}


def card(name: str, summary: str, settings: dict, seconds: float, quality: dict) -> str:
    rows = []
    for where, rep in quality.items():
        for side in ("model", "gray"):
            r = rep[side]
            rows.append(
                f"| {where} | {'this model' if side == 'model' else 'gray baseline'} | "
                + " | ".join(f"{r[k]:.3f}" for k in metrics.METRICS)
                + " |"
            )
    header = "| held-out data | colorizer | " + " | ".join(metrics.METRICS) + " |"
    return (
        "\n".join(
            [
                f"# {name}",
                "",
                summary,
                "",
                "## Training",
                "",
                "- data: 1,200 procedural scenes (`cl.datasets.scenes(1200, 80, seed=0)`) plus 160 "
                f"random 80×80 crops of the bundled photos {', '.join(training.TRAIN_PHOTOS)}",
                f"- settings: {EPOCHS} epochs × {STEPS} steps, batch {BATCH}, random {CROP}×{CROP} "
                f"crops with zoom and flips, width {WIDTH}, Adam 2e-3, seed 0; "
                + "; ".join(f"{k}: {v}" for k, v in settings.items()),
                f"- time: {seconds:.0f} s on {platform.machine()} with 2 CPU cores",
                f"- reproduce: `{COMMAND}` (runs `python tools/train_weights.py`)",
                "",
                "## Measured quality",
                "",
                "On 60 held-out scenes (seed 10,500, 96×96, never trained on) and on the held-out "
                f"bundled photos {', '.join(training.HELDOUT_PHOTOS)} (256 px): PSNR (dB), SSIM, "
                "colorfulness CF, ΔCF = |CF − CF(truth)|, AuC of the ab error (0-150).",
                "",
                header,
                "|" + "---|" * (2 + len(metrics.METRICS)),
                *rows,
                "",
                "## Good at, bad at",
                "",
                GOOD_AT_BAD_AT,
                *(["", NOTES[name]] if name in NOTES else []),
            ]
        )
        + "\n"
    )


# ------------------------------------------------------------------ the photo model

#: The photo model's recipe: working size, first-layer width, batch, steps per epoch,
#: epochs (≈ 40 minutes on 2 cores), Adam's starting step size.
PHOTO = dict(size=128, width=32, batch=16, steps=100, epochs=4, learning_rate=3e-4)
PHOTO_LICENSE = (
    "trained on 1,000 ImageNet sample photos (one per class); ImageNet images remain the "
    "property of their owners and are used for non-commercial research and teaching"
)
PHOTO_SUMMARY = (
    "The photo colorizer (lessons 10-11): trained on ~900 real photos; a faint, mostly warm "
    "tint that beats the gray baseline on two thirds of photos it never saw; the default."
)
PHOTO_GOOD_AT_BAD_AT = """\
Good at: doing no harm. It learned the average look of color photos: a faint, mostly warm
tint, a little stronger on skin, fur, wood, sand and dry ground. That beats the gray
baseline on about two thirds of the validation photos, and by more on everyday photos
(+0.6 dB on the six color photos bundled with scikit-image and matplotlib, which it never
saw). It never paints the garish patches of the scene models, and it colors a photo of any
size in under a second on a laptop (at its 128-pixel working size, keeping the photo's own
sharp lightness).

Bad at: color. Its colorfulness is a sixth of the truth's (CF in the table): skies, water,
grass and anything blue or green stay nearly gray or get the same warm cast (a blue night
sky turns brownish and loses to gray), and cars, clothes, flowers and birds come out gray.
With ~900 photos of 1,000 different kinds of things, the safest bet for the mean PSNR is
almost no color: the per-photo loss punishes a wrong tint on a nearly gray photo hardest,
and the validation gain falls as soon as the network starts to learn its training photos'
colors (the curve above). Drawings, screenshots and sepia photos are colored as if they
were photos. Fine-tuning on photos like yours (lesson 11) is the way to more color.

## Choices measured on the validation split

One run each on 2 CPU cores, 100 steps an epoch, batch 16 unless said; gain in dB over the
gray baseline on the 98 validation photos, at the best epoch and at the last one.

| variant | best epoch | last epoch |
|---|---|---|
| plain MSE on ab, Adam 1e-3, EMA 0.998, 10 epochs (14 min) | +0.07 (4) | -0.11 (10) |
| per-photo log MSE on ab, Adam 1e-3, EMA 0.99 | +0.25 (1) | +0.10 (4) |
| per-photo log MSE on ab, Adam 3e-4, EMA 0.995 | +0.22 (2) | +0.14 (8) |
| the same, width 16, batch 32, crops from 192 px with zoom up to 1.5 | +0.23 (2) | +0.18 (4) |
| the same as the third, without the global branch | +0.25 (2) | +0.14 (9) |
| **per-photo log RGB error, Adam 3e-4, EMA 0.995, 4 epochs (shipped)** | +0.26 (2) | +0.22 (4) |
| shipped, then confidence factor 0.9 (fitted on training photos) | | +0.25 |

Averaging the predictions over flips and working sizes 96/128/160, or of two separately
trained models, changed the gain by less than 0.01 dB: the errors are the same bias, not
noise. The plain-MSE model of the first row is more colorful (CF 0.049) and better on the six
bundled photos (+1.13 dB) while worse on the validation split: the ImageNet mix, with its
nearly gray photos (an otter in gray water: gray baseline 39.9 dB), rewards caution."""


def train_photos(folder: Path):
    """Train the photo model on ``folder`` (every 10th photo held out); return it and settings."""
    from colorlab.datasets import photo_paths, split_photos
    from colorlab.pipeline import load_folder

    train_paths, val_paths = split_photos(photo_paths(folder))
    images = load_folder(train_paths, int(PHOTO["size"] * 1.25))
    validation = cl.datasets.color_photos(val_paths)
    model = models.photo_model(
        width=PHOTO["width"],
        working_size=PHOTO["size"],
        learning_rate=PHOTO["learning_rate"],
        seed=0,
    )
    history = training.fit_photos(
        model,
        images,
        epochs=PHOTO["epochs"],
        steps_per_epoch=PHOTO["steps"],
        crop=PHOTO["size"],
        batch_size=PHOTO["batch"],
        validation=validation,
        verbose=2,
        seed=0,
    )
    # The confidence factor is fitted on training photos (every 6th, at their own size):
    # the validation photos stay unseen by every choice made here.
    calibration = cl.datasets.color_photos(train_paths[::6])
    model, factor, gains = training.calibrate(model, calibration)
    print(
        "confidence factor "
        + ", ".join(f"{k:g}: {v:+.3f}" for k, v in gains.items())
        + f" dB on {len(calibration)} training photos → {factor:g}",
        flush=True,
    )
    settings = {
        "data": f"{len(images)} color photos of {folder.name} (every 10th held out, "
        f"photos without color skipped), center crops of {int(PHOTO['size'] * 1.25)} px",
        "recipe": f"{PHOTO['epochs']} epochs × {PHOTO['steps']} steps, batch {PHOTO['batch']}, "
        f"random {PHOTO['size']}×{PHOTO['size']} crops with zoom and flips, width "
        f"{PHOTO['width']}, Adam {PHOTO['learning_rate']:g} with a cosine decay and weight "
        "averaging (EMA), loss: per-photo log of the RGB error (rgb_log_mse), seed 0; the "
        f"final averaged weights, with a confidence factor of {factor:g} fitted on "
        f"{len(calibration)} training photos",
        "confidence factor (dB over gray on training photos)": {
            f"{k:g}": round(v, 3) for k, v in gains.items()
        },
        "working size": PHOTO["size"],
        "parameters": model.count_params(),
        "validation gain per epoch (dB over gray)": [
            round(v, 3) for v in history.history["val_gain"]
        ],
    }
    return model, settings


def photo_grid(model, folder: Path, path: Path, n: int = 6) -> None:
    """Save a grid of validation photos: truth | gray | colorized, with PSNRs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from colorlab.datasets import photo_paths, split_photos

    val = [p for p in split_photos(photo_paths(folder))[1]]
    photos = [(p, cl.load_image(p, size=128)) for p in val]
    photos = [(p, rgb) for p, rgb in photos if metrics.has_color(rgb)]
    step = max(1, len(photos) // n)
    chosen = photos[::step][:n]
    fig, axes = plt.subplots(len(chosen), 3, figsize=(7, 2.2 * len(chosen)), squeeze=False)
    for row, (p, rgb) in zip(axes, chosen, strict=True):
        gray = cl.to_gray(rgb)
        colored = cl.colorize(model, gray)
        name = p.stem.split("_", 1)[-1].replace("_", " ")
        panels = [
            (rgb, f"truth: {name}"),
            (gray, f"gray {metrics.psnr(rgb, gray):.1f} dB"),
            (colored, f"colorized {metrics.psnr(rgb, colored):.1f} dB"),
        ]
        for ax, (img, title) in zip(row, panels, strict=True):
            ax.imshow(img)
            ax.set_title(title, fontsize=10)
            ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=60, bbox_inches="tight", pad_inches=0.05)
    plt.close(fig)


def photo_card(settings: dict, seconds: float, quality: dict) -> str:
    mean = quality["mean"]
    gain = mean["model"]["psnr"] - mean["gray"]["psnr"]
    table = metrics.report_table([("validation mean", mean)], markdown=True)
    curve = settings["validation gain per epoch (dB over gray)"]
    return (
        "\n".join(
            [
                "# photos",
                "",
                PHOTO_SUMMARY,
                "",
                "## Data and license",
                "",
                f"- {PHOTO_LICENSE}. The photos are not part of this repository; the weights "
                "are the project's own work.",
                f"- {settings['data']}.",
                "",
                "## Training",
                "",
                f"- {settings['recipe']}.",
                f"- architecture: `cl.models.photo_model(width={PHOTO['width']}, "
                f"working_size={PHOTO['size']})`, {settings['parameters']:,} parameters; "
                f"colorized at a working size of {PHOTO['size']} px (shorter side), ab "
                "enlarged to the photo, the photo's own L kept",
                f"- time: {seconds / 60:.0f} minutes on {platform.machine()} with 2 CPU cores",
                "- reproduce: `make weights PHOTOS=../shared/photos/imagenet-sample` "
                "(runs `python tools/train_weights.py --photos DIR`)",
                "- validation gain per epoch (dB over gray, averaged weights): "
                + ", ".join(f"{v:+.2f}" for v in curve),
                "",
                "## Measured quality",
                "",
                f"On the validation split: every 10th photo of the folder in sorted order, "
                f"{len(quality['images'])} photos with color, each at its own resolution, "
                "colorized from its gray version "
                f"(`colorlab evaluate DIR --validation --json`). "
                f"{len(quality['no_color'])} validation photos have no color to compare "
                f"(colorfulness below {metrics.GRAY_CF}) and are left out: "
                + ", ".join(quality["no_color"])
                + ".",
                "",
                table,
                "",
                f"- PSNR {gain:+.2f} dB over the gray baseline (target: at least +0.5)",
                f"- ΔCF {mean['model']['delta_cf']:.3f}, gray's {mean['gray']['delta_cf']:.3f} "
                f"(target: at most half of gray's, {mean['gray']['delta_cf'] / 2:.3f})",
                f"- above gray on {quality['above_gray']:.0%} of the photos "
                "(target: more than two thirds)",
                "",
                "![validation photos: truth, gray, colorized](photos.png)",
                "",
                "## Good at, bad at",
                "",
                PHOTO_GOOD_AT_BAD_AT,
            ]
        )
        + "\n"
    )


def write_card(name: str, summary: str, seconds: float, settings: dict, quality: dict) -> None:
    (WEIGHTS / f"{name}.json").write_text(
        json.dumps(
            {
                "name": name,
                "summary": summary,
                "seconds": round(seconds, 1),
                "settings": settings,
                "quality": quality,
            },
            indent=2,
        )
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"models to train: {', '.join(MODELS)}, photos")
    parser.add_argument("--photos", type=Path, help="folder of color photos for the photo model")
    args = parser.parse_args(argv)
    names = args.names or (["photos"] if args.photos else list(MODELS))
    unknown = [n for n in names if n not in MODELS and n != "photos"]
    if unknown:
        parser.error(
            f"no model called {', '.join(unknown)}; choose from {', '.join(MODELS)}, photos"
        )
    if "photos" in names and args.photos is None:
        parser.error("the photo model trains on a folder of photos: make weights PHOTOS=DIR")
    WEIGHTS.mkdir(exist_ok=True)
    if "photos" in names:
        from colorlab.cli import evaluate_folder

        start = time.perf_counter()
        model, settings = train_photos(args.photos)
        seconds = time.perf_counter() - start
        model.save(WEIGHTS / "photos.keras")
        quality, _ = evaluate_folder(args.photos, model, "photos", every=10)
        write_card("photos", PHOTO_SUMMARY, seconds, settings, quality)
        (WEIGHTS / "photos.md").write_text(photo_card(settings, seconds, quality))
        photo_grid(model, args.photos, WEIGHTS / "photos.png")
        mean = quality["mean"]
        print(
            f"photos: {seconds / 60:.1f} min; validation PSNR {mean['model']['psnr']:.2f} "
            f"(gray {mean['gray']['psnr']:.2f}), ΔCF {mean['model']['delta_cf']:.3f} "
            f"(gray {mean['gray']['delta_cf']:.3f}), above gray on {quality['above_gray']:.0%}",
            flush=True,
        )
    scene_names = [n for n in names if n in MODELS]
    if not scene_names:
        return 0
    images, labels, val = data()
    for name in scene_names:
        fn, summary = MODELS[name]
        start = time.perf_counter()
        model, settings = fn(images, labels, val)
        seconds = time.perf_counter() - start
        quality = heldout_quality(model)
        model.save(WEIGHTS / f"{name}.keras")
        write_card(name, summary, seconds, settings, quality)
        (WEIGHTS / f"{name}.md").write_text(card(name, summary, settings, seconds, quality))
        s = quality["scenes"]
        print(
            f"{name}: {seconds:.0f} s; held-out scenes PSNR {s['model']['psnr']:.2f} "
            f"(gray {s['gray']['psnr']:.2f}), ΔCF {s['model']['delta_cf']:.3f} "
            f"(gray {s['gray']['delta_cf']:.3f})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
