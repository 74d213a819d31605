"""Self-checks for the exercises: each prints "✓ correct" or raises :class:`NotYet` with a hint.

Every check is called from the cell right below its exercise, e.g.
``cl.exercises.my_photos_folder(my_folder)``.

One module for all 27 checks, in lesson order, although it is over 400 lines: they share
one way of failing (:class:`NotYet`, :func:`_require`, :func:`_exercise`), the hint guards
in ``tests/test_exercises.py`` read them all by introspection, and an author adding an
exercise finds its neighbours here. Each check is short (the length is hints).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

CORRECT = "✓ correct"


class NotYet(AssertionError):
    """A check's hint. In a notebook it shows as one short message, not as a traceback.

    IPython draws an exception with a ``_render_traceback_`` method by calling it instead
    of printing the stack, which would show the checker's source, expected answer
    included. It is still an error: the cell stops, and nbval sees the failure.

    Example:
        >>> NotYet("Not yet: `x` is still empty.")._render_traceback_()
        ['✗ Not yet: `x` is still empty.']
    """

    def _render_traceback_(self) -> list[str]:
        return [f"✗ {self}"]


def _require(condition: bool, hint: str) -> None:
    if not condition:
        raise NotYet(f"Not yet: {hint}")


def _done(extra: str = "") -> None:
    print(CORRECT + (f": {extra}" if extra else ""))


def _empty(x: object) -> bool:
    return x is None or isinstance(x, type(Ellipsis))


def _number(x: object, name: str) -> float:
    """The learner's answer as one float, or a hint saying what it is instead."""
    _require(not _empty(x), f"`{name}` is still empty.")
    if isinstance(x, bool) or isinstance(x, str):
        raise NotYet(f"Not yet: `{name}` should be a number, not {type(x).__name__} {x!r}.")
    arr = np.asarray(x)
    _require(
        arr.size == 1,
        f"`{name}` holds {arr.size} values (shape {arr.shape}); the exercise asks for one "
        "number. Did you forget the last step that turns them into one (a mean, a max, "
        "a sum)?",
    )
    try:
        return float(arr.reshape(()))
    except (TypeError, ValueError):
        raise NotYet(f"Not yet: `{name}` should be a number; got {type(x).__name__}.") from None


def _share(x: object, name: str, true: float, count: int | None = None) -> float:
    """A fraction answer: say so when it looks like a percent or a count instead."""
    got = _number(x, name)
    if true and abs(got - 100 * true) < 1e-4 and abs(got - true) > 1e-6:
        raise NotYet(f"Not yet: `{name}` = {got:g} looks like a percent; give a fraction (0 to 1).")
    if count is not None and true and abs(got - true * count) < 1e-6 and count != 1:
        raise NotYet(
            f"Not yet: `{name}` = {got:g} is a count; a share is that count divided by "
            "how many there are in all."
        )
    return got


def _call(fn, arg, name: str):
    """Call a learner's function; a hint (not a traceback) when it fails or returns None."""
    try:
        out = fn(arg)
    except NotImplementedError:
        raise NotYet(
            "Not yet: replace the `raise NotImplementedError` line with your code."
        ) from None
    except Exception as exc:  # the learner's code failing is what the hint is for
        raise NotYet(
            f"Not yet: {name}(...) raised {type(exc).__name__}: {exc}. Run it on a small "
            "example in a new cell to see where."
        ) from None
    _require(out is not None, f"{name}(...) returned None: did you forget `return`?")
    return out


def _exercise(check):
    """Turn any error met while checking an answer into a hint.

    A check probes the learner's answer; an answer of an unexpected kind (a string, a
    list of lists, an object without ``shape``) could make the check itself fail deep
    inside NumPy. The learner should read what is wrong with the answer, not a traceback.
    """
    import functools

    @functools.wraps(check)
    def wrapper(*args, **kwargs):
        try:
            return check(*args, **kwargs)
        except NotYet:
            raise
        except Exception as exc:
            raise NotYet(
                f"Not yet: your answer could not be checked ({type(exc).__name__}: {exc}). "
                "Look again at what the exercise asks you to store, and in what form."
            ) from None

    return wrapper


def _is_array(x: object, name: str) -> np.ndarray:
    _require(x is not None and not isinstance(x, type(Ellipsis)), f"`{name}` is still empty.")
    _require(
        isinstance(x, np.ndarray), f"`{name}` should be a NumPy array, not {type(x).__name__}."
    )
    return x


# ------------------------------------------------------------------- 00


@_exercise
def start_photo(photo: object) -> None:
    """Exercise 00.1: the 'coffee' photo loaded with its shorter side at 128 pixels.

    Parameters
    ----------
    photo : object
        The learner's answer: the 'coffee' photo, a float32 NumPy array of values in
        [0, 1], of shape (128, 192, 3).

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import colorlab as cl
    >>> start_photo(cl.datasets.sample_photo("coffee", size=128))
    ✓ correct: 128 × 192 pixels, 3 layers
    """
    photo = _is_array(photo, "photo")
    _require(
        photo.ndim == 3 and photo.shape[2] == 3,
        f"a color photo has shape (height, width, 3); yours is {photo.shape}.",
    )
    _require(
        min(photo.shape[:2]) == 128,
        f"the shorter side should be 128; yours is {photo.shape[:2]}: use size=128.",
    )
    _require(
        photo.shape[:2] == (128, 192),
        "that is not the coffee photo: check the name you passed to sample_photo.",
    )
    _require(
        photo.dtype == np.float32 and photo.max() <= 1.0,
        "load it with colorlab, which gives float values in [0, 1].",
    )
    _done(f"{photo.shape[0]} × {photo.shape[1]} pixels, 3 layers")


