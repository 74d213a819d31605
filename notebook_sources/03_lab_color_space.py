# %% [markdown]
# # 03 · Lab: lightness apart from color
#
# In lesson 02, brightness and color were mixed together in all three layers. A colorization
# network wants them *apart*: the lightness is what a B&W photo already has (the input), the
# color is what we want to predict (the output). The **Lab** color space does exactly that split.
#
# **In this lesson you will:**
# - convert a photo to Lab with `rgb2lab(image / 255)`, as the article does;
# - see that **L** alone looks like the B&W photo and **a**, **b** alone carry the color;
# - measure how far a and b go for colors a screen can show;
# - split a photo into the network's input X = L and target Y = ab, and convert back.
#
# **Time:** about 20 minutes. **Builds on:** `02_rgb_layers` (three layers, 0-255, floats 0-1).
#
# ![A photo split into L, a and b](figures/lab_layers.png)

# %%
import matplotlib.pyplot as plt
import numpy as np
from skimage.color import lab2rgb, rgb2lab

import colorlab as cl

cl.setup()

# %% [markdown]
# ## 1. Three new layers: L, a and b
#
# - **L**, lightness: 0 is black, 100 is white. No color at all.
# - **a**: from green (negative) to red (positive); 0 is neither.
# - **b**: from blue (negative) to yellow (positive); 0 is neither.
#
# A gray pixel has a = b = 0; all of its information is in L.
#
# `rgb2lab` from scikit-image works on RGB values in [0, 1]. What it does with other numbers
# depends on their **dtype** (lesson 01): an integer image (`uint8`, 0-255) is divided by 255
# for you, but a float image is taken as it is, so floats that still run from 0 to 255 give
# nonsense. Dividing by 255 yourself, as the article does, is right in both cases. The cell
# checks all three.

# %%
image = np.round(cl.datasets.sample_photo("astronaut", size=256) * 255).astype(np.uint8)
lab = rgb2lab(image / 255)
print("image:", image.shape, image.dtype, " lab:", lab.shape, lab.dtype)
for k, name in enumerate("Lab"):
    print(f"{name}: from {lab[:, :, k].min():7.2f} to {lab[:, :, k].max():7.2f}")
same = np.abs(rgb2lab(image) - lab).max()
wrong = rgb2lab(image.astype(float))   # floats, still 0-255
print(f"uint8 without ÷255: largest difference from the above {same:.1e} (divided for you)")
print(f"floats 0-255 without ÷255: L up to {wrong[:, :, 0].max():.0f} (L never goes above 100)")

# %% [markdown]
# ## 2. L alone is the black-and-white photo
#
# Show the L layer as a gray picture, next to the original. What do you expect?

# %%
L = lab[:, :, 0]
cl.plotting.show(image, L / 100, titles=["the color photo", "L only (lightness)"]);

# %% [markdown]
# That is the B&W photo: L holds every detail and every shade, only no color. This is the
# network's **input**: when we color an old photo, L is all we have.
#
# ## 3. a and b alone carry the color
#
# Now the opposite: keep a and b, but replace L by the same middle lightness everywhere.
# What is left is color without light and shade.

# %%
flat = lab.copy()
flat[:, :, 0] = 70
only_color = lab2rgb(flat)
cl.plotting.show(image, only_color, titles=["the color photo", "a and b on a constant L = 70"]);

# %% [markdown]
# No shading and no fine detail: the hair, the reflections on the helmet and the folds of the
# suit are gone. What is left are areas of color, whose borders follow the objects (the
# suit, the flag's stripes). Together with L they make the full photo.
#
# How much detail does color really need? Shrink the a and b layers to 1/8 of the size, blow
# them up again and put them back with the full-size L. Then do the opposite: shrink L and
# keep a and b.

# %%
from skimage.transform import resize

