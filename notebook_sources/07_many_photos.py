# %% [markdown]
# # 07 · From one photo to many: generalizing
#
# Lesson 06 ended with a network that had memorized one photo and failed on every other.
# To color photos it has never seen, it must learn rules that hold in general. That takes
# many photos, a way to feed them efficiently, and an honest test on photos it never trained on.
#
# **In this lesson you will:**
# - build a `tf.data` pipeline that crops, flips and converts photos to Lab on the fly;
# - see how augmentation turns one photo into many slightly different ones;
# - split the data into training and validation, and read both loss curves;
# - watch a network memorize a few photos, then generalize from many.
#
# **Time:** about 30 minutes. **Builds on:** `05_tanh_convnet` (the network, training) and
# `06_reconstruction` (colorizing, PSNR, the gray baseline).
#
# ![Scenes the network never saw: gray input, its colors, the truth](figures/many_photos.png)

# %%
import matplotlib.pyplot as plt
import numpy as np

import colorlab as cl

cl.setup(tensorflow=True)

# %% [markdown]
# ## 1. The data: procedural scenes and photo crops
#
# Real photo collections are large downloads; this course runs offline. So we train on
# **procedural scenes**, landscapes painted by code (sky, sun, water, grass, trees, snow,
# sand, sunsets) with random layouts and shades, plus crops of four bundled photos. The scenes
# follow real rules (skies are blue above, grass green below), which a network can learn
# in minutes on a CPU.

# %%
images, labels = cl.datasets.training_images(n_scenes=600, size=80, per_photo=20)
print("training images:", images.shape, f"({(labels >= 0).sum()} scenes, "
      f"{(labels < 0).sum()} photo crops)")
picks = np.r_[0:6, len(images) - 6:len(images)]
fig, axes = plt.subplots(2, 6, figsize=(12, 4.4))
for ax, k in zip(axes.flat, picks):
    ax.imshow(images[k])
    ax.set_title(cl.drawn.SCENE_CATEGORIES[labels[k]] if labels[k] >= 0 else "photo crop",
                 fontsize=9)
    ax.axis("off")
fig.tight_layout()

# %% [markdown]
# The **validation** set is the honest test: scenes painted from a different seed, which the
# network will never train on (`cl.datasets.heldout_scenes` paints them from a range of seeds
# that no training in the course uses). If it does well there, it has learned rules, not pictures.

# %%
validation = cl.datasets.heldout_scenes(100, size=80, offset=0)
print("validation images:", validation.shape)

# %% [markdown]
# ## 2. Augmentation: one photo, many views
#
# Each time the network sees a photo, the pipeline shows it a slightly different version:
# zoomed in a random amount, cropped at a random place, maybe mirrored. The colors stay true,
# so the network learns that "sky is blue" does not depend on where the sky sits in the
# frame. Move the sliders to see what the network sees.

# %%
cl.widgets.augmentation_explorer(images[0], crop=64)


# %% [markdown]
# ### Exercise 1: flip an image yourself
#
# Write `flip(image)`, which mirrors an (H, W, 3) image left to right (what
# `tf.image.random_flip_left_right` does half of the time). *Hint:* slicing with a step of
# -1 reverses an axis; the columns are axis 1.

# %% tags=["solution"]
# YOUR CODE: a function that mirrors an image left to right
# def flip(image):
#     ...
def flip(image):
    return image[:, ::-1]


# %% tags=["check"]
cl.exercises.flip(flip)

# %% [markdown]
# Why not flip top to bottom too? Because skies would then be below the grass: a false
# rule. Augmentation must keep what is true about the world.
#
# ## 3. The pipeline
#
# `cl.pipeline.dataset` chains it all in TensorFlow's `tf.data`: shuffle, augment, convert
# RGB → Lab **inside the graph** (as TensorFlow operations that run alongside the training
# steps, not as Python code between them), batch, and prefetch the next batch while the network trains
# on this one. The conversion uses the same formulas as scikit-image's `rgb2lab`, rewritten in
# TensorFlow so it runs in parallel with training.

# %%
train_data = cl.pipeline.dataset(images, crop=64, batch_size=32, seed=0)
L_batch, y_batch = next(iter(train_data))
print("one batch: L", tuple(L_batch.shape), " ab/128", tuple(y_batch.shape))
print(f"L from {float(L_batch.numpy().min()):.0f} to {float(L_batch.numpy().max()):.0f}, "
      f"ab/128 from {float(y_batch.numpy().min()):.2f} to {float(y_batch.numpy().max()):.2f}")

# %% [markdown]
# ## 4. Memorizing: few photos, no augmentation
#
# First the failure we want to avoid. We train on only **8** photos, without augmentation,
# in short epochs of 5 steps, and watch both curves: the loss on those 8 (training) and on
# the validation scenes. The dashed line is the validation loss of the laziest answer, gray
# everywhere (ab = 0), which any useful network must beat. (Well under a minute.)

# %%
few = images[:8]
validation_data = cl.pipeline.dataset(validation, crop=64, augment_data=False, shuffle=False)
memorizer = cl.models.lesson_model(width=16, learning_rate=3e-4, seed=0, steps_per_execution=5)
mem = memorizer.fit(cl.pipeline.dataset(few, crop=64, batch_size=8, augment_data=False,
                                        repeat=True),
                    validation_data=validation_data,
                    epochs=40, steps_per_epoch=5, verbose=0, shuffle=False)
