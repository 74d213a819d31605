# %% [markdown]
# # 04 · Normalization: bringing a and b into [-1, 1]
#
# The network of lesson 05 ends with a function called **tanh**, whose answers always lie
# between -1 and 1. Our targets, a and b, go much further. This lesson makes the two meet.
#
# **In this lesson you will:**
# - see tanh's curve and why its output can never leave (-1, 1);
# - divide a and b by 128 to land inside that range, and multiply by 128 to get them back;
# - compare a photo's ab **histograms** (bar charts of how many pixels have each value)
#   before and after;
# - see why the input L should be scaled too.
#
# **Time:** about 15 minutes. **Builds on:** `03_lab_color_space` (L, a, b and their ranges).
#
# ![tanh's curve and a photo's ab values before and after dividing by 128](figures/normalization.png)

# %%
import matplotlib.pyplot as plt
import numpy as np

import colorlab as cl

cl.setup()

# %% [markdown]
# ## 1. tanh squashes every number into (-1, 1)
#
# tanh ("hyperbolic tangent") takes any number and returns one between -1 and 1: near 0 it
# barely changes the number, far from 0 it flattens out. What do you expect tanh(10) to be?

# %%
for z in [0, 0.5, 1, 2, 3, 10, -10]:
    print(f"tanh({z:>5}) = {np.tanh(z): .5f}")

z = np.linspace(-5, 5, 400)
plt.figure(figsize=(6, 3))
plt.plot(z, np.tanh(z), color="k", label="tanh(z)")
plt.axhline(1, ls=":", color="gray")
plt.axhline(-1, ls=":", color="gray")
plt.xlabel("z: what the last layer computes")
plt.ylabel("the network's output")
plt.legend();

# %%
# Lesson 03's measurement again: the most extreme a and b of screen colors, and ÷ 128
levels = np.arange(0, 256, 5) / 255
grid = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), -1).reshape(-1, 1, 3)
ab_screen = cl.rgb_to_lab(grid)[:, 0, 1:]
print(f"a up to {ab_screen[:, 0].max():.0f}, b down to {ab_screen[:, 1].min():.0f}")
print(f"largest |a| or |b| divided by 128: {np.abs(ab_screen).max() / 128:.2f}")
assert round(ab_screen[:, 0].max()) == 98 and round(ab_screen[:, 1].min()) == -108
assert round(np.abs(ab_screen).max() / 128, 2) == 0.84

# %% [markdown]
# Whatever the network computes, its final answer lies in (-1, 1). But lesson 03 measured a
# up to about 98 and b down to about -108 (again in the cell above). The network *cannot*
# answer 98. So we change the
# question: instead of asking for a and b, we ask for **a / 128** and **b / 128**.
#
# ## 2. Divide by 128
#
# Every a and b a screen can show lies within -128..128, so after dividing by 128 they all lie
# within -1..1, tanh's range. Let's check on a real photo.

