# %% [markdown]
# # 11 · The photo model, and training it on your photos
#
# Lesson 10 colored photos with the shipped **photo model**. Here we open it up: it puts
# together what the lessons built in small. Lesson 08's **transfer learning**: an encoder
# that learned to recognize things from over a million ImageNet photos, reused as it is.
# Lesson 05's decoder with skip connections, lesson 08's global features, and lesson 09's
# **classification over color bins** with the annealed mean. Then we do what no ready-made
# colorizer offers: teach it the look of *your* photos, for example a family's later color
# photos, so that it colors the old black-and-white ones better.
#
# **In this lesson you will:**
# - build the photo model layer by layer and check it is the shipped one;
# - see which parts are frozen and which train, and why a model runs at its **working size**;
# - read how it was trained and how its **temperature** trades PSNR against colorfulness;
# - fine-tune it for a minute or two on your own color photos and measure before and after
#   on photos it did not train on.
#
# **Time:** about 25 minutes. **Builds on:** `05_tanh_convnet` (the network), `08_global_features`
# (fusion, pretrained encoders), `09_beyond_brown` (bins and the annealed mean),
# `10_your_photos` (the photo model and honest measuring).
#
# ![The photo model's PSNR against colorfulness at each temperature, and two photos it never saw: gray, colorized, original](figures/photo_model.png)

# %%
import json
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import colorlab as cl

cl.setup(tensorflow=True)

import keras  # noqa: E402
from keras import layers  # noqa: E402


# %% [markdown]
# ## 1. The photo model, written out
#
# The shipped model is built by `cl.models.pretrained_photo_model`. Here is the same network
# written out, so you can read it. Its parts:
#
# - an **encoder** that is not ours: **MobileNetV2**, a network Google trained to name the
#   objects in ImageNet photos (lesson 08, section 6). We feed it the gray photo as RGB (the
#   same L in all three channels) and take its features at four depths: at 1/4, 1/8, 1/16
#   and 1/32 of the photo's size. It stays **frozen**: its ImageNet weights never change.
#   The shipped model's file holds it, so nothing is downloaded;
# - a **global branch**: the deepest features averaged over the whole photo into one vector
#   (what is in it), passed through a **Dense** layer (every input connected to every
#   output, no sliding window), tiled over the grid and joined to every position (lesson 08);
# - a **decoder** that climbs back to 1/4 size, joining the encoder's features at each size
#   (skip connections, lesson 05), so colors land on the right objects;
# - lesson 09's **classification head**: a score for each ab bin at every position,
#   turned into one color by the **annealed mean** at temperature T (section 3);
# - a **color gate**: a small convolution that looks at the decoder's features and the
#   chosen colors and multiplies the colors by a factor between 0 (gray) and 2 at each
#   position; it learned how far to trust them (section 3). `StopGradient` keeps its
#   training from changing the colors themselves;
# - a **`WorkingSize` layer** that does nothing to the numbers but records, inside the saved
#   file, the size of photo the model works at (section 2).

# %%
def conv(filters):
    return layers.Conv2D(filters, 3, padding="same", activation="relu")


shipped = cl.load_model("photos")
mobilenet = cl.pretrained.photo_encoder(shipped)        # the frozen ImageNet encoder, reused
bins = shipped.get_layer("annealed_mean").bins          # the ab bins' colors (lesson 09)
T = shipped.get_layer("annealed_mean").temperature      # chosen after training (section 3)
size, stride = cl.layers.working_size(shipped)          # chosen after training (section 2)
width = 32
L = keras.Input((None, None, 1), name="L")
x = cl.layers.WorkingSize(size, stride=32)(L)           # records the size it works at
x = layers.Rescaling(1 / 50, offset=-1)(x)              # L from [0, 100] to [-1, 1] (lesson 04)
gray_rgb = layers.Concatenate()([x, x, x])              # MobileNet reads RGB
quarter, eighth, sixteenth, deepest = mobilenet(gray_rgb, training=False)
summary = layers.GlobalAveragePooling2D()(deepest)      # one vector for the whole photo
summary = layers.Dense(8 * width, activation="relu")(summary)
x = layers.Conv2D(8 * width, 1, activation="relu")(deepest)
x = layers.Concatenate()([x, cl.layers.TileToGrid()([x, summary])])   # fusion (lesson 08)
x = layers.Conv2D(8 * width, 1, activation="relu")(x)
for skip, filters in ((sixteenth, 4 * width), (eighth, 2 * width), (quarter, width)):
    x = layers.UpSampling2D(2, interpolation="bilinear")(x)
    x = layers.Concatenate()([x, skip])                 # skip connection (lesson 05)
    x = conv(filters)(x)
    x = conv(filters)(x)
