"""Train the shipped models on the bundled data, measure them, and write their model cards.

    python tools/train_weights.py              # all models (make weights)
    python tools/train_weights.py scenes_fusion

Seeded: the same command gives the same models on the same machine and library versions.
Each model NAME gets colorlab/weights/NAME.keras, NAME.json (the card's data) and NAME.md.
"""

from __future__ import annotations

import json
import platform
import sys
import time

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


def main(names: list[str]) -> int:
    WEIGHTS.mkdir(exist_ok=True)
    images, labels, val = data()
    for name in names or MODELS:
        fn, summary = MODELS[name]
        start = time.perf_counter()
        model, settings = fn(images, labels, val)
        seconds = time.perf_counter() - start
        quality = heldout_quality(model)
        model.save(WEIGHTS / f"{name}.keras")
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
    sys.exit(main(sys.argv[1:]))