@_exercise
def my_photos_folder(folder: object) -> None:
    """Exercise 00.2: the path of the folder where the learner's own photos go.

    Parameters
    ----------
    folder : object
        The learner's answer: the course's ``data/my_photos`` folder, as a str or a
        pathlib.Path, absolute or relative to the folder the notebook runs in.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> from colorlab.course import course_root
    >>> my_photos_folder(course_root() / "data" / "my_photos")
    ✓ correct: put your photos there for lesson 10
    """
    _require(isinstance(folder, str | Path), "give the folder as a string or a pathlib.Path.")
    from colorlab.course import course_root

    # The answer is relative to where the notebook runs, so a copy of the course (the
    # student set, a workshop folder) is checked against its own data/ folder.
    expected = {
        (Path.cwd().parent / "data" / "my_photos").resolve(),
        (course_root() / "data" / "my_photos").resolve(),
    }
    path = Path(folder)
    if not path.is_absolute():
        path = Path.cwd() / path
    _require(path.exists(), f"{folder} does not exist (the notebook runs in {Path.cwd()}).")
    _require(
        path.resolve() in expected,
        "that folder exists but is not the one: look for my_photos inside data/.",
    )
    _done("put your photos there for lesson 10")


# ------------------------------------------------------------------- 01


@_exercise
def gradient(gradient: object) -> None:
    """Exercise 01.1: a 64×256 uint8 image whose column j holds the value j.

    Parameters
    ----------
    gradient : object
        The learner's answer: a uint8 NumPy array of shape (64, 256).

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> gradient(np.tile(np.arange(256, dtype=np.uint8), (64, 1)))
    ✓ correct: black on the left, white on the right
    """
    g = _is_array(gradient, "gradient")
    _require(g.shape == (64, 256), f"the shape should be (64, 256) (rows, columns); got {g.shape}.")
    _require(g.dtype == np.uint8, f"use dtype uint8 (numbers 0-255); got {g.dtype}.")
    _require(bool((g == g[0]).all()), "every row should be the same: use np.tile or broadcasting.")
    _require(g[0, 0] == 0 and g[0, -1] == 255, "the first column should be 0, the last 255.")
    _require(bool((g[0] == np.arange(256)).all()), "column j should hold j: try np.arange(256).")
    _done("black on the left, white on the right")


@_exercise
def inverted(original: np.ndarray, inverted: object) -> None:
    """Exercise 01.2: the photographic negative of a uint8 photo (255 - value).

    Parameters
    ----------
    original : numpy.ndarray
        The uint8 photo.
    inverted : object
        The learner's answer: its negative, a uint8 array of the same shape.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.array([[0, 100, 255]], np.uint8)
    >>> inverted(img, 255 - img)
    ✓ correct: black became white and white became black
    """
    inv = _is_array(inverted, "inverted")
    _require(inv.shape == original.shape, f"keep the shape {original.shape}; got {inv.shape}.")
    expected = 255 - original.astype(np.int64)
    if np.array_equal(inv.astype(np.int64) % 256, (-original.astype(np.int64)) % 256) and not (
        np.array_equal(inv, expected)
    ):
        raise NotYet(
            "Not yet: -image wraps around in uint8 (0 stays 0, 1 becomes 255): "
            "subtract from 255 instead."
        )
    _require(np.array_equal(inv.astype(np.int64), expected), "each value v should become 255 - v.")
    _require(inv.dtype == np.uint8, f"keep dtype uint8; got {inv.dtype}.")
    _done("black became white and white became black")


# ------------------------------------------------------------------- 02


@_exercise
def green_only(rgb: np.ndarray, green_only: object) -> None:
    """Exercise 02.1: the photo with its red and blue layers set to 0.

    Parameters
    ----------
    rgb : numpy.ndarray
        The photo, (H, W, 3).
    green_only : object
        The learner's answer: a copy of ``rgb`` with layers 0 and 2 set to 0.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.full((2, 2, 3), 100, np.uint8)
    >>> out = img.copy(); out[..., [0, 2]] = 0
    >>> green_only(img, out)
    ✓ correct: only the green layer is left
    """
    out = _is_array(green_only, "green_only")
    _require(out.shape == rgb.shape, f"keep all three layers: shape {rgb.shape}, not {out.shape}.")
    _require(
        not np.shares_memory(out, rgb) or out is not rgb,
        "make a copy first (rgb.copy()), or you change the original photo too.",
    )
    _require(bool((out[..., 0] == 0).all()), "the red layer (index 0) should be all 0.")
    _require(bool((out[..., 2] == 0).all()), "the blue layer (index 2) should be all 0.")
    _require(np.array_equal(out[..., 1], rgb[..., 1]), "keep the green layer (index 1) unchanged.")
    _done("only the green layer is left")


@_exercise
def gray_from_rgb(rgb: np.ndarray, gray: object) -> None:
    """Exercise 02.2: a gray version, the mean of R, G and B copied into all three layers.

    Parameters
    ----------
    rgb : numpy.ndarray
        The color photo, (H, W, 3): uint8 or floats.
    gray : object
        The learner's answer: an array of the same shape whose three layers all hold the
        mean of R, G and B.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.random.default_rng(0).random((4, 4, 3))
    >>> gray_from_rgb(img, np.repeat(img.mean(-1, keepdims=True), 3, -1))
    ✓ correct: R = G = B everywhere, so no color is left
    """
    g = _is_array(gray, "gray")
    _require(
        g.shape == rgb.shape,
        f"the result should have 3 layers, shape {rgb.shape}; "
        f"got {g.shape} (np.stack or np.repeat can copy one layer three times).",
    )
    g = g.astype(np.float64)
    _require(
        np.allclose(g[..., 0], g[..., 1]) and np.allclose(g[..., 1], g[..., 2]),
        "the three layers should be equal: that is what makes a pixel gray.",
    )
    mean = rgb.astype(np.float64).mean(axis=-1)
    _require(
        np.allclose(g[..., 0], mean, atol=1.0 if rgb.dtype == np.uint8 else 1e-3),
        "each value should be the mean of the pixel's R, G and B (a mean over the last "
        "axis, the layers).",
    )
    _done("R = G = B everywhere, so no color is left")