scores = layers.Conv2D(len(bins), 1)(x)                 # a score per ab bin, at 1/4 size
ab = cl.layers.AnnealedMean(bins, T)(scores)            # one color per position (lesson 09)
seen = cl.layers.StopGradient()(layers.Concatenate()([x, ab]))
gate = layers.Conv2D(16, 3, padding="same", activation="relu")(seen)
gate = layers.Conv2D(1, 1, activation="sigmoid")(gate)
gate = layers.Rescaling(2.0)(gate)                      # 0 (gray) ... 1 ... 2 (more color)
ab = layers.Multiply()([ab, gate])
ab = layers.UpSampling2D(4, interpolation="bilinear")(ab)   # enlarged, as in lesson 05
written_out = keras.Model(L, ab)

print(f"written out: {written_out.count_params():,} parameters; "
      f"shipped: {shipped.count_params():,}")

# %% [markdown]
# Same number of parameters. Is it really the same network? Give ours the shipped
# weights and compare what the two compute for the same photo:

# %%
written_out.set_weights(shipped.get_weights())
photo = cl.datasets.sample_photo("chelsea", size=192)
L_photo = cl.split_lab(cl.rgb_to_lab(photo))[0][None]
difference = np.abs(written_out(L_photo).numpy() - shipped(L_photo).numpy()).max()
print(f"largest difference between the two outputs: {difference:.1e}")
assert difference < 1e-5

# %% [markdown]
# ### What is frozen, what trains, what it costs
#
# Transfer learning's bargain: the encoder's knowledge is free to *use* but costs time at
# every photo. Count the weights on each side, and time the encoder alone on one photo
# at the working size (3 : 4, printed below):

# %%
import time

frozen = mobilenet.count_params()
print(f"frozen ImageNet encoder: {frozen:,} weights ({frozen / shipped.count_params():.0%} of "
      f"all); the rest: {shipped.count_params() - frozen:,} (trained on the course's photos)")
L_photo = cl.split_lab(cl.rgb_to_lab(cl.datasets.sample_photo("chelsea", size=size)))[0][None]
rgb_in = np.zeros((1, *L_photo.shape[1:3], 3), np.float32)
mobilenet(rgb_in)            # the first call is slow (one-time setup): time the next five
start = time.perf_counter()
for _ in range(5):
    mobilenet(rgb_in)
encoder_ms = (time.perf_counter() - start) / 5 * 1000
start = time.perf_counter()
for _ in range(5):
    shipped(L_photo)
whole_ms = (time.perf_counter() - start) / 5 * 1000
print(f"encoder {encoder_ms:.0f} ms, whole model {whole_ms:.0f} ms on a "
      f"{L_photo.shape[1]} × {L_photo.shape[2]} photo on this machine")

