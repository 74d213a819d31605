# %% [markdown]
# # 12 · Your hints: color a photo the way it was
#
# No network can know that grandma's dress was blue or that the car was red. You might.
# **User-guided colorization** (Zhang, Zhu, Isola and others, 2017) gives the network
# that knowledge: you click a few places and say their colors, and the network colors
# the rest of the photo to match. The network takes the clicks as extra input channels,
# and it learns to use them from clicks *simulated* from the true colors of photos.
#
# **In this lesson you will:**
# - measure what a photo's overall color alone is worth, and see why a few hints pay off;
# - build the extra input channels a network reads hints from, and simulate hints from
#   true colors, the way the hint model was trained;
# - see how the shipped hint model spreads one hint over the photo;
# - read the curve of PSNR against the number of hints, and find where one hint helps most;
# - color a photo with your own clicks, save it, and repeat it from the command line.
#
# **Time:** about 25 minutes. **Builds on:** `03_lab_color_space` (ab), `04_normalization`
# (÷ 128), `10_your_photos` (measuring honestly), `11_photo_model` (the photo model and the
# one-color baselines).
#
# ![A coffee cup: gray, the photo model on its own, six hints (rings), the original](figures/your_hints.png)

# %%
import json
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import colorlab as cl

cl.setup(tensorflow=True)

hint_model = cl.load_model("hints")
photo_model = cl.load_model("photos")

# %% [markdown]
# ## 1. What the overall color is worth
#
# Lesson 11 compared the photo model with a baseline that cheats: each photo's own
# **cast**, its true mean a and b, painted flat over its lightness. Two numbers per photo,
# no detail at all. Here are both on the six bundled color photos, which the photo model
# never trained on. Which do you expect to score higher?

# %%
photos = {name: cl.datasets.sample_photo(name, size=256) for name in cl.datasets.COLOR_PHOTOS}


def paint_cast(rgb):
    """The photo's lightness with its own mean a and b everywhere: its cast, painted flat."""
    lab = cl.rgb_to_lab(rgb)
    lab[..., 1:] = lab[..., 1:].mean(axis=(0, 1))
    return cl.lab_to_rgb(lab)


gains = {"photo model": [], "its own cast": []}
for name, rgb in photos.items():
    gray = cl.metrics.psnr(rgb, cl.to_gray(rgb))
    model_gain = cl.metrics.psnr(rgb, cl.colorize(photo_model, rgb)) - gray
    cast_gain = cl.metrics.psnr(rgb, paint_cast(rgb)) - gray
    gains["photo model"].append(model_gain)
    gains["its own cast"].append(cast_gain)
    print(f"{name:13} photo model {model_gain:+.2f} dB over gray, its own cast {cast_gain:+.2f} dB")
mean_model, mean_cast = np.mean(gains["photo model"]), np.mean(gains["its own cast"])
print(f"mean: photo model {mean_model:+.2f} dB, cast {mean_cast:+.2f} dB over gray")
wins = sum(c > m for c, m in zip(gains["its own cast"], gains["photo model"], strict=True))
print(f"the cast beats the photo model on {wins} of {len(photos)} photos")
assert mean_cast > mean_model and wins > len(photos) / 2, "the text says the cast wins"

# %% [markdown]
# On most of the photos, and on average, two true numbers per photo beat the whole network
# (the last two lines). The network has to guess the overall color from gray, and where it
# guesses wrong it loses much of what it gains elsewhere; on a photo or two it still wins.
# A person who remembers the photo can give that color for free, and more: the dress in
# one place, the sky in another. That is what **hints** are: a few points (x, y) on the
# photo, each with a color.
#
# ## 2. How a network takes hints: more input channels
#
# Every network of the course reads one channel, L. The hint model reads more, stacked
# behind L like the layers of an RGB photo (lesson 02):
#
# - the **hint map**: two channels, a / 128 and b / 128 of each hint's color at its pixel
#   (lesson 04's scaling), and 0 everywhere else;
# - the **mask**: one channel, 1 at each hinted pixel and 0 elsewhere.
#
# Why the mask? A hint can be gray: a white shirt has a = b = 0, the same numbers as "no
# hint here". The mask tells the two apart.
#
# ### Exercise 1: the hint map and the mask
#
# A 6 × 8 photo gets three hints, given as (x, y, color): x is the **column**, y the **row**,
# as in any image program. Build `ab`, shape (6, 8, 2), and `mask`, shape (6, 8, 1).
# `cl.hints.hint_ab(color)` gives a hint color's a and b (the lightness comes from the
# photo, so only a and b are kept).

