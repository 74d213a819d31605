# %% [markdown]
# # 09 · Beyond brown: colorization as classification
#
# Networks trained with the mean squared error have a famous habit: their colors are dull,
# and whole photos drift toward brown and gray. This lesson finds the cause in a toy you can
# solve on paper, then fixes it the way Zhang, Isola & Efros (2016) did: instead of
# predicting one color, the network predicts how likely each color is.
#
# **In this lesson you will:**
# - see why MSE answers with the *average* of the possible colors;
# - cut the ab plane into bins and turn colorization into classification;
# - encode targets softly, and weight rare colors up (class rebalancing);
# - turn probabilities back into one color with a temperature (the *annealed mean*,
#   section 4), and measure vividness (ΔCF, the gap in colorfulness to the truth, section 5).
#
# **Time:** about 30 minutes. **Builds on:** `04_normalization` (ab, the histogram spike at 0),
# `07_many_photos` (training) and `08_global_features` (the average sky).
#
# ![Red 3 times in 4, blue once: MSE predicts a duller average; classification keeps both and its annealed mean picks the likelier](figures/beyond_brown.png)

# %%
import matplotlib.pyplot as plt
import numpy as np

import colorlab as cl

cl.setup(tensorflow=True)

import keras  # noqa: E402  (after cl.setup(tensorflow=True), which loads it quietly)
from keras import layers  # noqa: E402

# %% [markdown]
# ## 1. A toy: one gray, two colors
#
# Every picture in this toy is one flat patch of the same gray (L = 50). Three in four of
# them were red in color, the others blue, and both colors have exactly that lightness. From
# the gray alone, nobody can know which a picture was. **What should a network answer?**

# %%
red_ab, blue_ab = np.array([60.0, 45.0]), np.array([15.0, -60.0])
rng = np.random.default_rng(0)
is_red = rng.permutation(np.arange(160) < 120)  # 120 red pictures, 40 blue, shuffled
ab_toy = np.where(is_red[:, None], red_ab, blue_ab)[:, None, None, :] * np.ones((1, 32, 32, 1))
L_toy = np.full((160, 32, 32, 1), 50.0, np.float32)
toy = cl.lab_to_rgb(cl.compose_lab(L_toy, ab_toy))
print(f"{len(L_toy)} pictures, {is_red.mean():.0%} of them red")
cl.plotting.show(toy[0], toy[1], cl.to_gray(toy[0]), titles=[
    "one picture", "another", "what the network sees (both)"], size=2.5);

# %% [markdown]
# ### Exercise 1: the best single answer under MSE
#
# If the network must give one (a, b) for this gray, and its error is the mean squared
# error over all the pictures, which (a, b) is best? Store it in `best` (two numbers). Think
# first, then compute it from `colors`, the two possible ab values, and `shares`, how often
# each comes up.

# %%
colors = np.stack([red_ab, blue_ab])
shares = np.array([is_red.mean(), 1 - is_red.mean()])

# %% tags=["solution"]
# YOUR CODE: the (a, b) with the smallest mean squared error to the pictures' colors
# best = ...
best = shares @ colors

# %% tags=["check"]
cl.exercises.mse_optimum(colors, best, shares)

# %% [markdown]
# Let's confirm with a real network trained with MSE on the toy (a few seconds):

# %%
mse_net = cl.models.lesson_model(width=8, learning_rate=1e-2, seed=0)
mse_net.fit(L_toy, cl.normalize_ab(ab_toy).astype("float32"), batch_size=20, epochs=40,
            verbose=0)
predicted_ab = cl.denormalize_ab(mse_net(L_toy[:1]).numpy()[0]).mean(axis=(0, 1))
print("red:", red_ab, " blue:", blue_ab)
print("average ab over all pictures:", ab_toy.mean(axis=(0, 1, 2)).round(1))
print("the network's answer:", predicted_ab.round(1))
chroma = {name: np.hypot(*ab) for name, ab in
          [("red", red_ab), ("blue", blue_ab), ("MSE", predicted_ab)]}
print("chroma (how far from gray):", {k: round(float(v)) for k, v in chroma.items()})
swatch_colors = cl.lab_to_rgb(np.array([[[50, *red_ab], [50, *blue_ab], [50, *predicted_ab]]]))[0]
cl.plotting.swatches(swatch_colors, ["red", "blue", "what MSE predicts"]);

# %% [markdown]
# The network lands on the average, three parts red to one part blue: a duller color,
# closer to gray than either (its chroma above), that was never in any picture. Real photos
# are full of such uncertainty (a shirt, a car, a wall can be many colors), and the averages
# of many colors are browns and grays. That is the "everything turns brown" effect.
#
# ## 2. Predict probabilities instead
#
# Cut the ab plane into squares 10 units wide, keep the squares that hold colors a screen can
# show (the screen's **gamut**: the set of colors it can display), and let the network answer, for every pixel, **how likely each square ("bin") is**. It
# can then say "red 50%, blue 50%" instead of averaging. `cl.bins.gamut_bins` computes the bins.

