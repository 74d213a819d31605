"""The ``colorlab`` command: colorize photos, evaluate, train, list the shipped models.

    colorlab colorize IMAGE_OR_FOLDER... --out DIR [--model NAME] [--overwrite]
    colorlab evaluate DIR [--model NAME] [--json] [--validation]
    colorlab train DIR --out MODEL.keras [--arch photo|lesson] [--size N] [--minutes M]
                   [--resume MODEL] [--epochs N] [--steps N] [--overwrite]
    colorlab download [NAME] [--cache DIR] [--mirror URL]
    colorlab models
    colorlab check
    colorlab lab [-- JUPYTER_ARGS...]
    colorlab student [--overwrite] [--out DIR]
    colorlab wheelhouse [--target OS-CPU-pyX.Y ...] [--dest DIR] [--resolve-only]

A bad file among good ones: the good ones are processed, each bad one gets one line on
stderr, and the exit status is 1.

Over 400 lines because it is the argument parser and the small driver of each command,
which call the package for the work; what the commands share (finding photos, loading a
model with a one-line error, the progress line) is written once here.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

import numpy as np

from colorlab.colorize import check_hints_for, check_temperature, temperature_layer
from colorlab.errors import DownloadError, ImageError, ModelError
from colorlab.progress import Progress

#: The model used when ``--model`` is not given: the one trained on real photos.
DEFAULT_MODEL = "photos"
#: The model ``colorlab colorize`` uses when given hints or a reference photo.
HINT_MODEL = "hints"


def _count(n: int, noun: str) -> str:
    """``1 photo``, ``3 photos``.

    Example:
        >>> _count(1, "photo"), _count(0, "photo")
        ('1 photo', '0 photos')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _no_photos(where) -> ImageError:
    return ImageError(f"{where} holds no photos (PNG, JPEG, GIF, BMP, TIFF or WebP).")


def _err(message: str) -> None:
    Progress.break_line()
    print(f"colorlab: {message}", file=sys.stderr)


def _unique_targets(images: list, out_dir: Path) -> list[Path]:
    """``out_dir/NAME_color.png`` for each input; inputs of the same name get ``NAME_2_color.png``…

    Names are compared without case: on Windows and macOS ``Cat.png`` and ``cat.png`` are
    the same file.

    Example:
        >>> [p.name for p in _unique_targets(["a/cat.png", "b/Cat.jpg", "dog.png"], Path("o"))]
        ['cat_color.png', 'Cat_2_color.png', 'dog_color.png']
    """
    targets, used = [], set()
    for name in images:
        stem = Path(name).stem
        target, n = out_dir / f"{stem}_color.png", 2
        while target.name.lower() in used:
            target, n = out_dir / f"{stem}_{n}_color.png", n + 1
        used.add(target.name.lower())
        targets.append(target)
    return targets


def _load_model(name: str):
    from colorlab.saving import load_model

    return load_model(name)


def _guide(args, images: list) -> dict | None:
    """The hints and reference photo ``--hints`` and ``--like`` ask for ({} for none).

    None (after one line on stderr) when the hints file cannot be used or belongs to one
    photo and several were given.
    """
    import colorlab as cl
    from colorlab.hints import load_hints

    hints_file, like = getattr(args, "hints", None), getattr(args, "like", None)
    guide = {}
    if hints_file:
        if len(images) != 1:
            _err(
                f"--hints {hints_file}: hints belong to one photo, but {len(images)} were "
                "given: colorize them one at a time."
            )
            return None
        try:
            plan = load_hints(hints_file)
        except ValueError as exc:
            _err(str(exc))
            return None
        guide = {"hints": plan["hints"], "size": plan["size"]}
        like = like or plan["like"]
    if like:
        guide["like"] = cl.load_image(like)  # a missing or broken file: one ImageError line
    return guide


