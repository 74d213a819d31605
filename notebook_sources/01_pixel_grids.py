# %% [markdown]
# # 01 · A black-and-white photo is a grid of numbers
#
# Before a network can color a photo, we need to know what a photo *is* to a computer.
#
# **In this lesson you will:**
# - see that a B&W photo is a grid of numbers, one per pixel, from 0 (black) to 255 (white);
# - read an image's `shape` and `dtype`, and cut out parts of it by slicing;
# - zoom into a patch until you can read every pixel's value;
# - build an image from numbers alone (a gradient) and invert a photo.
#
# **Time:** about 15 minutes. **Builds on:** `00_start_here` (running cells, exercises).
#
# ![The cameraman photo with a small patch zoomed in until every pixel's number shows](figures/pixel_grid.png)

# %%
import matplotlib.pyplot as plt
import numpy as np

import colorlab as cl

cl.setup()

# %% [markdown]
# ## 1. Load a real B&W photo
#
# scikit-image ships a classic black-and-white photo of a photographer with a camera.
# `cl.datasets.gray_photo` gives it to us the way the article describes a B&W image: a grid
# of whole numbers from 0 to 255.

# %%
camera = cl.datasets.gray_photo("camera")
print("shape:", camera.shape)
print("numbers:", camera.size)
print("dtype:", camera.dtype)
print("smallest value:", camera.min(), " largest value:", camera.max())

# %% [markdown]
# - `shape` is `(rows, columns)`: 512 rows of 512 pixels each, so 512 × 512 numbers in all (`camera.size`, printed above).
# - `dtype` is `uint8`: *unsigned 8-bit integers*, whole numbers that can only be 0 to 255.
#   That is 256 shades of gray, enough for the eye.
#
# Shown as a picture, the grid is the photo:

# %%
plt.imshow(camera, cmap="gray", vmin=0, vmax=255)
plt.title("camera: 512 × 512 numbers")
plt.colorbar(label="pixel value");

# %% [markdown]
# ## 2. Zoom in until you see the numbers
#
# Which value do you expect for the black coat, and which for the bright sky? Let's cut out an
# 8×8 patch where the two meet, with **slicing**: `camera[rows, columns]`, where `a:b` means "from a up to, but not
# including, b".

# %%
patch = camera[200:208, 184:192]
print(patch)

# %% [markdown]
# Numbers alone are hard to picture. The same patch as a heatmap, with each value written in
# its cell: dark cells hold small numbers, bright cells large ones.

# %%
cl.plotting.pixel_heatmap(patch)
plt.title("camera[200:208, 184:192]");

# %% [markdown]
# So **0 is black and 255 is white**, and every gray is a number in between. Let's check both
# ends on the photo itself: where is the darkest pixel, and what is there?

# %%
darkest = np.unravel_index(camera.argmin(), camera.shape)
brightest = np.unravel_index(camera.argmax(), camera.shape)
print("darkest pixel at (row, column)", darkest, "has value", camera[darkest])
print("brightest pixel at", brightest, "has value", camera[brightest])

# %% [markdown]
# ### Try it: move a window over the photo
#
# Drag the sliders. The red square on the left shows where the 8×8 window is; on the right you
# read its numbers. Find the coat (near 0), the sky (high) and an edge, where the numbers jump.

# %%
cl.widgets.pixel_explorer(camera)

# %% [markdown]
# ## 3. Slicing: rows, columns, crops
#
# A row is `camera[r]`, a column is `camera[:, c]`, a crop is `camera[r0:r1, c0:c1]`, and
# `camera[::4, ::4]` keeps every fourth pixel (a smaller photo). Each is again a grid of
# numbers, so it can be plotted the same way.

# %%
row = camera[100]
fig, axes = plt.subplots(1, 3, figsize=(12, 3.2))
axes[0].plot(row, color="k")
axes[0].set(title="row 100: values from left to right", xlabel="column", ylabel="value")
axes[1].imshow(camera[50:250, 150:350], cmap="gray", vmin=0, vmax=255)
axes[1].set_title("crop camera[50:250, 150:350]")
axes[2].imshow(camera[::8, ::8], cmap="gray", vmin=0, vmax=255)
axes[2].set_title(f"camera[::8, ::8]: {camera[::8, ::8].shape}")
for ax in axes[1:]:
    ax.axis("off")
fig.tight_layout()

# %% [markdown]
# ### Exercise 1: build a gradient from numbers
#
# Make an image `gradient` of 64 rows and 256 columns, type `uint8`, in which **column j holds
# the value j**: black on the left, white on the right.
#
# *Hint:* `np.arange(256)` gives 0, 1, …, 255; `np.tile(row, (64, 1))` repeats a row 64 times.

# %% tags=["solution"]
# YOUR CODE: a 64 × 256 uint8 image whose column j holds the value j
# gradient = ...
gradient = np.tile(np.arange(256, dtype=np.uint8), (64, 1))

# %% tags=["check"]
cl.exercises.gradient(gradient)

# %%
plt.figure(figsize=(8, 2))
plt.imshow(gradient, cmap="gray", vmin=0, vmax=255)
plt.title("your gradient: every shade from 0 to 255")
plt.yticks([]);

# %% [markdown]
# ## 4. Change the numbers, change the picture
#
# Since a photo is just numbers, changing a number changes the picture. Below is a 16×16 crop
# of the photo, enlarged. Pick a pixel with `row` and `column`, then drag `value`: watch that
# one square change.

# %%
cl.widgets.pixel_painter(camera[180:196, 240:256])

# %% [markdown]
# ### Exercise 2: invert the photo
#
# A photographic *negative* swaps dark and light: 0 becomes 255, 255 becomes 0, and 100
# becomes 155. Store the negative of `camera` in `inverted`, still as `uint8`.
#
# *Careful:* `uint8` cannot hold negative numbers. What do you think `-camera` gives? (Try it
# after you solve the exercise.)

# %% tags=["solution"]
# YOUR CODE: the negative of camera (each value v becomes 255 - v)
# inverted = ...
inverted = 255 - camera

# %% tags=["check"]
cl.exercises.inverted(camera, inverted)

# %%
cl.plotting.show(camera, inverted, titles=["camera", "inverted = 255 - camera"]);

# %% [markdown]
# ## 5. Numbers from 0 to 1
#
# 0-255 is how photos are *stored*. For computing, we usually divide by 255 to get floats from
# 0.0 (black) to 1.0 (white): the same picture on a different scale. `cl.load_image` always
# gives floats in [0, 1]. Lesson 03 uses exactly this step: `rgb2lab(image / 255)`.

# %%
as_floats = camera / 255
print(as_floats.dtype, as_floats.min(), as_floats.max())
print("the pixel at (120, 200):", camera[120, 200], "→", round(as_floats[120, 200], 3))

# %% [markdown]
# ## What you learned / what's next
#
# - A B&W photo is a grid of numbers: `shape` = (rows, columns), one number per pixel.
# - In `uint8`, **0 is black and 255 is white**; dividing by 255 gives the same picture as 0-1.
# - Slicing cuts rows, columns and crops; changing numbers changes the picture.
#
# **Next:** `02_rgb_layers.ipynb`: a color photo needs *three* numbers per pixel. Which three,
# and why does a green leaf show up in all three layers?
