"""Train one variant of the photo model, measure it, and record it in photo_choices.json.

    python tools/photo_choices.py "no gate" gate=False colorfulness_weight=0
    python tools/photo_choices.py "12 epochs" epochs=12

Each ``key=value`` overrides the shipped recipe (``PHOTO`` in ``train_weights.py``); the
variant trains exactly as ``make weights`` does, its default temperature is chosen on the
tuning photos by the same rule, and it is measured there on the tuning and the validation
photos. The photo model's card lists every recorded run ("choices measured"). Takes as
long as the training plus about four minutes. It writes no model unless ``--save DIR`` is
given: then ``DIR/photos.keras`` and ``DIR/photos.json`` (the settings, as ``make weights``
records them), so a run worth shipping need not be trained again: copy both into
``colorlab/weights/`` and run ``python tools/train_weights.py photos --photos DIR
--card-only`` (with the recipe changed in ``PHOTO`` to match).
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import train_weights as tw  # noqa: E402

FOLDER = Path(__file__).resolve().parents[1].parent / "shared" / "photos" / "imagenet-sample"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("label", help="the run's name in the card's table")
    parser.add_argument("changes", nargs="*", metavar="KEY=VALUE", help="recipe overrides")
    parser.add_argument("--photos", type=Path, default=FOLDER)
    parser.add_argument("--save", type=Path, metavar="DIR", help="save the model and settings here")
    args = parser.parse_args(argv)
    recipe = {}
    for change in args.changes:
        key, _, value = change.partition("=")
        if key not in tw.PHOTO:
            parser.error(f"{key!r} is not in the recipe: {', '.join(tw.PHOTO)}")
        recipe[key] = ast.literal_eval(value)
    from colorlab.datasets import photo_paths, split_with_tuning

    if args.save and any((args.save / n).exists() for n in ("photos.keras", "photos.json")):
        parser.error(f"{args.save} already holds photos.keras or photos.json: choose another")
    start = time.perf_counter()
    model, settings = tw.train_photos(args.photos, recipe)
    seconds = time.perf_counter() - start
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        model.save(args.save / "photos.keras")
        card = {"name": "photos", "seconds": round(seconds, 1), "settings": settings}
        (args.save / "photos.json").write_text(json.dumps(card, indent=2) + "\n")
    temp = settings["temperature"]
    tuning = [r for r in settings["tuning temperatures"] if r["temperature"] == temp]
    _, tune, val = split_with_tuning(photo_paths(args.photos))
    run = {
        "label": args.label,
        "recipe": settings["recipe"],
        "minutes": settings["training minutes"],
        "temperature": temp,
        "tuning": tuning[0] if tuning else tw.measure(args.photos, model, tune),
        "validation": tw.measure(args.photos, model, val, temperature=temp),
    }
    runs = json.loads(tw.CHOICES.read_text()) if tw.CHOICES.exists() else []
    runs = [r for r in runs if r["label"] != args.label] + [run]
    tw.CHOICES.write_text(json.dumps(runs, indent=1) + "\n")
    print(json.dumps(run["validation"]), f"{(time.perf_counter() - start) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
