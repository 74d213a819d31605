# %% [markdown]
# # 06 · From the network's output back to a photo
#
# The network of lesson 05 answers with numbers in (-1, 1). In this lesson we turn them into a
# color photo, save it, judge it honestly, and then try the network on a photo it has never seen.
#
# **In this lesson you will:**
# - undo the normalization (× 128) and put L and ab together on one "canvas";
# - convert the canvas to RGB with `lab2rgb` and save it to `outputs/`;
# - compare original, gray and colorized side by side, with an error map and PSNR;
# - see why a network that learned one photo cannot color another.
#
# **Time:** about 20 minutes. **Builds on:** `05_tanh_convnet` (the network, training, PSNR).
#
# ![Original, gray, colorized and the error map](figures/reconstruction.png)

# %%
import matplotlib.pyplot as plt
import numpy as np
from skimage.color import lab2rgb, rgb2lab

import colorlab as cl

cl.setup(tensorflow=True)

# %% [markdown]
# ## 1. A trained network
#
# We train the improved network from lesson 05 on the astronaut photo again (a few seconds).

# %%
photo = cl.images.center_crop(cl.datasets.sample_photo("astronaut"), 256)
X, Y = cl.training.photo_xy(photo)
model = cl.models.lesson_model(width=16)
cl.training.fit_photo(model, photo, epochs=20)
print("trained; X:", X.shape)

# %% [markdown]
# ## 2. Predict, then × 128
#
# `model.predict(X)` gives the network's answer for every pixel: ab / 128, in (-1, 1). We
# keep it as `prediction`. Multiplying by 128 undoes lesson 04's division: `ab` holds a and b
# again. Two names for the two things, so it is always clear which one a cell uses.

# %%
prediction = model.predict(X, verbose=0)   # ab / 128, in (-1, 1)
print("prediction:", prediction.shape, f"from {prediction.min():.3f} to {prediction.max():.3f}")
ab = prediction * 128                       # a and b again
print("ab:        ", ab.shape, f"from {ab.min():.1f} to {ab.max():.1f}")

# %% [markdown]
# ## 3. The canvas: L in layer 0, ab in layers 1 and 2
#
# A Lab photo has three layers. We make an empty (all-zero) canvas of that shape, copy the
# lightness L of the input into layer 0 and the predicted a and b into layers 1 and 2.
#
# ### Exercise 1: build the canvas
#
# Make `canvas`, shape (256, 256, 3): `X[0][:, :, 0]` in layer 0 and `ab[0]` in layers 1-2.
# (`X[0]` and `ab[0]` drop the batch axis.)

# %% tags=["solution"]
# YOUR CODE: an all-zero (256, 256, 3) array, L in layer 0, ab[0] in layers 1-2
# canvas = np.zeros(...)
canvas = np.zeros((256, 256, 3))
canvas[:, :, 0] = X[0][:, :, 0]
canvas[:, :, 1:] = ab[0]

# %% tags=["check"]
cl.exercises.canvas(X, prediction, canvas)

# %% [markdown]
# ## 4. Convert and save
#
# `lab2rgb` turns the canvas into RGB floats in [0, 1]. `cl.save_image` writes a PNG; it
# creates the `outputs/` folder if needed and, to protect your files, refuses to replace an
# existing file unless you pass `overwrite=True` (we do, so the lesson can be run again).

# %%
colorized = lab2rgb(canvas)
saved = cl.save_image(colorized, "../outputs/06_astronaut_colorized.png", overwrite=True)
print("saved", saved.resolve())

# %% [markdown]
# ## 5. How good is it?
#
# Side by side: the original, what the network saw (gray), and its colorization. The error map
# shows how far the predicted color is from the true one at each pixel, √(Δa² + Δb²).

# %%
gray = cl.to_gray(photo)
true_ab = cl.split_lab(cl.rgb_to_lab(photo))[1]
error = np.hypot(*(ab[0] - true_ab).transpose(2, 0, 1))

fig, axes = plt.subplots(1, 4, figsize=(14, 3.6))
for ax, img, title in [(axes[0], photo, "original"), (axes[1], gray, "input: gray"),
                       (axes[2], colorized, "colorized")]:
    ax.imshow(img)
    ax.set_title(title)
    ax.axis("off")
