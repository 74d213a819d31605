"""Every exercise self-check accepts a right answer and rejects wrong ones with a hint."""

from __future__ import annotations

import numpy as np
import pytest

import colorlab as cl
from colorlab import exercises


def rejects(fn, *args, hint: str):
    """The check fails with a hint (a NotYet, shown as one line), never another error."""
    with pytest.raises(exercises.NotYet, match=hint):
        fn(*args)


def test_gradient():
    right = np.tile(np.arange(256, dtype=np.uint8), (64, 1))
    exercises.gradient(right)
    rejects(exercises.gradient, right.T, hint="shape")
    rejects(exercises.gradient, right.astype(float), hint="uint8")
    rejects(exercises.gradient, right[:, ::-1].copy(), hint="first column")
    rejects(exercises.gradient, ..., hint="empty")


def test_inverted_detects_wraparound():
    img = cl.datasets.gray_photo("camera", size=32)
    exercises.inverted(img, 255 - img)
    rejects(exercises.inverted, img, -img, hint="wraps around")
    rejects(exercises.inverted, img, img, hint="255 - v")


def test_green_only_and_gray():
    leaf = np.round(cl.drawn.leaf(32) * 255).astype(np.uint8)
    right = leaf.copy()
    right[..., [0, 2]] = 0
    exercises.green_only(leaf, right)
    wrong = leaf.copy()
    wrong[..., 0] = 0
    rejects(exercises.green_only, leaf, wrong, hint="blue")
    rgb = cl.datasets.sample_photo("coffee", size=16)
    mean = rgb.mean(-1)
    exercises.gray_from_rgb(rgb, np.stack([mean] * 3, -1))
    rejects(exercises.gray_from_rgb, rgb, mean, hint="3 layers")
    rejects(exercises.gray_from_rgb, rgb, rgb, hint="equal")


def test_split_and_round_trip():
    lab = cl.rgb_to_lab(cl.drawn.leaf(16))
    exercises.split_x_y(lab, lab[..., 0], lab[..., 1:])
    rejects(exercises.split_x_y, lab, lab[..., 1], lab[..., 1:], hint="layer 0")
    rejects(exercises.split_x_y, lab, lab[..., 0], lab[..., :2], hint="layers 1 and 2")
    rejects(exercises.split_x_y, lab, lab[..., :1], lab[..., 1:], hint="third axis of size 1")
    from skimage.color import lab2rgb, rgb2lab

    pixels = np.round(cl.drawn.leaf(16) * 255)  # floats 0-255, as in the lesson
    exercises.round_trip(pixels, lab2rgb(rgb2lab(pixels / 255)))
    rejects(exercises.round_trip, pixels, pixels, hint="equals `pixels`")
    rejects(
        exercises.round_trip, pixels, rgb2lab(pixels / 255), hint="negative numbers are a and b"
    )
    # Without ÷255, rgb2lab takes the floats as if in [0, 1]: the check must notice.
    rejects(exercises.round_trip, pixels, lab2rgb(rgb2lab(pixels)), hint="what range")


def test_normalization_checks():
    exercises.normalize_pair(lambda ab: ab / 128, lambda y: y * 128)
    rejects(exercises.normalize_pair, lambda ab: ab / 100, lambda y: y * 100, hint="128")

    def todo(_):
        raise NotImplementedError

    rejects(exercises.normalize_pair, todo, todo, hint="NotImplementedError")

    def no_return(ab):
        ab / 128

    rejects(exercises.normalize_pair, no_return, lambda y: y * 128, hint="forget `return`")
    rejects(exercises.normalize_pair, lambda ab: ab.nope, lambda y: y, hint="raised AttributeError")
    ab = np.linspace(-100, 100, 11)
    n, d = (lambda a: a / 128), (lambda y: y * 128)
    exercises.inverse_error(ab, n, d, 0.0)
    rejects(exercises.inverse_error, ab, n, d, 1.0, hint="largest absolute difference")
    rejects(exercises.inverse_error, ab, n, d, np.abs(d(n(ab)) - ab), hint="holds 11 values")
    exercises.scale_L(lambda L: L / 50 - 1)
    rejects(exercises.scale_L, lambda L: L / 100, hint="rise by 1")
    rejects(exercises.scale_L, lambda L: L / 50, hint="now shift")


