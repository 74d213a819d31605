# %% [markdown]
# # 10 · Colorize your own photos
#
# Time to use what you built. This lesson runs the shipped models on your photos, side by
# side, measures them honestly against the gray baseline and saves the results.
#
# **In this lesson you will:**
# - colorize your photos (from `data/my_photos/` or uploaded here) with the photo model and
#   the scene models of lessons 07-09;
# - read five scores, each explained in section 4 and always beside the gray baseline:
#   PSNR and SSIM (closeness to the original), colorfulness, ΔCF (how far the result's
#   colorfulness is from the original's) and AuC (the share of pixels whose color is close);
# - see why black-and-white photos are shown but never scored;
# - save the results to `outputs/`, from here or from a terminal.
#
# **Time:** about 20 minutes. **Builds on:** all of 06-09 (colorizing, metrics, the models).
#
# ![Photos colorized by the shipped models, with the original](figures/your_photos.png)

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import colorlab as cl

cl.setup(tensorflow=True)

# %% [markdown]
# ## 1. The shipped models
#
# Six models come with the course (the cell below lists them). The **photo model**
# (`photos`) trained on real photos on top of an encoder pretrained on ImageNet (its card
# says which, and for how long); it is the default of `colorlab colorize`, and lesson 11
# opens it up. `photos_v1` is the photo model before it: trained from scratch on the same
# photos, kept to compare with. The three **scene models** of lessons 07-09 trained for a
# couple of minutes on procedural scenes and four photos. `hints` is the photo model plus
# color hints you give it (lesson 12): without hints it colors exactly as the photo model,
# so this lesson leaves it out. Each has a *model card* in `colorlab/weights/` that
# says what it was trained on, how well it does, and what it is bad at. Read them!

# %%
cards = cl.saving.shipped_models()
for name, card in cards.items():
    print(f"{name}: {card['summary']}")
assert len(cards) == 6, "the text says six models come with the course"
models = {name: cl.load_model(name) for name in cards if name != "hints"}  # lesson 12's

# %% [markdown]
# ## 2. Your photos
#
# Put photos in the folder `data/my_photos/` (next to `notebooks/`) and run the cell again.
# Color photos are best for learning: the network gets their gray version, and we can compare
# its colors with the real ones. If the folder is empty we use examples: two bundled photos
# the models never trained on, a genuine black-and-white photo, and two held-out scenes.
# A PNG can have transparent parts (its *alpha* channel: 0 see-through, 1 solid). They show
# white here, and only the solid pixels (alpha at least 0.5) count in the scores.

# %%
folder = Path("../data/my_photos")  # change this to use another folder
opaque = {}  # a photo with transparent parts: which pixels to score (the others show white)
try:
    photos = {}
    for path, rgb, alpha in cl.datasets.folder_photos(folder, size=192, opacity=True):
        if alpha is not None and not (alpha >= 0.5).any():
            print(f"skipped {path.name}: every pixel is transparent, nothing to color")
            continue
        photos[path.name] = rgb
        if alpha is not None:
            opaque[path.name] = alpha >= 0.5
except cl.ImageError as problem:  # a folder that does not exist: say so, go on with examples
    print(problem)
    photos = {}
examples = not photos
if photos:
    print(f"{len(photos)} photos from {folder}")
    if opaque:
        print(f"{len(opaque)} with transparent parts: they show white, and only the opaque "
              "pixels are scored")
else:
    print(f"{folder} has no photos yet: using examples")
    photos = {name: cl.datasets.sample_photo(name, size=192)
              for name in cl.datasets.HELDOUT_PHOTOS + ("camera",)}
    scenes = cl.datasets.heldout_scenes(2, size=128, offset=7)
    photos.update({f"scene {k + 1}": img for k, img in enumerate(scenes)})
if not examples and not any(cl.metrics.has_color(rgb, opaque=opaque.get(name))
                            for name, rgb in photos.items()):
    print("none of your photos has color to compare with (they are all black-and-white): "
          "they are colored below, and the measuring uses two example photos as well")
    photos.update({f"example {name}": cl.datasets.sample_photo(name, size=192)
                   for name in cl.datasets.HELDOUT_PHOTOS})
# A photo without color (B&W, or nearly gray) has no colors to compare with.
has_color = {name: cl.metrics.has_color(rgb, opaque=opaque.get(name))  # solid pixels only
             for name, rgb in photos.items()}
no_color = [name for name, yes in has_color.items() if not yes]
print(f"{len(photos) - len(no_color)} in color; no color to compare: {', '.join(no_color) or 'none'}")