# %% [markdown]
# The encoder's share of the weights is printed above; they were trained on photos we never
# had to collect, and on every photo they cost the milliseconds printed beside them.
# The decoder, head and gate are what the course trained: a few hundred photos (section 3
# prints how many) were enough for them because the encoder already tells grass from fur.
#
# ## 2. The working size
#
# The model learned from square crops cut from photos whose shorter side was scaled, at
# random, to between the crop's size and a quarter more (the cell below prints both): at that
# scale, a face is a few dozen pixels wide and a tree about as tall as its view. Shown a
# 3000-pixel photo at full size, its view would cover a patch of skin or bark and see only
# texture. So `cl.colorize` shrinks L to the **working size**, predicts ab there, enlarges
# ab to the photo's size and puts it together with the photo's **own full-size L**: the
# sharp detail comes from L, and color is soft anyway (lesson 03). The size is read from
# the model. Its input is first **padded** (lengthened with mirrored edge pixels) so that
# each side is a multiple of the number printed below: the encoder halves the size five
# times (strides of 2, lesson 05), and every halving must divide evenly.

# %%
card = json.loads((cl.saving.WEIGHTS / "photos.json").read_text())
settings = card["settings"]
crop = settings["recipe"]["size"]
print(f"trained on {crop}-pixel crops of photos scaled to {crop} to {round(crop * 1.25)} px")
print(f"working size {size} px; inputs are padded to a multiple of {stride} "
      "(the encoder halves them five times)")

# %% [markdown]
# Try other working sizes on a photo the model never trained on. The readout gives the
# PSNR and the time each takes. What do you expect at 384 pixels, twice the size it
# learned at?

# %%
rocket = cl.datasets.sample_photo("rocket", size=384)
cl.widgets.working_size_explorer(shipped, rocket, sizes=(96, 192, 384))

# %% [markdown]
# One photo says little: a few tenths of a decibel come and go with the photo. The model
# card measured a few working sizes near the training scale on about a hundred **tuning
# photos** (held out of training, used to choose settings; section 3 says more) and on the
# validation photos (never used to choose anything). At the default temperature:

# %%
at_T = [r for r in settings["tuning working sizes"] if r["temperature"] == T]
on_validation = {r["working_size"]: r for r in settings["validation working sizes"]}
for row in at_T:
    v = on_validation[row["working_size"]]
    print(f"working size {row['working_size']}: tuning {row['gain']:+.2f} dB over gray, ΔCF "
          f"{row['delta_cf']:.3f}; validation {v['gain']:+.2f} dB, ΔCF {v['delta_cf']:.3f}"
          + ("  <- the default" if row["working_size"] == size else ""))
gains = [row["gain"] for row in at_T]
assert max(gains) - min(gains) < 1, "the text says the sizes differ by tenths of a dB"
start = time.perf_counter()
cl.colorize(shipped, cl.to_gray(rocket))
small = time.perf_counter() - start
start = time.perf_counter()
cl.colorize(shipped, cl.to_gray(np.repeat(np.repeat(rocket, 4, axis=0), 4, axis=1)))
big = time.perf_counter() - start
print(f"a {rocket.shape[0]}-pixel photo takes {small:.2f} s; one 4 times as tall and wide "
      f"(16 times the pixels) {big:.2f} s, {big / small:.1f} times as long")
assert big < 16 * small

# %% [markdown]
# Near the training scale the sizes differ by tenths of a decibel, and ΔCF (how far the
# colorfulness is from the truth's, lesson 10) moves with them: read both before calling a
# size better. The model keeps the size of its training crops. The working size is also
# why the time per photo grows much more slowly than the photo (the two timings above):
# the network always works on the small version; only the resizing and the conversions to
# and from Lab run on every pixel.
#
# ## 3. How it was trained
#
# The model card (`colorlab/weights/photos.md`) says what it was trained on and how. The
# photos were split three ways by file name: every 10th photo (counting from the first) is a
# **validation** photo, the card's scores come from those; every 10th counting from the
# fifth is a **tuning** photo; the rest train. Every choice made while training was made on
# the **tuning photos** (held out of training like the validation photos, but used to pick
# settings), so the validation photos judge a model that never looked at them.

# %%
print(settings["data"])
print(f"trained {settings['training minutes']:.0f} minutes; default temperature "
      f"T = {settings['temperature']:g} (chosen on the tuning photos)")
