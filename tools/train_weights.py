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

import numpy as np

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
    images, labels = cl.datasets.training_images()
    val = cl.datasets.heldout_scenes(100, 80, offset=0)
    return images, labels, val


def heldout_quality(model) -> dict:
    """Mean metrics on 60 held-out scenes and on the held-out bundled photos, gray beside."""
    return {
        where: metrics.mean_report([metrics.report(x, cl.colorize(model, x)) for x in images])
        for where, images in cl.datasets.heldout_set().items()
    }


def train_regression(images, labels, val):
    model = models.lesson_model(WIDTH, seed=0)
    training.fit_many(model, images, EPOCHS, STEPS, CROP, BATCH, validation=val)
    return model, {"loss": "MSE on ab/128"}


def train_fusion(images, labels, val):
    scenes = images[labels >= 0]
    L = cl.split_lab(cl.rgb_to_lab(scenes))[0]
    classifier = models.scene_classifier(len(cl.drawn.SCENE_CATEGORIES), seed=0)
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
        "matter (`cl.drawn.two_skies`)."
    ),
}


def card(name: str, summary: str, settings: dict, seconds: float, quality: dict) -> str:
    table = metrics.report_table(
        quality.items(),
        markdown=True,
        headers=("held-out data", "colorizer"),
        side_names={"model": "this model", "gray": "gray baseline"},
    )
    return (
        "\n".join(
            [
                f"# {name}",
                "",
                summary,
                "",
                "## Training",
                "",
                "- data: 1,200 procedural scenes (`cl.drawn.scenes(1200, 80, seed=0)`) plus 160 "
                f"random 80×80 crops of the bundled photos {', '.join(cl.datasets.TRAIN_PHOTOS)}",
                f"- settings: {EPOCHS} epochs × {STEPS} steps, batch {BATCH}, random {CROP}×{CROP} "
                f"crops with zoom and flips, width {WIDTH}, Adam 2e-3, seed 0; "
                + "; ".join(f"{k}: {v}" for k, v in settings.items()),
                f"- time: {seconds:.0f} s on {platform.machine()} with 2 CPU cores",
                f"- reproduce: `{COMMAND}` (runs `python tools/train_weights.py`)",
                "",
                "## Measured quality",
                "",
                "On 60 held-out scenes (seed 10,500, 96×96, never trained on) and on the held-out "
                f"bundled photos {', '.join(cl.datasets.HELDOUT_PHOTOS)} (256 px): PSNR (dB), "
                "SSIM, "
                "colorfulness CF, ΔCF = |CF − CF(truth)|, AuC of the ab error (0-150).",
                "",
                table,
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
#: epochs (≈ 8 minutes on 2 cores), Adam's starting step size.
PHOTO = dict(size=128, width=32, batch=16, steps=100, epochs=8, learning_rate=3e-4)
PHOTO_LICENSE = (
    "trained on 1,000 ImageNet sample photos (one per class); ImageNet images remain the "
    "property of their owners and are used for non-commercial research and teaching"
)
PHOTO_SUMMARY = (
    "The photo colorizer (lessons 10-11): trained on ~800 real photos; a faint tint, mostly "
    "warm, that beats the gray baseline on most photos it never saw; the default."
)
PHOTO_GOOD_AT_BAD_AT = """\
Good at: doing little harm and some good. It learned the broad look of color photos: a
faint, mostly warm tint, stronger on skin, fur, wood, sand and dry ground. It beats the
gray baseline on most photos it never saw (the numbers above), more on everyday photos
than on the ImageNet mix. It never paints the garish patches of the scene models, and it
colors a photo of any size in under a second on a laptop (at its 128-pixel working size,
keeping the photo's own sharp lightness).

Bad at: color. Its colorfulness is a fraction of the truth's (CF in the table): skies,
water and anything blue stay nearly gray or get the same warm cast, grass and leaves turn
a little yellow rather than green, and cars, clothes, flowers and birds come out gray.
With ~800 photos of 1,000 different kinds of things, the safest bet for the mean PSNR is
little color, and more color costs PSNR (the "stronger colors" table). Its worst photos
are nearly gray ones (gray water, rock, a gray rabbit in dry grass), where a warm cast
costs several dB: a few of them decide the mean over ~100 photos, which is why the
validation and tuning means differ so much. Drawings, screenshots and sepia photos are
colored as if they were photos. Fine-tuning on photos like yours (lesson 11) is the way to
more color.

## Choices measured on held-out photos

Each trained on the 780 training photos (tuning and validation photos held out), 100
steps an epoch, batch 16, width 32, Adam 3e-4 with EMA 0.995, per-photo log RGB error,
unless said; gain in dB over gray on the 97 tuning and the 98 validation photos after the
last epoch, before any confidence factor. One run each on 2 CPU cores.

| variant | tuning | validation | validation ΔCF | minutes |
|---|---|---|---|---|
| 4 epochs (the first recipe) | +0.74 | +0.24 | 0.121 | 5.4 |
| **8 epochs (shipped)** | +0.86 | +0.23 | 0.114 | 7.6 |
| working size 96, 6 epochs | +0.81 | +0.22 | 0.118 | 3.7 |
| batch normalization in every convolution, Adam 1e-3, 4 epochs | +0.55 | -0.05 | 0.120 | 4.6 |
| classification, 261 ab bins (lesson 09), annealed mean T = 1 | -0.18 | -1.64 | 0.091 | 5.4 |
| the same, T = 0.5 | +0.75 | -0.39 | 0.106 | |
| the same, T = 0.38 | +0.80 | -0.04 | 0.116 | |
| the same, T = 0.25 | +0.53 | +0.18 | 0.131 | |
| 198 training photos (every 4th) | +0.66 | +0.19 | | 12.5 (shared) |
| 391 training photos (every 2nd) | +0.88 | +0.23 | | 11.5 (shared) |
| width 48 (2.25× the parameters), 16 epochs | +0.84 | +0.31 | 0.112 | 31.5 (shared) |
| 300 procedural scenes (`cl.drawn.scenes`, 160 px) mixed in | +0.83 | +0.16 | 0.112 | 2.9 |

"Shared": other work ran on the 2 cores. More photos than about 400, or a larger network
trained twice as long, move the validation gain by less than its noise (the width-48
model against the shipped one, photo by photo: +0.08 dB with a standard error of 0.07).
Painted scenes with blue skies and water do not teach real skies.

Every variant gains far more on the tuning photos than on the validation photos: the
validation photos hold more nearly gray ones (their gray baseline is a dB higher), and on
those any tint costs. The classification head (cross-entropy without class rebalancing)
gives more color only at the price of PSNR, like the stronger-colors table above.

Earlier runs (first session, trained on all 877 non-validation photos, validation gain at
the best epoch and the last): plain MSE on ab, Adam 1e-3, 10 epochs: +0.07 (4), -0.11 (10),
but +1.13 dB on the bundled photos; per-photo log MSE on ab: +0.25 (1), +0.10 (4); width 16,
batch 32, crops from 192 px with zoom up to 1.5: +0.23 (2), +0.18 (4); without the global
branch: +0.25 (2), +0.14 (9). Averaging the predictions over flips and working sizes
96/128/160, or of two separately trained models, changed the gain by less than 0.01 dB:
the errors are the same bias, not noise.

## What decides the score: each photo's overall color

`python benchmarks/photo_color_cast.py ../shared/photos/imagenet-sample` (about a minute)
splits the score into a photo's *cast*, its mean color (the mean a and b of its pixels),
and the rest, and asks how well lightness tells the cast. An *oracle* is told the answer
(the true cast), to show what knowing it would be worth. On the validation photos:

| colors | gain over gray | above gray |
|---|---|---|
| this model | +0.23 | 65% |
| the training photos' mean cast as a constant tint (best on tuning: +0.62 there) | -0.30 | 58% |
| a quarter of that tint | +0.22 | 71% |
| oracle: each photo's own cast, painted flat | +2.60 | 97% |
| oracle: each photo's own cast, with this model's colors around it | +2.55 | 90% |

| the cast predicted by | correlation with the true a | with the true b |
|---|---|---|
| this model | 0.16 | 0.15 |
| ridge regression on lightness statistics (layout, contrast, edges, histogram) | 0.14 | 0.14 |
| oracle: the mean cast of the photo's block of 100 ImageNet classes (a coarse hint) | 0.29 | 0.15 |

The true cast alone, two numbers per photo painted flat, is worth +2.6 dB, and this
model's local colors add nothing on top of it (+2.55). The model's cast is hardly related
to the truth's (Pearson correlations over the 98 photos, each with a standard error of
about 0.1; a correlation ignores scale, and the model's cast is faint). On the validation
photos it scores about what a quarter of the average tint scores (+0.23 against +0.22,
well within the standard error of 0.22 dB; that quarter is picked here after seeing the
validation photos, while the tuning photos pick the full tint), and that tint is above
gray on more photos (71% against 65%). On the tuning photos the model does better than
any constant tint (+0.86 against +0.62). A simulated predictor of the cast alone (the
true cast shrunk toward the mean, plus noise, scaled on the tuning photos) needs a
correlation of about 0.7 to reach +0.5 dB (0.5: +0.26, 0.6: +0.39, 0.7: +0.59, 0.8:
+0.75); a model that also gets local colors right could need less. Nothing measured here
comes clearly past 0.3. Telling an otter's gray water from a brown river probably takes
knowing what things look like, learned from far more photos than 780 (research
colorizers use a million): a pretrained encoder (lesson 08), whose weights could not be
downloaded on the machine this model was trained on."""


def train_photos(folder: Path):
    """Train the photo model on ``folder``; return it and its settings.

    Three splits by file name (:func:`colorlab.datasets.split_with_tuning`): every 10th
    photo validates, the ones halfway between tune (the confidence factor is fitted on
    them), the rest train.
    """
    from colorlab.datasets import photo_paths, split_with_tuning
    from colorlab.pipeline import load_folder

    train_paths, tune_paths, val_paths = split_with_tuning(photo_paths(folder))
    images = load_folder(train_paths, int(PHOTO["size"] * 1.25))
    tuning = cl.datasets.color_photos(tune_paths)
    model = models.photo_model(
        width=PHOTO["width"],
        working_size=PHOTO["size"],
        learning_rate=PHOTO["learning_rate"],
        seed=0,
    )
    # Progress is measured on the tuning photos: the validation photos stay unseen by
    # every choice made here, the number of epochs included.
    history = training.fit_photos(
        model,
        images,
        epochs=PHOTO["epochs"],
        steps_per_epoch=PHOTO["steps"],
        crop=PHOTO["size"],
        batch_size=PHOTO["batch"],
        validation=tuning,
        verbose=2,
        seed=0,
    )
    model, factor, gains = training.calibrate(model, tuning, factors=(0.7, 0.8, 0.9, 1.0, 1.1, 1.2))
    print(
        "confidence factor "
        + ", ".join(f"{k:g}: {v:+.3f}" for k, v in gains.items())
        + f" dB on {len(tuning)} tuning photos → {factor:g}",
        flush=True,
    )
    settings = {
        "data": f"{len(images)} color photos of {folder.name} for training (photos without "
        f"color skipped), center crops of {int(PHOTO['size'] * 1.25)} px; {len(tuning)} "
        "tuning photos (every 10th from the 5th) and the validation photos (every 10th from "
        "the first) held out",
        "recipe": f"{PHOTO['epochs']} epochs × {PHOTO['steps']} steps, batch {PHOTO['batch']}, "
        f"random {PHOTO['size']}×{PHOTO['size']} crops with zoom and flips, width "
        f"{PHOTO['width']}, Adam {PHOTO['learning_rate']:g} with a cosine decay and weight "
        "averaging (EMA), loss: per-photo log of the RGB error (rgb_log_mse), seed 0; the "
        f"final averaged weights, with a confidence factor of {factor:g} chosen on the "
        "tuning photos (a factor other than 1 only if it beats 1 by more than its standard "
        "error)",
        "confidence factor (dB over gray on the tuning photos)": {
            f"{k:g}": round(v, 3) for k, v in gains.items()
        },
        "working size": PHOTO["size"],
        "parameters": model.count_params(),
        "tuning gain per epoch (dB over gray)": [round(v, 3) for v in history.history["val_gain"]],
        "tuning photos": [p.name for p in tune_paths],
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


def more_color(folder: Path, model, factors=(1.5, 2.0, 3.0)) -> list[dict]:
    """What stronger colors cost on the validation photos: gain, CF and ΔCF per factor."""
    from colorlab.cli import evaluate_folder

    rows = []
    for factor in factors:
        vivid = training.with_confidence(model, factor)
        result, _ = evaluate_folder(folder, vivid, "photos", every=10)
        mean = result["mean"]
        rows.append(
            {
                "factor": factor,
                "gain": mean["model"]["psnr"] - mean["gray"]["psnr"],
                "cf": mean["model"]["cf"],
                "delta_cf": mean["model"]["delta_cf"],
                "above_gray": result["above_gray"],
            }
        )
    return rows


def photo_card(settings: dict, seconds: float, quality: dict) -> str:
    mean = quality["mean"]
    gain = mean["model"]["psnr"] - mean["gray"]["psnr"]
    tuning = settings["tuning quality"]
    table = metrics.report_table(
        [("validation mean", mean), ("tuning mean (factor chosen here)", tuning["mean"])],
        markdown=True,
    )
    curve = settings["tuning gain per epoch (dB over gray)"]
    # How far a mean over ~100 photos can move by chance: its standard error.
    gains = np.array([i["model"]["psnr"] - i["gray"]["psnr"] for i in quality["images"]])
    se = gains.std() / np.sqrt(len(gains))
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
                "- gain per epoch on the tuning photos (dB over gray, averaged weights): "
                + ", ".join(f"{v:+.2f}" for v in curve),
                "",
                "## Measured quality",
                "",
                f"On the validation split: every 10th photo of the folder in sorted order, "
                f"{len(quality['images'])} photos with color, each at its own resolution, "
                "colorized from its gray version "
                f"(`colorlab evaluate DIR --validation --json`). "
                f"{len(quality['no_color'])} validation photos have no color to compare "
                f"(colorfulness below {metrics.GRAY_CF}) and are left out"
                + (": " + ", ".join(quality["no_color"]) if quality["no_color"] else "")
                + ".",
                "",
                table,
                "",
                f"- PSNR {gain:+.2f} dB over the gray baseline (target: at least +0.5); the "
                f"median photo {np.median(gains):+.2f} dB; standard error of the mean "
                f"{se:.2f} dB (the photos' gains spread with a standard deviation of "
                f"{gains.std():.1f} dB)",
                f"- ΔCF {mean['model']['delta_cf']:.3f}, gray's {mean['gray']['delta_cf']:.3f} "
                f"(target: at most half of gray's, {mean['gray']['delta_cf'] / 2:.3f})",
                f"- above gray on {quality['above_gray']:.0%} of the photos "
                "(target: more than two thirds)",
                "- on the color photos bundled with scikit-image and matplotlib "
                "(`cl.datasets.sample_photos()`, never trained on): "
                f"{settings['bundled photos gain (dB over gray)']:+.2f} dB over gray",
                f"- on the {tuning['photos with color']} tuning photos with color (held out of "
                "training like the validation photos; only the confidence factor was chosen "
                f"on them): {tuning['mean']['model']['psnr'] - tuning['mean']['gray']['psnr']:+.2f}"
                f" dB over gray, above gray on {tuning['above_gray']:.0%}",
                "",
                "What stronger colors cost (`cl.training.with_confidence(model, factor)` on the "
                "validation photos): more color brings ΔCF down and PSNR with it.",
                "",
                "| colors × | PSNR over gray | CF | ΔCF | above gray |",
                "|---|---|---|---|---|",
                f"| 1 (shipped) | {gain:+.2f} | {mean['model']['cf']:.3f} | "
                f"{mean['model']['delta_cf']:.3f} | {quality['above_gray']:.0%} |",
                *(
                    f"| {r['factor']:g} | {r['gain']:+.2f} | {r['cf']:.3f} | "
                    f"{r['delta_cf']:.3f} | {r['above_gray']:.0%} |"
                    for r in settings["more color (validation)"]
                ),
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


def write_photo_card(folder: Path, model, settings: dict, seconds: float) -> None:
    """Measure the photo model on the validation and tuning photos; write its card files."""
    from colorlab.cli import evaluate_folder

    quality, _ = evaluate_folder(folder, model, "photos", every=10)
    tune = [folder / name for name in settings["tuning photos"]]
    tuning, _ = evaluate_folder(folder, model, "photos", paths=tune)
    settings["tuning quality"] = {k: tuning[k] for k in ("mean", "above_gray")}
    settings["tuning quality"]["photos with color"] = len(tuning["images"])
    settings["more color (validation)"] = more_color(folder, model)
    bundled = [x for x in cl.datasets.sample_photos().values() if metrics.has_color(x)]
    settings["bundled photos gain (dB over gray)"] = training.gain_over_gray(model, bundled)["gain"]
    write_card("photos", PHOTO_SUMMARY, seconds, settings, quality)
    (WEIGHTS / "photos.md").write_text(photo_card(settings, seconds, quality))
    photo_grid(model, folder, WEIGHTS / "photos.png")
    mean = quality["mean"]
    print(
        f"photos: {seconds / 60:.1f} min; validation PSNR {mean['model']['psnr']:.2f} "
        f"(gray {mean['gray']['psnr']:.2f}), ΔCF {mean['model']['delta_cf']:.3f} "
        f"(gray {mean['gray']['delta_cf']:.3f}), above gray on {quality['above_gray']:.0%}",
        flush=True,
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
    parser.add_argument(
        "--card-only",
        action="store_true",
        help="measure the saved photo model again and rewrite its card, without training",
    )
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
        card_file = WEIGHTS / "photos.json"
        if args.card_only:
            saved = json.loads(card_file.read_text()) if card_file.exists() else {}
            if "tuning photos" not in saved.get("settings", {}):
                parser.error(
                    f"{card_file} holds no card of a photo model trained with a tuning split: "
                    "train one first with make weights PHOTOS=DIR"
                )
        try:
            if args.card_only:
                model, settings = cl.load_model("photos"), saved["settings"]
                seconds = saved["seconds"]
            else:
                start = time.perf_counter()
                model, settings = train_photos(args.photos)
                seconds = time.perf_counter() - start
                model.save(WEIGHTS / "photos.keras")
            write_photo_card(args.photos, model, settings, seconds)
        except (cl.ImageError, cl.ModelError) as exc:  # a missing folder, no color photos …
            parser.exit(2, f"train_weights: {exc}\n")
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