# %% [markdown]
# ## 3. Every model, side by side
#
# `cl.metrics.compare_models` turns each photo gray, colorizes it with each model and measures
# the result. The figure shows the original first, and a PSNR under each result of a color
# photo; a black-and-white photo gets no score (its gray version *is* the truth). The same
# cell also scores each color photo's gray version, the baseline every model is compared
# with (section 4).

# %%
results = {name: cl.metrics.compare_models(rgb, models, opaque=opaque.get(name))
           for name, rgb in photos.items()}
gray_scores = {name: cl.metrics.evaluate(rgb, cl.to_gray(rgb), opaque.get(name))
               for name, rgb in photos.items() if has_color[name]}
label = dict(zip(photos, cl.plotting.short_names(list(photos))))  # IMG_2023…81502.jpg
shown = list(photos)
if len(photos) > 8:  # a whole folder: the grid keeps to a page, the table below has them all
    gain_of = {name: results[name]["photos"][1]["psnr"] - gray_scores[name]["psnr"]
               for name in gray_scores}
    ranked = sorted(gain_of, key=gain_of.get, reverse=True)
    shown = list(dict.fromkeys(ranked[:3] + ranked[-3:] + no_color[:2]))
    print(f"showing {len(shown)} of {len(photos)} photos: the photo model's 3 best and 3 worst "
          "against gray, and up to 2 without color; the table below has every color photo")
# one row per photo: the photo, then each model's colors (and PSNR for color photos)
cl.plotting.model_grid([(label[name], photos[name], results[name]) for name in shown],
                       scores=[has_color[name] for name in shown]);

# %% [markdown]
# ## 4. Measuring honestly
#
# A colorization can look pleasant and still be wrong, or be "right" on average and look
# dull. So we measure several things, and **always next to the gray baseline** (the photo
# with no color at all): a model is only worth using where it beats gray.
#
# | metric | what it says | better |
# |---|---|---|
# | PSNR (dB) | closeness of every pixel to the original | higher |
# | SSIM | closeness of local patterns (brightness, contrast, structure), from 0 to 1 | higher |
# | CF | colorfulness (Hasler & Süsstrunk): how vivid the result is | – |
# | ΔCF | \|CF(result) − CF(original)\|: too dull or too loud | lower |
# | AuC | for each threshold t from 0 to 150, the share of pixels whose ab error is at most t; averaged over t (1 = perfect) | higher |
#
# Photos without color are left out of the table and the means: their gray baseline would
# be "perfect" (100 dB, the same picture) and every colorizer would look bad beside it.

# %%
scored = list(gray_scores)  # the color photos (their gray baselines: section 3)
rows = [(f"{label[name]} / {model_name}", {"model": s, "gray": gray_scores[name]})
        for name in scored for model_name, (_, s) in results[name].items()]
print(cl.metrics.report_table(rows))

# %% [markdown]
# Read the table two lines at a time: a model's row, then the gray baseline of the same
# photo. Which models beat gray, and where? Count it. A win by less than a tenth of a
# decibel is no win (nobody could see it), so it counts only above that margin:

# %%
gain = {(name, model_name): results[name][model_name][1]["psnr"] - gray_scores[name]["psnr"]
        for name in scored for model_name in models}
margin = 0.1  # dB
for model_name in models:
    wins = [label[name] for name in scored if gain[name, model_name] > margin]
    listed = ", ".join(wins[:5]) + (f" and {len(wins) - 5} more" if len(wins) > 5 else "")
    print(f"{model_name:<22} beats gray by more than {margin} dB on {len(wins)} of "
          f"{len(scored)} color photos: {listed or 'none'}")
    if len(scored) <= 8:  # for a whole folder, the table above has every photo's numbers
        print(" " * 23 + "gain over gray (dB): "
              + ", ".join(f"{label[name]} {gain[name, model_name]:+.2f}" for name in scored))
if examples:  # what the text below says about the examples, checked
    scene_names = [name for name in scored if name.startswith("scene ")]
    real = [name for name in scored if name not in scene_names]
    scene_models = [m for m in models if m.startswith("scenes_")]
    assert all(np.mean([gain[s, m] for s in scene_names]) > 3 for m in scene_models)
    assert all(gain[name, m] < -1 for name in real for m in scene_models)
    assert gain["rocket", "photos"] > 0 > gain["rocket", "photos_v1"]
    assert all(gain[s, "photos"] < 0 for s in scene_names)
    assert all(results[n]["photos"][1]["cf"] > results[n]["photos_v1"][1]["cf"] for n in scored)