eighth = (lab.shape[0] // 8, lab.shape[1] // 8)


def blur(layers):
    """Shrink layers to 1/8 of the size, then enlarge them back (smoothly)."""
    return resize(resize(layers, eighth, anti_aliasing=True), lab.shape[:2])


soft_color = cl.lab_to_rgb(np.dstack([lab[:, :, :1], blur(lab[:, :, 1:])]))
soft_light = cl.lab_to_rgb(np.dstack([blur(lab[:, :, :1]), lab[:, :, 1:]]))
psnr_color, psnr_light = (cl.metrics.psnr(image / 255, x) for x in (soft_color, soft_light))
cl.plotting.show(image, soft_color, soft_light, titles=[
    "the color photo", f"a, b at 1/8 size: {psnr_color:.1f} dB",
    f"L at 1/8 size: {psnr_light:.1f} dB"]);
assert psnr_color > psnr_light + 8  # the claim below: color at 1/8 is nearly lossless

# %% [markdown]
# With color at an eighth of the size, the photo is hard to tell from the original; with
# lightness at an eighth, it is a blur (the decibels are **PSNR**, a measure of closeness that lesson 05 explains: higher
# is closer). So the network does *not* have to produce a sharp picture:
# it only has to guess soft areas of color, and the photo's own L brings back every detail.
# That is what makes colorization possible, and why the networks of later lessons predict
# color at a fraction of the photo's size.
#
# ### Try it: the Lab explorer
#
# Move L, a and b and watch the color. Some combinations, such as a very saturated blue at
# high lightness, don't exist on a screen: the explorer warns you and shows the nearest color.

# %%
cl.widgets.lab_explorer()

# %% [markdown]
# Below, every (a, b) pair at one lightness: a goes from green (left) to red (right), b from
# blue (bottom) to yellow (top). The gray area is made of combinations a screen cannot show.
# Move L: how does the square of possible colors change near black and near white?

# %%
cl.widgets.ab_plane_explorer()

# %% [markdown]
# ## 4. How far do a and b really go?
#
# You will read that a and b run from -128 to 127. That is the range of the *numbers*, but
# which values do real screen colors reach? Screens, cameras and the web use **sRGB**, the
# standard RGB whose 0-255 values lesson 01 read; `rgb2lab` assumes it. Don't take anyone's
# word for the range; measure.
# We convert a grid of RGB colors that includes every extreme (steps of 5, from 0 to 255).

# %%
levels = np.arange(0, 256, 5)
r, g, b = np.meshgrid(levels, levels, levels, indexing="ij")
all_colors = np.stack([r, g, b], axis=-1).reshape(-1, 1, 3)
ab_all = rgb2lab(all_colors / 255)[:, 0, 1:]
print(f"{len(all_colors):,} colors")
print(f"a: from {ab_all[:, 0].min():.1f} to {ab_all[:, 0].max():.1f}")
print(f"b: from {ab_all[:, 1].min():.1f} to {ab_all[:, 1].max():.1f}")
print("most green:", all_colors[ab_all[:, 0].argmin(), 0], " most blue:",
      all_colors[ab_all[:, 1].argmin(), 0])
# The ranges the text quotes, rounded: a from -86 to 98, b from -108 to 94.
assert [round(ab_all[:, 0].min()), round(ab_all[:, 0].max())] == [-86, 98]
assert [round(ab_all[:, 1].min()), round(ab_all[:, 1].max())] == [-108, 94]

# %% [markdown]
# For screen colors, a spans about **-86 to 98** and b about **-108 to 94**: well inside
# -128..128. Lesson 04 uses that to squeeze them into [-1, 1].
#
# ## 5. X and Y: the network's input and target
#
# In the article's words: `X = rgb2lab(1.0/255*image)[:,:,0]` and
# `Y = rgb2lab(1.0/255*image)[:,:,1:]`. The slice `[:, :, 0]` takes layer 0 (L), and `[:, :, 1:]`
# takes layers 1 and 2 (a and b).
#
# ### Exercise 1: split the leaf into X and Y
#
# Convert the leaf from lesson 02 to Lab (already done for you), then make `X` (the L layer,
# shape (H, W)) and `Y` (the a and b layers, shape (H, W, 2)).

# %%
leaf = np.round(cl.drawn.leaf(128) * 255).astype(np.uint8)
leaf_lab = rgb2lab(leaf / 255)

# %% tags=["solution"]
# YOUR CODE: X = the lightness layer, Y = the two color layers of leaf_lab
# X = ...
# Y = ...
X = leaf_lab[:, :, 0]
Y = leaf_lab[:, :, 1:]

# %% tags=["check"]
cl.exercises.split_x_y(leaf_lab, X, Y)

# %%
fig, axes = plt.subplots(1, 3, figsize=(10, 3.2))
im = axes[0].imshow(X, cmap="gray", vmin=0, vmax=100)
fig.colorbar(im, ax=axes[0], shrink=0.8)
axes[0].set_title("X = L")
for ax, k, kind in [(axes[1], 0, "a"), (axes[2], 1, "b")]:
    im = cl.plotting.show_signed(ax, Y[:, :, k], kind)   # 0 (no color) is white
    fig.colorbar(im, ax=ax, shrink=0.8)
    ax.set_title(f"Y[..., {k}] = {kind}")
for ax in axes:
    ax.axis("off")
fig.tight_layout()

# %% [markdown]
# The leaf is strongly negative in a (green) and positive in b (toward yellow); the white
# background is 0 in both: white has no color, only lightness.
#
# The course's package does the same split with `cl.split_lab`; it keeps a last axis of size 1
# on L, the shape a network layer wants: (H, W, 1).

# %%
L_part, ab_part = cl.split_lab(cl.rgb_to_lab(leaf / 255))
print("L:", L_part.shape, " ab:", ab_part.shape)

# %% [markdown]
# ### Exercise 2: back from Lab to RGB
#
# Nothing is lost on the way into Lab. `pixels` below is the photo as **floats from 0 to
# 255**, what you get after arithmetic such as `image * 1.0`. Convert it to Lab and straight
# back with `lab2rgb`, and store the result in `back`; the check compares it with
# `pixels / 255`. Mind the dtype (section 1).

# %%
pixels = image * 1.0   # the photo as floats, 0.0 to 255.0
print(pixels.dtype, pixels.min(), pixels.max())

# %% tags=["solution"]
# YOUR CODE: pixels → Lab → RGB
# back = ...
back = lab2rgb(rgb2lab(pixels / 255))

# %% tags=["check"]
cl.exercises.round_trip(pixels, back)

# %% [markdown]
# ## What you learned / what's next
#
# - Lab separates **L** (lightness, 0-100) from **a** (green-red) and **b** (blue-yellow).
# - L alone is the B&W photo: the network's input **X**. a and b are the color: its target **Y**.
# - Measured: screen colors have a in about -86..98 and b in about -108..94.
#
# **Next:** `04_normalization.ipynb`: a network's output lives in [-1, 1]. How do we bring a
# and b into that range, and back?