# %%
points = [(1, 0, "#ff0000"), (6, 4, (30, 144, 255)), (3, 5, "#808080")]
height, width = 6, 8
print("a and b of the first color:", cl.hints.hint_ab(points[0][2]).round(1))

# %% tags=["solution"]
# YOUR CODE: zeros everywhere, then each hint's a / 128 and b / 128 and a 1 in the mask
# ab = ...
# mask = ...
ab = np.zeros((height, width, 2), np.float32)
mask = np.zeros((height, width, 1), np.float32)
for x, y, color in points:
    ab[y, x] = cl.hints.hint_ab(color) / 128
    mask[y, x] = 1

# %% tags=["check"]
cl.exercises.hint_channels(points, (height, width), ab, mask)

# %% [markdown]
# `cl.hints.hint_map(points, (height, width))` builds the same two arrays, and checks each
# point on the way: a point outside the photo or a color it cannot read gets an error that
# names it. Try it:

# %%
try:
    cl.hints.hint_map([(8, 0, "#ff0000")], (height, width))
except ValueError as problem:
    print(problem)

# %% [markdown]
# The shipped hint model reads one more group of three channels: the **global hint**,
# "color it like this photo". It is a reference photo's mean a / 128 and b / 128 (its
# cast, from section 1) in every pixel, and a flag of 1 when a reference is given.
# `cl.hints.model_input` stacks all of them behind L:

# %%
coffee = photos["coffee"]
L = cl.split_lab(cl.rgb_to_lab(coffee))[0]
few = cl.hints.random_hints(coffee, 5, np.random.default_rng(0))
inputs = cl.hints.model_input(L, *cl.hints.hint_map(few, L.shape[:2]), cl.hints.like_hint(None))
print(f"the model's input: {inputs.shape} (L, the hint map, the mask, the global hint)")
assert inputs.shape[-1] == cl.hints.INPUT_CHANNELS
grown_a = np.zeros(L.shape[:2], np.float32)
grown_mask = np.zeros(L.shape[:2], np.float32)
for hx, hy, _ in few:  # the figure enlarges each one-pixel hint so it can be seen
    near = (slice(max(0, hy - 5), hy + 6), slice(max(0, hx - 5), hx + 6))
    grown_a[near], grown_mask[near] = inputs[hy, hx, 1], inputs[hy, hx, 3]
fig, axes = plt.subplots(1, 4, figsize=(12, 2.6))
axes[0].imshow(coffee)
axes[1].imshow(inputs[..., 0], cmap="gray", vmin=0, vmax=100)
cl.plotting.show_signed(axes[2], grown_a, "a", limit=0.5)  # 0 (no hint, or gray) is white
axes[3].imshow(grown_mask, cmap="gray", vmin=0, vmax=1)
for ax, title in zip(axes, ["the truth", "channel 0: L", "channel 1: hint a / 128",
                            "channel 3: the mask"], strict=True):
    ax.set_title(title)
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 3. Training with simulated hints
#
# Nobody can click on eight hundred photos for the network to learn from. So the training
# photos get hints **simulated** from their true colors, as Zhang and his co-authors did:
#
# - how many points: drawn at random, often a few and sometimes many (a **geometric**
#   distribution: after each point, a 1 in 8 chance to stop), and for one photo in ten none
#   at all, so the network still learns to color on its own;
# - where: a small square (1 to 9 pixels a side) at a random place; what: its mean true ab,
#   written over that square, as if a person had picked the color of that patch.
#
# Here it is written out. The last line checks that it is the course's
# `cl.hints.simulate_hints`, which fed the hint model during its training.