# %% [markdown]
# What the examples show (with your own photos, look whether it still holds):
#
# - The scene models win big on the scenes they were made for (several dB on average) and
#   lose badly on real photos, where they paint sky and grass colors where they do not belong.
# - The photo model (`photos`) gives every photo more color than `photos_v1`, the model
#   before it (compare their CF in the table). It beats gray on the rocket's evening sky,
#   where `photos_v1` lost (its faint warm tint is wrong on blue). It loses on the drawn
#   scenes, which look nothing like the photos it learned from.
#
# A model is worth using only where it beats gray; that is why we always print the baseline.
#
# ### Exercise 1: colorfulness by hand
#
# Compute the Hasler & Süsstrunk colorfulness of the first color photo (`first`, RGB in
# [0, 1]): rg = R − G, yb = (R + G)/2 − B; σ = √(std(rg)² + std(yb)²), where std is the **standard deviation** (how far the values
# typically lie from their mean: NumPy's `.std()`);
# μ = √(mean(rg)² + mean(yb)²); CF = σ + 0.3·μ. Store it in `cf`.

# %%
first = photos[scored[0]]

# %% tags=["solution"]
# YOUR CODE: the colorfulness of `first`
# cf = ...
R, G, B = first[..., 0], first[..., 1], first[..., 2]
rg, yb = R - G, (R + G) / 2 - B
cf = np.sqrt(rg.std() ** 2 + yb.std() ** 2) + 0.3 * np.sqrt(rg.mean() ** 2 + yb.mean() ** 2)

# %% tags=["check"]
cl.exercises.colorfulness_by_hand(first, cf)

# %% [markdown]
# ### Exercise 2: which model did best?
#
# `mean_psnr` holds each model's PSNR averaged over your color photos that are photos: the
# procedural scenes among the examples are left out, since a scene model would win on
# them by many decibels and hide how the models do on photos. Store the name of the best
# model in `best`.

# %%
real = [name for name in scored if not (examples and name.startswith("scene "))]
mean_psnr = {m: float(np.mean([results[p][m][1]["psnr"] for p in real])) for m in models}
print(f"over {len(real)} photos:", {m: round(v, 2) for m, v in mean_psnr.items()},
      f"(gray: {np.mean([gray_scores[p]['psnr'] for p in real]):.2f})")

# %% tags=["solution"]
# YOUR CODE: the name of the model with the highest mean PSNR
# best = ...
best = max(mean_psnr, key=mean_psnr.get)

# %% tags=["check"]
cl.exercises.best_model(mean_psnr, best)

# %% [markdown]
# The best model is not always better than no color at all: compare its mean with the gray
# baseline printed beside the means. That comparison, not the ranking, says whether to use it.

# %% [markdown]
# ## 5. Save the results
#
# Everything goes to `outputs/10_your_photos/`, never into `data/`. `cl.save_image` refuses to
# replace an existing file; we pass `overwrite=True` on purpose, so rerunning the lesson
# refreshes the results.

# %%
out_dir = Path("../outputs/10_your_photos")
for name, per_model in results.items():
    stem = name.replace(".", "_").replace(" ", "_")  # cat.jpg and cat.png stay apart
    for model_name, (colored, _) in per_model.items():
        cl.save_image(colored, out_dir / f"{stem}_{model_name}.png", overwrite=True)
print(f"saved {sum(len(v) for v in results.values())} images in {out_dir.resolve()}")

# %% [markdown]
# The command line does the same for any number of files (run it in a terminal, from the
# course folder). Its default is the photo model, the same colors as in the figure above;
# `--temperature T` sets the same temperature as the upload widget's slider below.
#
# ```bash
# .venv/bin/colorlab colorize data/my_photos --out outputs/my_colors   # the photo model
# .venv/bin/colorlab evaluate data/my_photos --json
# ```
#
# ## 6. Upload a photo
#
# No folder at hand? Upload photos here (color or black-and-white). Every model colors them;
# color photos are also measured against the gray baseline, black-and-white ones only shown.
# The **T** slider is the photo model's temperature (lesson 09's annealed mean; lesson 11
# shows what each T does to PSNR and colorfulness): move it and the photos are colored again.

# %%
cl.widgets.upload_colorizer(models)

# %% [markdown]
# ## What you learned / what's next
#
# - `cl.colorize` and the `colorlab` command color any photo with any model; the photo
#   model works at its **working size** (the size of the photos it trained on; lesson 11), so a large photo takes seconds, not minutes: the network always works on a small
#   version; only the conversions to and from Lab run on every pixel.
# - Honest measurement: several metrics, always beside the gray baseline, on photos the model
#   never trained on, and only on photos that have color to compare with.
# - A model card says what a model is good and bad at; read it before you trust the colors.
#
# **Next:** `11_photo_model.ipynb`: how the photo model is built and trained, and how to
# **fine-tune** it (train it a little further) on your own color photos so it colors your old ones better.
