"""One call at the top of every notebook: seeds, quiet TensorFlow logs, plot defaults."""

from __future__ import annotations

import os

import numpy as np

from colorlab.backend import import_tensorflow_quietly, seed_everything

__all__ = ["import_tensorflow_quietly", "install_hints", "seed_everything", "setup"]


def _answer_parameter(cell: str, name: str) -> bool | None:
    """Whether ``name`` is passed to a check in ``cell`` as the exercise's answer.

    The checks in :mod:`colorlab.exercises` annotate their answer parameters ``object`` (an
    answer may be anything; the check says what is wrong with it) and their data
    parameters with what the notebook made earlier. ``None``: no check call names it.
    """
    import ast
    import inspect

    from colorlab import exercises

    try:
        tree = ast.parse(cell)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        func = getattr(node, "func", None)
        fn = getattr(exercises, func.attr, None) if isinstance(func, ast.Attribute) else None
        if not isinstance(node, ast.Call) or not inspect.isfunction(fn):
            continue
        params = list(inspect.signature(fn).parameters.values())
        passed = list(zip(params, node.args, strict=False))
        passed += [(p, k.value) for k in node.keywords for p in params if p.name == k.arg]
        for param, arg in passed:
            if isinstance(arg, ast.Name) and arg.id == name:
                return param.annotation in (object, "object")
    return None


def _missing_answer_hint(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for NameError: in a check cell, a hint instead of a traceback."""
    cell = (shell.user_ns.get("_ih") or [""])[-1]
    name = getattr(value, "name", None)
    answer = _answer_parameter(cell, name) if name and "exercises." in cell else None
    if answer:
        stb = [
            f"✗ Not yet: there is no `{name}` yet. Solve the exercise in the cell above "
            f"(store your answer in `{name}`), run that cell, then run this check again."
        ]
    elif name and "exercises." in cell:
        stb = [
            f"✗ `{name}` is made by an earlier cell that has not run in this session (a "
            "skipped cell, or the kernel was restarted). Run the cells above this one "
            "(Run ▸ Run All Above Selected Cell), then this check again."
        ]
    else:
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    shell._showtraceback(etype, value, stb)  # still an error: the cell stops, nbval sees it
    return stb


def install_hints() -> bool:
    """In IPython, make a check cell run before its exercise say so instead of a NameError.

    A check cell such as ``cl.exercises.per_photo_loss(errors, loss)`` fails with
    ``NameError: name 'loss' is not defined`` when the exercise above it has not been run:
    a traceback that says nothing about what to do. This registers an IPython exception
    handler that turns that one case into a hint and leaves every other NameError as it
    was. Returns whether IPython was there to install it in. :func:`setup` calls it.

    Returns
    -------
    bool
        True if the handler was installed (running in IPython), False otherwise.

    Examples
    --------
    >>> install_hints()   # outside IPython: nothing to do
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((NameError,), _missing_answer_hint)
    return True


def setup(seed: int = 0, plots: bool = True, tensorflow: bool = False) -> None:
    """Prepare a notebook: fixed seeds, quiet TensorFlow, readable figures, one-line hints.

    Parameters
    ----------
    seed : int
        Seeds Python, NumPy and (with ``tensorflow``) Keras, so a lesson looks the same on
        every run.
    plots : bool
        Set matplotlib's figure size and fonts for a laptop or a projector.
    tensorflow : bool
        Import TensorFlow and Keras (quietly) and seed them. Lessons that build networks
        pass True; the others skip the import, which takes a few seconds.

    Returns
    -------
    None

    Examples
    --------
    >>> import colorlab as cl
    >>> cl.setup(seed=0)
    """
    # Must be set before TensorFlow is imported to hide its C++ start-up chatter.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    if tensorflow:
        import_tensorflow_quietly()
    seed_everything(seed)
    install_hints()
    # NumPy 2 shows a scalar inside a tuple or list as np.int64(387); a learner should read
    # (387, 118). The 1.25 style prints NumPy numbers as plain numbers, and changes nothing
    # else about how arrays print.
    np.set_printoptions(legacy="1.25")
    if plots:
        import matplotlib as mpl

        mpl.rcParams.update(
            {
                "figure.figsize": (8, 4),
                "figure.dpi": 100,
                "font.size": 11,
                "axes.titlesize": 12,
                "image.cmap": "gray",
                "image.interpolation": "nearest",
                "savefig.bbox": "tight",
            }
        )