# %%
photo = cl.datasets.sample_photo("astronaut", size=256)
L, ab = cl.split_lab(cl.rgb_to_lab(photo))
Y = ab / 128
print(f"ab     from {ab.min():8.2f} to {ab.max():7.2f}")
print(f"ab/128 from {Y.min():8.4f} to {Y.max():7.4f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3))
for k, (name, color) in enumerate([("a", "tab:red"), ("b", "tab:olive")]):
    axes[0].hist(ab[..., k].ravel(), bins=100, alpha=0.6, color=color, label=name)
    axes[1].hist(Y[..., k].ravel(), bins=100, alpha=0.6, color=color, label=f"{name} / 128")
axes[0].set(title="before: a and b", xlim=(-128, 128))
axes[1].set(title="after: divided by 128", xlim=(-1, 1))
for ax in axes:
    ax.legend()
    ax.set_yscale("log")
fig.tight_layout()

# %% [markdown]
# Same shape, new scale. Notice the tall spike at 0: most pixels of most photos have little
# color. Keep that in mind; lesson 09 comes back to it.
#
# ## 3. Multiply by 128 to get the colors back
#
# After the network answers, we undo the division: **output × 128** is a and b again. The
# package has both steps as `cl.normalize_ab` and `cl.denormalize_ab`.
#
# ### Try it: from the network's raw number to a color
#
# `z` stands for what the last layer computes before tanh. Move it: tanh squeezes it into
# (-1, 1), ×128 turns that into a or b, and the swatch shows the color (at L = 65).
# How far must you push z before the color stops changing?

# %%
cl.widgets.tanh_explorer()


# %% [markdown]
# Far from 0, tanh is flat: pushing z further hardly changes the color. That is also why
# 128 is a comfortable divisor: the strongest real colors need outputs of at most about ±0.84 (printed above), where
# tanh still responds, instead of ±1, which tanh only reaches at infinity.
#
# ### Exercise 1: write the two functions
#
# Write `normalize(ab)`, which returns ab divided by 128, and `denormalize(y)`, which undoes it.

# %% tags=["solution"]
# YOUR CODE: two functions, normalize(ab) → ab / 128 and denormalize(y) → y * 128
# def normalize(ab):
#     ...
# def denormalize(y):
#     ...
def normalize(ab):
    return ab / 128


def denormalize(y):
    return y * 128


# %% tags=["check"]
cl.exercises.normalize_pair(normalize, denormalize)

# %% [markdown]
# ### Exercise 2: prove that denormalize undoes normalize
#
# On the astronaut photo's `ab`, compute the largest absolute difference between
# `denormalize(normalize(ab))` and `ab`. Store it in `max_error`. What do you expect?

# %% tags=["solution"]
# YOUR CODE: the largest |denormalize(normalize(ab)) - ab|
# max_error = ...
max_error = np.abs(denormalize(normalize(ab)) - ab).max()

# %% tags=["check"]
cl.exercises.inverse_error(ab, normalize, denormalize, max_error)
print("max_error =", max_error)

# %% [markdown]
# Exactly zero, not just small: 128 is a power of two, and computers store numbers in base 2,
# so dividing and multiplying by 128 only shifts the exponent. Nothing is rounded.
#
# ## 4. Scale the input too
#
# The article feeds L to the network as it is: 0 to 100. A network computes with
# **filters**: small grids of numbers, its **weights**, that it multiplies with the pixels
# and adds up (lesson 05 shows one at work). It starts with small random weights, tuned for
# inputs of about -1..1. Feed it numbers a hundred times
# larger and its first results are a hundred times larger too, so a tanh (or any squashing
# step) further on sits far out on its flat part, where a small change of a weight changes
# nothing: learning crawls. The slope of tanh tells how much a change gets through:

# %%
from numpy.lib.stride_tricks import sliding_window_view

rng = np.random.default_rng(0)
filters = rng.normal(0, 1 / 3, size=(100, 9))  # 100 random 3×3 filters, the usual start
patches = sliding_window_view(L[:, :, 0], (3, 3))[::4, ::4].reshape(-1, 9)  # L, 0-100
flat = {}
for name, x in [("raw L", patches), ("scaled L", patches / 50 - 1)]:
    slope = 1 - np.tanh(x @ filters.T) ** 2  # tanh's slope at every filter output
    flat[name] = np.mean(slope < 0.01)
    print(f"{name:>9}: mean slope {slope.mean():.2f}, almost flat (below 0.01) at {flat[name]:.0%}")
assert flat["raw L"] > 0.5 and flat["scaled L"] < 0.01


# %% [markdown]
# With raw L, tanh is almost flat for most filter outputs (printed above): there, the
# filters barely learn. With L scaled to [-1, 1], almost none is. Lesson 05's network scales L inside itself, and a benchmark there measures how much
# that change, with the others, speeds up training.
#
# ### Exercise 3: scale L to [-1, 1]
#
# Write `scale_L(L)` that maps 0 → -1, 50 → 0 and 100 → 1, in a straight line.

# %% tags=["solution"]
# YOUR CODE: a function mapping L from [0, 100] onto [-1, 1]
# def scale_L(L):
#     ...
def scale_L(L):
    return L / 50 - 1


# %% tags=["check"]
cl.exercises.scale_L(scale_L)

# %% [markdown]
# ## What you learned / what's next
#
# - tanh turns any number into one in (-1, 1), so the network predicts **ab / 128**, not ab.
# - **× 128** turns its answer back into a and b, exactly.
# - The input L is best scaled too, to [-1, 1], so that the network's filters can learn.
#
# **Next:** `05_tanh_convnet.ipynb`: build the network, first exactly as the article does,
# then better, and train it on one photo.
