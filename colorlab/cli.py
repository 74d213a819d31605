"""The ``colorlab`` command: colorize photos, evaluate, train, list the shipped models.

    colorlab colorize IMAGE_OR_FOLDER... --out DIR [--model NAME] [--overwrite]
    colorlab evaluate DIR [--model NAME] [--json]
    colorlab train DIR --out MODEL.keras [--epochs N] [--overwrite]
    colorlab models
    colorlab check

A bad file among good ones: the good ones are processed, each bad one gets one line on
stderr, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from colorlab.errors import ImageError, ModelError

#: The model used when ``--model`` is not given.
DEFAULT_MODEL = "scenes_classification"


def _err(message: str) -> None:
    print(f"colorlab: {message}", file=sys.stderr)


class _Progress:
    """A Keras progress bar on stderr (stdout stays clean for --json), shown for 2+ items."""

    def __init__(self, total: int, what: str):
        self.bar = None
        if total > 1:
            from keras.utils import Progbar

            print(what, file=sys.stderr)
            self.bar = Progbar(total, unit_name="photo")

    def update(self, done: int) -> None:
        if self.bar is not None:
            with contextlib.redirect_stdout(sys.stderr):
                self.bar.update(done)


def _load_model(name: str):
    from colorlab.saving import load_model

    return load_model(name)


def cmd_colorize(args) -> int:
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
    model = _load_model(args.model)
    failures = 0
    progress = _Progress(len(images), f"colorizing {len(images)} photos")
    for done, name in enumerate(images, 1):
        path = Path(name)
        target = out_dir / f"{path.stem}_color.png"
        try:
            if target.exists() and not args.overwrite:
                raise FileExistsError(f"{target} already exists: pass --overwrite to replace it.")
            rgb = cl.load_image(path)
            cl.save_image(cl.colorize(model, rgb), target, overwrite=args.overwrite)
            if progress.bar is None:
                print(target)
        except (ImageError, FileExistsError) as exc:
            failures += 1
            _err(str(exc))
        progress.update(done)
    if len(images) > 1:
        print(
            f"{len(images) - failures} of {len(images)} photos colorized into {out_dir}",
            file=sys.stderr,
        )
    return 1 if failures else 0


def evaluate_folder(folder: Path, model, model_name: str) -> tuple[dict, int]:
    """The ``evaluate --json`` report of every photo in ``folder``, and the number of failures."""
    import colorlab as cl
    from colorlab import metrics
    from colorlab.datasets import photo_paths

    paths = photo_paths(folder)
    if not paths:
        raise ImageError(f"{folder} holds no photos (PNG, JPEG, GIF, BMP, TIFF or WebP).")
    images, failures = [], 0
    progress = _Progress(len(paths), f"evaluating {len(paths)} photos")
    for done, path in enumerate(paths, 1):
        try:
            truth = cl.load_image(path)
            rep = metrics.report(truth, cl.colorize(model, cl.to_gray(truth)))
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
        raise ImageError(f"none of the photos in {folder} could be read.")
    return {"model": model_name, "images": images, "mean": metrics.mean_report(images)}, failures


def cmd_evaluate(args) -> int:
    from colorlab.metrics import METRICS

    model = _load_model(args.model)
    result, failures = evaluate_folder(Path(args.dir), model, args.model)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"model {args.model} on {len(result['images'])} photos in {args.dir} "
            "(each colorized from its gray version; higher is better except ΔCF)"
        )
        print(f"{'photo':<28}{'':<7}" + "".join(f"{k:>10}" for k in METRICS))
        for item in result["images"] + [{"name": "MEAN", **result["mean"]}]:
            for side in ("model", "gray"):
                label = item["name"] if side == "model" else ""
                print(
                    f"{label[:27]:<28}{side:<7}"
                    + "".join(f"{item[side][k]:>10.3f}" for k in METRICS)
                )
    return 1 if failures else 0


def cmd_train(args) -> int:
    from colorlab.models import lesson_model
    from colorlab.saving import save_model
    from colorlab.session import setup
    from colorlab.training import fit_many

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
    from colorlab.pipeline import load_folder

    images = load_folder(args.dir, 80)
    print(
        f"training on {len(images)} photos from {args.dir} for {args.epochs} epochs",
        file=sys.stderr,
    )
    # Ten steps per call, or fewer when an epoch has fewer steps.
    model = lesson_model(width=16, seed=args.seed, steps_per_execution=min(10, args.steps))
    fit_many(
        model, images, epochs=args.epochs, steps_per_epoch=args.steps, verbose=1, seed=args.seed
    )
    save_model(model, out, overwrite=args.overwrite)
    print(out)
    return 0


def cmd_models(args) -> int:
    from colorlab.saving import shipped_models

    for name, card in shipped_models().items():
        print(f"{name}  {card['summary']}")
    return 0


def cmd_check(args) -> int:
    from colorlab.check import main as check_main

    return check_main()


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1.

    Example:
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``colorlab`` command.

    Example:
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
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"(default: {DEFAULT_MODEL})")
    p.add_argument("--overwrite", action="store_true", help="replace existing results")
    p.set_defaults(func=cmd_colorize)
    p = sub.add_parser("evaluate", help="measure a model on a folder of color photos")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"(default: {DEFAULT_MODEL})")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_evaluate)
    p = sub.add_parser("train", help="train a colorizer on a folder of color photos")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--out", required=True, metavar="MODEL.keras")
    p.add_argument("--epochs", type=positive_int, default=20)
    p.add_argument("--steps", type=positive_int, default=50, help="steps per epoch (default: 50)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--overwrite", action="store_true")
    p.set_defaults(func=cmd_train)
    p = sub.add_parser("models", help="list the shipped models")
    p.set_defaults(func=cmd_models)
    p = sub.add_parser("check", help="check that this machine is ready for the course")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``colorlab`` command; return its exit status."""
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ImageError, ModelError) as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        _err("interrupted.")
        return 130


if __name__ == "__main__":
    sys.exit(main())