# ------------------------------------------------------------------- 03


@_exercise
def split_x_y(lab: np.ndarray, X: object, Y: object) -> None:
    """Exercise 03.1: X = the L layer (H, W), Y = the a and b layers (H, W, 2).

    Parameters
    ----------
    lab : numpy.ndarray
        The photo in Lab, (H, W, 3).
    X : object
        The learner's answer: the L layer, (H, W).
    Y : object
        The learner's answer: the a and b layers, (H, W, 2).

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> lab = np.random.default_rng(0).random((4, 5, 3))
    >>> split_x_y(lab, lab[:, :, 0], lab[:, :, 1:])
    ✓ correct: X is the lightness, Y the two color layers
    """
    X = _is_array(X, "X")
    Y = _is_array(Y, "Y")
    h, w = lab.shape[:2]
    _require(
        X.shape != (h, w, 1),
        f"X has shape {X.shape}: a third axis of size 1, which a slice such as 0:1 keeps. "
        f"The exercise asks for one flat layer, shape {(h, w)}: index the layer with a "
        "single number.",
    )
    _require(X.shape == (h, w), f"X should be one layer, shape {(h, w)}; got {X.shape}.")
    _require(Y.shape == (h, w, 2), f"Y should be two layers, shape {(h, w, 2)}; got {Y.shape}.")
    _require(
        np.array_equal(X, lab[:, :, 0]),
        "X should be layer 0 of lab, the lightness L.",
    )
    _require(np.array_equal(Y, lab[:, :, 1:]), "Y should be layers 1 and 2 of lab (a and b).")
    _done("X is the lightness, Y the two color layers")


@_exercise
def round_trip(image: np.ndarray, back: object) -> None:
    """Exercise 03.2: RGB → Lab → RGB gives the photo back (floats in [0, 1]).

    ``image`` holds 0-255 values (the lesson gives floats, where ``rgb2lab`` does not
    divide by 255 for you).

    Parameters
    ----------
    image : numpy.ndarray
        The photo as floats holding 0-255 values, (H, W, 3).
    back : object
        The learner's answer: the photo after RGB → Lab → RGB, floats in [0, 1].

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> img = np.full((2, 2, 3), 128.0)
    >>> round_trip(img, img / 255)
    ✓ correct: largest difference 0.000000 (out of 1)
    """
    back = _is_array(back, "back")
    _require(back.shape == image.shape, f"shape {image.shape} expected; got {back.shape}.")
    _require(
        back.min() >= -1e-6,
        f"`back` has values down to {back.min():.1f}: negative numbers are a and b of Lab, "
        "not RGB. The last step of the round trip converts Lab back to RGB.",
    )
    _require(
        not np.allclose(back, image),
        "`back` equals `pixels`, values 0-255; the round trip (to Lab, then back with "
        "lab2rgb) should end in floats in [0, 1], as lab2rgb gives them, without × 255.",
    )
    _require(
        back.max() <= 1.0 + 1e-6,
        f"`back` has values up to {back.max():.1f}; the round trip should end in RGB floats "
        "in [0, 1], as lab2rgb gives them: keep its result as it is (no × 255).",
    )
    diff = float(np.abs(back - image / 255.0).max())
    _require(
        diff < 1e-3,
        f"the largest difference is {diff:.3g}. rgb2lab reads floats as already in [0, 1]; "
        "what range are `pixels` in?",
    )
    _done(f"largest difference {diff:.6f} (out of 1)")


# ------------------------------------------------------------------- 04


@_exercise
def normalize_pair(normalize: object, denormalize: object) -> None:
    """Exercise 04.1: ``normalize(ab) = ab / 128`` and ``denormalize(y) = y * 128``.

    Parameters
    ----------
    normalize : object
        The learner's answer: a function, ab → ab / 128.
    denormalize : object
        The learner's answer: a function, y → y * 128.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> normalize_pair(lambda ab: ab / 128, lambda y: y * 128)
    ✓ correct: -128 → -1.0, 64 → 0.5, and back
    """
    _require(
        callable(normalize) and callable(denormalize),
        "define two functions: def normalize(ab): ... and def denormalize(y): ...",
    )
    probe = np.array([-128.0, -64.0, 0.0, 64.0, 127.0])
    y = np.asarray(_call(normalize, probe.copy(), "normalize"), dtype=np.float64)
    back = np.asarray(_call(denormalize, y.copy(), "denormalize"), dtype=np.float64)
    _require(
        y.shape == probe.shape,
        f"normalize of 5 numbers gave shape {y.shape}: it should return one number per input.",
    )
    _require(
        np.allclose(y, probe / 128),
        f"normalize([-128, -64, 0, 64, 127]) gave {np.round(y, 3).tolist()}; divide by 128.",
    )
    _require(
        np.allclose(back, probe),
        f"denormalize(normalize(...)) gave {np.round(back, 3).tolist()}, not the numbers "
        "back: denormalize should undo what normalize does.",
    )
    _done("-128 → -1.0, 64 → 0.5, and back")