# %%
bins = cl.bins.gamut_bins()
print(f"{len(bins)} bins inside the sRGB gamut (grid 10)")
bin_colors = cl.lab_to_rgb(np.concatenate([np.full((len(bins), 1), 65.0), bins], -1)[:, None])
plt.figure(figsize=(4.5, 4.5))
plt.scatter(bins[:, 0], bins[:, 1], c=bin_colors[:, 0], marker="s", s=38)
plt.xlabel("a (green → red)")
plt.ylabel("b (blue → yellow)")
plt.title("the bins, each shown at L = 65");

# %% [markdown]
# **Soft targets.** The true color of a pixel usually lies between bin centers, so its target
# is spread over the 5 nearest bins, with **Gaussian** weights: a bell curve over the distance, so nearer bins get more and
# the weights fade smoothly with distance.

# %%
example = np.array([[33.0, -12.0]])
soft = cl.bins.soft_encode(example, bins)[0]
for k in np.argsort(soft)[::-1][:5]:
    print(f"bin at a = {bins[k, 0]:5.0f}, b = {bins[k, 1]:5.0f}: weight {soft[k]:.3f}")

# %% [markdown]
# **Class rebalancing.** Some colors are far more common than others: in the training
# scenes below (the left panel, and the line printed under it), the most common bin holds
# many times the pixels of a typical one, and many bins hold almost none. A network
# rewarded equally for every pixel learns to favor the common bins. So each bin gets a weight: rare colors count more. Let p̃ be the
# share of pixels in each bin, **smoothed**: blurred over neighboring bins with Gaussian weights
# (as above), so a bin next to a common color is not treated as a color
# never seen. With Q the number of bins, the weight is proportional to 1 / ((1 − λ)·p̃ + λ/Q),
# with λ = 0.5 mixing in a uniform share so that very rare bins are not weighted to infinity.
# `cl.bins.bin_shares` counts the shares and `cl.bins.class_weights` turns them into weights.
# The toy below is too small to need them; the shipped classification model of section 5
# was trained with them, each pixel's loss multiplied by the weight of its nearest bin.

# %%
images, _ = cl.datasets.training_images(n_scenes=300, size=64, per_photo=10)
ab_all = cl.split_lab(cl.rgb_to_lab(images[:, ::4, ::4]))[1]
weights = cl.bins.class_weights(ab_all, bins, lam=0.5)
share = cl.bins.bin_shares(ab_all, bins)  # the p of the formula, before smoothing
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for ax, values, title in [(axes[0], np.log10(share + 1e-6), "log10 share of pixels"),
                          (axes[1], weights, "weight (λ = 0.5)")]:
    sc = ax.scatter(bins[:, 0], bins[:, 1], c=values, marker="s", s=38, cmap="viridis")
    ax.set(title=title, xlabel="a", ylabel="b")
    fig.colorbar(sc, ax=ax)
fig.tight_layout()
top = np.argmax(share)
print(f"most common bin: a = {bins[top, 0]:.0f}, b = {bins[top, 1]:.0f}, with {share[top]:.1%} of "
      f"the pixels; the median bin has {np.median(share):.2%}; {np.mean(share < 1e-4):.0%} of "
      "the bins have almost none (under 0.01%)")
assert share[top] > 10 * np.median(share)


# %% [markdown]
# ## 3. The toy again, as classification
#
# The classification network keeps lesson 05's network (`cl.models.encoder` and
# `cl.models.decoder`, its two halves) and changes only the **head** (the last layers, which
# turn what the network has found into its answer): one output per bin (at 1/4 size), a score
# called a **logit**, any number, higher meaning "more likely". The **softmax** turns a
# pixel's scores into probabilities that add up to 1 (e^score / Σ e^score over all bins). It
# is trained with **cross-entropy** against the soft targets: the loss of classifiers,
# −Σ target·log(predicted probability), small when the network gives high probability to the
# bins the target weights.
#
# The new head is a **1×1 convolution** (a filter one pixel wide) with one filter per bin: at
# each position it turns the features into one score per bin. The loss gets the scores, not
# probabilities (`from_logits=True`: it applies the softmax itself). We build two models that
# share the same layers: one to train (its output: the scores), and a colorizer that turns
# the scores into one color per pixel, ab / 128, with `cl.layers.AnnealedMean` (a softmax,
# then an average of the bin centers; section 4 explains it and its temperature), so
# `cl.colorize` can use it like any other network. The score layer is named `bin_logits`:
# `cl.bins.bin_probabilities(colorizer, L)`, used below, finds it by that name and applies the
# softmax to read the probabilities of each bin. (`cl.models.classification_model` builds the
# same pair for the shipped model, given the same width and learning rate; a test checks
# that the two are the same.)

