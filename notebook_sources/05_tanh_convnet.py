# %% [markdown]
# # 05 · A convolutional network with a tanh output
#
# Time to build the network. It takes the lightness L of a photo and answers with two layers
# of numbers in (-1, 1): its guess of a/128 and b/128. We first build it exactly as the article
# does, then a better version, and we train both on a single photo.
#
# **In this lesson you will:**
# - see what a convolution filter, a stride and an upsampling step do to a picture;
# - build the article's network in Keras and count its parameters by hand;
# - train it: predict, measure the error (MSE), update the filters, repeat;
# - build an improved network, and measure how much faster it learns, and why.
#
# **Time:** about 30 minutes. **Builds on:** `03_lab_color_space` (X = L, Y = ab) and
# `04_normalization` (ab / 128, tanh, scaling L).
#
# ![Loss curves and colorizations of the article's network and the improved one](figures/training.png)

# %%
import matplotlib.pyplot as plt
import numpy as np
from skimage.color import rgb2lab

import colorlab as cl

cl.setup(tensorflow=True)

import keras  # noqa: E402  (after cl.setup(tensorflow=True), which loads it quietly)
from keras import layers  # noqa: E402

# %% [markdown]
# ## 1. A filter slides over the picture
#
# A **convolution** slides a small grid of weights, the *filter* (here 3×3; Keras calls it
# the **kernel**), over the picture.
# At each position it multiplies the 9 pixels under it by the 9 weights and adds them up:
# one number out. The filter below answers strongly where the picture gets brighter from left
# to right, so it finds vertical edges.
# At the border part of the filter hangs outside the picture; `padding="same"` fills that
# part with zeros (**padding**), so the output keeps the picture's size.

# %%
camera = cl.datasets.gray_photo("camera", size=128) / 255
edge_filter = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype="float32")

edge_conv = layers.Conv2D(1, 3, padding="same", use_bias=False)
edge_conv.build((None, None, None, 1))
edge_conv.set_weights([edge_filter[:, :, None, None]])
edges = edge_conv(camera[None, :, :, None].astype("float32")).numpy()[0, :, :, 0]
cl.plotting.show(camera, np.abs(edges) / np.abs(edges).max(),
                 titles=["input (128 × 128)", "after the edge filter"]);

# %% [markdown]
# The network does not get its filters from us: it starts with random ones and **learns**
# them. A layer has many filters (8, 16, 32…), so it turns one picture into many "feature
# maps", each answering to a different pattern.
#
# ## 2. Strides shrink, upsampling grows
#
# With **stride 2** the filter jumps two pixels at a time, so the output is half as wide and
# half as tall. Each later filter then sees a larger part of the photo. **Upsampling** does the
# opposite: it doubles the size (here by repeating each value 2×2).

# %%
x = camera[None, :, :, None].astype("float32")
down = layers.Conv2D(8, 3, strides=2, padding="same")(x)
down_again = layers.Conv2D(8, 3, strides=2, padding="same")(down)
up = layers.UpSampling2D(2)(down_again)
for name, t in [("input", x), ("stride 2", down), ("stride 2 again", down_again),
                ("upsampled ×2", up)]:
    print(f"{name:>15}: {tuple(t.shape)}")

# %% [markdown]
# So the network has two halves: strided convolutions shrink the photo while finding what is
# in it, then upsampling brings it back to full size, where the last layer outputs two numbers
# per pixel. An **activation** is a fixed function applied to every number a layer computes; the last
# layer's is **tanh**, so both numbers land in (-1, 1): our normalized a and b. Inside the
# network the activation is **ReLU**, which keeps positive numbers and turns negative ones
# into 0 (more in section 5).
#
# ## 3. The article's network
#
# Here it is, exactly: six 3×3 convolutions with ReLU (8 filters with stride 2, 8, 16, 16 with
# stride 2, 32, 32 with stride 2), then three rounds of "upsample ×2, convolve" (32, 16 and
# finally 2 filters with tanh). `cl.models.article_model()` builds it with the code below; we
# write it out here so you can read it. Its last line, `compile`, picks how the error is
# measured (section 4) and the **optimizer**: the rule that turns the error into small
# changes of the weights. The article uses **RMSprop**, which scales each weight's step by
# how large that weight's recent steps were.

# %%
keras.utils.set_random_seed(0)
relu = dict(kernel_size=3, activation="relu", padding="same")
article = keras.Sequential([
    keras.Input((None, None, 1)),                # any height and width, one layer: L
    layers.Conv2D(8, strides=2, **relu),
    layers.Conv2D(8, **relu),
    layers.Conv2D(16, **relu),
    layers.Conv2D(16, strides=2, **relu),
    layers.Conv2D(32, **relu),
    layers.Conv2D(32, strides=2, **relu),
    layers.UpSampling2D(2),
    layers.Conv2D(32, **relu),
    layers.UpSampling2D(2),
    layers.Conv2D(16, **relu),
    layers.UpSampling2D(2),
    layers.Conv2D(2, 3, activation="tanh", padding="same"),  # a/128 and b/128
])
article.compile(optimizer="rmsprop", loss="mse")
print(f"{len(article.layers)} layers")