@_exercise
def inverse_error(ab: np.ndarray, normalize, denormalize, max_error: object) -> None:
    """Exercise 04.2: the largest |denormalize(normalize(ab)) - ab| over a photo is exactly 0.

    Parameters
    ----------
    ab : numpy.ndarray
        The a and b values of a photo.
    normalize : callable
        The learner's ``normalize`` function.
    denormalize : callable
        The learner's ``denormalize`` function.
    max_error : object
        The learner's answer: the largest absolute difference, one number.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> ab = np.linspace(-100, 100, 7)
    >>> inverse_error(ab, lambda x: x / 128, lambda y: y * 128, 0.0)
    ✓ correct: the round trip is exact (dividing by 128, a power of 2, loses no digits)
    """
    got = _number(max_error, "max_error")
    true = float(np.abs(denormalize(normalize(ab)) - ab).max())
    _require(
        got >= 0,
        f"`max_error` = {got:g} is negative: take the absolute value of the differences first.",
    )
    _require(
        np.isclose(got, true, atol=1e-12),
        f"`max_error` = {got:g}. It should be the largest absolute difference between "
        "the round trip's result and ab, over the whole photo.",
    )
    _done("the round trip is exact (dividing by 128, a power of 2, loses no digits)")


@_exercise
def scale_L(scale_L: object) -> None:
    """Exercise 04.3: a function mapping L in [0, 100] linearly onto [-1, 1].

    Parameters
    ----------
    scale_L : object
        The learner's answer: a function mapping L in [0, 100] onto [-1, 1].

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> scale_L(lambda L: L / 50 - 1)
    ✓ correct: 0 → -1, 50 → 0, 100 → 1
    """
    _require(callable(scale_L), "define a function: def scale_L(L): ...")
    probe = np.array([0.0, 25.0, 50.0, 100.0])
    out = np.asarray(_call(scale_L, probe.copy(), "scale_L"), dtype=np.float64)
    got = f"scale_L([0, 25, 50, 100]) gave {np.round(out, 3).tolist()}; want [-1, -0.5, 0, 1]"
    _require(out.shape == probe.shape, f"{got}: one number out for each number in.")
    slope = out[-1] - out[0]
    _require(
        np.isclose(slope, 2),
        f"{got}. From L = 0 to L = 100 your values rise by {slope:g}; from -1 to 1 is a rise of 2.",
    )
    _require(
        np.isclose(out[0], -1),
        f"{got}. The rise is right; now shift the values so that 0 lands on -1.",
    )
    _require(np.allclose(out, [-1, -0.5, 0, 1]), f"{got}: a straight line from -1 to 1.")
    _done("0 → -1, 50 → 0, 100 → 1")


# ------------------------------------------------------------------- 05


@_exercise
def conv_params(layer_shapes: list[tuple[int, int]], total_params: object) -> None:
    """Exercise 05.1: parameters of 3×3 convolutions, (3·3·inputs + 1)·filters each, summed.

    ``layer_shapes`` lists (inputs, filters) of every Conv2D layer in order.

    Parameters
    ----------
    layer_shapes : list of tuple of int
        (inputs, filters) of every Conv2D layer, in order.
    total_params : object
        The learner's answer: the number of parameters of all the layers, a whole number.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> conv_params([(1, 8), (8, 2)], (9 * 1 + 1) * 8 + (9 * 8 + 1) * 2)
    ✓ correct: 226 parameters, the same number Keras reports
    """
    _require(
        not isinstance(total_params, list | tuple | np.ndarray),
        "`total_params` holds one count per layer; the total is all of them added up.",
    )
    _require(
        isinstance(total_params, int | np.integer) and not isinstance(total_params, bool),
        "`total_params` should be a whole number.",
    )
    expected = sum((9 * i + 1) * f for i, f in layer_shapes)
    weights_only = sum(9 * i * f for i, f in layer_shapes)
    if total_params == weights_only:
        raise NotYet("Not yet: you counted the weights; each filter also has a bias (+1).")
    _require(
        total_params == expected,
        f"you have {total_params}: for each layer, (3·3·inputs + 1)·filters, then add up.",
    )
    _done(f"{expected:,} parameters, the same number Keras reports")


@_exercise
def relu_unreachable(Y: np.ndarray, fraction: object) -> None:
    """Exercise 05.2: the share of target values below 0, which a ReLU output can never give.

    Parameters
    ----------
    Y : numpy.ndarray
        The targets: a and b, scaled to [-1, 1].
    fraction : object
        The learner's answer: the share of Y's values below 0, a fraction from 0 to 1.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> relu_unreachable(np.array([-0.5, 0.1, -0.2, 0.3]), 0.5)
    ✓ correct: 50.0% of the targets are negative, out of a ReLU's reach
    """
    Y = np.asarray(Y)
    true = float((Y < 0).mean())
    got = _share(fraction, "fraction", true, count=Y.size)
    _require(
        abs(got - float((Y <= 0).mean())) > 1e-9 or abs(got - true) < 1e-6,
        "that counts the zeros too; a ReLU can give 0, only values below 0 are out of reach.",
    )
    _require(
        abs(got - true) < 1e-6,
        f"`fraction` = {got:g}. It should be the share of Y's values that are below 0: how "
        "many there are, as a part of all of Y's values.",
    )
    _done(f"{true:.1%} of the targets are negative, out of a ReLU's reach")


# ------------------------------------------------------------------- 06


