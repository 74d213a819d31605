"""The `colorlab` command: colorize, evaluate, train, models; bad files; no overwrites.

The logic is tested in-process (``cli.main([...])`` with its output captured, fast); a few
tests start the installed command in a new Python (``run_command``), to prove the command
itself works: its entry point, its exit status, and arguments as the shell passes them.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

import colorlab as cl
from colorlab import cli
from colorlab.saving import shipped_models


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("models") / "tiny.keras"
    cl.save_model(cl.models.lesson_model(width=4, seed=0), path)
    return path


@pytest.fixture
def photos(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    scenes, _ = cl.drawn.scenes(2, size=48, seed=3)
    for i, img in enumerate(scenes):
        cl.save_image(img, folder / f"scene{i}.png")
    Image.fromarray((cl.datasets.sample_photo("coffee", size=40) * 255).astype(np.uint8)).save(
        folder / "cup.jpg"
    )
    return folder


def run(*args):
    """``colorlab ARGS`` in this process: (returncode, stdout, stderr), like a finished command."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exit_:  # argparse rejecting the arguments
            code = exit_.code if isinstance(exit_.code, int) else 1
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def run_command(*args):
    """The installed command in a new Python (slow: TensorFlow loads each time)."""
    return subprocess.run(
        [sys.executable, "-m", "colorlab", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_models_lists_every_shipped_model():
    proc = run_command("models")
    assert proc.returncode == 0
    lines = proc.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == list(shipped_models())
    assert all(len(line.split(maxsplit=1)) == 2 for line in lines)
    assert cli.DEFAULT_MODEL in shipped_models()


def test_colorize_writes_and_never_overwrites(photos, tmp_path, tiny_model, capsys):
    out = tmp_path / "out"
    files = sorted(photos.iterdir())
    assert (
        cli.main(["colorize", *map(str, files), "--out", str(out), "--model", str(tiny_model)]) == 0
    )
    results = sorted(p.name for p in out.iterdir())
    assert results == sorted(f"{p.stem}_color.png" for p in files)
    assert cl.load_image(out / "cup_color.png").shape == (40, 60, 3)
    before = (out / "cup_color.png").read_bytes()
    assert (
        cli.main(
            ["colorize", str(photos / "cup.jpg"), "--out", str(out), "--model", str(tiny_model)]
        )
        == 1
    )
    assert "--overwrite" in capsys.readouterr().err
    assert (out / "cup_color.png").read_bytes() == before
    assert (
        cli.main(
            [
                "colorize",
                str(photos / "cup.jpg"),
                "--out",
                str(out),
                "--model",
                str(tiny_model),
                "--overwrite",
            ]
        )
        == 0
    )


def test_colorize_bad_file_among_good(photos, tmp_path, tiny_model, capsys):
    bad = photos / "broken.jpg"
    bad.write_text("not a photo")
    missing = photos / "missing.png"
    code = cli.main(
        [
            "colorize",
            str(photos / "cup.jpg"),
            str(bad),
            str(missing),
            "--out",
            str(tmp_path / "o"),
            "--model",
            str(tiny_model),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert (tmp_path / "o" / "cup_color.png").exists()
    assert err.count("broken.jpg") == 1 and err.count("missing.png") == 1
    assert "Traceback" not in err


def test_unknown_model_is_one_clear_line(photos, tmp_path):
    proc = run("colorize", photos / "cup.jpg", "--out", tmp_path / "o", "--model", "nope")
    assert proc.returncode == 2
    assert "nope is neither a shipped model" in proc.stderr and "Traceback" not in proc.stderr


def test_evaluate_json_format(photos, tiny_model):
    proc = run("evaluate", photos, "--model", tiny_model, "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["model"] == str(tiny_model)
    assert [i["name"] for i in report["images"]] == ["cup.jpg", "scene0.png", "scene1.png"]
    keys = {"psnr", "ssim", "cf", "delta_cf", "auc"}
    for item in report["images"] + [report["mean"]]:
        assert set(item["model"]) == keys and set(item["gray"]) == keys
    assert report["mean"]["gray"]["cf"] < 1e-3
    psnrs = [i["model"]["psnr"] for i in report["images"]]
    assert report["mean"]["model"]["psnr"] == pytest.approx(np.mean(psnrs))


def test_evaluate_bad_file_and_empty_folder(photos, tmp_path, tiny_model):
    (photos / "zero.png").write_bytes(b"")
    proc = run("evaluate", photos, "--model", tiny_model, "--json")
    assert proc.returncode == 1 and "zero.png is empty" in proc.stderr
    assert len(json.loads(proc.stdout)["images"]) == 3
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run("evaluate", empty, "--model", tiny_model)
    assert proc.returncode == 2 and "holds no photos" in proc.stderr
    # The folder is looked at before the model loads: no model needed to hear it is empty.
    proc = run("evaluate", empty, "--model", "no_such_model")
    assert proc.returncode == 2 and "holds no photos" in proc.stderr
    # A folder whose only file is bad: its line, then how many were done.
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "zero.png").write_bytes(b"")
    proc = run("colorize", lone, "--out", tmp_path / "lone_out", "--model", tiny_model)
    assert proc.returncode == 1 and "0 of 1 photo colorized (nothing written)" in proc.stderr


def test_evaluate_table(photos, tiny_model):
    proc = run("evaluate", photos, "--model", tiny_model)
    assert proc.returncode == 0 and "MEAN" in proc.stdout and "gray" in proc.stdout


@pytest.mark.slow
def test_train_makes_a_model_and_protects_files(photos, tmp_path):
    out = tmp_path / "mine.keras"
    proc = run("train", photos, "--out", out, "--epochs", 1, "--steps", 2)
    assert proc.returncode == 0, proc.stderr
    model = cl.load_model(out)
    assert cl.colorize(model, cl.datasets.sample_photo("coffee", size=24)).shape == (24, 36, 3)
    stamp = out.stat().st_mtime_ns
    proc = run("train", photos, "--out", out, "--epochs", 1, "--steps", 2)
    assert proc.returncode == 2 and "--overwrite" in proc.stderr
    assert out.stat().st_mtime_ns == stamp
    proc = run("train", tmp_path / "nowhere", "--out", tmp_path / "x.keras")
    assert proc.returncode == 2 and "does not exist" in proc.stderr


def test_train_rejects_bad_numbers(photos, tmp_path):
    proc = run("train", photos, "--out", tmp_path / "m.keras", "--epochs", 0)
    assert proc.returncode == 2 and "must be at least 1" in proc.stderr
    assert not (tmp_path / "m.keras").exists()


def test_evaluate_on_a_file_is_one_clear_line(photos):
    proc = run("evaluate", photos / "cup.jpg")
    assert proc.returncode == 2 and "not a folder" in proc.stderr and "Traceback" not in proc.stderr


def test_colorize_takes_a_folder_and_skips_what_is_not_a_photo(tmp_path):
    """`colorlab colorize data/my_photos`: the photos are colorized, the README is no error."""
    import colorlab as cl

    folder = tmp_path / "my_photos"
    cl.save_image(cl.datasets.sample_photo("coffee", size=64), folder / "cup.png")
    (folder / "README.md").write_text("Put your photos here.")
    proc = run("colorize", folder, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "cup_color.png").is_file()
    assert not (tmp_path / "out" / "README_color.png").exists()


def test_evaluate_leaves_photos_without_color_out(photos, tiny_model):
    """A B&W photo is listed as 'no color to compare', never scored (no 100 dB baseline)."""
    gray = cl.to_gray(cl.datasets.sample_photo("coffee", size=40))
    cl.save_image(gray, photos / "old.png")
    proc = run("evaluate", photos, "--model", tiny_model, "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["no_color"] == ["old.png"]
    assert "old.png" not in [i["name"] for i in report["images"]]
    assert max(i["gray"]["psnr"] for i in report["images"]) < 60
    assert 0 <= report["above_gray"] <= 1
    proc = run("evaluate", photos, "--model", tiny_model)
    assert "no color to compare (1, left out of the means): old.png" in proc.stdout
    assert "over gray" in proc.stdout


def test_evaluate_only_gray_photos_is_one_clear_line(tmp_path, tiny_model):
    folder = tmp_path / "old"
    folder.mkdir()
    cl.save_image(cl.to_gray(cl.datasets.sample_photo("coffee", size=40)), folder / "a.png")
    proc = run("evaluate", folder, "--model", tiny_model)
    assert proc.returncode == 2 and "no color to compare against" in proc.stderr
    assert "colorlab colorize" in proc.stderr and "Traceback" not in proc.stderr


def scene_folder(folder, n: int, size: int, seed: int):
    """A folder of n procedural scenes named s00.png, s01.png, …; returns (folder, scenes)."""
    folder.mkdir()
    scenes, _ = cl.drawn.scenes(n, size=size, seed=seed)
    for i, img in enumerate(scenes):
        cl.save_image(img, folder / f"s{i:02d}.png")
    return folder, scenes


def test_evaluate_validation_split(tmp_path, tiny_model):
    folder, _ = scene_folder(tmp_path / "many", 12, 32, seed=4)
    proc = run("evaluate", folder, "--model", tiny_model, "--json", "--validation")
    assert proc.returncode == 0, proc.stderr
    assert [i["name"] for i in json.loads(proc.stdout)["images"]] == ["s00.png", "s10.png"]


@pytest.mark.slow
def test_train_fine_tunes_a_saved_model_and_never_saves_a_worse_one(tmp_path, monkeypatch):
    folder, scenes = scene_folder(tmp_path / "family", 20, 48, seed=2)
    cl.save_image(cl.to_gray(scenes[0]), folder / "s01_old.png")  # B&W: skipped, and said
    held_paths = cl.datasets.split_photos(cl.datasets.photo_paths(folder))[1]
    cutout = np.dstack([np.round(cl.load_image(held_paths[0]) * 255), np.full((48, 48), 255)])
    cutout[:, 24:, 3] = 0  # the right half of a held-back photo transparent: not scored
    Image.fromarray(cutout.astype(np.uint8), "RGBA").save(held_paths[0])
    base = tmp_path / "base.keras"
    proc = run(
        "train",
        folder,
        "--out",
        base,
        "--size",
        32,
        "--width",
        4,
        "--epochs",
        1,
        "--steps",
        2,
        "--batch",
        4,
    )
    assert proc.returncode == 0, proc.stderr
    assert "skipped 1 of" in proc.stderr and "no color" in proc.stderr
    assert "measuring on 3 held-back photos" in proc.stderr
    assert cl.layers.working_size(cl.load_model(base)) == (32, 16)
    tuned = tmp_path / "tuned.keras"
    seen, fit_photos = {}, cl.training.fit_photos

    def recording_fit(*args, **kwargs):
        seen.update(kwargs)
        return fit_photos(*args, **kwargs)

    monkeypatch.setattr(cl.training, "fit_photos", recording_fit)
    proc = run(
        "train",
        folder,
        "--resume",
        base,
        "--out",
        tuned,
        "--minutes",
        0.05,
        "--epochs",
        5,
        "--steps",
        2,
        "--batch",
        4,
    )
    # The guard: either an epoch beat the start on the held-back photos and was saved, or
    # nothing was saved; each says so in one line.
    assert "fine-tuning" in proc.stderr, proc.stderr
    # The held-back photos are scored on their opaque pixels (one has a transparent half):
    # fit_photos was given their masks, and the start's score printed is the masked one.
    masks = seen["validation_opaque"]
    assert [m is None for m in masks] == [False, True, True]
    assert masks[0][:, :24].all() and not masks[0][:, 24:].any()
    held = cl.datasets.color_photos(held_paths)
    start = cl.training.gain_over_gray(cl.load_model(base), held, masks)["gain"]
    assert f"the model as it starts: {start:+.2f} dB over gray on the 3 held-back" in proc.stderr
    if proc.returncode == 0:
        assert "kept epoch" in proc.stderr and "against" in proc.stderr
        assert cl.layers.working_size(cl.load_model(tuned)) == (32, 16)
    else:
        assert proc.returncode == 1 and "kept the model as it started" in proc.stderr
        assert "nothing saved" in proc.stderr and not tuned.exists()
    # A harmful fine-tune (a learning rate a thousand times too big) saves nothing.
    harmful = tmp_path / "harmful.keras"
    proc = run(
        "train", folder, "--resume", base, "--out", harmful, "--learning-rate", 1.0,
        "--epochs", 2, "--steps", 3, "--batch", 4,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "kept the model as it started" in proc.stderr and "made it worse" in proc.stderr
    assert f"nothing saved to {harmful}" in proc.stderr and not harmful.exists()
    proc = run("train", folder, "--out", tmp_path / "x.keras", "--minutes", 0)
    assert proc.returncode == 2 and "must be above 0" in proc.stderr


@pytest.mark.slow
def test_train_lesson_arch_still_works(photos, tmp_path):
    out = tmp_path / "lesson.keras"
    proc = run("train", photos, "--arch", "lesson", "--out", out, "--epochs", 1, "--steps", 2)
    assert proc.returncode == 0, proc.stderr
    assert cl.layers.working_size(cl.load_model(out)) == (None, 8)


def test_colorize_an_empty_folder_says_there_is_nothing_to_do(tmp_path, tiny_model, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    code = cli.main(
        ["colorize", str(empty), "--out", str(tmp_path / "o"), "--model", str(tiny_model)]
    )
    err = capsys.readouterr().err
    assert code == 2 and "nothing to colorize" in err and str(empty) in err
    assert len(err.strip().splitlines()) == 1


def test_colorize_keeps_both_results_of_inputs_with_the_same_name(tmp_path, tiny_model, capsys):
    scenes, _ = cl.drawn.scenes(2, size=40, seed=4)
    inputs = []
    for folder, img in zip(("a", "b"), scenes, strict=True):
        (tmp_path / folder).mkdir()
        inputs.append(cl.save_image(img, tmp_path / folder / "cat.png"))
    out = tmp_path / "out"
    code = cli.main(["colorize", *map(str, inputs), "--out", str(out), "--model", str(tiny_model)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["cat_2_color.png", "cat_color.png"]
    assert "also called cat" in err and "cat_2_color.png" in err and "already exists" not in err


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_and_errors_get_lines_of_their_own(photos, tmp_path, tiny_model, monkeypatch):
    """In a log file: no ANSI codes, no progress bar; on a terminal: errors on their own line."""
    (photos / "broken.jpg").write_text("not a photo")
    args = ["colorize", str(photos), "--out", str(tmp_path / "o"), "--model", str(tiny_model)]
    log = io.StringIO()
    monkeypatch.setattr(sys, "stderr", log)
    assert cli.main(args) == 1
    text = log.getvalue()
    assert "\x1b[" not in text and "\r" not in text
    assert all(
        line.startswith(("colorlab: ", "colorizing ", "3 of 4")) for line in text.splitlines()
    )
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main([*args, "--overwrite"]) == 1
    lines = terminal.getvalue().split("\n")
    error = next(line for line in lines if "broken.jpg" in line)
    assert error.startswith("colorlab: ") and "\r" not in error
    assert lines[-2].startswith("3 of 4 photos colorized")


@pytest.mark.slow
def test_folders_and_names_with_spaces_and_non_ascii_letters(tmp_path, tiny_model):
    """Windows and macOS users keep photos in folders like 'My Pictures' with names in
    their own language: the command line takes them and names the results after them."""
    folder = tmp_path / "old photos é"
    folder.mkdir()
    scenes, _ = cl.drawn.scenes(2, size=48, seed=5)
    names = ["Großmutter 1952.png", "фото семьи.png"]
    for name, img in zip(names, scenes, strict=True):
        cl.save_image(img, folder / name)
    out = tmp_path / "in color ü"
    proc = run_command("colorize", folder, "--out", out, "--model", tiny_model)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        n.replace(".png", "_color.png") for n in names
    )
    proc = run_command("evaluate", folder, "--model", tiny_model, "--json")
    assert proc.returncode == 0, proc.stderr
    assert sorted(i["name"] for i in json.loads(proc.stdout)["images"]) == sorted(names)
    assert "colorlab's own results" not in proc.stderr
    # Evaluating the results themselves compares the model with itself: said plainly.
    proc = run("evaluate", out, "--model", tiny_model, "--json")
    assert proc.returncode == 0 and "colorlab's own results (NAME_color.png)" in proc.stderr
    assert json.loads(proc.stdout)["images"]  # still measured, and stdout stays JSON