# %%
def classification_network(bins, width=8, learning_rate=1e-2):
    L = keras.Input((None, None, 1), name="L")
    quarter, eighth = cl.models.encoder(L, width)
    features = cl.models.decoder(quarter, eighth, width)       # 1/4 size, as in lesson 05
    logits = layers.Conv2D(len(bins), 1, name="bin_logits")(features)  # 1×1: a score per bin
    train_net = keras.Model(L, logits, name="classification_train")
    train_net.compile(optimizer=keras.optimizers.Adam(learning_rate), steps_per_execution=10,
                      loss=keras.losses.CategoricalCrossentropy(from_logits=True))
    ab = cl.layers.AnnealedMean(bins)(logits)                  # probabilities → ab / 128
    ab = layers.UpSampling2D(4, interpolation="bilinear")(ab)  # to full size
    return train_net, keras.Model(L, ab, name="classification")


keras.utils.set_random_seed(0)
train_net, colorizer = classification_network(bins, width=8)
print(f"{train_net.output.shape[-1]} scores per position, one per bin")

# %%
targets = cl.bins.soft_encode(ab_toy[:, ::4, ::4], bins)
train_net.fit(L_toy, targets, batch_size=20, epochs=100, verbose=0)
# The probabilities of one pixel's bins (all pixels of the toy are alike; we average them).
probs = cl.bins.bin_probabilities(colorizer, L_toy[0]).mean(axis=(0, 1))  # softmax of logits
top = np.argsort(probs)[::-1][:4]
for k in top:
    print(f"bin ({bins[k, 0]:4.0f}, {bins[k, 1]:4.0f}): {probs[k]:.1%}")

# %% [markdown]
# The network puts its probability on the bins around red *and* around blue (soft targets
# spread each over neighboring bins), about three times as much around red: it has learned
# that both happen, and how often. Now we must turn that into one color per pixel.
#
# ## 4. Decoding: mean, mode, and the annealed mean
#
# - the **mean** of the distribution (T = 1) is close to the MSE answer again: dull;
# - the **mode**, the single most likely bin, is vivid but can flip between neighboring
#   pixels and make patches;
# - the **annealed mean** sits between: raise each probability to the power 1/T, renormalize,
#   then take the mean. Small T sharpens the distribution toward its peak.
#
# ### Exercise 2: the annealed mean of one pixel
#
# For the toy pixel's `probs` and T = 0.38 (Zhang et al.'s choice), compute the annealed mean
# and store the (a, b) pair in `ab`: q = p^(1/T), divide q by its sum, then `q @ bins`.

# %% tags=["solution"]
# YOUR CODE: the annealed mean of probs at temperature 0.38
# ab = ...
q = probs ** (1 / 0.38)
q = q / q.sum()
ab = q @ bins

# %% tags=["check"]
cl.exercises.annealed(probs, bins, 0.38, ab)

# %%
decoded = {T: cl.bins.annealed_mean(probs, bins, T) for T in (1.0, 0.38, 0.1, 0.01)}
for T, ab_T in decoded.items():
    print(f"T = {T:<5}: ab = {ab_T.round(1)}, {np.linalg.norm(ab_T - red_ab):4.1f} from red")
print(f"MSE's answer: ab = {predicted_ab.round(1)}, {np.linalg.norm(predicted_ab - red_ab):4.1f} "
      "from red")
if abs(is_red.mean() - 0.5) > 0.1:  # the claims below are about unequal shares
    # T = 1 is about the MSE answer; T = 0.38 is most of the way to the likelier red.
    assert np.linalg.norm(decoded[1.0] - predicted_ab) < 5
    assert np.linalg.norm(decoded[0.38] - red_ab) < np.linalg.norm(predicted_ab - red_ab) / 3
else:
    print("a tie: no temperature can choose between red and blue")

