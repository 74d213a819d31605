# %% [markdown]
# # 08 · Global features: seeing the whole scene
#
# Our network decides each pixel's color from a window around it. Sometimes the window is not
# enough: a patch of evening sky and a patch of day sky can have exactly the same lightness
# and the same smoothness. What tells them apart lies elsewhere in the picture.
#
# **In this lesson you will:**
# - measure how far a pixel's color decision can "see" (its receptive field);
# - build a case that no local window can solve: two skies of the same lightness;
# - train a small scene classifier and fuse its description of the whole image into every
#   pixel (the fusion layer);
# - measure the difference, and plug in a real ImageNet-pretrained encoder the same way.
#
# **Time:** about 25 minutes. **Builds on:** `07_many_photos` (training on many images).
#
# ![A local network paints both skies the same dull color; with global features each gets its own](figures/global_features.png)

# %%
import matplotlib.pyplot as plt
import numpy as np

import colorlab as cl

cl.setup(tensorflow=True)

import keras  # noqa: E402

# %% [markdown]
# ## 1. How far does a pixel see?
#
# Each 3×3 convolution looks one pixel further in every direction, and after each stride-2
# step every further pixel counts double; the final smooth enlargement adds a few more. So the
# color of a pixel depends only on the gray values in a window around it, the *receptive
# field*. Let's measure ours: change one input pixel and see which outputs move.

# %%
model = cl.models.lesson_model(width=16, seed=0)
probe = np.full((1, 128, 128, 1), 50.0, np.float32)
changed = probe.copy()
changed[0, 64, 64, 0] = 100.0  # one bright pixel in the middle
moved = np.abs(model(changed).numpy() - model(probe).numpy()).sum(-1)[0] > 1e-6
rows = np.where(moved.any(axis=1))[0]
print(f"outputs that react to the center pixel: rows {rows.min()}-{rows.max()} "
      f"(a window {rows.max() - rows.min() + 1} pixels tall)")

# %% [markdown]
# ## 2. Two skies of the same lightness
#
# `cl.drawn.two_skies` paints tall pictures: a flat sky over the ground. By day the sky is
# blue, at sunset orange, and both have **the same lightness**. The only clue is the ground,
# far below: green grass by day, dark earth at sunset.

# %%
train_images, train_labels = cl.drawn.two_skies(400, seed=0)
test_images, test_labels = cl.drawn.two_skies(60, seed=1)
fig, axes = plt.subplots(2, 6, figsize=(10, 5))
for k in range(6):
    axes[0, k].imshow(train_images[k])
    axes[0, k].set_title(cl.drawn.SKY_CATEGORIES[train_labels[k]])
    axes[1, k].imshow(cl.to_gray(train_images[k]))
for ax in axes.flat:
    ax.axis("off")
fig.tight_layout()

L_sky = cl.split_lab(cl.rgb_to_lab(train_images[:, :40]))[0].mean(axis=(1, 2, 3))
for k, name in enumerate(cl.drawn.SKY_CATEGORIES):
    print(f"{name:>6} sky lightness: {L_sky[train_labels == k].mean():.1f} on average")

# %% [markdown]
# In the gray row the skies are indistinguishable. The top of the sky (the 40 rows we measure)
# is more than 40 pixels above the ground, out of reach of a window that extends about 30
# pixels each way. **What will the local network do there?**
#
# ## 3. The local network
#
# We train the lesson network on the 400 pictures (under a minute).

# %%
X, Y = cl.split_lab(cl.rgb_to_lab(train_images))
Y = cl.normalize_ab(Y)
local = cl.models.lesson_model(width=16, seed=0)
local.fit(X, Y, batch_size=16, epochs=20, verbose=0)


def top_sky_error(model):
    """Mean ab error over the top 40 rows of the held-out pictures."""
    return float(np.mean([cl.metrics.ab_error(x[:40], cl.colorize(model, x)[:40]).mean()
                          for x in test_images]))


print(f"top-of-sky color error, local network: {top_sky_error(local):.1f}")
print(f"top-of-sky color error, gray baseline: "
      f"{np.mean([cl.metrics.ab_error(x[:40], cl.to_gray(x)[:40]).mean() for x in test_images]):.1f}")

# %% [markdown]
# No better than gray. Half the skies are blue, half orange, and nothing nearby says which,
# so the mean squared error is smallest at the **average** of the two: a dull pinkish
# brown. (Lesson 09 returns to this average.) Near the ground, where the window reaches the
# grass or the earth, the colors are right.
#
# ## 4. A classifier that sees the whole picture
#
# A classifier ends with **global average pooling**: it averages each feature map over the
# whole picture, so its answer depends on every pixel. We train one to tell day from sunset
# from L alone (a few seconds).