def cmd_colorize(args) -> int:
    """``colorlab colorize``: color each photo into ``--out`` as ``NAME_color.png``.

    A folder among the inputs stands for the photos in it. Each result's path is printed
    (or, for several photos on a terminal, a progress line is drawn); a photo that cannot
    be read, or whose result exists without ``--overwrite``, gets one line on stderr and
    the others go on.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: ``images`` (photos and folders), ``out``, ``model`` (a
        shipped model's name or a ``.keras`` file, or None for the default), ``hints``
        (a hints file for the one photo) and ``like`` (a reference photo), and
        ``overwrite``.

    Returns
    -------
    int
        The exit status: 0 when every photo was colorized, 1 when some failed, 2 when
        ``--out`` is a file or the hints file cannot be used.

    Raises
    ------
    ImageError
        The inputs hold no photos at all (:func:`main` prints it as one line).
    ModelError
        The model cannot be loaded, or has no hint inputs and hints were given (likewise).

    Examples
    --------
    >>> import tempfile
    >>> a_file = str(Path(tempfile.mkdtemp()) / "results.txt")
    >>> _ = Path(a_file).write_text("a file, not a folder")
    >>> cmd_colorize(build_parser().parse_args(["colorize", "cat.png", "--out", a_file]))
    2
    """
    import colorlab as cl
    from colorlab.datasets import photo_paths

    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        _err(f"--out {out_dir} is a file: give a folder for the results.")
        return 2
    # A folder stands for the photos in it (so a README beside them is not an error).
    images = [
        p for name in args.images for p in (photo_paths(name) if Path(name).is_dir() else [name])
    ]
    if not images:
        raise ImageError(
            f"nothing to colorize: {', '.join(args.images)} holds no photos "
            "(PNG, JPEG, GIF, BMP, TIFF or WebP)."
        )
    targets = _unique_targets(images, out_dir)
    for name, target in zip(images, targets, strict=True):
        if target.name != f"{Path(name).stem}_color.png":
            print(
                f"colorlab: another input is also called {Path(name).stem}: {name} is saved "
                f"as {target.name}",
                file=sys.stderr,
            )
    guide = _guide(args, images)
    if guide is None:
        return 2
    model = _load_model(args.model or (HINT_MODEL if guide else DEFAULT_MODEL))
    temperature = getattr(args, "temperature", None)
    check_temperature(model, temperature)  # a regression model refuses it before any work
    check_hints_for(model, guide.get("hints"), guide.get("like"))  # likewise for hints
    failures = 0
    progress = Progress(len(images), f"colorizing {_count(len(images), 'photo')}")
    for done, (name, target) in enumerate(zip(images, targets, strict=True), 1):
        path = Path(name)
        try:
            if target.exists() and not args.overwrite:
                raise FileExistsError(f"{target} already exists: pass --overwrite to replace it.")
            rgb = cl.load_image(path)
            if guide.get("size") and tuple(guide["size"]) != rgb.shape[:2]:
                raise ImageError(
                    f"{path} is {rgb.shape[1]}×{rgb.shape[0]} pixels, but the hints in "
                    f"{args.hints} were given on a photo of {guide['size'][1]}×"
                    f"{guide['size'][0]}: give the photo they were made for."
                )
            colored = cl.colorize(
                model,
                rgb,
                temperature=temperature,
                hints=guide.get("hints"),
                like=guide.get("like"),
            )
            cl.save_image(colored, target, overwrite=args.overwrite)
            if not progress.shown:
                print(target)
        except (ImageError, FileExistsError) as exc:
            failures += 1
            _err(str(exc))
        except ValueError as exc:  # a hint outside this photo
            failures += 1
            _err(f"{path}: {exc}")
        progress.update(done)
    if len(images) > 1 or failures:
        Progress.break_line()
        done = len(images) - failures
        where = f"into {out_dir}" if done else "(nothing written)"
        print(f"{done} of {_count(len(images), 'photo')} colorized {where}", file=sys.stderr)
    return 1 if failures else 0


