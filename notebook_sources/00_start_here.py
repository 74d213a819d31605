# %% [markdown]
# # 00 · Start here
#
# Welcome! In this course you teach a small **neural network** to **color black-and-white
# photos**, on your own laptop, without a GPU and without internet. A neural network is a
# long chain of simple arithmetic whose many numbers are not written by hand but tuned,
# step by step, by showing it examples. We build ours with **Keras**, a library for
# describing networks layer by layer, which runs on **TensorFlow**, the library that does
# the arithmetic fast.
#
# **In this notebook you will:**
# - check that your setup works (Python, TensorFlow, Keras, the bundled photos, widgets);
# - see the map of the course and how long each lesson takes;
# - learn how exercises and self-checks work;
# - find the folder where your own photos go.
#
# **Time:** about 10 minutes. **Builds on:** nothing; you only need to know a little Python.
#
# ![A photo split into lightness and color, then put back together](figures/course_at_a_glance.png)
#
# *The whole course in one picture: a photo's lightness **L** (what a B&W photo keeps) goes into
# the network as the input X; its color channels **ab** are what the network learns to predict,
# the target Y. Put them back together and you have the color photo again.*

# %% [markdown]
# ## How the course works
#
# Every lesson is a notebook like this one. Run the cells from top to bottom with
# **Shift + Enter**. Each lesson has:
#
# - short explanations, each followed by a code cell that shows the idea and a number or a
#   picture that proves it;
# - **widgets** (sliders, buttons) to play with;
# - **exercises**: you write a few lines, then run the check cell below, which prints
#   `✓ correct` or a hint.
#
# **Where you work.** The folder `notebooks/` holds the lessons *with their solutions* filled
# in. To do the exercises yourself, make the **student set** once, from a terminal in the
# course folder: `make student`. It writes `student/`: the same lessons with each exercise
# left blank and the check cells kept. Open the lessons from `student/` and work there; look
# in `notebooks/` when you are stuck. Running `make student` again never replaces a notebook
# you have changed; to start one lesson afresh, delete it from `student/` and run
# `make student` again.
#
# The first code cell of every lesson is the same two lines: import the course's helper
# package `colorlab` (as `cl`) and call `cl.setup()`, which fixes the random seeds (so your
# results match the text) and sets readable figure defaults. The package does the chores so
# each lesson can show its own idea; its parts are named for what they hold, and you will
# meet them as `cl.<part>.<function>`: `datasets` (photos: bundled ones, your folders),
# `drawn` (pictures painted by code: the leaf, landscapes), `images` (loading, cropping,
# saving), `exercises` (the check cells), `widgets` and `plotting` (what you play with and
# look at), `models`, `training` and `metrics` (networks, training them, measuring them).

# %%
import colorlab as cl

cl.setup()

# %% [markdown]
# ## 1. Is your setup ready?
#
# The next cell checks everything the course needs. Each line starts with ✓ (fine) or ✗
# (something to fix, with the fix written under it). It takes a few seconds, mostly to load
# TensorFlow.

# %%
results = cl.setup_check.run()

# %% [markdown]
# Everything runs **offline**: the photos come inside the installed packages (scikit-image
# and matplotlib ship a few famous sample photos), and the other pictures are drawn by code.
# If the Wi-Fi goes down during a workshop, nothing in the course notices.
#
# ## 2. Do widgets work?
#
# Move the slider below. If the sentence under it follows the slider, widgets work in your
# JupyterLab. If you see text such as `VBox(children=...)` instead of a slider, restart
# JupyterLab with `make lab`.

# %%
cl.widgets.widget_check()

# %% [markdown]
# ## 3. The course map
#
# Lessons 01-06 follow a short article step by step: *Colorization (Окрашивание ч/б
# фотографий)* by Nikita Fedchun and Ruslan Latipov, written in Russian. The course retells
# its steps in its own words and code; when a lesson says "the article", it means this one.
# Lessons 07-11 go beyond it. The minutes are the time to read, run and do the exercises; every notebook *runs* in
# under 3 minutes on a 2-core laptop.

# %%
from IPython.display import Markdown

Markdown(cl.course.course_map())

# %% [markdown]
# Lessons 07-09 train on **procedural scenes**: simple landscapes painted by code, so that a
# small network can learn real rules (sky is blue above, grass is green below, sunsets are
# orange) in minutes. Here are sixteen of them:
#
# ![Sixteen procedural scenes](figures/scenes_grid.png)

# %% [markdown]
# ## 4. Exercises
#
# Exercises look like the one below. The cell under the task starts with comments that say
# what to write, then a line `raise NotImplementedError(...)` that stops the cell until you
# have done it: delete that line, write your code in its place, run the cell, then run the
# check cell below it. (In `student/`, where you work, that line is there; in `notebooks/`, the
# solutions are filled in instead.)
#
# ### Exercise 1: load a photo
#
# `cl.datasets.sample_photo(name, size=...)` loads one of the bundled photos; `size` sets the
# shorter side in pixels. Load the photo called `"coffee"` with its shorter side at 128 pixels
# and store it in `photo`.

# %% tags=["solution"]
# YOUR CODE: load the "coffee" photo with its shorter side at 128 pixels
# photo = ...
photo = cl.datasets.sample_photo("coffee", size=128)

# %% tags=["check"]
cl.exercises.start_photo(photo)

# %% [markdown]
# What you loaded is a NumPy array: height × width × 3 numbers between 0 and 1. Lesson 01
# starts exactly there. Here it is as a picture:

# %%
import matplotlib.pyplot as plt

plt.imshow(photo)
plt.title(f"coffee: {photo.shape[0]} × {photo.shape[1]} pixels")
plt.axis("off");

# %% [markdown]
# ### Exercise 2: find your photos folder
#
# In lesson 10 you will color your own photos. They go in the folder `my_photos` inside the
# course's `data` folder. This notebook runs inside its own folder (`student/` or `notebooks/`),
# and `data` sits next to that folder, so the path goes one folder up first (`..`). Store the path of that folder in `my_folder` (a string is fine).

# %% tags=["solution"]
# YOUR CODE: the path of the folder for your own photos
# my_folder = ...
my_folder = "../data/my_photos"

# %% tags=["check"]
cl.exercises.my_photos_folder(my_folder)

# %% [markdown]
# ## What you learned / what's next
#
# - Your setup is checked: each ✓ line is one thing that works.
# - Widgets answer when you move them; exercises are checked by the cell right below them.
# - The course goes from pixels (01) to a network that colors photos it has never seen (07-11).
#
# **Next:** `01_pixel_grids.ipynb`: what a black-and-white photo looks like to a computer.