# %%
classifier = cl.models.scene_classifier(num_classes=2, seed=0)
classifier.fit(X, train_labels, batch_size=32, epochs=5, verbose=0)
X_test = cl.split_lab(cl.rgb_to_lab(test_images))[0]
probs = classifier.predict(X_test, verbose=0)

# %% [markdown]
# ### Exercise 1: how often is the classifier right?
#
# `probs` holds, for each held-out picture, the probability of each class (day, sunset).
# Store in `accuracy` the share of pictures whose most probable class equals `test_labels`.

# %% tags=["solution"]
# YOUR CODE: the fraction of held-out pictures classified right
# accuracy = ...
accuracy = float((probs.argmax(axis=-1) == test_labels).mean())

# %% tags=["check"]
cl.exercises.accuracy(probs, test_labels, accuracy)

# %% [markdown]
# ## 5. The fusion layer
#
# The classifier's next-to-last layer, its `embedding`, is a vector of 32 numbers that
# describes the whole picture. The **fusion layer** repeats that vector at every position of
# the colorizer's smallest feature map and concatenates it with the local features there.
# Every pixel then knows both its neighborhood and the whole scene.
#
# ### Exercise 2: tile a vector over a grid
#
# The fusion layer's first step, in NumPy: given `vector` (32 numbers), make `tiled` of shape
# (16, 8, 32) in which every one of the 16 × 8 positions holds the whole vector.

# %%
vector = cl.models.embedding_model(classifier).predict(X_test[:1], verbose=0)[0]
print("embedding of the first held-out picture:", vector.shape)

# %% tags=["solution"]
# YOUR CODE: vector repeated at every position of a 16 × 8 grid
# tiled = ...
tiled = np.broadcast_to(vector, (16, 8, len(vector)))

# %% tags=["check"]
cl.exercises.tiled(vector, 16, 8, tiled)


# %% [markdown]
# `cl.layers.TileToGrid` does the same inside the network. Here is the fusion wiring, written
# out. It reuses lesson 05's network in three pieces from `cl.models`: `encoder(L, width)`,
# its front half, which returns the features at 1/4 of the size (for the skip connection)
# and at 1/8; `decoder(quarter, eighth, width)`, its back half with the skip connection; and
# `regression_head(L, features, learning_rate)`, its tanh output enlarged ×4, made into a
# model and compiled as in lesson 05 (MSE, Adam, ten steps per call).
#
# Between the halves goes the fusion. The `global_encoder` is any model that turns L into one
# vector per picture (here the classifier's embedding). Its vector is tiled over the 1/8-size
# grid and put beside the local features; a **1×1 convolution** (a filter one pixel wide)
# then mixes the two at each position, so every pixel's features now depend on the whole
# scene. The classifier stays **frozen**: training leaves its weights as they are.
# (`cl.models.fusion_model` builds the same network for the shipped `scenes_fusion` model and
# the figures; a test checks that the two are the same.)

# %%
def fusion_network(global_encoder, width=16, learning_rate=2e-3):
    global_encoder.trainable = False   # frozen: this also freezes `classifier`, whose layers it shares
    L = keras.Input((None, None, 1), name="L")
    quarter, eighth = cl.models.encoder(L, width)      # local features at 1/4 and 1/8 size
    vector = global_encoder(L)                         # one vector for the whole picture
    tiled = cl.layers.TileToGrid()([eighth, vector])   # exercise 2, inside the network
    fused = keras.layers.Concatenate()([eighth, tiled])             # local and global side by side
    fused = keras.layers.Conv2D(4 * width, 1, activation="relu")(fused)  # mixed at each position
    features = cl.models.decoder(quarter, fused, width)
    return cl.models.regression_head(L, features, learning_rate, name="fusion")


keras.utils.set_random_seed(0)
fusion = fusion_network(cl.models.embedding_model(classifier), width=16)
frozen = sum(int(np.prod(w.shape)) for w in fusion.non_trainable_weights)
print(f"{fusion.count_params():,} parameters, {frozen:,} of them in the frozen classifier")

# %%
fusion.fit(X, Y, batch_size=16, epochs=20, verbose=0)
print(f"top-of-sky color error, local network:  {top_sky_error(local):.1f}")
print(f"top-of-sky color error, fusion network: {top_sky_error(fusion):.1f}")
for name, m in [("local", local), ("fusion", fusion)]:
    psnr = np.mean([cl.metrics.psnr(x, cl.colorize(m, x)) for x in test_images])
    print(f"mean PSNR on held-out pictures, {name}: {psnr:.1f} dB")

# %% [markdown]
# Measured on pictures neither network trained on: the fusion network gets the sky right
# where the local network could only guess the average.
#
# ### Try it: compare them picture by picture
#
# Pick a held-out picture and a network. The line under it shows the classifier's guess.

# %%
names = cl.drawn.SKY_CATEGORIES