gray_dcf = card["quality"]["mean"]["gray"]["delta_cf"]
cl.plotting.temperature_tradeoff(
    {"tuning": settings["tuning temperatures"],
     "validation": settings["validation temperatures"]},
    gray_dcf, default=settings["temperature"])
for row in settings["validation temperatures"]:
    print(f"T = {row['temperature']:<4g} validation: {row['gain']:+.2f} dB over gray, "
          f"ΔCF {row['delta_cf']:.3f} (gray's {gray_dcf:.3f})")

# %% [markdown]
# Each point is one temperature; the ring is the default. ΔCF (lesson 10) is how far a
# colorization's colorfulness is from the truth's: gray photos score gray's ΔCF, and
# lower is closer. The two scores pull against each other: more color moves ΔCF toward the
# truth, and wherever the color is wrong it costs PSNR. Read the printed lines to see which
# way T moves this model; the shaded corner is what the course aimed for.
#
# The choices in the recipe were each measured on the tuning and validation photos before
# they were kept (the card's "choices measured" table):
#
# - **Classification with class rebalancing** (lesson 09): each pixel's loss is the
#   cross-entropy over the bins, with rare, vivid colors weighted up, so the network does
#   not learn that brown is always the safe answer.
# - **A color gate trained on a per-photo loss, in RGB.** We report the *mean PSNR over
#   photos*, and PSNR is a logarithm of the error. A nearly gray photo (a husky in snow) has
#   a tiny error to begin with: a wrong tint doubles it and costs 3 dB, while a colorful
#   photo gains a fraction of a dB from the same effort. The loss `cl.losses.rgb_log_mse`
#   takes the logarithm of **each photo's** error, like PSNR does, and measures it in RGB,
#   where PSNR is measured (the Lab → RGB conversion is written in TensorFlow, so it runs
#   inside the network during training). Alone it teaches the gate to
#   fade every uncertain color; so the gate's loss also counts each photo's colorfulness gap
#   (`cl.losses.rgb_log_mse_colorful`), and the two pull against each other.
# - **Weight averaging.** Adam keeps a running average of the weights (`use_ema=True`). The
#   average swings less from epoch to epoch than the weights themselves.
# - **A falling step size.** The learning rate follows a **cosine** (half a cosine wave: it
#   falls slowly, then quickly, then slowly again) down to 5% of its start over the epochs.
# - **The temperature, chosen on the tuning photos**: among the temperatures that keep a
#   margin of PSNR over gray there, the one with the smallest ΔCF (the card states the rule).
#
# ### Exercise 1: the per-photo loss by hand
#
# `errors` holds the squared errors of two photos (a batch of 2, each 8 × 8 × 2). Compute
# the per-photo loss: the mean of each photo's squared errors, plus `1e-4`, its logarithm,
# and the mean over the two photos. Store it in `loss`.

# %%
rng = np.random.default_rng(0)
errors = np.stack([rng.random((8, 8, 2)) * 0.001, rng.random((8, 8, 2)) * 0.1])

# %% tags=["solution"]
# YOUR CODE: the mean over photos of log(each photo's mean squared error + 1e-4)
# loss = ...
per_photo = errors.mean(axis=(1, 2, 3))
loss = np.mean(np.log(per_photo + 1e-4))

# %% tags=["check"]
cl.exercises.per_photo_loss(errors, loss)

# %% [markdown]
# ## 4. Your photos
#
# Put **color** photos in `data/my_photos/` that look like the photos you want to color:
# the same family, house, town or decade. The network learns from their colors, so
# black-and-white ones are skipped. One photo in five is held back: it never trains, and
# it tells us honestly whether fine-tuning helped. As in lesson 10, a PNG's transparent
# parts show (and train) as white, and only its solid pixels count in the scores: `opaque`
# says which those are (True everywhere in a photo without transparency).
#
# With fewer than five color photos there, we use a stand-in "family": 60 procedural scenes
# (lesson 07), pictures with a consistent look that the photo model has never seen.