# %%
def simulate(ab, rng, p=1 / 8, no_hints=0.1, max_points=30, max_patch=9):
    """Hints drawn from the true ab / 128 (H, W, 2), as a person might give them."""
    h, w = ab.shape[:2]
    hints = np.zeros((h, w, 2), np.float32)
    mask = np.zeros((h, w, 1), np.float32)
    if rng.random() < no_hints:  # one photo in ten: no hint at all
        return hints, mask
    for _ in range(min(int(rng.geometric(p)), max_points)):
        side = int(rng.integers(1, max_patch + 1))  # a square of 1 to 9 pixels a side
        top = int(rng.integers(0, max(1, h - side + 1)))
        left = int(rng.integers(0, max(1, w - side + 1)))
        patch = (slice(top, top + side), slice(left, left + side))
        hints[patch] = ab[patch].reshape(-1, 2).mean(axis=0)  # the patch's mean color
        mask[patch] = 1
    return hints, mask


truth_ab = cl.normalize_ab(cl.split_lab(cl.rgb_to_lab(coffee))[1])
mine = simulate(truth_ab, np.random.default_rng(5))
theirs = cl.hints.simulate_hints(truth_ab, np.random.default_rng(5))
assert all(np.array_equal(m, t) for m, t in zip(mine, theirs, strict=True))
print("the same hints as cl.hints.simulate_hints")

# %% [markdown]
# How many points does a photo get? Draw a thousand times and count:

# %%
rng = np.random.default_rng(0)
hinted = [simulate(np.zeros((64, 64, 2), np.float32), rng)[1].any() for _ in range(1000)]
print(f"photos with no hint: {1 - np.mean(hinted):.0%} of 1,000 (the chance is one in ten)")
# How many points the others get is one geometric draw each, cut at 30: draw 1,000 of them.
draws = np.minimum(np.random.default_rng(1).geometric(1 / 8, 1000), 30)
print(f"points per photo when there are some: mean {draws.mean():.1f}, "
      f"median {np.median(draws):.0f}, most {draws.max()}")
plt.figure(figsize=(5, 2.6))
plt.hist(draws, bins=np.arange(1, 32) - 0.5, color="#607d8b")
plt.xlabel("points in a photo's hints")
plt.ylabel("photos (of 1,000)")
plt.title("the geometric distribution, cut at 30")
plt.show()

# %% [markdown]
# Most photos get a few points and a few get many: the network sees every situation a
# person might create, from one click to a dense scribble. During training each batch
# of crops gets fresh hints (`cl.training.hint_targets` runs this in the data pipeline),
# and the loss is the per-photo RGB error of lesson 11.
#
# ## 4. How the hint model spreads a hint
#
# A hint is one pixel. What should it change? Not only its own pixel: a click on a blue
# coat should turn the whole coat blue, and not the face above it. The shipped model does
# it in two steps.
#
# 1. The **photo model** of lesson 11, frozen, colors the gray photo as always: that is
#    each place's **own guess**.
# 2. On a grid of cells 8 pixels wide (at the working size), each cell **votes** among the
#    candidates: every hint, its own guess, and the reference photo's color when one is
#    given. A hint's score is high where the cell *looks like* the hinted cell (a small
#    network learned what "looks like" means, from the ImageNet features of the photo model)
#    and where it is *near* it; the **softmax** of the scores (lesson 09) gives the weights.
#
# With no hints, only the own guess is left, so the hint model *is* the photo model. Check:

# %%
chelsea = photos["chelsea"]
without = cl.colorize(hint_model, chelsea)
assert np.abs(without - cl.colorize(photo_model, chelsea)).max() < 1e-4
print("with no hints: the photo model's colors, to the fourth decimal")