# %% [markdown]
# ### Exercise 1: count the parameters by hand
#
# A 3×3 convolution with `inputs` input layers and `filters` filters has
# **(3 · 3 · inputs + 1) · filters** parameters: 9 weights per input layer per filter, plus one
# **bias** per filter (a number added to the sum, so a filter can answer something other
# than 0 where its input is 0). Upsampling has none. The list below gives (inputs, filters) for each
# convolution. Compute the total by hand (a calculator is fine) and store it in `total_params`.

# %%
shapes = [(layer.input.shape[-1], layer.filters) for layer in article.layers
          if isinstance(layer, layers.Conv2D)]
print(shapes)

# %% tags=["solution"]
# YOUR CODE: the number of parameters, by the formula above
# total_params = ...
total_params = sum((3 * 3 * inputs + 1) * filters for inputs, filters in shapes)

# %% tags=["check"]
cl.exercises.conv_params(shapes, total_params)
article.summary()  # Keras's own count, layer by layer, in the last lines

# %% [markdown]
# That is how many numbers training will adjust (Keras's count, printed above): tiny for a
# neural network.
#
# ## 4. Training: predict, measure, update, repeat
#
# Our data is one photo. X is its lightness, Y its ab divided by 128, each as a *batch* of one
# photo (the extra first axis): lessons 03 and 04 in a few lines, as the article writes them.
# (Later lessons call `cl.training.photo_xy(photo)`, which does the same.)

# %%
photo = cl.images.center_crop(cl.datasets.sample_photo("astronaut"), 256)  # floats in [0, 1]
lab = rgb2lab(photo)              # the article's image is 0-255, so it writes rgb2lab(image / 255)
X = lab[None, :, :, :1]           # L: one photo, all rows and columns, one layer
Y = lab[None, :, :, 1:] / 128     # ab / 128: two layers in [-1, 1]
print("X:", X.shape, f"L from {X.min():.0f} to {X.max():.0f}")
print("Y:", Y.shape, f"ab/128 from {Y.min():.2f} to {Y.max():.2f}")

# %% [markdown]
# Training repeats four steps:
# 1. **predict**: run X through the network, get a guess for every pixel;
# 2. **measure** the error, the **loss**: here the mean squared error (MSE), the average of
#    (guess − Y)²;
# 3. **update** every filter weight a little in the direction that lowers the error (how
#    big "a little" is, is the **learning rate**);
# 4. **repeat**. One pass over the data is an *epoch*.
#
# Before any training the guess is random, so the error is large:

# %%
guess = article.predict(X, verbose=0)
print("MSE before training:", float(np.mean((guess - Y) ** 2)))
print("MSE of always answering 0 (gray):", float(np.mean(Y ** 2)))

# %% [markdown]
# Now train it on purpose until it **memorizes** this photo (later lessons deal with photos it
# has never seen). `model.fit` runs the loop; a **callback** (a function Keras calls after every epoch)
# updates the figure below as it goes: the loss
# curve and what the network's colors look like so far. This takes under a minute.

# %%
live = cl.plotting.LiveTraining(photo, every=40, title="article's network")
article.fit(X, Y, batch_size=1, epochs=200, verbose=0, callbacks=[live.callback()])
article_psnr = cl.metrics.psnr(photo, live.snapshots[-1][1])
print(f"{len(live.losses)} epochs in {live.seconds:.1f} s; final MSE {live.losses[-1]:.5f}")
print(f"PSNR {article_psnr:.1f} dB (gray baseline: {cl.metrics.gray_psnr(photo):.1f} dB)")


# %% [markdown]
# **PSNR** (peak signal-to-noise ratio, in decibels) compares the colorized photo with the
# original: higher is closer, and every 6 dB halves the typical error. We always print the
# **gray baseline** too: the photo with no color at all. A colorizer is only useful above it.
#
# ## 5. A better network, and why
#
# The article's network learns, but slowly. The improved network below keeps the idea (L in,
# tanh out, shrink then grow) and changes five things. Each one is small:
#
# 1. **It scales L to [-1, 1]** inside the network (lesson 04): the filters start where they
#    can learn.
# 2. **A skip connection** feeds the 1/4-size features past the **bottleneck** (the
#    network's smallest point, 1/8 of the size), so colors land
#    on the right side of edges.
# 3. **It predicts color at a quarter of the size** and enlarges it smoothly. Lesson 03 showed
#    that ab is soft, so full-size detail is wasted effort; L supplies the detail afterwards.
# 4. **It uses Adam** instead of RMSprop: Adam adapts the step size of every weight, so it
#    takes larger steps early without overshooting later.
# 5. **Ten steps per call** (`steps_per_execution=10` in `compile`): Keras runs ten training
#    steps in one go instead of returning to Python after each, which removes most of the
#    per-step overhead on a CPU. (There must be at least ten steps in an epoch: below, each
#    epoch shows the photo ten times.)
#
# Here it is, written out; the numbers in the comments are the five changes. A skip
# connection needs a branch, which `Sequential` (one layer after another) cannot hold, so we
# write the network the other way Keras offers: start from `keras.Input`, call each layer on
# the result of the one before (`x = layer(x)`), keep `quarter` aside for later, and finally
# make `keras.Model(input, output)`. `width` is the number of filters of the first layer
# (the later ones have 2× and 4× that). Later lessons build the same network with
# `cl.models.lesson_model(width=...)` (a test checks that the two are the same network,
# layer for layer).
#
# To train it, `cl.training.fit_photo(model, photo, epochs=20)` makes X and Y from the photo
# as in section 4 and shows the photo ten times per epoch (`steps_per_epoch=10`), so that
# change 5's ten steps per call fill an epoch exactly.