def guess(img):
    p = classifier.predict(cl.split_lab(cl.rgb_to_lab(img))[0][None], verbose=0)[0]
    return f"classifier: {names[int(p.argmax())]} ({p.max():.0%})"


cl.widgets.model_picker(test_images[:12], {"local": local, "fusion": fusion},
                        titles=[f"({names[k]})" for k in test_labels[:12]], describe=guess)

# %% [markdown]
# ## 6. The same idea with a large pretrained classifier
#
# Iizuka, Simo-Serra & Ishikawa (2016) and Wallner's "beta" colorizer use exactly this fusion,
# with a classifier trained on millions of **ImageNet** photos (a public collection of photos,
# each labeled with the kind of thing it shows) instead of our two-class toy. Its features
# know "beach", "forest", "portrait", and the colorizer learns what colors go with each.
# Reusing a network trained for one task as a part of another is **transfer learning**; the
# reused network is called a **backbone**.
#
# The course's photo model (lessons 10-11) does this with **MobileNetV2**, a small ImageNet
# classifier from Keras Applications. Its trained weights travel inside the photo model's
# file, so `cl.pretrained.photo_encoder()` hands them to us with nothing downloaded. It takes
# RGB in [-1, 1], so the gray picture goes in three times, and gives features at four depths;
# we take the deepest and average it into one vector per picture, exactly the role of our
# classifier's embedding above.

# %%
mobilenet = cl.pretrained.photo_encoder()             # frozen ImageNet weights, from the file
L_in = keras.Input((None, None, 1), name="L")
x = keras.layers.Rescaling(1 / 50, offset=-1)(L_in)   # L from [0, 100] to [-1, 1]
*_, deepest = mobilenet(keras.layers.Concatenate()([x, x, x]), training=False)
imagenet_vector = keras.Model(L_in, keras.layers.GlobalAveragePooling2D()(deepest))
print(f"ImageNet encoder: {mobilenet.count_params():,} weights, a vector of "
      f"{imagenet_vector.output_shape[-1]} numbers per picture; our classifier's "
      f"embedding: {cl.models.embedding_model(classifier).count_params():,} weights, "
      f"{cl.models.embedding_model(classifier).output_shape[-1]} numbers")

# %% [markdown]
# What does that knowledge cost? Time both encoders on one batch of 16 pictures:

# %%
import time


def milliseconds(model, x, repeats=5):
    """Mean time of one call, after a first call that builds the graph."""
    model(x)
    start = time.perf_counter()
    for _ in range(repeats):
        model(x)
    return (time.perf_counter() - start) / repeats * 1000


ours_ms = milliseconds(cl.models.embedding_model(classifier), X_test[:16])
imagenet_ms = milliseconds(imagenet_vector, X_test[:16])
print(f"16 pictures: our classifier {ours_ms:.0f} ms, the ImageNet encoder {imagenet_ms:.0f} ms")

# %% [markdown]
# Now the same fusion wiring with the ImageNet vector in place of our classifier's, trained
# on the same 400 pictures. It never saw a sky label: whatever it tells the network about
# the sky, it learned from ImageNet photos.

# %%
keras.utils.set_random_seed(0)
imagenet_fusion = fusion_network(imagenet_vector, width=16)
imagenet_fusion.fit(X, Y, batch_size=16, epochs=20, verbose=0)
for name, m in [("local", local), ("fusion, our classifier", fusion),
                ("fusion, ImageNet encoder", imagenet_fusion)]:
    print(f"top-of-sky color error, {name:<25} {top_sky_error(m):.1f}")
assert top_sky_error(imagenet_fusion) < top_sky_error(local) / 2   # what the text says next

# %% [markdown]
# Compare the three lines. Our classifier was trained for exactly this question (which sky?)
# on these pictures; the ImageNet encoder was trained for a thousand other questions on real
# photos, never saw a drawn picture, and still fixes the top of the sky (an error less than
# half the local network's; the lines say how it compares with our classifier). On real
# photos no small classifier of ours knows grass from fur, and the ImageNet encoder does.
# That is why the photo model of lessons 10-11 is built on it (frozen, as here), and the
# price is the one measured above: several times the weights, and many more milliseconds
# per picture than our classifier.
#
# ## What you learned / what's next
#
# - A convolutional network decides each pixel from a window (its receptive field).
# - When the clue lies outside that window, MSE makes it guess the average color.
# - A classifier's embedding, tiled over the grid and fused in, gives every pixel the whole
#   scene; measured, it fixes the ambiguous skies.
# - Transfer learning: a frozen ImageNet encoder plugs into the same wiring; it brings what
#   it learned from over a million photos, at a price in weights and milliseconds.
#
# **Next:** `09_beyond_brown.ipynb`: the average color again, this time where no global clue
# can help, and a different way to predict colors that does not average.