def evaluate_folder(
    folder: Path,
    model,
    model_name: str,
    every: int | None = None,
    paths: list | None = None,
    temperature: float | None = None,
) -> tuple[dict, int]:
    """The ``evaluate --json`` report of every photo in ``folder``, and the number of failures.

    Photos without color (see :func:`colorlab.metrics.has_color`) have nothing to be
    compared with: they are listed under ``"no_color"`` and left out of the means. With
    ``every``, only the validation split is measured (every ``every``-th photo in sorted
    order, the ones :func:`colorlab.datasets.split_photos` holds out of training);
    ``paths`` measures just those files of the folder instead.

    Parameters
    ----------
    folder : pathlib.Path
        The folder of color photos.
    model : keras.Model
        The colorizer: each photo's gray version is colored with it.
    model_name : str
        The model's name, as the report gives it.
    every : int, optional
        Measure only every ``every``-th photo (the validation split); all by default.
    paths : list of pathlib.Path, optional
        The photos to measure instead of all those in ``folder``.
    temperature : float, optional
        The annealed mean's temperature for a classification model (see
        :func:`colorlab.colorize`); the model's own by default.

    Returns
    -------
    report : dict
        ``model``, ``images`` (each photo's name with its ``model`` and ``gray`` scores),
        ``no_color``, ``gray_threshold``, ``mean`` (the mean scores) and ``above_gray``
        (the share of photos whose PSNR beats the gray version's).
    failures : int
        How many photos could not be read (each got one line on stderr).

    Raises
    ------
    ImageError
        The folder holds no photos, none of them has color, or none could be read.

    Examples
    --------
    >>> import tempfile
    >>> evaluate_folder(Path(tempfile.mkdtemp()), None, "photos")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    colorlab.errors.ImageError: ... holds no photos (PNG, JPEG, GIF, BMP, TIFF or WebP).
    """
    import colorlab as cl
    from colorlab import metrics
    from colorlab.datasets import opaque_photo, photo_paths, split_photos

    paths = list(paths) if paths is not None else photo_paths(folder)
    if not paths:
        raise _no_photos(folder)
    if every:
        paths = split_photos(paths, every)[1]
    images, no_color, failures = [], [], 0
    progress = Progress(len(paths), f"evaluating {_count(len(paths), 'photo')}")
    for done, path in enumerate(paths, 1):
        try:
            # Transparent pixels (shown on white) are left out of the scores: cl.load_image.
            truth, opaque = opaque_photo(path)
            if not metrics.has_color(truth, opaque=opaque):
                no_color.append(path.name)
            else:
                colored = cl.colorize(model, cl.to_gray(truth), temperature=temperature)
                rep = metrics.report(truth, colored, opaque)
                images.append(
                    {
                        "name": path.name,
                        **{
                            side: {k: rep[side][k] for k in metrics.METRICS}
                            for side in ("model", "gray")
                        },
                    }
                )
        except ImageError as exc:
            failures += 1
            _err(str(exc))
        progress.update(done)
    if not images:
        if no_color:
            raise ImageError(
                f"none of the {_count(len(no_color), 'photo')} in {folder} has color: no color "
                "to compare against (all are black-and-white or nearly gray). Evaluation colors "
                "the gray version of a color photo and compares; to color B&W photos, use "
                "colorlab colorize."
            )
        raise ImageError(f"none of the photos in {folder} could be read.")
    above = np.mean([i["model"]["psnr"] > i["gray"]["psnr"] for i in images])
    return {
        "model": model_name,
        "images": images,
        "no_color": no_color,
        "gray_threshold": metrics.GRAY_CF,
        "mean": metrics.mean_report(images),
        "above_gray": float(above),
    }, failures