# %% [markdown]
# As T falls, the answer moves from the dull average to the likelier color: at Zhang et al.'s
# T = 0.38 it is most of the way to red (less than a third of MSE's distance), and a little
# lower it is red. The annealed mean picks the color that is *more likely*; it cannot break a
# tie. Had red and blue come up exactly equally often, every temperature would have answered
# with the average: try it: in section 1's cell, make half of the 160 pictures red, then run the cells
# again down to here.
#
# ## 5. On scenes: how vivid, measured
#
# The shipped models were trained the same way on scenes and photo crops for a couple of
# minutes each (`make weights`; their **model cards**, the page that comes with each model saying what
# it trained on, how well it does and what it is bad at, are in `colorlab/weights/`).
# We compare the MSE model (**regression**: it predicts the numbers a and b themselves, as
# in lessons 05-08) and the classification model on held-out scenes with **ΔCF**,
# the gap between the colorfulness of the result and of the truth (lower is better).
# **Colorfulness** (Hasler & Süsstrunk, `cl.metrics.colorfulness`) measures how strong and
# varied the colors of a picture are: 0 for a gray picture, so the gray baseline's ΔCF printed
# below is the scenes' own colorfulness. Expect
# the classification model to lose some PSNR while it wins on ΔCF: PSNR rewards the average
# color (the safe, dull guess), so a vivid color in a slightly wrong place costs decibels.
# That is why both are reported.

# %%
held_out = cl.datasets.heldout_scenes(40, size=96, offset=500)
mse_model = cl.load_model("scenes_regression")
cls_model = cl.load_model("scenes_classification")
for name, model in [("MSE regression", mse_model), ("classification", cls_model)]:
    rep = cl.metrics.mean_report([cl.metrics.report(x, cl.colorize(model, x)) for x in held_out])
    print(f"{name:>15}: ΔCF {rep['model']['delta_cf']:.3f}, PSNR {rep['model']['psnr']:.1f} dB "
          f"(gray: ΔCF {rep['gray']['delta_cf']:.3f}, PSNR {rep['gray']['psnr']:.1f} dB)")

# %% [markdown]
# ### Try it: the temperature
#
# The slider decodes the classification model's probabilities for one held-out scene at
# the temperature you pick: `cl.bins.decode_with_temperature` takes your annealed mean of
# exercise 2 at every position, enlarges the colors to the picture's size and puts them
# back with its L. On most scenes this model is sure of its colors, and the
# temperature changes little (the mean colorfulness printed below). So the cell picks the
# scene where it is least sure: the one whose colorfulness changes most between T = 1 and
# T = 0.01. Watch where the colors appear as T falls: how low can T go before the picture
# turns patchy, or commits to a color that is not there?

# %%
held_out_L = [cl.split_lab(cl.rgb_to_lab(x))[0] for x in held_out]
held_out_probs = [cl.bins.bin_probabilities(cls_model, L) for L in held_out_L]
cf = {T: np.array([cl.metrics.colorfulness(cl.bins.decode_with_temperature(p, L, bins, T))
                   for p, L in zip(held_out_probs, held_out_L)]) for T in (1.0, 0.01)}
truth_cf = np.mean([cl.metrics.colorfulness(x) for x in held_out])
print(f"mean colorfulness over {len(held_out)} scenes: {cf[1.0].mean():.3f} at T = 1, "
      f"{cf[0.01].mean():.3f} at T = 0.01 (the truth: {truth_cf:.3f})")
# The text below says so: a lower T brings the mean colorfulness closer to the truth's.
assert abs(cf[0.01].mean() - truth_cf) < abs(cf[1.0].mean() - truth_cf)
pick = int(np.argmax(cf[0.01] - cf[1.0]))
print(f"scene {pick}: {cf[1.0][pick]:.3f} at T = 1, {cf[0.01][pick]:.3f} at T = 0.01")
cl.plotting.show(held_out[pick], titles=[f"scene {pick}: the truth"], size=3)
plt.show()  # the truth above the slider
cl.widgets.temperature_explorer(held_out_probs[pick], held_out_L[pick], bins,
                               truth=held_out[pick])

# %% [markdown]
# Compare with the truth above. As T falls, the colors get stronger and the mean
# colorfulness gets closer to the truth's (the numbers printed above the slider). For this
# one scene, the slider's readout gives the truth's colorfulness and ΔCF: does ΔCF keep
# falling as T falls, or does the color overshoot the truth's and ΔCF rise again? And look
# where the new color lands: does some of it go where the truth has none? At a low T the
# model commits to a color it was unsure of. Colorfulness measures how much color there is, not whether it is
# in the right place; that is why ΔCF is always read beside PSNR, and why Zhang et al.
# settled on a middle temperature (0.38) rather than the sharpest one.

# %% [markdown]
# ## What you learned / what's next
#
# - Under MSE, an ambiguous pixel gets the average of its possible colors: dull, often brown.
# - Classification over ab bins lets the network keep several possibilities; soft targets and
#   class rebalancing make it learn rare, vivid colors too.
# - The annealed mean with a temperature trades vividness against patchiness; ΔCF measures it.
#
# **Next:** `10_your_photos.ipynb`: put the shipped models to work on your own photos, and
# measure them honestly.
