"""The networks the lessons write out in their cells are the networks the package builds.

Lessons 05, 08 and 09 write their networks out where the learner reads them; the package
keeps copies for later lessons, the shipped models, the command line and the benchmarks
(``colorlab.models``). This test takes each lesson's own code from its notebook, builds
both, and checks that they are the same network: the same layer types in the same order,
the same shapes, the same number of parameters, the same training settings, and the same
outputs once they hold the same weights. So a benchmark measures the code learners read,
and a change to one copy that is not made to the other fails here. (Lesson 11 writes out
the photo model and checks it against the shipped one in its own cell, which nbval runs.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import numpy as np
import pytest

import colorlab as cl

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def lesson_code(lesson: str) -> dict:
    """The lesson's set-up cell run, and every function its code cells define (only those)."""
    (path,) = NOTEBOOKS.glob(f"{lesson}_*.ipynb")
    code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    namespace: dict = {}
    exec(compile(code[0], f"{path.name}, first cell", "exec"), namespace)
    for k, source in enumerate(code[1:], start=2):
        tree = ast.parse(source)
        tree.body = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
        exec(compile(tree, f"{path.name}, code cell {k}", "exec"), namespace)
    return namespace


def differences(a, b) -> list[str]:
    """How two Keras models differ as networks (empty when they are the same)."""
    found = []
    kinds = [[type(layer).__name__ for layer in m.layers] for m in (a, b)]
    if kinds[0] != kinds[1]:
        return [f"layers {kinds[0]} vs {kinds[1]}"]
    for x, y in zip(a.layers, b.layers, strict=True):
        shapes = [tuple(getattr(m.output, "shape", ())) for m in (x, y)]
        if shapes[0] != shapes[1] or x.count_params() != y.count_params():
            found.append(
                f"{x.name} {shapes[0]} ({x.count_params()} parameters) vs "
                f"{y.name} {shapes[1]} ({y.count_params()})"
            )
    if getattr(a, "optimizer", None) is not None:
        settings = [
            (
                type(m.optimizer).__name__,
                round(float(np.asarray(m.optimizer.learning_rate)), 8),
                m.steps_per_execution,
            )
            for m in (a, b)
        ]
        if settings[0] != settings[1]:
            found.append(f"training settings {settings[0]} vs {settings[1]}")
    if found:
        return found
    b.set_weights(a.get_weights())
    x = np.random.default_rng(0).uniform(0, 100, (2, 64, 48, 1)).astype("float32")
    if not np.allclose(a(x), b(x), atol=1e-5):
        found.append("different outputs for the same weights")
    return found


@pytest.fixture(scope="module")
def lesson05():
    return lesson_code("05")


def test_lesson_05_improved_network_is_the_package_lesson_model(lesson05):
    mine = lesson05["improved_network"](width=8, learning_rate=1e-3)
    assert differences(mine, cl.models.lesson_model(width=8, learning_rate=1e-3)) == []
    # The comparison can fail: another width, or another step size, is told apart.
    assert differences(mine, cl.models.lesson_model(width=4, learning_rate=1e-3))
    assert differences(mine, cl.models.lesson_model(width=8, learning_rate=2e-3))


def test_lesson_05_x_and_y_are_photo_xy():
    """The article's two lines in lesson 05 make what cl.training.photo_xy makes."""
    (path,) = NOTEBOOKS.glob("05_*.ipynb")
    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    (xy_cell,) = [s for s in cells if "rgb2lab(photo)" in s and "Y = " in s]
    namespace: dict = {}
    exec(cells[0], namespace)
    exec(xy_cell, namespace)
    X, Y = cl.training.photo_xy(namespace["photo"])
    assert namespace["X"].shape == X.shape and namespace["Y"].shape == Y.shape
    assert np.allclose(namespace["X"], X, atol=1e-4) and np.allclose(namespace["Y"], Y, atol=1e-6)


def test_lesson_08_fusion_network_is_the_package_fusion_model():
    code = lesson_code("08")
    encoder = cl.models.embedding_model(cl.models.scene_classifier(num_classes=2, width=4))
    mine = code["fusion_network"](encoder, width=8)
    assert differences(mine, cl.models.fusion_model(encoder, width=8)) == []
    assert not encoder.trainable  # frozen in both
    assert differences(mine, cl.models.lesson_model(width=8))  # the fusion is what differs


def test_lesson_09_classification_network_is_the_package_classification_model():
    code = lesson_code("09")
    bins = cl.bins.gamut_bins()
    mine = code["classification_network"](bins, width=4, learning_rate=1e-2)
    theirs = cl.models.classification_model(bins, width=4, learning_rate=1e-2)
    assert differences(mine[0], theirs[0]) == []  # the training models (logits)
    assert differences(mine[1], theirs[1]) == []  # the colorizers (annealed mean, full size)
    assert mine[1].output_shape == (None, None, None, 2)