# %% [markdown]
# Now one hint: a click on the cat's fur, in a color cats do not have. Where does it go?
# The middle picture is the result; the right one shows each cell's vote for the hint
# (1: it takes the hint's color; 0: it keeps its own guess).

# %%
click = [(80, 150, "#2e7dd7")]  # x = column, y = row, in the photo's pixels
with_hint = cl.colorize(hint_model, chelsea, hints=click)
follows = cl.hint_weights(hint_model, chelsea, click)
marked = cl.widgets.hints.draw_markers(with_hint, click)
cl.plotting.show(without, marked, follows, titles=["no hint", "one blue hint", "vote for the hint"]);
fur = follows > 0.5
print(f"{fur.mean():.0%} of the photo follows the hint by more than half")
assert 0.02 < fur.mean() < 0.8, "the text says the hint spreads, but not everywhere"

# %% [markdown]
# The hint spreads over the fur that looks like the click and fades with distance; the
# background keeps its own guess. The two numbers that set how fast a vote fades were
# learned in training, the **sharpness** (how much "looks different" counts) and the
# **reach** (how much distance counts):

# %%
vote = hint_model.get_layer("vote")
# Stored as raw numbers and passed through softplus, log(1 + e^x), which keeps them positive.
sharpness = float(np.log1p(np.exp(vote.raw_sharpness.numpy())))
reach = float(np.log1p(np.exp(vote.raw_reach.numpy())))
print(f"sharpness {sharpness:.2f}, reach {reach:.2f}: the distance counts squared, so a hint "
      f"half the shorter side away loses {reach / 4:.1f} in score, a whole side {reach:.1f}")

# %% [markdown]
# ## 5. What hints are worth
#
# The model card measured the hint model on its **validation** photos (every 10th photo of
# the training folder, never trained on): each photo made gray, then colorized with 0, 1,
# 2, 5, 10 and 20 hints at random pixels, each hint with the true color there, as if a
# person who remembered the photo clicked at random. The same points for every count: the
# 5 hints are the first 5 of the 20.

# %%
card = json.loads((cl.saving.WEIGHTS / "hints.json").read_text())
curve = card["quality"]["validation"]
for row in curve:
    print(f"{row['hints']:2} hints: {row['gain']:+.2f} dB over gray (± {row['sem']:.2f}), "
          f"better than gray on {row['above_gray']:.0%} of {row['photos']} photos")
by_count = {row["hints"]: row["gain"] for row in curve}
assert by_count[0] >= 0, "with no hints it is the photo model: no worse than gray"
assert by_count[1] >= by_count[0] + 0.5 and by_count[10] >= 3, "the text's claims"
counts = sorted(by_count)
per_hint = [(by_count[b] - by_count[a]) / (b - a) for a, b in zip(counts, counts[1:])]
print("dB per added hint:", ", ".join(f"{g:.2f}" for g in per_hint))
assert all(later < earlier for earlier, later in zip(per_hint, per_hint[1:])), "each adds less"

# %% [markdown]
# With no hint it is the photo model. One hint adds at least half a decibel over none, and
# ten reach at least three over gray, each a mean over all the validation photos (± is the
# **standard error**: how much the mean would move with other photos). On average between
# the counts shown, each hint adds less than the ones before (the last line: the gain per
# added hint): the first tells the network
# a region's color, later ones often land in regions that are already right. Now measure it
# yourself, on the six bundled photos (a few seconds):

# %%
ours = cl.training.gain_with_hints(hint_model, list(photos.values()), counts=(0, 1, 2, 5, 10, 20))
fig, ax = plt.subplots(figsize=(5.5, 3.2))
for rows, label in ((curve, "validation photos (the card)"), (ours, "the six bundled photos")):
    ax.errorbar([r["hints"] for r in rows], [r["gain"] for r in rows],
                yerr=[r["sem"] for r in rows], marker="o", capsize=3, label=label)
