"""Draw the static figures the notebooks and the README show before anything is run.

Run: ``python tools/make_figures.py`` in the course environment (deterministic; rewrites
notebooks/figures/).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import colorlab as cl  # noqa: E402

cl.setup(seed=0, plots=False, tensorflow=True)
# Larger text than matplotlib's default, so labels stay readable on a projector once the
# notebook scales a figure down to its width.
plt.rcParams.update({"font.size": 13, "axes.titlesize": 14})

OUT = Path(__file__).resolve().parents[1] / "notebooks" / "figures"


def _save(fig, name: str, dpi: int = 80) -> None:
    """Save ``fig`` as notebooks/figures/NAME, trimmed to its content (no cut-off titles,
    no empty margins), and close it."""
    fig.savefig(OUT / name, dpi=dpi, bbox_inches="tight", pad_inches=0.1)
    plt.close(fig)


def scenes_grid() -> None:
    """16 procedural scenes with their category names (README and lesson 00)."""
    images, labels = cl.drawn.scenes(16, size=96, seed=0)
    fig, axes = plt.subplots(4, 4, figsize=(8, 8.6))
    for ax, img, label in zip(axes.flat, images, labels, strict=True):
        ax.imshow(img)
        ax.set_title(cl.drawn.SCENE_CATEGORIES[label], fontsize=12)
        ax.axis("off")
    fig.suptitle("cl.drawn.scenes(16, size=96, seed=0)", fontsize=12)
    fig.tight_layout()
    _save(fig, "scenes_grid.png")


def course_at_a_glance() -> None:
    """Photo → lightness L (the input X) + color ab (the target Y) → back to a photo."""
    rgb = cl.datasets.sample_photo("astronaut", size=160)
    L, ab = cl.split_lab(cl.rgb_to_lab(rgb))
    only_color = cl.lab_to_rgb(cl.compose_lab(np.full_like(L, 65.0), ab))
    panels = [
        (rgb, "a color photo"),
        (L[..., 0], "L: lightness (input X)"),
        (only_color, "ab: color (target Y)"),
        (cl.lab_to_rgb(cl.compose_lab(L, ab)), "L + ab = the photo again"),
    ]
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.4))
    for ax, (img, title) in zip(axes, panels, strict=True):
        ax.imshow(img, cmap="gray", vmin=0, vmax=100 if img.ndim == 2 else None)
        ax.set_title(title)
        ax.axis("off")
    fig.tight_layout()
    _save(fig, "course_at_a_glance.png")


def pixel_grid() -> None:
    """Lesson 01: the camera photo, a marked patch, and that patch with its numbers."""
    camera = cl.datasets.gray_photo("camera")
    r, c = 200, 184
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.2))
    axes[0].imshow(cl.widgets.outline(camera, r, c, 8))
    axes[0].set_title("camera: 512 × 512 numbers")
    axes[0].axis("off")
    cl.plotting.pixel_heatmap(camera[r : r + 8, c : c + 8], ax=axes[1])
    axes[1].set_title(f"camera[{r}:{r + 8}, {c}:{c + 8}]")
    fig.tight_layout()
    _save(fig, "pixel_grid.png")


def leaf_layers() -> None:
    """Lesson 02: the leaf and its three layers, each shown as gray."""
    leaf = cl.drawn.leaf(200)
    panels = [(leaf, "the leaf")] + [(leaf[..., k], f"{n} layer") for k, n in enumerate("RGB")]
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.4))
    for ax, (img, title) in zip(axes, panels, strict=True):
        ax.imshow(img, cmap="gray", vmin=0, vmax=1)
        ax.set_title(title)
        ax.axis("off")
    fig.tight_layout()
    _save(fig, "leaf_layers.png")


def lab_layers() -> None:
    """Lesson 03: the photo, its L, and a and b on their own color scales."""
    rgb = cl.datasets.sample_photo("astronaut", size=200)
    L, ab = cl.split_lab(cl.rgb_to_lab(rgb))
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.3))
    axes[0].imshow(rgb)
    axes[0].set_title("photo")
    axes[1].imshow(L[..., 0], cmap="gray", vmin=0, vmax=100)
    axes[1].set_title("L (0-100)")
    for ax, k, name, kind in (
        (axes[2], 0, "a: green ↔ red", "a"),
        (axes[3], 1, "b: blue ↔ yellow", "b"),
    ):
        im = cl.plotting.show_signed(ax, ab[..., k], kind, limit=80)
        ax.set_title(name)
        fig.colorbar(im, ax=ax, shrink=0.8)
    for ax in axes:
        ax.axis("off")
    fig.tight_layout()
    _save(fig, "lab_layers.png")


def normalization() -> None:
    """Lesson 04: tanh's curve, and a photo's a and b before and after ÷128."""
    rgb = cl.datasets.sample_photo("astronaut", size=200)
    ab = cl.split_lab(cl.rgb_to_lab(rgb))[1]
    z = np.linspace(-5, 5, 300)
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.3))
    axes[0].plot(z, np.tanh(z), "k")
    axes[0].axhline(1, ls=":", c="gray")
    axes[0].axhline(-1, ls=":", c="gray")
    axes[0].set(title="tanh: always in (-1, 1)", xlabel="z")
    for ax, scale, title in ((axes[1], 1, "a and b"), (axes[2], 128, "a and b ÷ 128")):
        for k, (name, color) in enumerate((("a", "tab:red"), ("b", "tab:olive"))):
            ax.hist(ab[..., k].ravel() / scale, bins=80, alpha=0.6, color=color, label=name)
        ax.set(title=title, yscale="log", xlim=(-128 / scale, 128 / scale))
        ax.legend()
    fig.tight_layout()
    _save(fig, "normalization.png")


def _trained_lesson_model(photo):
    model = cl.models.lesson_model(width=16, seed=0)
    cl.training.fit_photo(model, photo, epochs=20)
    return model


def training() -> None:
    """Lesson 05: loss curves of both networks and their colorizations (trains ~20 s)."""
    photo = cl.images.center_crop(cl.datasets.sample_photo("astronaut"), 256)
    X, Y = cl.training.photo_xy(photo)
    article = cl.models.article_model(seed=0)
    article_loss = article.fit(X, Y, batch_size=1, epochs=200, verbose=0).history["loss"]
    lesson = cl.models.lesson_model(width=16, seed=0)
    lesson_loss = cl.training.fit_photo(lesson, photo, epochs=20).history["loss"]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.5))
    axes[0].plot(np.arange(1, 201), article_loss, label="article: 200 epochs × 1 step")
    axes[0].plot(np.arange(1, 21) * 10, lesson_loss, label="improved: 20 epochs × 10 steps")
    axes[0].set(xlabel="training steps", ylabel="MSE loss", yscale="log", title="loss")
    axes[0].legend(fontsize=11)
    for ax, model, name in (
        (axes[1], article, "article's network"),
        (axes[2], lesson, "improved network"),
    ):
        out = cl.colorize(model, photo)
        ax.imshow(out)
        ax.set_title(f"{name}: {cl.metrics.psnr(photo, out):.1f} dB")
        ax.axis("off")
    fig.tight_layout()
    _save(fig, "training.png")


def reconstruction() -> None:
    """Lesson 06: original, gray input, colorization and the per-pixel color error."""
    photo = cl.images.center_crop(cl.datasets.sample_photo("astronaut"), 256)
    model = _trained_lesson_model(photo)
    out = cl.colorize(model, photo)
    true_ab = cl.split_lab(cl.rgb_to_lab(photo))[1]
    pred_ab = cl.split_lab(cl.rgb_to_lab(out))[1]
    error = np.hypot(*(pred_ab - true_ab).transpose(2, 0, 1))
    fig, axes = plt.subplots(1, 4, figsize=(14, 3.6))
    for ax, img, title in (
        (axes[0], photo, "original"),
        (axes[1], cl.to_gray(photo), "gray"),
        (axes[2], out, "colorized"),
    ):
        ax.imshow(img)
        ax.set_title(title)
    im = axes[3].imshow(error, cmap="magma", vmin=0, vmax=40)
    axes[3].set_title("color error")
    fig.colorbar(im, ax=axes[3], shrink=0.8)
    for ax in axes:
        ax.axis("off")
    fig.tight_layout()
    _save(fig, "reconstruction.png")


def many_photos() -> None:
    """Lesson 07: held-out scenes, gray input and the shipped regression model's colors."""
    model = cl.load_model("scenes_regression")
    scenes = cl.datasets.heldout_scenes(6, 96, offset=500)
    fig, axes = plt.subplots(3, 6, figsize=(12, 6.4))
    for k, img in enumerate(scenes):
        for row, pic in enumerate((cl.to_gray(img), cl.colorize(model, img), img)):
            axes[row, k].imshow(pic)
            axes[row, k].axis("off")
    for row, title in enumerate(("gray input", "colorized", "truth")):
        axes[row, 0].set_title(title, loc="left")
    fig.suptitle("scenes the network never saw")
    fig.tight_layout()
    _save(fig, "many_photos.png", dpi=70)