def cmd_evaluate(args) -> int:
    """``colorlab evaluate``: measure a model on a folder of color photos, as a table or JSON.

    Each photo is turned gray, colored by the model and compared with the original (see
    :func:`evaluate_folder`); a warning comes first when most photos look like colorlab's
    own results.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: ``dir``, ``model``, ``json`` and ``validation`` (only
        every 10th photo).

    Returns
    -------
    int
        The exit status: 0, or 1 when some photos could not be read.

    Raises
    ------
    ImageError
        The folder holds no photos, none of them has color, or none could be read
        (:func:`main` prints it as one line).
    ModelError
        The model cannot be loaded, or has no hint inputs and hints were given (likewise).

    Examples
    --------
    >>> import tempfile
    >>> cmd_evaluate(build_parser().parse_args(["evaluate", tempfile.mkdtemp()]))
    Traceback (most recent call last):
    ...
    colorlab.errors.ImageError: ... holds no photos (PNG, JPEG, GIF, BMP, TIFF or WebP).
    """
    from colorlab.datasets import photo_paths
    from colorlab.metrics import METRICS, report_table

    folder = Path(args.dir)
    paths = photo_paths(folder)  # a wrong folder is said at once, before the model loads
    if not paths:
        raise _no_photos(folder)
    ours = [p for p in paths if p.stem.endswith("_color")]
    if len(ours) * 2 > len(paths):  # NAME_color.png: what colorlab colorize writes
        print(
            f"colorlab: {len(ours)} of the {_count(len(paths), 'photo')} in {folder} are named "
            "like colorlab's own results (NAME_color.png). Evaluate turns each photo gray, "
            "colors it and compares with the photo: on results it compares the model with "
            "itself, and the score means little. Evaluate the original color photos instead.",
            file=sys.stderr,
        )
    model = _load_model(args.model)
    check_temperature(model, args.temperature)
    every = 10 if args.validation else None
    result, failures = evaluate_folder(
        folder, model, args.model, every, paths=paths, temperature=args.temperature
    )
    if args.temperature is not None:
        result["temperature"] = args.temperature
    if args.json:
        print(json.dumps(result))
    else:
        n = len(result["images"])
        which = f"{_count(n, 'validation photo')} (every 10th)" if every else _count(n, "photo")
        print(
            f"model {args.model} on {which} in {args.dir} "
            "(each colorized from its gray version; higher is better except ΔCF)"
        )
        rows = [(item["name"], item) for item in result["images"]]
        print(report_table(rows + [("MEAN", result["mean"])], METRICS))
        mean = result["mean"]
        print(
            f"mean PSNR {mean['model']['psnr'] - mean['gray']['psnr']:+.2f} dB over gray; "
            f"above gray on {result['above_gray']:.0%} of the photos"
        )
        if result["no_color"]:
            print(
                f"no color to compare ({len(result['no_color'])}, left out of the means): "
                + ", ".join(result["no_color"])
            )
    return 1 if failures else 0