@_exercise
def canvas(X: np.ndarray, prediction: np.ndarray, canvas: object) -> None:
    """Exercise 06.1: an (H, W, 3) Lab canvas: L in layer 0, prediction × 128 in layers 1-2.

    ``X`` is (1, H, W, 1) and ``prediction`` the network's (1, H, W, 2) answer in [-1, 1].

    Parameters
    ----------
    X : numpy.ndarray
        The network's input, (1, H, W, 1): the lightness L.
    prediction : numpy.ndarray
        The network's answer, (1, H, W, 2), in [-1, 1].
    canvas : object
        The learner's answer: the Lab canvas, (H, W, 3).

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> X, out = np.full((1, 2, 2, 1), 50.0), np.full((1, 2, 2, 2), 0.5)
    >>> canvas(X, out, np.concatenate([X[0], out[0] * 128], axis=-1))
    ✓ correct: L in layer 0, a and b (×128) in layers 1 and 2
    """
    c = _is_array(canvas, "canvas")
    h, w = X.shape[1:3]
    _require(c.shape == (h, w, 3), f"the canvas should have shape {(h, w, 3)}; got {c.shape}.")
    _require(np.allclose(c[..., 0], X[0, ..., 0]), "layer 0 should be the lightness L, from X.")
    _require(
        not (np.allclose(c[..., 1:], prediction[0]) and not np.allclose(prediction[0], 0)),
        "layers 1 and 2 hold the network's raw answer, which is ab / 128 (between -1 and "
        "1); Lab needs a and b themselves.",
    )
    _require(
        np.allclose(c[..., 1:], prediction[0] * 128, atol=1e-3),
        "layers 1 and 2 should be a and b, the network's answer scaled back to Lab's range.",
    )
    _done("L in layer 0, a and b (×128) in layers 1 and 2")


@_exercise
def own_colorize(model, image: np.ndarray, colorized: object) -> None:
    """Exercise 06.2: the four steps by hand give the same photo as ``cl.colorize``.

    Parameters
    ----------
    model : keras.Model
        The colorizer.
    image : numpy.ndarray
        The RGB photo, (H, W, 3), floats in [0, 1].
    colorized : object
        The learner's answer: the photo colorized by hand, RGB floats in [0, 1].

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.models import lesson_model
    >>> from colorlab.colorize import colorize
    >>> m, img = lesson_model(width=4), np.random.rand(16, 16, 3)
    >>> own_colorize(m, img, colorize(m, img))
    ✓ correct: the same colors as cl.colorize
    """
    from colorlab.colorize import colorize

    c = _is_array(colorized, "colorized")
    _require(c.shape == image.shape, f"shape {image.shape} expected; got {c.shape}.")
    _require(
        c.max() <= 1.0 + 1e-6 and c.min() >= -1e-6,
        f"your result has values from {c.min():.1f} to {c.max():.1f}: Lab numbers, not RGB "
        "in [0, 1]. Is the last step lab2rgb?",
    )
    diff = float(np.abs(c - colorize(model, image)).max())
    _require(
        diff < 0.02,
        f"the colors differ from cl.colorize by up to {diff:.3f}: "
        "L from rgb2lab, predict, × 128, the canvas, lab2rgb.",
    )
    _done("the same colors as cl.colorize")


# ------------------------------------------------------------------- 07


@_exercise
def flip(flip: object) -> None:
    """Exercise 07.1: a function that mirrors an (H, W, 3) image left to right.

    Parameters
    ----------
    flip : object
        The learner's answer: a function mirroring an (H, W, 3) image left to right.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> flip(lambda img: img[:, ::-1])
    ✓ correct: left and right swapped, top and bottom kept
    """
    _require(callable(flip), "define a function: def flip(image): ...")
    img = np.random.default_rng(0).random((4, 5, 3))
    out = np.asarray(_call(flip, img.copy(), "flip"))
    _require(out.shape == img.shape, f"keep the shape {img.shape}; got {out.shape}.")
    if np.allclose(out, img[..., ::-1]):
        raise NotYet("Not yet: that reverses the color layers (axis 2); mirror the columns.")
    if np.allclose(out, img[::-1]):
        raise NotYet("Not yet: that flips top and bottom (the rows, axis 0); mirror the columns.")
    _require(np.allclose(out, img[:, ::-1]), "column j should become column W - 1 - j.")
    _done("left and right swapped, top and bottom kept")


@_exercise
def best_epoch(val_loss: list[float], best_epoch: object) -> None:
    """Exercise 07.2: the epoch (counted from 1) with the lowest validation loss.

    Parameters
    ----------
    val_loss : list of float
        The validation loss after each epoch.
    best_epoch : object
        The learner's answer: an epoch, a whole number counted from 1.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> best_epoch([0.5, 0.3, 0.4], 2)
    ✓ correct: after epoch 2 the network only got better at the training photos
    """
    _require(
        isinstance(best_epoch, int | np.integer) and not isinstance(best_epoch, bool),
        "`best_epoch` should be a whole number (an epoch).",
    )
    true = int(np.argmin(val_loss)) + 1
    if best_epoch == true - 1:
        raise NotYet("Not yet: epochs are counted from 1, np.argmin from 0: add 1.")
    _require(best_epoch == true, "find the position of the smallest validation loss: np.argmin.")
    last = len(val_loss)
    extra = (
        "after epoch " + str(true) + " the network only got better at the training photos"
        if true < last
        else "the validation loss was still falling at the end"
    )
    _done(extra)


# ------------------------------------------------------------------- 08


@_exercise
def tiled(vector: np.ndarray, height: int, width: int, tiled: object) -> None:
    """Exercise 08.1: a vector (D,) repeated at every pixel of a height×width grid: (H, W, D).

    Parameters
    ----------
    vector : numpy.ndarray
        The vector, (D,).
    height : int
        The grid's height H.
    width : int
        The grid's width W.
    tiled : object
        The learner's answer: an array of shape (H, W, D).

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> v = np.arange(3.0)
    >>> tiled(v, 2, 4, np.broadcast_to(v, (2, 4, 3)))
    ✓ correct: every pixel now carries the whole-image description
    """
    t = _is_array(np.asarray(tiled) if tiled is not None and tiled is not ... else tiled, "tiled")
    d = len(vector)
    _require(
        t.shape == (height, width, d),
        f"the shape should be (H, W, D) = {(height, width, d)}; got {t.shape}.",
    )
    _require(
        bool(np.all(t == vector)),
        "every pixel should hold the same vector, `vector` itself (np.tile or "
        "np.broadcast_to can repeat it).",
    )
    _done("every pixel now carries the whole-image description")