def test_network_checks():
    shapes = [(1, 8), (8, 2)]
    exercises.conv_params(shapes, (9 + 1) * 8 + (72 + 1) * 2)
    rejects(exercises.conv_params, shapes, 9 * 8 + 72 * 2, hint="bias")
    rejects(exercises.conv_params, shapes, 5, hint="add up")
    Y = np.array([-0.5, 0.2, -0.1, 0.4])
    exercises.relu_unreachable(Y, 0.5)
    rejects(exercises.relu_unreachable, Y, 0.25, hint="below 0")
    rejects(exercises.relu_unreachable, Y, 50.0, hint="percent")
    rejects(exercises.relu_unreachable, Y, 2, hint="count")
    rejects(exercises.relu_unreachable, Y, Y < 0, hint="holds 4 values")
    rejects(exercises.relu_unreachable, np.array([-0.5, 0.0, 0.2, 0.4]), 0.5, hint="zeros")


def test_reconstruction_checks():
    X = np.full((1, 4, 4, 1), 40.0)
    out = np.full((1, 4, 4, 2), 0.25)
    exercises.canvas(X, out, np.concatenate([X[0], out[0] * 128], -1))
    rejects(exercises.canvas, X, out, np.concatenate([X[0], out[0]], -1), hint="raw answer")
    rejects(exercises.canvas, X, out, np.zeros((4, 4, 3)), hint="layer 0")
    model = cl.models.lesson_model(width=4)
    img = cl.datasets.sample_photo("coffee", size=(16, 24))
    exercises.own_colorize(model, img, cl.colorize(model, img))
    rejects(exercises.own_colorize, model, img, img, hint="differ")  # the original is not it
    canvas = cl.rgb_to_lab(img)  # the Lab canvas, handed in before lab2rgb
    rejects(exercises.own_colorize, model, img, canvas, hint="Is the last step lab2rgb")


def test_many_photos_global_features_and_photo_model_checks():
    exercises.flip(lambda img: img[:, ::-1])
    rejects(exercises.flip, lambda img: img[::-1], hint="top and bottom")
    rejects(exercises.flip, lambda img: img.T, hint="keep the shape")

    def todo(_):
        raise NotImplementedError

    rejects(exercises.flip, todo, hint="NotImplementedError")
    exercises.best_epoch([0.5, 0.3, 0.4], 2)
    rejects(exercises.best_epoch, [0.5, 0.3, 0.4], 1, hint="counted from 1")
    rejects(exercises.best_epoch, [0.5, 0.3, 0.4], 2.0, hint="whole number")
    v = np.arange(3.0)
    exercises.tiled(v, 2, 4, np.broadcast_to(v, (2, 4, 3)))
    rejects(exercises.tiled, v, 2, 4, np.zeros((4, 2, 3)), hint="shape")
    rejects(exercises.tiled, v, 2, 4, np.zeros((2, 4, 3)), hint="same vector")
    probs, labels = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]), np.array([0, 1, 1])
    exercises.accuracy(probs, labels, 2 / 3)
    rejects(exercises.accuracy, probs, labels, 200 / 3, hint="percent")
    rejects(exercises.accuracy, probs, labels, 2, hint="count")
    rejects(exercises.accuracy, probs, labels, 1 / 3, hint="most probable class")
    img = np.random.default_rng(0).random((4, 4, 3))
    exercises.colorfulness_by_hand(img, cl.metrics.colorfulness(img))
    rejects(exercises.colorfulness_by_hand, img, 0.1, hint="σ")
    rejects(exercises.colorfulness_by_hand, img, img[..., 0] - img[..., 1], hint="holds 16 values")
    errors = np.stack([np.full((2, 2, 2), 0.01), np.full((2, 2, 2), 0.04)])
    right = np.mean(np.log(np.array([0.01, 0.04]) + 1e-4))
    exercises.per_photo_loss(errors, right)
    rejects(exercises.per_photo_loss, errors, np.log(errors.mean() + 1e-4), hint="ALL pixels")
    rejects(exercises.per_photo_loss, errors, np.log(np.array([0.01, 0.04]) + 1e-4), hint="holds 2")


