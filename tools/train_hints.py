"""Train the hint model (lesson 12), measure its PSNR-vs-hints curve, and save it.

    python tools/train_hints.py ../shared/photos/imagenet-sample   # make weights MODELS=hints

The same three splits as the photo model (:func:`colorlab.datasets.split_with_tuning`):
it trains on the training photos with hints simulated from their true colors
(:func:`colorlab.training.hint_targets`), then :func:`colorlab.training.gain_with_hints`
measures 0, 1, 2, 5, 10 and 20 hints at random places on the tuning and validation photos.
Seeded. Writes colorlab/weights/hints.keras (no optimizer state) and hints.json; never
replaces an existing hints.keras unless given ``--overwrite``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

import colorlab as cl

cl.setup(seed=0, plots=False, tensorflow=True)

from colorlab import models, training  # noqa: E402
from colorlab.saving import WEIGHTS  # noqa: E402

PHOTO_LICENSE = (
    "ImageNet sample photos (one per class); ImageNet images remain the property of their "
    "owners and are used for non-commercial research and teaching"
)

#: The recipe: the photo model it builds on (a name for cl.load_model, frozen), the
#: embedding's length, batch, steps per epoch, epochs, Adam's step size, the share of photos
#: given the global hint, and a time budget in minutes (the cosine schedule follows
#: whichever ends first). Crops are the photo model's working size.
HINTS = dict(
    photo_model="photos",
    embedding=32,
    batch=16,
    steps=200,
    epochs=12,
    learning_rate=1e-3,
    like_share=0.25,
    minutes=40.0,
)
#: The numbers of hints the curve measures (issue 21).
COUNTS = (0, 1, 2, 5, 10, 20)


def train_hints(folder: Path, recipe: dict | None = None):
    """Train the hint model on ``folder``'s training split; return it and its settings."""
    from colorlab.datasets import color_photos, photo_paths, split_with_tuning
    from colorlab.pipeline import load_folder

    recipe = {**HINTS, **(recipe or {})}
    train_paths, tune_paths, val_paths = split_with_tuning(photo_paths(folder))
    # The photos the curve is measured on are read first: a folder too small to hold some
    # fails now, not after 40 minutes of training.
    held_out = {}
    for split, paths in (("tuning", tune_paths), ("validation", val_paths)):
        held_out[split] = [p for p in color_photos(paths) if cl.metrics.has_color(p)]
        if not held_out[split]:
            raise cl.ImageError(
                f"{folder} has no color photo for the {split} split (every 10th photo, "
                f"{len(paths)} here): the hint model needs a folder of at least 20 color "
                "photos, such as ../shared/photos/imagenet-sample."
            )
    photo = recipe.get("photo") or cl.load_model(recipe["photo_model"])
    recipe = {k: v for k, v in recipe.items() if k != "photo"}
    size = cl.layers.working_size(photo)[0] or 192
    images = load_folder(train_paths, int(size * 1.25))
    model = models.hint_photo_model(
        photo,
        embedding=recipe["embedding"],
        learning_rate=recipe["learning_rate"],
        seed=0,
    )
    start = time.perf_counter()
    training.fit_photos(
        model,
        images,
        epochs=recipe["epochs"],
        steps_per_epoch=recipe["steps"],
        crop=size,
        batch_size=recipe["batch"],
        minutes=recipe["minutes"],
        verbose=2,
        seed=0,
        targets=training.hint_targets(seed=0, like_share=recipe["like_share"]),
    )
    minutes = (time.perf_counter() - start) / 60
    curves = {}
    for split, photos in held_out.items():
        curves[split] = training.gain_with_hints(model, photos, COUNTS, seed=0)
        for row in curves[split]:
            print(f"{split}: {row['hints']:>2} hints: {row['gain']:+.2f} dB over gray", flush=True)
    settings = {
        "recipe": recipe,
        "data": f"{len(images)} color photos of {folder.name} for training, crops of "
        f"{size} px with hints simulated from the truth, on the frozen photo model "
        f"{recipe['photo_model']!r}",
        "parameters": model.count_params(),
        "trainable parameters": sum(int(np.prod(w.shape)) for w in model.trainable_weights),
        "training minutes": round(minutes, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU cores",
        "curves": curves,
    }
    return model, settings


SUMMARY = (
    "Your hints (lesson 12): the photo model plus a few color points you give, or a photo "
    "to color like; each place takes the color of the hints that look like it."
)
#: The targets of issue 21, on the validation photos.
TARGETS = {"ten": 3.0, "one_over_none": 0.5}


def curve_table(rows: list[dict]) -> list[str]:
    """Markdown rows of a PSNR-vs-hints curve."""
    out = [
        "| hints | PSNR over gray (dB) | standard error | above gray | photos |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['hints']} | {r['gain']:+.2f} | {r['sem']:.2f} | {r['above_gray']:.0%} "
            f"| {r['photos']} |"
        )
    return out


def verdict(rows: list[dict]) -> list[str]:
    """One line per target of issue 21: the figure, the target, met or not."""
    by = {r["hints"]: r["gain"] for r in rows}
    ten, one, none = by.get(10), by.get(1), by.get(0)
    lines = []
    if ten is not None:
        met = "met" if ten >= TARGETS["ten"] else "**not met**"
        lines.append(f"- 10 hints: {ten:+.2f} dB over gray (target ≥ +3.0): {met}")
    if one is not None and none is not None:
        d = one - none
        met = "met" if d >= TARGETS["one_over_none"] else "**not met**"
        lines.append(f"- 1 hint over none: {d:+.2f} dB (target ≥ +0.5): {met}")
    if none is not None:
        met = "met" if none >= 0 else "**not met**"
        lines.append(f"- 0 hints: {none:+.2f} dB over gray (target ≥ 0): {met}")
    return lines


def card(settings: dict) -> str:
    """The model card (hints.md) from the settings train_hints returns."""
    recipe, curves = settings["recipe"], settings["curves"]
    lines = [
        "# hints",
        "",
        SUMMARY,
        "",
        "## What it is",
        "",
        f"- network: `cl.models.hint_photo_model(cl.load_model({recipe['photo_model']!r}), "
        f"embedding={recipe['embedding']})`: the shipped photo model, frozen, colors the "
        "gray photo as usual (each place's *own guess*); then each cell of a grid at 1/8 of "
        "the working size votes among the hints, its own guess and the reference photo's "
        "overall color (`cl.layers.HintVoting`): a hint counts most where the photo looks "
        "like the hinted place (an embedding learned from the ImageNet features, L and the "
        "guess) and near it. With no hints it is the photo model, exactly.",
        f"- {settings['parameters']:,} parameters, of which {settings['trainable parameters']:,}"
        " train (the embedding, the own-guess and reference scores, the vote's sharpness and "
        "reach); the rest is the photo model's (see photos.md for its encoder's provenance)",
        "- input: one tensor of 7 channels (`cl.hints.INPUT_CHANNELS`): L, then the hint "
        "map's a/128 and b/128, its mask, and the reference's mean a/128, b/128 and a flag",
        "- use: `cl.colorize(cl.load_model('hints'), photo, hints=[(x, y, '#rrggbb')], "
        "like=REFERENCE)`; `colorlab colorize PHOTO --hints HINTS.json [--like REF] --out DIR`",
        "",
        "## Data and license",
        "",
        f"- {settings['data']}; {PHOTO_LICENSE}. The photos are not part of this repository.",
        "- hints simulated from the truth during training (`cl.hints.simulate_hints`, after "
        "Zhang et al. 2017): a geometric number of points (p = 1/8), none for 10% of the "
        "photos, each the mean ab of a small patch; for "
        f"{recipe['like_share']:.0%} of the photos the photo's own mean ab as the reference",
        "",
        "## Training",
        "",
        f"- recipe: {recipe['epochs']} epochs × {recipe['steps']} steps, batch "
        f"{recipe['batch']}, Adam {recipe['learning_rate']} with a cosine decay, the per-photo "
        f"RGB log error, seed 0; at most {recipe['minutes']:.0f} minutes",
        f"- time: {settings['training minutes']} minutes of training on {settings['machine']}",
        "- reproduce: `make weights MODELS=hints` (runs `python tools/train_hints.py "
        "../shared/photos/imagenet-sample`; builds on colorlab/weights/photos.keras, so train "
        "it again when the photo model changes)",
        "",
        "## Measured quality",
        "",
        "PSNR over the gray baseline against the number of hints, each photo at its own "
        "resolution, B&W photos left out; the hints at random pixels with the true color "
        "there, the same points for every count (the first n of 20), seeded "
        "(`cl.training.gain_with_hints`).",
        "",
        "### Validation photos (every 10th of the folder, never seen in training)",
        "",
        *curve_table(curves["validation"]),
        "",
        *verdict(curves["validation"]),
        "",
        "### Tuning photos (every 10th from the 5th, never trained on)",
        "",
        *curve_table(curves["tuning"]),
        "",
        "![Validation photos: truth, gray, 0, 1 and 10 hints](hints.png)",
        "",
        "## Good at, bad at",
        "",
        "- Good at: giving a region the color you know (a dress, a car, the sky) from one "
        "click, and spreading it over what looks the same; with no hints it changes nothing.",
        "- Bad at: edges. The vote is on a grid of 8×8-pixel cells at the working size "
        "(192 px on the shorter side), so a color can bleed a few cells past an object's "
        "edge, and two hints in one cell are averaged. Put hints well inside regions.",
        "- Bad at: a region that looks like another (two gray coats of different colors): "
        "the vote cannot tell them apart; give each a hint.",
        "",
    ]
    return "\n".join(lines)


def hint_grid(model, folder: Path, path: Path, photos: int = 6) -> None:
    """Save the card's figure: validation photos with 0, 1 and 10 random true-color hints.

    The photos are the photo model's card's (every 8th validation photo with color, fixed
    before training), so the two figures show the same photos; the hints are those the
    curve draws (:func:`colorlab.hints.random_hints`), seeded by the photo's row.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from train_weights import grid_paths

    from colorlab.widgets.hints import draw_markers

    chosen = grid_paths(folder)[:photos]
    fig, axes = plt.subplots(len(chosen), 5, figsize=(5 * 1.9, len(chosen) * 1.75), squeeze=False)
    for k, (row, p) in enumerate(zip(axes, chosen, strict=True)):
        rgb = cl.load_image(p, size=192)
        gray = cl.to_gray(rgb)
        points = cl.hints.random_hints(rgb, 10, np.random.default_rng(k))
        name = p.stem.split("_", 1)[-1].replace("_", " ")[:22]
        panels = [(rgb, name, None), (gray, "gray", None)]
        for n in (0, 1, 10):
            colored = cl.colorize(model, gray, hints=points[:n])
            panels.append((colored, f"{n} hint{'s' if n != 1 else ''}", points[:n]))
        for ax, (img, title, shown) in zip(row, panels, strict=True):
            ax.imshow(draw_markers(img, shown, radius=4) if shown else img)
            score = "" if img is rgb else f" {cl.metrics.psnr(rgb, img):.1f}"
            ax.set_title(title + score, fontsize=9)
            ax.axis("off")
    fig.suptitle(
        "validation photos: truth | gray | 0, 1 and 10 hints at random places with the true "
        "color (rings), PSNR in dB",
        fontsize=10,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=72, bbox_inches="tight", pad_inches=0.05)
    plt.close(fig)


def save(model, settings: dict, folder: Path = WEIGHTS, overwrite: bool = False) -> Path:
    """Save the model without its optimizer (an uncompiled copy), its card data and card."""
    import keras

    # The same layers in a model that was never compiled: the file holds no Adam state
    # (which would triple its size) and no loss to look up when it is loaded.
    copy = keras.Model(model.input, model.output, name=model.name)  # one tensor in, one out
    path = cl.save_model(copy, folder / "hints.keras", overwrite=overwrite)
    data = {
        "name": "hints",
        "summary": SUMMARY,
        "seconds": round(settings["training minutes"] * 60, 1),
        "settings": settings,
        "quality": settings["curves"],
    }
    (folder / "hints.json").write_text(json.dumps(data, indent=2) + "\n")
    (folder / "hints.md").write_text(card(settings))
    return path


def write_card(photos: Path, folder: Path = WEIGHTS) -> None:
    """Write hints.md and hints.png again from hints.json and hints.keras (no training)."""
    data = json.loads((folder / "hints.json").read_text())
    (folder / "hints.md").write_text(card(data["settings"]))
    hint_grid(cl.load_model(folder / "hints.keras"), photos, folder / "hints.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("photos", type=Path, help="folder of color photos")
    parser.add_argument("--overwrite", action="store_true", help="replace hints.keras")
    parser.add_argument(
        "--card", action="store_true", help="only write hints.md and hints.png again (no training)"
    )
    args = parser.parse_args(argv)
    if args.card:
        write_card(args.photos)
        print(f"wrote {WEIGHTS / 'hints.md'} and hints.png", flush=True)
        return 0
    target = WEIGHTS / "hints.keras"
    if target.exists() and not args.overwrite:
        parser.exit(
            2,
            f"train_hints: {target} exists and is kept. To train a new one, move it away "
            f"first, or run python tools/train_hints.py {args.photos} --overwrite.\n",
        )
    try:
        model, settings = train_hints(args.photos)
        print(f"saved {save(model, settings, overwrite=args.overwrite)}", flush=True)
        hint_grid(model, args.photos, WEIGHTS / "hints.png")
    except (cl.ImageError, cl.ModelError) as exc:  # a missing folder, no color photos …
        parser.exit(2, f"train_hints: {exc}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