ax.axhline(0, color="gray", lw=1)
ax.set_xlabel("hints (random places, true colors)")
ax.set_ylabel("PSNR over gray (dB)")
ax.legend()
plt.show()
for row in ours:
    print(f"bundled photos, {row['hints']:2} hints: {row['gain']:+.2f} dB over gray")

# %% [markdown]
# The bundled photos start higher (the photo model's gain with no hint, printed first, is
# well above the card's) and climb the same way. Random places are not the best places, though.
#
# ### Exercise 2: where does one hint help most?
#
# Try one hint at each of the 16 places in `candidates` on the astronaut photo, each with
# the photo's true color at that place. Colorize with
# `cl.colorize(hint_model, astronaut, hints=[(x, y, color)])`, measure
# `cl.metrics.psnr(astronaut, result)`, keep each place's PSNR in the dict `scores`
# (`scores[(x, y)] = ...`, the map below draws it) and store the best place's (x, y) in `best`.
# `astronaut[y, x]` is the true color there, in [0, 1]: multiply by 255 for a hint color.

# %%
astronaut = photos["astronaut"]
h, w = astronaut.shape[:2]
candidates = [(int(w * (i + 0.5) / 4), int(h * (j + 0.5) / 4)) for j in range(4) for i in range(4)]
assert len(candidates) == 16
print("candidates (x, y):", candidates)

# %% tags=["solution"]
# YOUR CODE: one hint per candidate; its PSNR in the dict scores, keyed by (x, y);
# then the (x, y) with the highest PSNR
# best = ...
scores = {}
for x, y in candidates:
    color = tuple(int(round(v * 255)) for v in astronaut[y, x])
    result = cl.colorize(hint_model, astronaut, hints=[(x, y, color)])
    scores[(x, y)] = cl.metrics.psnr(astronaut, result)
best = max(scores, key=scores.get)

# %% tags=["check"]
cl.exercises.best_hint(hint_model, astronaut, candidates, best)

# %% [markdown]
# Where was it? Here are the 16 results as a map over the photo: the brighter the square,
# the more that one hint gained over colorizing with none.

# %%
none = cl.metrics.psnr(astronaut, cl.colorize(hint_model, astronaut))
grid = np.array([[scores[(x, y)] - none for x, y in candidates[j * 4:(j + 1) * 4]]
                 for j in range(4)])
fig, axes = plt.subplots(1, 2, figsize=(8, 3.6))
axes[0].imshow(astronaut)
axes[0].scatter(*zip(*[(x, y) for x, y in candidates], strict=True), c="white", s=12)
axes[0].scatter([best[0]], [best[1]], c="red", s=60, marker="*")
axes[0].set_title("the places (red: the best)")
shown = axes[1].imshow(grid, cmap="viridis")
axes[1].set_title("dB gained by one hint there")
fig.colorbar(shown, ax=axes[1])
for ax in axes:
    ax.axis("off")
plt.show()
print(f"the best place gains {grid.max():+.2f} dB, the worst {grid.min():+.2f} dB")

# %% [markdown]
# A hint pays most where the model's own guess is most wrong, over a large region that
# looks alike (read the map: is that where you expected?). A hint where the guess was
# already right, or on a small object, changes little. So give your hints in the middle of
# large regions whose color you know, and one per region.
#
# ## 6. Your photo, your hints
#
# Click on the photo below to give a color there: the **color** picker sets the next
# hint's color. The photo is colored again after each click. Under the picker, swatches
# show the photo model's five likeliest colors where you clicked: a click on one gives that
# hint its color (and sets the picker, so the next clicks take it too). Each hint is listed
# with a ✕ that removes it; **Undo** takes back the last change, **Clear** removes every
# hint. **Color it like…** takes a reference photo's overall color (the global hint), and
# **no reference** drops it. **Save** writes the full-size result and the hints to
# `outputs/12_your_hints/`, never over a file that is there. The hints go in a JSON file:
# plain text that lists each hint's place and color, which you can open in any editor and
# which the terminal command further down reads back (a cell below prints one).
#
# It opens your first photo in `data/my_photos/` if there is one, else a real
# black-and-white photo from scikit-image's collection: a cameraman on a lawn.