def test_beyond_brown_checks():
    colors = np.array([[60.0, 45.0], [15.0, -60.0]])
    shares = np.array([0.75, 0.25])
    exercises.mse_optimum(colors, shares @ colors, shares)
    exercises.mse_optimum(colors, colors.mean(axis=0))  # equally often without shares
    rejects(exercises.mse_optimum, colors, colors.mean(axis=0), shares, hint="plain average")
    rejects(exercises.mse_optimum, colors, colors[0], shares, hint="as often as it comes up")
    rejects(exercises.mse_optimum, colors, np.array([[1.0, 2.0]]), shares, hint="one")
    bins = np.array([[-50.0, 0.0], [50.0, 0.0]])
    probs = np.array([0.3, 0.7])
    exercises.annealed(probs, bins, 0.5, cl.bins.annealed_mean(probs, bins, 0.5))
    rejects(exercises.annealed, probs, bins, 0.5, probs @ bins, hint="plain mean")


def test_answers_of_the_wrong_kind_get_hints_not_tracebacks():
    """Whatever a learner stores, a check answers with a hint."""
    for odd in ("0.5", [[1, 2]], {"a": 1}, object(), np.zeros((2, 2)), True):
        with pytest.raises(exercises.NotYet):
            exercises.relu_unreachable(np.array([-1.0, 1.0]), odd)
        with pytest.raises(exercises.NotYet):
            exercises.best_model({"a": 1.0}, odd)
        with pytest.raises(exercises.NotYet):
            exercises.gradient(odd)
    rejects(exercises.best_model, {"a": 1.0, "b": 2.0}, "c", hint="not one of the models")
    rejects(exercises.best_model, {"a": 1.0, "b": 2.0}, "a", hint="another model")
    rejects(exercises.fine_tune_improvement, {"gain": 0.2}, {"gain": 1.5}, -1.3, hint="sign")


def test_hints_do_not_hand_over_the_solution():
    """No hint contains an expression of a lesson's solution (the code a learner should
    write): a hint says what is wrong and where to look."""
    import ast
    import re
    from pathlib import Path

    import nbformat

    source = ast.parse(Path(exercises.__file__).read_text())
    hints = [
        n
        for n in ast.walk(source)
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") in ("_require", "NotYet")
    ]
    literals = " ".join(
        n.value
        for hint in hints
        for n in ast.walk(hint)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )
    flat = re.sub(r"\s+", "", literals)
    found = []
    for path in sorted(Path(__file__).parents[1].glob("notebooks/[0-9][0-9]_*.ipynb")):
        task = ""  # what the exercise itself says may be repeated
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                task = re.sub(r"\s+", "", cell.source)
            if "solution" not in cell.metadata.get("tags", []):
                continue
            lines = cell.source.splitlines()
            task += re.sub(r"\s+", "", "".join(x for x in lines if x.startswith("#")))
            code = "\n".join(line for line in lines if not line.startswith("#"))
            for node in ast.walk(ast.parse(code)):
                if isinstance(node, ast.Call | ast.BinOp | ast.Subscript | ast.Compare):
                    text = re.sub(r"\s+", "", ast.unparse(node))
                    if len(text) >= 10 and text in flat and text not in task:
                        found.append((path.name, ast.unparse(node)))
    assert not found, f"hints that contain the solution: {found}"