gray_loss = float(np.mean([np.mean(np.square(y)) for _, y in validation_data]))
ax = cl.plotting.loss_curves(mem, "training (8 photos)", "validation (unseen scenes)")
ax.axhline(gray_loss, color="gray", ls="--", label="validation, answering gray")
val, train = np.array(mem.history["val_loss"]), np.array(mem.history["loss"])
best = int(val.argmin())
ax.plot(best + 1, val[best], "o", color="C1", label="lowest validation loss")
ax.legend()
print(f"validation loss: {val[0]:.4f} after epoch 1, lowest {val[best]:.4f} (the dot), "
      f"{val[-1]:.4f} at the end; answering gray: {gray_loss:.4f}")
# The story told below, checked: it falls first, then climbs past the gray answer.
assert 0 < best < len(val) // 4 and val[-1] > 1.2 * val[best] and val[-1] > gray_loss
assert train[-1] < val[best] / 10  # far better on the 8 photos than on unseen scenes

# %% [markdown]
# The training loss keeps falling: the network gets better and better at *those 8 photos*.
# The validation loss follows for a few epochs (what it learns first holds for every scene:
# sky above, green and brown below), reaches its lowest point, then climbs for the rest of
# training and ends worse than answering gray (the cell prints the numbers and checks this
# shape). Everything learned after the best epoch fits those 8 photos, not scenes in
# general: **memorization** (also called **overfitting**). The best epoch is where training
# should have stopped.
#
# ### Exercise 2: when did it start memorizing?
#
# From `mem.history["val_loss"]` (one number per epoch), find the epoch with the lowest
# validation loss, **counting epochs from 1**, and store it in `best_epoch`.

# %% tags=["solution"]
# YOUR CODE: the epoch (from 1) with the smallest validation loss
# best_epoch = ...
best_epoch = int(np.argmin(mem.history["val_loss"])) + 1

# %% tags=["check"]
cl.exercises.best_epoch(mem.history["val_loss"], best_epoch)

# %% [markdown]
# Keras can do this for you: the callback `keras.callbacks.EarlyStopping(patience=3,
# restore_best_weights=True)` stops when the validation loss has not improved for 3 epochs
# and goes back to the best weights.
#
# ## 5. Generalizing: many photos, augmented
#
# Now the same network on all the training images, with augmentation, for about a minute.
# Keras prints one line per epoch.

# %%
model = cl.models.lesson_model(width=16, seed=0)
history = cl.training.fit_many(model, images, epochs=12, steps_per_epoch=40,
                               validation=validation, verbose=2)

# %%
cl.plotting.loss_curves(history, "training (augmented)", "validation (unseen scenes)");

# %% [markdown]
# This time both curves fall together: what the network learns on the training photos
# also holds on scenes it has never seen.
#
# ## 6. Unseen scenes and unseen photos
#
# The proof: scenes from the validation seed, and two bundled photos it never trained on.
# Besides PSNR (lesson 05), the cell prints three numbers that lessons 09 and 10 come back to:
# **CF**, the **colorfulness** of the result (0 for a gray picture, more for strong, varied
# colors); **ΔCF**, how far that is from the original's colorfulness (0: just as vivid); and
# **AuC**, the share of pixels whose color is close to the truth, averaged over a range of
# tolerances (1: every pixel exact).

# %%
test = validation[:6]
fig, axes = plt.subplots(2, 6, figsize=(12, 4.4))
for k, img in enumerate(test):
    axes[0, k].imshow(cl.to_gray(img))
    axes[1, k].imshow(cl.colorize(model, img))
for ax in axes.flat:
    ax.axis("off")
axes[0, 0].set_title("gray input", loc="left")
axes[1, 0].set_title("colorized", loc="left")
fig.tight_layout()

scene_report = cl.metrics.mean_report([cl.metrics.report(x, cl.colorize(model, x))
                                       for x in validation[:40]])
for side in ("model", "gray"):
    r = scene_report[side]
    print(f"unseen scenes, {side:>5}: PSNR {r['psnr']:.1f} dB, ΔCF {r['delta_cf']:.3f}, "
          f"AuC {r['auc']:.3f}")
assert scene_report["model"]["psnr"] > scene_report["gray"]["psnr"] + 3  # "clearly", below

# %%
photo_gains = []
for name in cl.datasets.HELDOUT_PHOTOS:
    photo = cl.datasets.sample_photo(name, size=192)
    result = cl.colorize(model, photo)
    photo_gains.append(cl.metrics.psnr(photo, result) - cl.metrics.gray_psnr(photo))
    cl.plotting.show(photo, result, titles=[
        f"{name}", f"colorized: {cl.metrics.psnr(photo, result):.1f} dB "
        f"(gray {cl.metrics.gray_psnr(photo):.1f} dB)"])
print("gain over gray on the unseen photos (dB):", np.round(photo_gains, 1))
assert max(photo_gains) < 0  # below gray on both, as the text says

# %% [markdown]
# On scenes the network has learned real rules, and beats the gray baseline clearly (by
# many decibels, above). On real photos it is lost: it has seen four photos in its life, so
# it paints sunset orange, sky blue and grass green where they do not belong, and scores
# below gray on both photos. Generalization only reaches
# as far as the training data: to color real photos, a network must learn from real photos.
# Lesson 11's photo model learned from several hundred of them on a CPU; research colorizers
# learn from millions, on GPUs.
#
# ## What you learned / what's next
#
# - A `tf.data` pipeline feeds many photos, augmented and converted to Lab on the fly.
# - Validation data the network never trains on is the only honest test.
# - Few photos → memorization (the validation loss stays far above the training loss); many augmented photos → generalization.
#
# **Next:** `08_global_features.ipynb`: some colors depend on the whole scene, not on the
# pixel's neighborhood. A sunset sky and a day sky can have the same gray; how can the
# network tell them apart?