def cmd_train(args) -> int:
    """``colorlab train``: train (or fine-tune) a colorizer on a folder of photos; save it.

    Every ``--hold-out-every``-th photo is held out and measured after each epoch; the best
    epoch is kept, and when fine-tuning (``--resume``) the model it starts from is measured
    first and counts too: if no epoch beats it, nothing is saved. One line says which was
    kept and why. Keras's progress and these lines go to stderr, the saved model's path to
    stdout.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: ``dir``, ``out`` (a ``.keras`` file), ``arch``, ``size``,
        ``width``, ``resume``, ``minutes``, ``epochs``, ``steps``, ``batch``,
        ``learning_rate``, ``hold_out_every``, ``max_photos``, ``seed`` and ``overwrite``.

    Returns
    -------
    int
        The exit status: 0 once the model is saved; 1 when fine-tuning (``--resume``) did
        not beat the model it started from on the held-back photos, so nothing was saved;
        2 when ``--out`` does not end in ``.keras`` or exists without ``--overwrite``.

    Raises
    ------
    ImageError
        The folder holds no photos (:func:`main` prints it as one line).
    ModelError
        The ``--resume`` model cannot be loaded (likewise).

    Examples
    --------
    >>> cmd_train(build_parser().parse_args(["train", "photos", "--out", "model.h5"]))
    2
    """
    from colorlab.datasets import color_photos, photo_paths, split_photos
    from colorlab.saving import save_model
    from colorlab.session import setup

    out = Path(args.out)
    if out.suffix != ".keras":
        _err(f"--out {out}: the model file must end in .keras.")
        return 2
    if out.exists() and not args.overwrite:
        _err(
            f"{out} already exists and was left untouched: choose another name or pass --overwrite."
        )
        return 2
    setup(seed=args.seed, plots=False, tensorflow=True)
    from colorlab import models, training
    from colorlab.layers import working_size
    from colorlab.pipeline import load_folder

    if args.resume:
        model = _load_model(args.resume)
        size = working_size(model)[0] or args.size
        # A classification model (the shipped photos) keeps the colorfulness term its gate
        # trained with; the error alone would fade its colors back toward gray.
        loss = "rgb_log_mse_colorful" if temperature_layer(model) is not None else "rgb_log_mse"
        models.compile_for_photos(model, args.learning_rate or 2e-4, min(10, args.steps), loss)
        what = f"fine-tuning {args.resume}"
    elif args.arch == "photo":
        size = args.size
        model = models.photo_model(
            width=args.width or 32,
            working_size=size,
            learning_rate=args.learning_rate or 1e-3,
            seed=args.seed,
            steps_per_execution=min(10, args.steps),
        )
        what = f"training a photo model (working size {size})"
    else:
        size = args.size
        model = models.lesson_model(width=args.width or 16, seed=args.seed)
        models.compile_for_photos(model, args.learning_rate or 2e-3, min(10, args.steps))
        what = "training lesson 05's network"
    crop = min(size, 64) if args.arch == "lesson" and not args.resume else size
    paths = photo_paths(args.dir, recursive=True)
    if not paths:
        raise _no_photos(args.dir)
    if len(paths) > args.max_photos:
        step = len(paths) / args.max_photos
        paths = [paths[int(i * step)] for i in range(args.max_photos)]
        print(
            f"using {_count(len(paths), 'photo')} spread evenly over the folder (--max-photos)",
            file=sys.stderr,
        )
    train_paths, val_paths = paths, []
    if len(paths) >= 2 * args.hold_out_every and args.hold_out_every > 1:
        train_paths, val_paths = split_photos(paths, args.hold_out_every)
    images = load_folder(train_paths, int(round(crop * 1.25)))
    # Held-back photos are scored on their opaque pixels only (cl.load_image's rule).
    validation, validation_opaque = color_photos(val_paths, opacity=True)
    budget = f", at most {args.minutes:g} minutes" if args.minutes else ""
    print(
        f"{what} on {_count(len(images), 'photo')} from {args.dir} for up to {args.epochs} "
        f"epochs of {args.steps} steps{budget}"
        + (f"; measuring on {_count(len(validation), 'held-back photo')}" if validation else "")
        + (
            f" ({len(val_paths) - len(validation)} held-back photos without color left out)"
            if len(validation) < len(val_paths)
            else ""
        ),
        file=sys.stderr,
    )
    if args.resume and not validation:
        print(
            f"no photos held back (it takes at least {2 * args.hold_out_every} photos): nothing "
            f"can tell whether fine-tuning helps, so the result may be worse than {args.resume}. "
            "Add photos, or compare the two yourself with colorlab evaluate.",
            file=sys.stderr,
        )
    with contextlib.redirect_stdout(sys.stderr):
        history = training.fit_photos(
            model,
            images,
            epochs=args.epochs,
            steps_per_epoch=args.steps,
            crop=crop,
            batch_size=args.batch,
            validation=validation or None,
            validation_opaque=validation_opaque if validation else None,
            minutes=args.minutes,
            # Fine-tuning measures the model it starts from first and keeps it if no epoch
            # beats it: a fine-tune never leaves a model worse on the held-back photos.
            keep_start=bool(args.resume and validation),
            # Keras's live bar on a terminal; one plain line an epoch in a log file.
            verbose=1 if sys.stderr.isatty() else 2,
            seed=args.seed,
        )
    kept = history.kept
    if kept is not None:
        print(kept.message, file=sys.stderr)
        if not kept.improved and args.resume:
            _err(
                f"nothing saved to {out}: it would be {args.resume} unchanged. Try more photos, "
                "a smaller --learning-rate or fewer --epochs."
            )
            return 1
    save_model(model, out, overwrite=args.overwrite)
    print(out)
    return 0