# %%
def conv(filters, strides=1):
    """A 3×3 convolution with ReLU that keeps the size (or halves it, with strides=2)."""
    return layers.Conv2D(filters, 3, strides=strides, padding="same", activation="relu")


def improved_network(width=16, learning_rate=2e-3):
    L = keras.Input((None, None, 1), name="L")
    x = layers.Rescaling(1 / 50, offset=-1)(L)     # 1. L from [0, 100] to [-1, 1]
    x = conv(width, strides=2)(x)                   # 1/2 size
    quarter = conv(2 * width, strides=2)(x)         # 1/4 size, kept for the skip connection
    x = conv(4 * width, strides=2)(quarter)         # 1/8 size: the bottleneck
    x = conv(4 * width)(x)
    x = layers.UpSampling2D(2, interpolation="bilinear")(x)   # back to 1/4 size
    x = layers.Concatenate()([x, quarter])          # 2. the skip connection
    x = conv(2 * width)(x)
    x = layers.Conv2D(2, 3, padding="same", activation="tanh")(x)  # 3. ab / 128 at 1/4 size,
    ab = layers.UpSampling2D(4, interpolation="bilinear")(x)       #    enlarged smoothly
    model = keras.Model(L, ab, name="improved")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate),  # 4. Adam
                  loss="mse", steps_per_execution=10)             # 5. ten steps per call
    return model


keras.utils.set_random_seed(0)
better = improved_network(width=16)
print(f"{better.count_params():,} parameters (the article's network: {article.count_params():,})")

# %%
live_better = cl.plotting.LiveTraining(photo, every=5, title="improved network")
cl.training.fit_photo(better, photo, epochs=20, callbacks=[live_better.callback()])
better_psnr = cl.metrics.psnr(photo, live_better.snapshots[-1][1])
print(f"{len(live_better.losses)} epochs ({10 * len(live_better.losses)} steps) "
      f"in {live_better.seconds:.1f} s; PSNR {better_psnr:.1f} dB")
print(f"article's network: {len(live.losses)} steps in {live.seconds:.1f} s; "
      f"PSNR {article_psnr:.1f} dB")

# %% [markdown]
# Which change matters most? `benchmarks/alpha.py` measured it on a 400×400 photo, against the
# article's full recipe (RMSprop, raw L, batch 1, 1000 epochs). Scaling L with Adam cuts the
# time to a given PSNR several times over; predicting at a quarter size and running ten steps
# per call make each step far cheaper. Together the improved network beats the recipe's final
# PSNR in about a tenth of its time (figures in the README). Try your own settings:
#
# ### Try it: train with your settings
#
# Pick the epochs, the learning rate (the size of each update step) and the width (filters in
# the first layer), then press **Train** (a few seconds on the 128-pixel photo below). What
# happens with a learning rate of 1e-1? With width 4?

# %%
small_photo = cl.images.center_crop(cl.datasets.sample_photo("astronaut"), 128)
cl.widgets.train_explorer(small_photo)

# %% [markdown]
# ### Exercise 2: why the output must be tanh, not ReLU
#
# ReLU, used inside the network, outputs max(0, z): never a negative number. Suppose the last
# layer used ReLU instead of tanh. What share of this photo's targets `Y` could it never
# produce? Store that fraction (between 0 and 1) in `fraction`.

# %% tags=["solution"]
# YOUR CODE: the fraction of values in Y that are below 0
# fraction = ...
fraction = float((Y < 0).mean())

# %% tags=["check"]
cl.exercises.relu_unreachable(Y, fraction)

# %% [markdown]
# Every greenish (a < 0) and bluish (b < 0) value would be out of reach: the flag's blue and
# the blue of the mission patch could never appear. tanh covers both signs, and its range matches ab / 128 exactly.
#
# ## What you learned / what's next
#
# - Filters slide over the photo; stride 2 halves it, upsampling doubles it; tanh ends in (-1, 1).
# - Training repeats: predict, measure the MSE, update the filters.
# - Scaling L, Adam, predicting color at low resolution and fewer Python round trips make the
#   same idea learn many times faster.
#
# **Next:** `06_reconstruction.ipynb`: turn the network's output back into a photo, save it,
# and try the network on a photo it has never seen.