@_exercise
def accuracy(probs: np.ndarray, labels: np.ndarray, accuracy: object) -> None:
    """Exercise 08.2: the share of images whose most probable class is the true one.

    Parameters
    ----------
    probs : numpy.ndarray
        Each image's class probabilities, (N, classes).
    labels : numpy.ndarray
        Each image's true class, (N,).
    accuracy : object
        The learner's answer: a fraction from 0 to 1.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> accuracy(np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]), np.array([0, 1, 1]), 2 / 3)
    ✓ correct: 66.7% of the held-out scenes named right
    """
    true = float((np.argmax(probs, axis=-1) == labels).mean())
    got = _share(accuracy, "accuracy", true, count=len(labels))
    _require(
        abs(got - true) < 1e-6,
        f"`accuracy` = {got:g}. It should be the share of images whose most probable class "
        "(the largest number in its row of probs) is its label.",
    )
    _done(f"{true:.1%} of the held-out scenes named right")


# ------------------------------------------------------------------- 09


@_exercise
def mse_optimum(colors: np.ndarray, best: object, shares: np.ndarray | None = None) -> None:
    """Exercise 09.1: the single ab with the smallest mean squared error to possible colors.

    ``shares`` says how often each color comes up (equally often without it).

    Parameters
    ----------
    colors : numpy.ndarray
        The possible colors, (K, 2): one (a, b) pair each.
    best : object
        The learner's answer: one (a, b) pair.
    shares : numpy.ndarray, optional
        How often each color comes up (adding up to 1); equally often by default.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[60.0, 40.0], [10.0, -50.0]]); s = np.array([0.75, 0.25])
    >>> mse_optimum(c, s @ c, s)
    ✓ correct: the weighted mean, (47.5, 17.5): a duller color that is neither of the two
    """
    b = _is_array(
        np.asarray(best, dtype=np.float64) if isinstance(best, list | tuple) else best, "best"
    )
    colors = np.asarray(colors, np.float64)
    weights = np.full(len(colors), 1 / len(colors)) if shares is None else np.asarray(shares)
    mean = weights @ colors
    _require(b.shape == (2,), f"give one (a, b) pair, shape (2,); got {b.shape}.")
    if shares is not None and np.allclose(b, colors.mean(axis=0), atol=0.5):
        raise NotYet(
            "Not yet: that is the plain average, as if both colors came up equally often; "
            "the more common color should count more, in proportion to its share."
        )
    _require(
        np.allclose(b, mean, atol=0.5),
        "the MSE is smallest at the average of the pictures' colors: each color counted "
        "as often as it comes up.",
    )
    kind = "mean" if shares is None else "weighted mean"
    _done(f"the {kind}, ({mean[0]:.1f}, {mean[1]:.1f}): a duller color that is neither of the two")


@_exercise
def annealed(probs: np.ndarray, bins: np.ndarray, temperature: float, ab: object) -> None:
    """Exercise 09.2: the annealed mean of one pixel's bin probabilities.

    Parameters
    ----------
    probs : numpy.ndarray
        One pixel's probabilities over the bins, (K,).
    bins : numpy.ndarray
        The bins' ab centers, (K, 2).
    temperature : float
        The temperature T; below 1 it sharpens the probabilities.
    ab : object
        The learner's answer: one (a, b) pair.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.bins import annealed_mean
    >>> b = np.array([[-50.0, 0.0], [50.0, 0.0]]); p = np.array([0.3, 0.7])
    >>> annealed(p, b, 0.5, annealed_mean(p, b, 0.5))
    ✓ correct: ab = (34.5, 0.0)
    """
    from colorlab.bins import annealed_mean

    got = _is_array(np.asarray(ab, np.float64) if isinstance(ab, list | tuple) else ab, "ab")
    want = annealed_mean(probs, bins, temperature)
    _require(got.shape == (2,), f"give one (a, b) pair; got shape {got.shape}.")
    p = np.asarray(probs, np.float64)
    plain = annealed_mean(probs, bins, 1.0)
    if np.allclose(got, plain, atol=0.05) and not np.allclose(plain, want, atol=0.05):
        raise NotYet("Not yet: that is the plain mean (T = 1); raise p to 1/T first.")
    inverted = annealed_mean(probs, bins, 1 / temperature)  # p ** T instead of p ** (1/T)
    if np.allclose(got, inverted, atol=0.05) and not np.allclose(inverted, want, atol=0.05):
        raise NotYet("Not yet: that raises p to T; a small T should sharpen, so the power is 1/T.")
    unnormalized = p ** (1 / temperature) @ bins
    if np.allclose(got, unnormalized, atol=0.05) and not np.allclose(unnormalized, want, atol=0.05):
        raise NotYet(
            "Not yet: after the power the weights no longer add up to 1: divide by their sum."
        )
    _require(
        np.allclose(got, want, atol=0.05),
        "compute q = p ** (1 / T), divide by its sum, then q @ bins.",
    )
    _done(f"ab = ({want[0]:.1f}, {want[1]:.1f})")


# ------------------------------------------------------------------- 10