@pytest.mark.slow
def test_hints_in_a_notebook_are_short_messages_and_still_errors():
    """In a real kernel: a wrong answer and a check run before its exercise show one line
    of hint (no traceback, no checker source), and the cell still fails; any other
    NameError keeps its usual traceback."""
    import nbformat
    from nbclient import NotebookClient

    cells = [
        "import colorlab as cl\ncl.setup(plots=False)",
        "cl.exercises.start_photo(photo)",
        "cl.exercises.start_photo(None)",
        "not_defined_anywhere + 1",
        "cl.exercises.mse_optimum(colors, [1.0, 2.0])",  # a data cell above was skipped
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True).execute()
    errors = [[o for o in cell.outputs if o.output_type == "error"] for cell in nb.cells]
    assert errors[0] == []
    missing, wrong, other = errors[1][0], errors[2][0], errors[3][0]
    assert missing.ename == "NameError" and len(missing.traceback) == 1
    assert "no `photo` yet" in missing.traceback[0] and "exercise" in missing.traceback[0]
    assert wrong.ename == "NotYet" and wrong.traceback == ["✗ Not yet: `photo` is still empty."]
    assert other.ename == "NameError" and len(other.traceback) > 1
    skipped = errors[4][0]
    assert skipped.ename == "NameError" and len(skipped.traceback) == 1
    assert "`colors` is made by an earlier cell" in skipped.traceback[0]