def cmd_download(args) -> int:
    """``colorlab download``: fetch a photo collection into the cache, or list them.

    The collection's folder goes to stdout, what to do next to stderr.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: ``name`` (None lists the collections), ``cache`` and
        ``mirror``.

    Returns
    -------
    int
        The exit status: 0.

    Raises
    ------
    DownloadError
        No collection has that name, or it could not be fetched or verified (:func:`main`
        prints it as one line).

    Examples
    --------
    >>> cmd_download(build_parser().parse_args(["download"]))  # doctest: +ELLIPSIS
    imagenette  (99 MB)  Imagenette (fast.ai): ...
    flowers  (229 MB)  TensorFlow's flower photos: ...
    0
    """
    from colorlab.download import COLLECTIONS, download, photo_folders

    if args.name is None:
        for name, collection in COLLECTIONS.items():
            print(f"{name}  ({collection.size / 1e6:.0f} MB)  {collection.about}")
        return 0
    with contextlib.redirect_stdout(sys.stderr):  # Keras's progress bar; stdout: the folder
        folder = download(args.name, cache=args.cache, mirror=args.mirror)
    count = len(photo_folders(args.name, cache=args.cache))
    print(folder)
    print(
        f"{args.name} is in {folder} ({count} folders of photos). Train on one with: "
        f"colorlab train {folder} --out my_model.keras --minutes 30",
        file=sys.stderr,
    )
    return 0


def cmd_models(args) -> int:
    """``colorlab models``: list the shipped models, one line each with its summary.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line (it has no options).

    Returns
    -------
    int
        The exit status: 0.

    Examples
    --------
    >>> cmd_models(build_parser().parse_args(["models"]))  # doctest: +ELLIPSIS
    hints  Your hints (lesson 12)...
    photos  The photo colorizer (lessons 10-11)...
    0
    """
    from colorlab.saving import shipped_models

    for name, card in shipped_models().items():
        print(f"{name}  {card['summary']}")
    return 0


def cmd_lab(args) -> int:
    """``colorlab lab``: open the course in JupyterLab (see :func:`colorlab.launch.run_lab`).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: ``kernel_only``, and ``jupyter_args`` (everything after
        ``--``, for JupyterLab).

    Returns
    -------
    int
        JupyterLab's exit status, or 2 when Jupyter is not fully installed.

    Examples
    --------
    >>> from colorlab.cli import cmd_lab
    >>> callable(cmd_lab)
    True
    """
    from colorlab.launch import run_lab

    extra = [a for a in args.jupyter_args if a != "--"]
    try:
        return run_lab(extra, kernel_only=args.kernel_only)
    except ImportError as exc:  # jupyter_client, ipykernel or jupyterlab missing
        from colorlab.setup_check import FIX_INSTALL

        _err(f"JupyterLab is not fully installed here ({exc}); {FIX_INSTALL}")
        return 2


def cmd_student(args) -> int:
    """``colorlab student``: make the student set (see :func:`colorlab.student.run`).

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: ``out`` (None for ``student/`` in the course) and
        ``overwrite``.

    Returns
    -------
    int
        The exit status: 0, or 2 when the folder cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> cmd_student(build_parser().parse_args(["student", "--out", out]))  # doctest: +ELLIPSIS
    wrote ... student notebooks to ...
    0
    """
    from colorlab.student import run

    try:
        return run(args.out, overwrite=args.overwrite)
    except OSError as exc:
        where = getattr(exc, "filename", None) or args.out or "student/"
        _err(
            f"cannot write the student set to {where} ({exc.strerror or exc}): choose a "
            "folder you can write to with --out DIR."
        )
        return 2