def global_features() -> None:
    """Lesson 08: two skies of one lightness; local network vs fusion (trains ~40 s)."""
    from colorlab import models

    train, labels = cl.drawn.two_skies(400, seed=0)
    test, _ = cl.drawn.two_skies(6, seed=1)
    X, Y = cl.split_lab(cl.rgb_to_lab(train))
    Y = cl.normalize_ab(Y)
    local = models.lesson_model(16, seed=0)
    local.fit(X, Y, batch_size=16, epochs=20, verbose=0)
    clf = models.scene_classifier(2, seed=0)
    clf.fit(X, labels, batch_size=32, epochs=5, verbose=0)
    fusion = models.fusion_model(models.embedding_model(clf), 16, seed=0)
    fusion.fit(X, Y, batch_size=16, epochs=20, verbose=0)
    rows = [
        ("truth", test),
        ("gray input", [cl.to_gray(x) for x in test]),
        ("local network", [cl.colorize(local, x) for x in test]),
        ("with global features", [cl.colorize(fusion, x) for x in test]),
    ]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7))
    for ax, (title, pics) in zip(axes.flat, rows, strict=True):
        ax.imshow(np.concatenate(list(pics), axis=1))
        ax.set_title(title)
        ax.axis("off")
    fig.tight_layout()
    _save(fig, "global_features.png", dpi=70)