# %%
folder = Path("../data/my_photos")
try:
    # skips B&W photos (and says so); opaque: which pixels of each photo are solid
    mine, opaque = cl.pipeline.load_folder(folder, size=224, opacity=True)
except cl.ImageError as problem:                      # no folder, or no color photos in it
    print(problem)
    mine = np.zeros((0, 224, 224, 3), np.float32)
if len(mine) >= 5:
    print(f"{len(mine)} color photos from {folder}")
    if not opaque.all():
        print(f"{(~opaque).any(axis=(1, 2)).sum()} with transparent parts: only their solid "
              "pixels are scored")
else:
    print(f"{folder} has {len(mine)} color photos (5 needed): using 60 procedural scenes instead")
    mine = cl.datasets.heldout_scenes(60, size=224, offset=900)
    opaque = np.ones(mine.shape[:3], bool)            # scenes have no transparent parts
train_photos = np.delete(mine, np.s_[::5], axis=0)
train_opaque = np.delete(opaque, np.s_[::5], axis=0)
held_back, held_opaque = list(mine[::5]), list(opaque[::5])
print(f"{len(train_photos)} to train on, {len(held_back)} held back")

# %% [markdown]
# How well does the shipped model do on the held-back photos before we touch it?

# %%
model = cl.load_model("photos")
before = cl.training.gain_over_gray(model, held_back, held_opaque)
before_colors = [cl.colorize(model, cl.to_gray(x)) for x in held_back]
print(f"before: {before['psnr']:.2f} dB, {before['gain']:+.2f} dB over gray, "
      f"above gray on {before['above_gray']:.0%} of the held-back photos")

# %% [markdown]
# ## 5. Fine-tuning, with a guard
#
# Fine-tuning is training that starts from a trained model instead of random filters,
# with a smaller learning rate, so that it keeps what it knows and adjusts to the new photos.
# The ImageNet encoder stays frozen; the decoder, the bins' scores and the gate train. We
# compile the model for photos (`cl.models.compile_for_photos`: weight averaging, and the
# gate's loss from section 3, the per-photo RGB error plus the colorfulness gap, now
# reaching every trainable layer through the annealed mean) and train for 6 short epochs
# of 192-pixel crops, a minute or two on a laptop.
#
# Fine-tuning can also make a model **worse**: on a few dozen photos it can learn their
# quirks instead of their colors, and a step size too big wrecks what it knew. The training
# loss cannot tell: it is measured on the photos being learned, and it keeps falling either
# way. So `fit_photos` measures the held-back photos after every epoch (the middle panel of
# the live figure, in dB over gray), and with `keep_start=True` it measures the model as it
# starts, too (the dashed line). It ends with whichever scored best on the held-back photos,
# **the start included**, and says in one line which it kept and why. If no epoch beats the
# start, you get the shipped model back unchanged.

# %%
cl.models.compile_for_photos(model, learning_rate=3e-4, loss="rgb_log_mse_colorful")
trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
print(f"{trainable:,} weights train; {model.count_params() - trainable:,} stay frozen")
live = cl.plotting.LiveTraining(held_back[0], every=2, title="fine-tuning")
history = cl.training.fit_photos(model, train_photos, epochs=6, steps_per_epoch=40, crop=192,
                                 batch_size=8, seed=0, validation=held_back, keep_start=True,
                                 validation_opaque=held_opaque, callbacks=[live.callback()])
kept = history.kept
print(kept.message)
after = cl.training.gain_over_gray(model, held_back, held_opaque)
print(f"before: {before['gain']:+.2f} dB over gray; after: {after['gain']:+.2f} dB "
      f"({live.seconds:.0f} s of training)")