def cmd_wheelhouse(args) -> int:
    """``colorlab wheelhouse``: save the wheels of each target for offline installs.

    Runs pip for each target (see :func:`colorlab.wheelhouse.build`) and prints a line on
    each folder, then how to install from them.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: ``target`` (None for this machine), ``dest``,
        ``resolve_only`` and ``no_test``.

    Returns
    -------
    int
        The exit status: 0, or 2 for a name that is not a target, a pip failure or a
        folder that cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> cmd_wheelhouse(build_parser().parse_args(
    ...     ["wheelhouse", "--target", "amiga-68k-py3.12", "--dest", tempfile.mkdtemp()]))
    2
    """
    from colorlab import wheelhouse
    from colorlab.course import course_root
    from colorlab.platforms import this_machine

    targets = args.target or ["{}-{}-py{}".format(*this_machine())]
    for target in targets:
        try:
            folder = wheelhouse.build(
                target, course_root(), Path(args.dest), args.resolve_only, test=not args.no_test
            )
        except (ValueError, RuntimeError) as exc:
            _err(str(exc))
            return 2
        except OSError as exc:
            _err(
                f"cannot write the wheelhouse to {args.dest} ({exc.strerror or exc}): choose "
                "a folder you can write to with --dest DIR."
            )
            return 2
        print(wheelhouse.summary(folder))
    print(
        f"on each laptop, from the course folder: python tools/install_offline.py {args.dest} "
        "(it picks the folder for that laptop)"
    )
    return 0