def beyond_brown() -> None:
    """Lesson 09: red or blue at one lightness; the MSE average vs the annealed mean of classes."""
    red, blue = np.array([60.0, 45.0]), np.array([15.0, -60.0])
    shares = np.array([0.75, 0.25])
    # A classifier that has learned the shares exactly, decoded as lesson 09 does.
    annealed = cl.bins.annealed_mean(shares, np.stack([red, blue]), 0.38)
    swatches = [
        (red, "red (3 pictures in 4)"),
        (blue, "blue (1 in 4)"),
        (shares @ np.stack([red, blue]), "MSE's answer: the average"),
        (annealed, "classification, annealed\nmean (T = 0.38): the likelier color"),
    ]
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.2))
    for ax, (ab, title) in zip(axes, swatches, strict=True):
        ax.imshow(cl.lab_to_rgb(np.array([[[50.0, *ab]]])).repeat(20, 0).repeat(20, 1))
        ax.set_title(title, fontsize=12)
        ax.axis("off")
    fig.suptitle("one gray (L = 50), two possible colors")
    fig.tight_layout()
    _save(fig, "beyond_brown.png", dpi=70)


def your_photos() -> None:
    """Lesson 10: held-out photos and scenes, colorized by every shipped model.

    The same photos at the same sizes as the lesson's examples, so the figure's numbers are
    the ones its table prints.
    """
    # The hint model colors as the photo model without hints: lesson 10 leaves it out.
    models = {name: cl.load_model(name) for name in cl.saving.shipped_models() if name != "hints"}
    scenes = cl.datasets.heldout_scenes(2, size=128, offset=7)
    photos = [cl.datasets.sample_photo(n, size=192) for n in cl.datasets.HELDOUT_PHOTOS]
    photos += list(scenes)
    rows = []
    for rgb in photos:
        results = cl.metrics.compare_models(rgb, models)
        short = {name.replace("scenes_", ""): out for name, out in results.items()}
        rows.append((f"original (gray {cl.metrics.gray_psnr(rgb):.1f} dB)", rgb, short))
    fig = cl.plotting.model_grid(rows)
    _save(fig, "your_photos.png", dpi=70)