@_exercise
def colorfulness_by_hand(rgb: np.ndarray, cf: object) -> None:
    """Exercise 10.1: Hasler & Süsstrunk colorfulness, σ_rgyb + 0.3·μ_rgyb, of an RGB photo.

    Parameters
    ----------
    rgb : numpy.ndarray
        The RGB photo, (H, W, 3), floats in [0, 1].
    cf : object
        The learner's answer: its colorfulness, one number.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> from colorlab.metrics import colorfulness
    >>> img = np.random.default_rng(0).random((4, 4, 3))
    >>> colorfulness_by_hand(img, colorfulness(img))
    ✓ correct: CF = 0.593
    """
    from colorlab.metrics import _rgyb, colorfulness

    got = _number(cf, "cf")
    want = colorfulness(rgb)
    rg, yb = _rgyb(rgb)
    sigma, mu = np.hypot(rg.std(), yb.std()), np.hypot(rg.mean(), yb.mean())
    slips = {
        "that is 255 times too large: the photo's values are in [0, 1]; use them as they are": 255
        * want,
        "σ combines the two spreads as a square root of their squares, not as their sum": rg.std()
        + yb.std()
        + 0.3 * mu,
        "that is σ alone: add 0.3·μ": sigma,
        "that is μ alone (with its 0.3): add σ": 0.3 * mu,
    }
    for hint, value in slips.items():
        if abs(got - value) < 1e-6 and abs(value - want) > 1e-6:
            raise NotYet(f"Not yet: {hint}.")
    _require(
        abs(got - want) < 1e-6,
        "rg = R - G, yb = (R + G)/2 - B; σ = √(std(rg)² + std(yb)²), "
        "μ = √(mean(rg)² + mean(yb)²); CF = σ + 0.3·μ.",
    )
    _done(f"CF = {want:.3f}")


@_exercise
def best_model(mean_psnr: dict, best: object) -> None:
    """Exercise 10.2: the name of the model with the highest mean PSNR.

    Parameters
    ----------
    mean_psnr : dict of str to float
        Each model's mean PSNR in dB, by name.
    best : object
        The learner's answer: a model's name.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> best_model({"a": 20.0, "b": 22.5}, "b")
    ✓ correct: b, with 22.5 dB on average
    """
    _require(
        isinstance(best, str),
        f"`best` should be a model's name (a string), not {type(best).__name__} {best!r}.",
    )
    want = max(mean_psnr, key=mean_psnr.get)
    _require(best in mean_psnr, f"{best!r} is not one of the models: {', '.join(mean_psnr)}.")
    _require(
        best == want,
        f"{best} has {mean_psnr[best]:.2f} dB; another model's mean is higher.",
    )
    _done(f"{want}, with {mean_psnr[want]:.1f} dB on average")


# ------------------------------------------------------------------- 11


@_exercise
def per_photo_loss(errors: np.ndarray, loss: object) -> None:
    """Exercise 11.1: mean over photos of log(each photo's mean squared error + 1e-4).

    Parameters
    ----------
    errors : numpy.ndarray
        The squared errors, (N, ...): one photo per first index.
    loss : object
        The learner's answer: the loss, one number.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> import numpy as np
    >>> e = np.stack([np.full((2, 2, 2), 0.01), np.full((2, 2, 2), 0.04)])
    >>> per_photo_loss(e, np.mean(np.log(np.array([0.01, 0.04]) + 1e-4)))
    ✓ correct: loss = -3.906 (plain MSE would be -3.68 after its log)
    """
    got = _number(loss, "loss")
    errors = np.asarray(errors, np.float64)
    per_photo = errors.mean(axis=tuple(range(1, errors.ndim)))
    want = float(np.mean(np.log(per_photo + 1e-4)))
    plain = float(np.log(errors.mean() + 1e-4))
    slips = {
        "without the + 1e-4 inside the log (it keeps a perfect photo from giving -infinity)": float(
            np.mean(np.log(per_photo))
        ),
        "that adds the photos' logs; the loss is their mean": float(
            np.sum(np.log(per_photo + 1e-4))
        ),
        "that is the log of the photos' mean, not the mean of their logs": float(
            np.log(per_photo.mean() + 1e-4)
        ),
    }
    for hint, value in slips.items():
        if abs(got - value) < 1e-6 and abs(value - want) > 1e-6 and abs(value - plain) > 1e-6:
            raise NotYet(f"Not yet: {hint}.")
    if abs(got - plain) < 1e-6 and abs(want - plain) > 1e-6:
        raise NotYet(
            "Not yet: that is the log of the mean over ALL pixels at once; each photo "
            "needs its own mean first, then its own log; the loss is the mean of those logs."
        )
    _require(
        abs(got - want) < 1e-6,
        f"`loss` = {got:g}. Per photo: the mean of its squared errors; then the log of "
        "(that + 1e-4); then the mean over photos.",
    )
    _done(f"loss = {want:.3f} (plain MSE would be {plain:.2f} after its log)")


@_exercise
def fine_tune_improvement(before: dict, after: dict, improvement: object) -> None:
    """Exercise 11.2: the change in dB over gray from fine-tuning (after minus before).

    Parameters
    ----------
    before : dict
        The gain over gray before fine-tuning, in dB, under ``"gain"``.
    after : dict
        The same after fine-tuning.
    improvement : object
        The learner's answer: after minus before, in dB, one number.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> fine_tune_improvement({"gain": 0.2}, {"gain": 1.5}, 1.3)
    ✓ correct: +1.30 dB: fine-tuning helped on the held-back photos
    """
    got = _number(improvement, "improvement")
    want = after["gain"] - before["gain"]
    if abs(got + want) < 1e-9 and want:
        raise NotYet(
            "Not yet: the sign is turned round: an improvement is positive when the gain "
            "after fine-tuning is the larger."
        )
    _require(
        abs(got - want) < 1e-6,
        f"`improvement` = {got:g}. It is the change in the gain over gray (dB) from before "
        "fine-tuning to after.",
    )
    verdict = "helped" if want > 0 else "did not help"
    _done(f"{want:+.2f} dB: fine-tuning {verdict} on the held-back photos")