def test_every_check_marks_its_answers_and_notebooks_pass_answers_there():
    """The hint tells an unsolved exercise from a skipped data cell by the check's answer
    parameters (annotated ``object``): each exercise's answer must land on one of them."""
    import ast
    import inspect
    import re
    from pathlib import Path

    import nbformat

    from colorlab.session import _answer_parameter

    for n, fn in inspect.getmembers(exercises, inspect.isfunction):
        if fn.__module__ == exercises.__name__ and not n.startswith("_"):
            kinds = [p.annotation for p in inspect.signature(fn).parameters.values()]
            assert "object" in kinds or object in kinds, f"exercises.{n} marks no answer"
    seen = 0
    for path in sorted(Path(__file__).parents[1].glob("notebooks/[0-9][0-9]_*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        for before, cell in zip(cells, cells[1:], strict=False):
            asked = re.findall(r"^# (?:def )?(\w+)(?: = |\()", before.source, re.M)
            if "# YOUR CODE" not in before.source or "exercises." not in cell.source:
                continue
            for name in asked:
                seen += 1
                where = f"{path.name}: {name} in {cell.source!r}"
                assert _answer_parameter(cell.source, name), where
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Name) and node.id not in asked and node.id != "cl":
                    assert _answer_parameter(cell.source, node.id) in (False, None), (
                        f"{path.name}: {node.id} is data, not the answer, in {cell.source!r}"
                    )
    assert seen >= 20


def test_hints_name_the_usual_slips():
    """The mistakes a second walkthrough made get a diagnosis, not the recipe again."""
    probs, bins = np.array([0.2, 0.5, 0.3]), np.array([[-50.0, 0.0], [0.0, 0.0], [50.0, 10.0]])
    p_to_t = probs**0.38 / (probs**0.38).sum() @ bins
    rejects(exercises.annealed, probs, bins, 0.38, p_to_t, hint="power is 1/T")
    rejects(exercises.annealed, probs, bins, 0.38, probs ** (1 / 0.38) @ bins, hint="divide by")
    img = np.random.default_rng(1).random((6, 6, 3))
    rg, yb = img[..., 0] - img[..., 1], (img[..., 0] + img[..., 1]) / 2 - img[..., 2]
    sigma, mu = np.hypot(rg.std(), yb.std()), np.hypot(rg.mean(), yb.mean())
    rejects(exercises.colorfulness_by_hand, img, 255 * (sigma + 0.3 * mu), hint="255 times")
    rejects(exercises.colorfulness_by_hand, img, rg.std() + yb.std() + 0.3 * mu, hint="square root")
    rejects(exercises.colorfulness_by_hand, img, sigma, hint="add 0.3")
    errors = np.stack([np.full((2, 2, 2), 0.01), np.full((2, 2, 2), 0.04)])
    per_photo = np.array([0.01, 0.04])
    rejects(exercises.per_photo_loss, errors, np.mean(np.log(per_photo)), hint="1e-4")
    rejects(exercises.per_photo_loss, errors, np.sum(np.log(per_photo + 1e-4)), hint="their mean")
    image = np.random.default_rng(2).random((4, 5, 3))
    rejects(exercises.flip, lambda img: img[..., ::-1], hint="color layers")
    rejects(exercises.conv_params, [(1, 8), (8, 2)], [80, 146], hint="added up")
    from skimage.color import lab2rgb, rgb2lab

    pixels = np.round(image * 255)
    rejects(exercises.round_trip, pixels, pixels, hint="equals `pixels`")
    rejects(
        exercises.round_trip, pixels, lab2rgb(rgb2lab(pixels / 255)) * 255, hint="without × 255"
    )


def test_every_check_has_a_wrong_answer_test():
    """Each exercise check is shown rejecting a wrong answer, in this file or beside the
    setup-check tests (lesson 00's two)."""
    import inspect
    import re
    from pathlib import Path

    here = Path(__file__).parent
    text = (here / "test_exercises.py").read_text() + (here / "test_setup_check.py").read_text()
    public = [
        name
        for name, fn in inspect.getmembers(exercises, inspect.isfunction)
        if fn.__module__ == exercises.__name__ and not name.startswith("_")
    ]
    untested = [
        name
        for name in public
        if not re.search(
            rf"rejects\(\s*exercises\.{name}\b|raises\([^\n]*\n\s*cl\.exercises\.{name}\(", text
        )
    ]
    assert len(public) >= 25 and not untested, f"no wrong-answer test for: {untested}"


def test_the_hint_channels_check_accepts_the_answer_and_names_each_slip():
    from colorlab import hints

    points = [(1, 0, "#ff0000"), (6, 4, (30, 144, 255))]
    ab, mask = hints.hint_map(points, (6, 8))
    exercises.hint_channels(points, (6, 8), ab, mask)
    rejects(exercises.hint_channels, points, (6, 8), ab, mask[..., 0], hint="channel axis")
    swapped = np.zeros_like(mask)
    swapped[1, 0] = 1  # (x, y) = (1, 0) put at row 1, column 0; (6, 4) has no row 6
    rejects(exercises.hint_channels, points, (6, 8), ab, swapped, hint="x and y are swapped")
    rejects(exercises.hint_channels, points, (6, 8), ab * 128, mask, hint="divide a and b by 128")
    rejects(
        exercises.hint_channels, points, (6, 8), np.zeros_like(ab), mask, hint="a / 128 and b / 128"
    )
    rejects(exercises.hint_channels, points, (6, 8), ab[:, :, :1], mask, hint="one a and one b")
    rejects(exercises.hint_channels, points, (6, 8), ..., mask, hint="still empty")


def test_the_best_hint_check_recomputes_the_scores():
    from test_hint_model import stand_in_photo_model

    hint_model = cl.models.hint_photo_model(stand_in_photo_model(), seed=0)
    photo = np.clip(np.random.default_rng(0).normal(0.5, 0.15, (64, 96, 3)), 0, 1)
    photo[:, 48:] = [0.2, 0.4, 0.9]
    candidates = [(10, 10), (70, 30), (40, 50)]
    gray = cl.to_gray(photo)
    scores = {}
    for x, y in candidates:
        color = tuple(int(round(v * 255)) for v in photo[y, x])
        scores[(x, y)] = cl.metrics.psnr(
            photo, cl.colorize(hint_model, gray, hints=[(x, y, color)])
        )
    best, worst = max(scores, key=scores.get), min(scores, key=scores.get)
    exercises.best_hint(hint_model, photo, candidates, best)
    rejects(exercises.best_hint, hint_model, photo, candidates, worst, hint="LEAST")
    rejects(exercises.best_hint, hint_model, photo, candidates, (best[1], best[0]),
             hint="column first|not one of")  # fmt: skip
    rejects(exercises.best_hint, hint_model, photo, candidates, (1, 2), hint="not one of")
    rejects(exercises.best_hint, hint_model, photo, candidates, "top", hint="an \\(x, y\\) pair")