def photo_model() -> None:
    """Lesson 11: PSNR against colorfulness per temperature, and two photos it never saw."""
    import json

    card = json.loads((cl.saving.WEIGHTS / "photos.json").read_text())
    settings = card["settings"]
    model = cl.load_model("photos")
    fig = plt.figure(figsize=(13, 4.6))
    grid = fig.add_gridspec(2, 4, width_ratios=[1.6, 1, 1, 1])
    ax = fig.add_subplot(grid[:, 0])
    cl.plotting.temperature_tradeoff(
        {"validation photos": settings["validation temperatures"]},
        card["quality"]["mean"]["gray"]["delta_cf"],
        default=settings["temperature"],
        ax=ax,
    )
    for row, name in enumerate(("chelsea", "rocket")):
        rgb = cl.images.center_crop(cl.datasets.sample_photo(name), 160)
        gray = cl.to_gray(rgb)
        colored = cl.colorize(model, gray)
        for col, (img, title) in enumerate(
            (
                (gray, f"gray {cl.metrics.psnr(rgb, gray):.1f} dB"),
                (colored, f"photo model {cl.metrics.psnr(rgb, colored):.1f} dB"),
                (rgb, "the original"),
            ),
            start=1,
        ):
            ax = fig.add_subplot(grid[row, col])
            ax.imshow(img)
            ax.set_title(title, fontsize=12)
            ax.axis("off")
    fig.tight_layout()
    _save(fig, "photo_model.png", dpi=70)


def your_hints() -> None:
    """Lesson 12: the coffee cup gray, by the photo model alone, with six hints, the original.

    The photo and the six hints of the lesson's section 6, so the figure is what it shows.
    """
    from colorlab.widgets.hints import draw_markers

    model = cl.load_model("hints")
    rgb = cl.datasets.sample_photo("coffee", size=256)
    hints = [
        (200, 232, "#b03a2e"),
        (70, 160, "#9c2f22"),
        (185, 18, "#f4f1ea"),
        (190, 90, "#c8782f"),
        (30, 120, "#8b5a2b"),
        (340, 40, "#8b5a2b"),
    ]
    panels = [
        (cl.to_gray(rgb), "gray"),
        (cl.colorize(model, rgb), "no hints (the photo model)"),
        (draw_markers(cl.colorize(model, rgb, hints=hints), hints), "six hints (rings)"),
        (rgb, "the original"),
    ]
    fig, axes = plt.subplots(1, 4, figsize=(13, 2.8))
    for ax, (img, title) in zip(axes, panels, strict=True):
        ax.imshow(img)
        ax.set_title(title, fontsize=12)
        ax.axis("off")
    fig.tight_layout()
    _save(fig, "your_hints.png", dpi=70)


FIGURES = {
    f.__name__: f
    for f in (
        scenes_grid,
        course_at_a_glance,
        pixel_grid,
        leaf_layers,
        lab_layers,
        normalization,
        training,
        reconstruction,
        many_photos,
        global_features,
        beyond_brown,
        your_photos,
        photo_model,
        your_hints,
    )
}


def main(names: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names or FIGURES:
        FIGURES[name]()
        print("wrote", OUT / f"{name}.png")


if __name__ == "__main__":
    main(sys.argv[1:])