# %%
folder = Path("../data/my_photos")
yours = cl.datasets.photo_paths(folder) if folder.is_dir() else []
photo = yours[0] if yours else cl.datasets.sample_photo("camera")
cl.widgets.hint_painter(hint_model, photo, out_dir="../outputs/12_your_hints",
                        name=None if yours else "camera")  # results are saved by this name

# %% [markdown]
# The same in code: hints as a list, a reference with `like=`, and the file the widget
# saves (`cl.hints.save_hints`; `cl.hints.load_hints` reads it back). Here on the bundled
# coffee cup, once with six hints (two on the red saucer, one each on the white cup and the
# coffee, two on the wooden table) and once colored like the rocket photo:

# %%
hints = [(200, 232, "#b03a2e"), (70, 160, "#9c2f22"), (185, 18, "#f4f1ea"),  # saucer, cup
         (190, 90, "#c8782f"), (30, 120, "#8b5a2b"), (340, 40, "#8b5a2b")]  # coffee, table
colored = cl.colorize(hint_model, coffee, hints=hints)
liked = cl.colorize(hint_model, coffee, like=photos["rocket"])
cl.plotting.show(cl.to_gray(coffee), cl.widgets.hints.draw_markers(colored, hints), liked, coffee,
                 titles=["gray", "six hints", "like the rocket photo", "the truth"]);
out_dir = Path("../outputs/12_your_hints")
cl.save_image(coffee, out_dir / "coffee.png", overwrite=True)  # the photo the hints belong to
saved = cl.hints.save_hints(out_dir / "coffee_hints.json", hints, coffee.shape[:2],
                            photo=out_dir / "coffee.png",
                            overwrite=True)  # the lesson's own file: refreshed on each run
print(saved.read_text())

# %% [markdown]
# A workshop can script it. From the course folder, in a terminal, the command line reads
# the same file (`--like REFERENCE` adds a reference photo). Here the notebook runs it:

# %%
command = ["colorize", "outputs/12_your_hints/coffee.png",
           "--hints", "outputs/12_your_hints/coffee_hints.json",
           "--out", "outputs/12_your_hints", "--overwrite"]
print("$ colorlab", " ".join(command))   # from the course folder, the folder above notebooks/
done = subprocess.run([sys.executable, "-m", "colorlab", *command], cwd="..",
                      capture_output=True, text=True)
print(done.stdout.strip() or done.stderr.strip())
again = cl.load_image(out_dir / "coffee_color.png")
print(f"the same as in the notebook: largest difference {np.abs(again - colored).max():.3f} "
      "(the saved PNG holds 0-255 steps)")
assert done.returncode == 0 and np.abs(again - colored).max() < 0.02

# %% [markdown]
# ## What you learned
#
# - A photo's overall color alone beats the photo model's best guess: the network cannot
#   know it, a person often does.
# - A network takes hints as more input channels: the hint map (a / 128, b / 128 at the
#   hinted pixels), the mask (which pixels are hinted), and a global hint.
# - It learns to use them from hints simulated from true colors: a random number of points,
#   each a patch's mean color, and sometimes none.
# - The shipped hint model keeps the photo model's guess and lets each place vote among the
#   hints that look like it and are near it, its own guess and a reference photo.
# - More hints help, each less than the one before, and a hint in the right place helps
#   most: the middle of a large region the model got wrong.
#
# **Next:** that is the course. Color your family's photos with your own hints, and read
# Zhang, Zhu, Isola and others, *Real-Time User-Guided Image Colorization with Learned
# Deep Priors* (2017), whose network takes the hints at its input and trains for days.