im = axes[3].imshow(error, cmap="magma", vmin=0, vmax=40)
axes[3].set_title("color error √(Δa² + Δb²)")
axes[3].axis("off")
fig.colorbar(im, ax=axes[3], shrink=0.8)
fig.tight_layout()

print(f"PSNR colorized: {cl.metrics.psnr(photo, colorized):.1f} dB")
print(f"PSNR gray:      {cl.metrics.psnr(photo, gray):.1f} dB  (the baseline to beat)")

# %% [markdown]
# Well above the gray baseline: the network has learned this photo's colors. The remaining
# errors sit on edges and small details, where the color was predicted at low resolution.
#
# ### Try it: saturation and a before/after wipe
#
# The first slider multiplies the predicted a and b: 0 gives the gray photo, 1 the prediction,
# above 1 more vivid colors. The second one wipes between the gray input and the colorization.

# %%
L = X[0]
cl.widgets.saturation_explorer(L, ab[0])

# %%
cl.widgets.wipe_explorer(gray, colorized, labels=("gray input", "colorized"))

# %% [markdown]
# `cl.colorize(model, image)` does sections 2-4 in one call, for a photo of any size (it pads
# the photo to a multiple of 8 pixels, since the network halves it three times, then crops the
# result back).

# %% [markdown]
# ## 6. Photos the network has never seen
#
# What do you expect the network to do with a cup of coffee, a rocket launch and a cat?

# %%
names = ["coffee", "rocket", "chelsea"]
unseen_photos = {n: cl.images.center_crop(cl.datasets.sample_photo(n), 256) for n in names}
fig, axes = plt.subplots(2, 3, figsize=(11, 7.4))
for k, (name, img) in enumerate(unseen_photos.items()):
    result = cl.colorize(model, img)
    axes[0, k].imshow(img)
    axes[0, k].set_title(f"{name}: original")
    axes[1, k].imshow(result)
    axes[1, k].set_title(f"colorized: {cl.metrics.psnr(img, result):.1f} dB "
                         f"(gray {cl.metrics.gray_psnr(img):.1f} dB)")
for ax in axes.flat:
    ax.axis("off")
fig.tight_layout()

# %% [markdown]
# The coffee cup looks plausible, and even beats the gray baseline: it happens to be orange
# and red, like the space suit. On the rocket and the cat the network paints the same
# oranges and reds where the sky should be blue and the fur gray-brown, and scores *below*
# the gray baseline: worse than no color at all.

# %% [markdown]
# ### Exercise 2: the four steps by hand
#
# Colorize the coffee photo `unseen` yourself, step by step, and store the RGB result in `colorized_by_hand`:
# L from `rgb2lab(unseen)` (keep a last axis of size 1 and add a batch axis), `model.predict`,
# × 128, the canvas, `lab2rgb`. The check compares it with `cl.colorize`.

# %%
unseen = unseen_photos["coffee"]

# %% tags=["solution"]
# YOUR CODE: L → predict → × 128 → canvas → lab2rgb
# colorized_by_hand = ...
lab_unseen = rgb2lab(unseen)
L_unseen = lab_unseen[:, :, :1]
ab_pred = model.predict(L_unseen[None], verbose=0)[0] * 128
canvas_unseen = np.concatenate([L_unseen, ab_pred], axis=-1)
colorized_by_hand = lab2rgb(canvas_unseen)

# %% tags=["check"]
cl.exercises.own_colorize(model, unseen, colorized_by_hand)

# %% [markdown]
# ## 7. Why one photo is not enough
#
# The network did exactly what we trained it to do: it **memorized** one photo. It learned
# that *this* shade of gray with *this* texture is the orange of a space suit, that the
# background is pale and the flag red and blue. Those rules fit a photo with the same palette
# (the coffee) by luck, and fail everywhere else (the rocket's sky, the cat's fur).
#
# To color photos it has never seen, a network must learn rules that hold *in general* (skies
# are blue above, grass is green below, skin is skin-colored) and that takes many photos.
#
# ## What you learned / what's next
#
# - Reconstruction: output × 128, a canvas with L in layer 0 and ab in layers 1-2, `lab2rgb`.
# - Always compare with the gray baseline; PSNR and an error map say where the colors are off.
# - A network trained on one photo memorizes it and fails on others.
#
# **Next:** `07_many_photos.ipynb`: train on many photos, hold some back, and watch the network
# generalize instead of memorize.
