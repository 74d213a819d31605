# %% [markdown]
# # 02 · A color photo has three layers
#
# A B&W pixel is one number. A color pixel is three: how much **red**, **green** and **blue**
# light to mix. This lesson takes a color picture apart into those three layers.
#
# **In this lesson you will:**
# - split a color image into its R, G and B layers, each a grid of numbers like lesson 01's;
# - see why a green leaf on white shows up in *all three* layers;
# - learn that white is all three layers high, black all three at 0, and gray is R = G = B;
# - mix colors yourself and rebuild a photo layer by layer.
#
# **Time:** about 15 minutes. **Builds on:** `01_pixel_grids` (shape, dtype, slicing).
#
# ![The green leaf on white, split into its red, green and blue layers](figures/leaf_layers.png)

# %%
import matplotlib.pyplot as plt
import numpy as np

import colorlab as cl

cl.setup()

# %% [markdown]
# ## 1. The green leaf on white
#
# The course draws the article's example with code: a green leaf on a white background.
# We store it as whole numbers 0-255, like the photo in lesson 01.

# %%
leaf = np.round(cl.drawn.leaf(256) * 255).astype(np.uint8)
print("shape:", leaf.shape, " dtype:", leaf.dtype)
plt.imshow(leaf)
plt.title("leaf: 256 × 256 pixels × 3 layers")
plt.axis("off");

# %% [markdown]
# The shape has a third number now: **3 layers**. `leaf[:, :, 0]` is the red layer,
# `leaf[:, :, 1]` the green one, `leaf[:, :, 2]` the blue one. Each is a grid of 0-255 numbers.
#
# **Before you run the next cell:** the leaf is green. In which layers do you expect to see it?
# Only in the green one?

# %%
red, green, blue = leaf[:, :, 0], leaf[:, :, 1], leaf[:, :, 2]
cl.plotting.show(red, green, blue, titles=["red layer", "green layer", "blue layer"]);

# %% [markdown]
# The leaf shows in **all three** layers, darker than the background each time. Why? Look at
# the numbers of one leaf pixel and one background pixel:

# %%
print("a leaf pixel       (R, G, B):", leaf[128, 128])
print("a background pixel (R, G, B):", leaf[10, 10])
assert leaf[128, 128, 1] > leaf[128, 128, [0, 2]].max()   # more green than red or blue
assert (leaf[128, 128] < leaf[10, 10]).all()              # darker than white in every layer

# %% [markdown]
# The background is white, and **white is all three layers at their highest** (255, 255, 255).
# The leaf has more green than red or blue, yet in *every* layer it is darker than the white
# around it. Even in the green layer, the leaf pixel printed above stays below the
# background's 255.
#
# So the layers don't only say *which* color a pixel is; together they also say how *bright* it
# is. Brightness and color are mixed up in R, G and B. Keep that in mind: lesson 03 separates
# them, and that separation is the key to colorization.
#
# ## 2. Mixing light
#
# A screen mixes red, green and blue light. All three at 0 is black; all three at 255 is white;
# **any triple with R = G = B is a gray**. Try it with the sliders: make white, black, a gray,
# the leaf's green, and a yellow (hint: red + green).

# %%
cl.widgets.rgb_mixer()

# %% [markdown]
# Start from pure green and add **equal** amounts of red and blue: the green gets paler and
# brighter, and when all three are equal it has become gray and then white. Equal parts of the
# three layers add brightness, not color.

# %%
steps = [0, 60, 120, 180, 255]
greens = np.array([[r, 180, r] if r <= 180 else [r, 255, r] for r in steps], np.uint8)
cl.plotting.swatches(greens, [str(tuple(int(v) for v in g)) for g in greens],
                     title="green, plus more and more red and blue in equal parts");

# %% [markdown]
# ## 3. A real photo, layer by layer
#
# Tick and untick the layers of a photo. With only R ticked you see the red light alone; with
# R and G you see what red and green mix to (yellows and oranges); all three give the photo.

# %%
coffee = cl.datasets.sample_photo("coffee", size=240)
cl.widgets.channel_toggles(coffee)

# %% [markdown]
# ### Exercise 1: keep only the green layer
#
# Make `green_only`: a copy of `leaf` in which the red and blue layers are all 0 and the green
# layer is unchanged. Keep the three-layer shape so it can still be shown as a color picture.
#
# *Hint:* `leaf.copy()` first, then set `[:, :, 0]` and `[:, :, 2]` to 0.

# %% tags=["solution"]
# YOUR CODE: a copy of leaf with red and blue set to 0
# green_only = ...
green_only = leaf.copy()
green_only[:, :, 0] = 0
green_only[:, :, 2] = 0

# %% tags=["check"]
cl.exercises.green_only(leaf, green_only)

# %%
cl.plotting.show(leaf, green_only, titles=["leaf", "green layer only"]);

# %% [markdown]
# The white background became green too: white *contains* full green light.
#
# ### Exercise 2: make a gray version
#
# A pixel is gray when R = G = B. A simple way to remove color: replace each pixel's three
# values by their **mean**, copied into all three layers. Do it for `coffee` (floats in [0, 1])
# and store the result in `gray`, with shape (H, W, 3).
#
# *Hint:* `coffee.mean(axis=-1)` averages the layers; `np.stack([m, m, m], axis=-1)` or
# `np.repeat(m[..., None], 3, axis=-1)` copies one layer three times.

# %% tags=["solution"]
# YOUR CODE: gray = the mean of R, G, B, in all three layers
# gray = ...
mean = coffee.mean(axis=-1)
gray = np.stack([mean, mean, mean], axis=-1)

# %% tags=["check"]
cl.exercises.gray_from_rgb(coffee, gray)

# %%
cl.plotting.show(coffee, gray, titles=["coffee", "mean of R, G, B"]);

# %% [markdown]
# That works, but look closely: our eyes see green as much brighter than blue of the same
# value, so a plain mean makes some parts too dark or too light. Lesson 03 introduces a color
# space built around how we see, where lightness is a layer of its own.

# %%
for name, rgb in [("pure green", [0, 1.0, 0]), ("pure blue", [0, 0, 1.0])]:
    print(f"{name}: mean of R, G, B = {np.mean(rgb):.2f}, yet it looks", end=" ")
    print("bright" if name == "pure green" else "dark")

# %% [markdown]
# ## What you learned / what's next
#
# - A color photo is three grids of numbers: the red, green and blue layers, shape (H, W, 3).
# - The layers carry brightness as well as color: the leaf shows up in all three of them.
# - White = all three high, black = all three at 0, gray = R = G = B.
#
# **Next:** `03_lab_color_space.ipynb`: a color space that keeps lightness apart from color,
# which is exactly the split a colorization network needs.