def cmd_check(args) -> int:
    """``colorlab check``: check that this machine is ready for the course.

    See :func:`colorlab.setup_check.run`.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line (it has no options).

    Returns
    -------
    int
        The exit status: 0 when every check passes, 1 otherwise.

    Examples
    --------
    >>> from colorlab.cli import cmd_check
    >>> callable(cmd_check)
    True
    """
    from colorlab.setup_check import main as check_main

    return check_main()


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1.

    Parameters
    ----------
    text : str
        The option's value, as typed.

    Returns
    -------
    int
        The number.

    Raises
    ------
    argparse.ArgumentTypeError
        ``text`` is not a whole number, or is below 1 (argparse shows the message).

    Examples
    --------
    >>> positive_int("3")
    3
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def positive_float(text: str) -> float:
    """An argparse type: a number above 0.

    Parameters
    ----------
    text : str
        The option's value, as typed.

    Returns
    -------
    float
        The number.

    Raises
    ------
    argparse.ArgumentTypeError
        ``text`` is not a number, or is not above 0 (argparse shows the message).

    Examples
    --------
    >>> positive_float("2.5")
    2.5
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{value} must be above 0")
    return value


def _temperature_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--temperature T`` (a classification model's vivid ↔ faithful control)."""
    parser.add_argument(
        "--temperature",
        type=positive_float,
        metavar="T",
        help="a classification model's annealed-mean temperature: low picks each pixel's "
        "likeliest color, 1 averages its likely colors (default: the model's own; the "
        "model card tabulates what each T does)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``colorlab`` command.

    Returns
    -------
    argparse.ArgumentParser
        One subcommand per command; each sets ``func`` to its ``cmd_*`` function.

    Examples
    --------
    >>> build_parser().parse_args(["models"]).command
    'models'
    """
    parser = argparse.ArgumentParser(
        prog="colorlab", description="Color black-and-white photos with the course's networks."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("colorize", help="colorize photos into a folder")
    p.add_argument("images", nargs="+", metavar="IMAGE_OR_FOLDER")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for NAME_color.png")
    p.add_argument(
        "--model",
        help=f"a shipped model's name or a .keras file (default: {DEFAULT_MODEL}, or "
        f"{HINT_MODEL} with --hints or --like)",
    )
    p.add_argument(
        "--hints",
        metavar="HINTS.json",
        help="color hints for the one photo, as lesson 12's widget saves them",
    )
    p.add_argument(
        "--like",
        metavar="REFERENCE",
        help="a color photo whose overall color the result takes (default: the one the "
        "hints file names, if any)",
    )
    p.add_argument("--overwrite", action="store_true", help="replace existing results")
    _temperature_option(p)
    p.set_defaults(func=cmd_colorize)
    p = sub.add_parser("evaluate", help="measure a model on a folder of color photos")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"(default: {DEFAULT_MODEL})")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--validation",
        action="store_true",
        help="only the validation split: every 10th photo in sorted order (as training holds out)",
    )
    _temperature_option(p)
    p.set_defaults(func=cmd_evaluate)
    p = sub.add_parser("train", help="train a colorizer on a folder of color photos")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--out", required=True, metavar="MODEL.keras")
    p.add_argument(
        "--arch",
        choices=("photo", "lesson"),
        default="photo",
        help="photo: the shipped photo model's U-Net (default); lesson: lesson 05's small net",
    )
    p.add_argument(
        "--size",
        type=positive_int,
        default=128,
        help="working size: the shorter side photos are trained and colorized at (default: 128)",
    )
    p.add_argument("--width", type=positive_int, help="filters of the first layer")
    p.add_argument(
        "--resume",
        metavar="MODEL",
        help="fine-tune this model (a shipped name or a .keras file); it is measured on the "
        "held-back photos first and nothing is saved unless fine-tuning beats it",
    )
    p.add_argument("--minutes", type=positive_float, help="stop after this many minutes")
    p.add_argument("--epochs", type=positive_int, default=20)
    p.add_argument("--steps", type=positive_int, default=50, help="steps per epoch (default: 50)")
    p.add_argument("--batch", type=positive_int, default=16, help="crops per step (default: 16)")
    p.add_argument("--learning-rate", type=positive_float, help="Adam's starting step size")
    p.add_argument(
        "--hold-out-every",
        type=int,
        default=10,
        metavar="K",
        help="measure on every K-th photo and train on the rest (default: 10; 0: train on all)",
    )
    p.add_argument(
        "--max-photos",
        type=positive_int,
        default=3000,
        help="use at most this many photos, spread over the folder (default: 3000, ~2 GB)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--overwrite", action="store_true")
    p.set_defaults(func=cmd_train)
    p = sub.add_parser(
        "download", help="fetch a public photo collection (needs internet; optional)"
    )
    p.add_argument("name", nargs="?", help="imagenette or flowers (leave out to list them)")
    p.add_argument("--cache", help="folder to keep it in (default: $COLORLAB_CACHE or ~/.colorlab)")
    p.add_argument("--mirror", metavar="URL", help="fetch the same archive from this address")
    p.set_defaults(func=cmd_download)
    p = sub.add_parser(
        "lab",
        help="open the course in JupyterLab (registers the colorlab kernel first if needed)",
        description="Anything after -- goes to JupyterLab, e.g. colorlab lab -- --no-browser",
    )
    p.add_argument("--kernel-only", action="store_true", help="only register the kernel, then stop")
    p.add_argument("jupyter_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_lab)
    p = sub.add_parser("student", help="make the student set (student/): exercises left blank")
    p.add_argument("--out", type=Path, help="folder to write (default: student/ in the course)")
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="also replace student notebooks that were changed (their work is lost)",
    )
    p.set_defaults(func=cmd_student)
    p = sub.add_parser(
        "wheelhouse", help="save every package the course needs, per target, for offline installs"
    )
    p.add_argument(
        "--target",
        action="append",
        metavar="OS-CPU-pyX.Y",
        help="e.g. windows-x86_64-py3.12 (repeat for more; default: this machine)",
    )
    p.add_argument("--dest", default="wheelhouse", help="folder to fill (default: wheelhouse)")
    p.add_argument(
        "--resolve-only", action="store_true", help="only check that pip finds every package"
    )
    p.add_argument("--no-test", action="store_true", help="leave out the test tools")
    p.set_defaults(func=cmd_wheelhouse)
    p = sub.add_parser("models", help="list the shipped models")
    p.set_defaults(func=cmd_models)
    p = sub.add_parser("check", help="check that this machine is ready for the course")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``colorlab`` command; return its exit status.

    A bad photo, model or download ends it with one line on stderr (exit status 2), not a
    traceback; so does Ctrl+C (130).

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``colorlab``; by default the command line's.

    Returns
    -------
    int
        The command's exit status.

    Examples
    --------
    >>> main(["download"])  # doctest: +ELLIPSIS
    imagenette  (99 MB)  ...
    flowers  (229 MB)  ...
    0
    """
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ImageError, ModelError, DownloadError) as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        _err("interrupted.")
        return 130


if __name__ == "__main__":
    sys.exit(main())