@_exercise
def hint_channels(points, shape: tuple[int, int], ab: object, mask: object) -> None:
    """Exercise 12.1: the hint map (ab / 128 at the hinted pixels) and its mask, by hand.

    Parameters
    ----------
    points : list of (x, y, color)
        The hints: column, row, and a color as :func:`colorlab.hints.parse_color` reads it.
    shape : (int, int)
        The photo's height and width.
    ab : object
        The learner's hint map: (H, W, 2), each hint's a / 128 and b / 128 at its pixel,
        0 elsewhere.
    mask : object
        The learner's mask: (H, W, 1), 1 at the hinted pixels, 0 elsewhere.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> from colorlab.hints import hint_map
    >>> pts = [(1, 0, "#ff0000")]
    >>> hint_channels(pts, (2, 3), *hint_map(pts, (2, 3)))
    ✓ correct: 1 hint; the mask tells a hinted gray (ab = 0) from no hint
    """
    from colorlab.hints import hint_map

    want_ab, want_mask = hint_map(points, shape)
    ab = _is_array(ab, "ab")
    mask = _is_array(mask, "mask")
    h, w = shape
    _require(
        ab.shape == (h, w, 2),
        f"`ab` has shape {ab.shape}; the hint map is (height, width, 2) = ({h}, {w}, 2): "
        "one a and one b per pixel.",
    )
    if mask.shape == (h, w):
        raise NotYet(
            f"Not yet: `mask` has shape {mask.shape}; give it a channel axis, ({h}, {w}, 1), "
            "so it can sit beside L and ab (mask[..., None] adds one)."
        )
    _require(mask.shape == (h, w, 1), f"`mask` has shape {mask.shape}; it should be ({h}, {w}, 1).")
    swapped = np.zeros_like(want_mask)
    for x, y, _ in points:
        if 0 <= x < h and 0 <= y < w:
            swapped[x, y] = 1
    if not np.allclose(mask, want_mask) and np.allclose(mask, swapped):
        raise NotYet(
            "Not yet: x and y are swapped. x is the column and y the row, so a hint "
            "(x, y) sits at mask[y, x]."
        )
    _require(
        np.allclose(mask, want_mask),
        "`mask` should be 1 exactly at each hint's pixel (row y, column x) and 0 elsewhere.",
    )
    if np.allclose(ab, want_ab * 128, atol=0.05) and not np.allclose(want_ab, 0):
        raise NotYet("Not yet: divide a and b by 128, as the network's ab target is (lesson 04).")
    _require(
        np.allclose(ab, want_ab, atol=1e-3),
        "at each hinted pixel, `ab` should hold the hint color's a / 128 and b / 128 "
        "(cl.hints.hint_ab(color) gives a and b), and 0 everywhere else.",
    )
    n = len(points)
    _done(f"{n} hint{'s' if n != 1 else ''}; the mask tells a hinted gray (ab = 0) from no hint")


@_exercise
def best_hint(model, photo: np.ndarray, candidates, best: object) -> None:
    """Exercise 12.2: the one place where a hint with the true color raises PSNR most.

    Parameters
    ----------
    model : keras.Model
        The hint model.
    photo : numpy.ndarray
        The color photo (the truth), RGB (H, W, 3) in [0, 1].
    candidates : list of (int, int)
        The (x, y) places to try.
    best : object
        The learner's answer: the (x, y) among ``candidates`` whose one hint (the photo's
        color there) gives the highest PSNR.

    Returns
    -------
    None

    Raises
    ------
    NotYet
        The answer is not right yet (an AssertionError, so the cell stops); its message is
        the hint.

    Examples
    --------
    >>> from colorlab.models import hint_photo_model, pretrained_photo_model, stand_in_backbone
    >>> m = hint_photo_model(pretrained_photo_model(stand_in_backbone(2), width=2)[1])
    >>> photo = np.zeros((32, 32, 3)); photo[:, 16:] = [0.1, 0.3, 0.9]
    >>> best_hint(m, photo, [(4, 4), (24, 24)], (24, 24))  # doctest: +ELLIPSIS
    ✓ correct: a hint at (24, 24) ...
    """
    from colorlab.color import to_gray
    from colorlab.colorize import colorize
    from colorlab.metrics import psnr

    _require(not _empty(best), "`best` is still empty.")
    try:
        bx, by = (int(v) for v in best)
    except (TypeError, ValueError):
        raise NotYet(f"Not yet: `best` should be an (x, y) pair; got {best!r}.") from None
    places = [(int(x), int(y)) for x, y in candidates]
    if (bx, by) not in places and (by, bx) in places:
        raise NotYet("Not yet: give (x, y), the column first; you gave (row, column).")
    _require((bx, by) in places, f"`best` = {(bx, by)} is not one of the candidates.")
    gray = to_gray(photo)
    scores = {}
    for x, y in places:
        color = tuple(int(round(v * 255)) for v in photo[y, x, :3])
        scores[(x, y)] = psnr(photo, colorize(model, gray, hints=[(x, y, color)]))
    top = max(scores, key=scores.get)
    worst = min(scores, key=scores.get)
    if (bx, by) == worst and worst != top:
        raise NotYet("Not yet: that is where one hint helps LEAST: keep the highest PSNR.")
    _require(
        scores[(bx, by)] >= scores[top] - 1e-6,
        f"a hint at {(bx, by)} gives {scores[(bx, by)]:.2f} dB, but another candidate gives "
        f"more. Colorize with one hint at each place (the photo's color there), measure "
        "cl.metrics.psnr against the photo, and keep the place with the highest.",
    )
    _done(
        f"a hint at {(bx, by)} gives {scores[top]:.2f} dB; the worst place "
        f"{worst} gives {scores[worst]:.2f} dB"
    )
