"""Draw the static figures the notebooks and the README show before anything is run.

Run: ``.venv/bin/python tools/make_figures.py`` (deterministic; rewrites notebooks/figures/).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import colorlab as cl  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "notebooks" / "figures"


def scenes_grid() -> None:
    """16 procedural scenes with their category names (README and lesson 00)."""
    images, labels = cl.datasets.scenes(16, size=96, seed=0)
    fig, axes = plt.subplots(4, 4, figsize=(8, 8.6))
    for ax, img, label in zip(axes.flat, images, labels, strict=True):
        ax.imshow(img)
        ax.set_title(cl.datasets.SCENE_CATEGORIES[label], fontsize=10)
        ax.axis("off")
    fig.suptitle("cl.datasets.scenes(16, size=96, seed=0)", fontsize=12)
    fig.tight_layout()
    fig.savefig(OUT / "scenes_grid.png", dpi=80)
    plt.close(fig)


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
    fig.savefig(OUT / "course_at_a_glance.png", dpi=80)
    plt.close(fig)


FIGURES = {f.__name__: f for f in (scenes_grid, course_at_a_glance)}


def main(names: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names or FIGURES:
        FIGURES[name]()
        print("wrote", OUT / f"{name}.png")


if __name__ == "__main__":
    main(sys.argv[1:])