# %% [markdown]
# Compare the two panels on the left: the loss is the training photos' score, the orange
# line the held-back photos'. Where they part (the loss still falling, the orange line
# going down), the model has started to learn the training photos themselves rather than
# what they have in common.
#
# One caution: the held-back photos chose the epoch, and the same photos now score it, so
# "after" flatters the fine-tuned model a little (with a dozen photos, by chance some epoch
# looks good). The model card avoids this with separate tuning and validation photos; here,
# with few photos of your own, read small gains as "no worse".

# %% [markdown]
# Put three held-back photos side by side: the truth, the shipped model, the fine-tuned one.
# They are the photo fine-tuning helped most, the middle one and the one it helped least (or
# hurt), so the figure shows the spread; each photo appears once, so with fewer than three
# held back there are fewer rows. The line under it counts all of them.

# %%
after_colors = [cl.colorize(model, cl.to_gray(x)) for x in held_back]
change = np.array([cl.metrics.psnr(x, new, o) - cl.metrics.psnr(x, old, o)
                   for x, old, new, o in zip(held_back, before_colors, after_colors, held_opaque)])
order = np.argsort(change)
picks = {"helped most": order[-1], "the middle one": order[len(order) // 2],
         "helped least": order[0]}
shown = {}  # with few held-back photos the three can be the same photo: show it once
for label, k in picks.items():
    shown.setdefault(k, label)
shown = {label: k for k, label in shown.items()}
fig, axes = plt.subplots(len(shown), 3, figsize=(9, 3 * len(shown)), squeeze=False)
for row, (label, k) in zip(axes, shown.items()):
    truth = held_back[k]
    for ax, img, title in zip(row, (truth, before_colors[k], after_colors[k]),
                              (f"{label}: truth", "shipped", "fine-tuned")):
        ax.imshow(img)
        score = cl.metrics.psnr(truth, img, held_opaque[k])
        ax.set_title(title if img is truth else f"{title}  {score:.1f} dB")
        ax.axis("off")
fig.tight_layout()
if kept.improved:
    print(f"fine-tuning changed the PSNR by {change.min():+.1f} to {change.max():+.1f} dB per "
          f"photo; better on {(change > 0).sum()} of {len(change)} held-back photos")
else:
    print("the model as it started was kept, so every photo is unchanged (0 dB)")

# %% [markdown]
# A mean over a dozen photos hides a spread: the line above says on how many of the
# held-back photos fine-tuning helped, and by how much at most and at worst. The guard
# chose on the mean; the count tells whether that mean comes from most photos or from a
# few large changes. If it helped on only a few, or the start was kept, the next things to
# try are more photos and a longer run (the terminal command at the end of this section
# takes a time budget).

# %% [markdown]
# ### Exercise 2: did it help?
#
# Store the change in the gain over gray, after minus before, in `improvement` (in dB;
# `before` and `after` are the dictionaries printed above).

# %% tags=["solution"]
# YOUR CODE: after's gain minus before's gain
# improvement = ...
improvement = after["gain"] - before["gain"]

# %% tags=["check"]
cl.exercises.fine_tune_improvement(before, after, improvement)


# %% [markdown]
# ### What did it learn? Two more baselines
#
# A **baseline** is a simple rule a model has to beat to be worth anything; the gray photo
# is one. Two more tell what a score is made of. Both keep each held-back photo's own
# lightness and paint **one color** (a single a and b) over all of it:
#
# - **One color for your whole folder**: your training photos' average a and b, at the
#   strength (a quarter, half or all of it) that scores best on the training photos
#   themselves. A faint tint often beats the full average: on nearly gray photos any tint
#   costs. A model that learned only "our photos are a little warm" scores about this.
# - **Each photo's own average color**: this one cheats, since it is told the held-back
#   photo's true mean a and b. Two numbers per photo and no detail at all: it shows how much
#   of the PSNR a photo's overall color alone is worth. (The model card calls a photo's
#   average color its **cast**.)

# %%
def average_color(photos, opaque):
    """The mean a and b of some photos: each photo's mean over its solid pixels, averaged."""
    return np.mean([cl.rgb_to_lab(x)[..., 1:][o].mean(axis=0) for x, o in zip(photos, opaque)],
                   axis=0)


def paint_flat(x, color):
    """The photo's own lightness with one color (a, b) everywhere: lesson 06's canvas."""
    L, ab = cl.split_lab(cl.rgb_to_lab(x))
    return cl.lab_to_rgb(cl.compose_lab(L, np.zeros_like(ab) + color))


def gains_over_gray(photos, colored, opaque):
    """Each photo's PSNR minus the PSNR of its gray version, in dB (solid pixels only)."""
    return np.array([cl.metrics.psnr(x, c, o) - cl.metrics.gray_psnr(x, o)
                     for x, c, o in zip(photos, colored, opaque)])


folder_color = average_color(train_photos, train_opaque)
print(f"your training photos' average color: a {folder_color[0]:+.1f}, b {folder_color[1]:+.1f}")
on_training = {}
for strength in (0.25, 0.5, 1.0):
    painted = [paint_flat(x, strength * folder_color) for x in train_photos]
    on_training[strength] = gains_over_gray(train_photos, painted, train_opaque).mean()
    print(f"  {strength:g} × it on the training photos: {on_training[strength]:+.2f} dB over gray")
strength = max(on_training, key=on_training.get)
a, b = strength * folder_color
print(f"one color for the folder: {strength:g} × the average, a {a:+.1f} "
      f"(toward {'red' if a > 0 else 'green'}), b {b:+.1f} (toward {'yellow' if b > 0 else 'blue'})")

# %%
flat_colors = [paint_flat(x, (a, b)) for x in held_back]
own_colors = [paint_flat(x, average_color([x], [o])) for x, o in zip(held_back, held_opaque)]
tuned = gains_over_gray(held_back, after_colors, held_opaque)
flat = gains_over_gray(held_back, flat_colors, held_opaque)
shipped = gains_over_gray(held_back, before_colors, held_opaque)
rows = {"shipped model (the start)": shipped.mean(), "fine-tuned model": tuned.mean(),
        "one color for the folder": flat.mean(),
        "each photo's own average color (cheats)":
            gains_over_gray(held_back, own_colors, held_opaque).mean()}
for label, g in rows.items():
    print(f"{label:<40} {g:+.2f} dB over gray")

# %% [markdown]
# `paint_flat` is lesson 06's canvas with one color in the ab layers; with a = b = 0 it is
# the gray photo (`cl.to_gray` does exactly that). Two held-back photos, all four ways: the
# one where the fine-tuned model leads the folder's one color most, and the one where it
# leads least.

# %%
lead = tuned - flat
fig, axes = plt.subplots(2, 4, figsize=(12, 6))
for row, k, label in zip(axes, (np.argmax(lead), np.argmin(lead)), ("most", "least")):
    truth = held_back[k]
    for ax, img, title in zip(row, (truth, flat_colors[k], own_colors[k], after_colors[k]),
                              (f"truth (fine-tuned leads {label})", "one color for the folder",
                               "its own color (cheats)", "fine-tuned")):
        ax.imshow(img)
        score = cl.metrics.psnr(truth, img, held_opaque[k])
        ax.set_title(title if img is truth else f"{title}  {score:.1f} dB")
        ax.axis("off")
fig.tight_layout()

# %% [markdown]
# ### The verdict
#
# Is the fine-tuned model worth using on your old photos? It has to beat two things, both
# on the mean and on most photos: the **shipped model** it started from (else fine-tuning
# was wasted) and the **folder's one color** (else it learned no more than your folder's
# tint). A model can beat one color on most photos and still lose on the mean, when it
# loses big on a few; so the cell below asks both questions and prints the answer.

# %%
def verdict(name, gains, rival, rival_gains):
    """One line: does ``gains`` beat ``rival_gains`` on the mean and on most photos?"""
    wins, mean = int((gains > rival_gains).sum()), gains.mean() - rival_gains.mean()
    both = mean > 0 and wins > len(gains) / 2
    print(f"{name} vs {rival}: {mean:+.2f} dB on the mean, better on {wins} of {len(gains)} "
          f"photos: {'beats it' if both else 'does not beat it on both counts'}")
    return both


beats_start = verdict("fine-tuned", tuned, "the shipped model", shipped)
beats_flat = verdict("fine-tuned", tuned, "one color for the folder", flat)
if beats_start and beats_flat:
    print("Use the fine-tuned model for your old photos: it is saved below.")
elif not kept.improved:
    print("Fine-tuning did not help here: the shipped model was kept, and it is what to use.")
else:
    print("Not a clear win: keep using the shipped model, or try more photos of your own.")

# %% [markdown]
# The figure above shows the photo where the fine-tuned model leads the folder's one color
# most and the one where it leads least (there it may well lose). How far the cheating row
# is above the models (printed above) measures the hard part of colorization: telling from
# lightness alone whether *this* photo is a warm or a cool one. On the ImageNet
# photos, a model trained from scratch could tell very little of a photo's overall color
# from its lightness (the previous photo model's card, `colorlab/weights/photos_v1.md`,
# section "What decides the score", measures how little). Whether your own folder is
# easier to tell shows in the rows above.

# %% [markdown]
# When the verdict says so, the next cell saves the fine-tuned model; then color your old
# black-and-white photos with it in lesson 10 (`cl.load_model("../outputs/11_my_photos.keras")`)
# or from a terminal:
#
# ```bash
# .venv/bin/colorlab colorize data/old_photos --model outputs/11_my_photos.keras --out outputs/old_in_color
# ```
#
# The same fine-tuning from a terminal, with a time budget instead of a number of epochs
# (it holds back every 10th photo, measures the shipped model on them first, keeps the best
# epoch or the start, says which, and saves nothing if fine-tuning did not beat the start):
#
# ```bash
# .venv/bin/colorlab train data/my_photos --resume photos --minutes 3 --out outputs/my_photos.keras
# ```

# %%
if beats_start and beats_flat:
    saved = cl.save_model(model, "../outputs/11_my_photos.keras", overwrite=True)
    print(f"saved {saved}")
else:
    print("nothing saved: for your photos, the shipped model (cl.load_model('photos')) is the "
          "one to use")

# %% [markdown]
# ## 6. What a GPU changes
#
# Each training step gets 10-50 times faster, so you could afford a wider network, the
# photos at full size, and many thousands of photos (`colorlab download imagenette` fetches
# 13,000 if you are online; `colorlab train` takes any folder). Nothing in the code changes:
# TensorFlow uses a GPU when it finds one. Research colorizers train on a million photos for
# days; the ideas are the ones you have met: Lab, a tanh or a classification head, global
# features, and honest measurement.
#
# ## What you learned / what's next
#
# - The photo model is a frozen ImageNet encoder (transfer learning) under lesson 05's
#   decoder, with lesson 08's global features and lesson 09's bins; you built it yourself
#   and checked it against the shipped one.
# - A model runs at its working size, near the scale it trained at (chosen on tuning
#   photos); the photo's own L keeps the detail.
# - Its temperature trades PSNR against colorfulness, measured on held-out photos; the
#   default was chosen on tuning photos, never on the validation photos.
# - Fine-tuning trains the decoder on your photos in minutes; it can also make the model
#   worse, so the held-back photos are measured after every epoch and the model as it
#   started counts as a candidate: the best of them is kept.
# - Gray is not the only baseline: one color for the whole folder is what a model that
#   learned only the folder's tint would score, and each photo's own average color (its
#   cast) shows how much of the score the overall color alone is worth.
#
# **Next:** that is the course. To go further, read Zhang, Isola & Efros, *Colorful Image
# Colorization* (2016) and Iizuka, Simo-Serra & Ishikawa, *Let there be Color!* (2016), the two
# papers behind lessons 08 and 09, and train on more photos.
