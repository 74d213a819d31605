"""What a person uses the hint model with: hints files, the CLI, the widget, lesson 12's checks."""

from __future__ import annotations

import contextlib
import io
import json
from types import SimpleNamespace

import numpy as np
import pytest
from test_hint_model import stand_in_photo_model

import colorlab as cl
from colorlab import cli, hints, models
from colorlab.widgets.hints import HintSession, draw_markers, hint_painter


@pytest.fixture(scope="module")
def hint_model():
    """An untrained hint model on a stand-in photo model: it votes from the first step."""
    return models.hint_photo_model(stand_in_photo_model(), seed=0)


@pytest.fixture(scope="module")
def hint_model_file(hint_model, tmp_path_factory):
    import keras

    path = tmp_path_factory.mktemp("models") / "hints.keras"
    cl.save_model(keras.Model(hint_model.input, hint_model.output, name="hints"), path)
    return path


def _photo(h=64, w=96):
    rng = np.random.default_rng(0)
    img = np.clip(rng.normal(0.5, 0.15, (h, w, 3)), 0, 1)
    img[:, w // 2 :] = [0.2, 0.4, 0.9]  # a blue right half
    return img.astype(np.float32)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


# --- hints files ---------------------------------------------------------------------------


def test_a_hints_file_round_trips_and_is_never_overwritten(tmp_path):
    ref = cl.save_image(np.ones((4, 4, 3)) * 0.5, tmp_path / "ref.png")
    path = hints.save_hints(
        tmp_path / "h.json", [(3, 1, (255, 0, 0)), (0, 2, "#1E90FF")], (4, 5), like=ref
    )
    back = hints.load_hints(path)
    assert back["hints"] == [(3, 1, "#ff0000"), (0, 2, "#1e90ff")]
    assert back["size"] == (4, 5) and back["like"] == ref
    record = json.loads(path.read_text())
    assert record["like"] == "ref.png"  # relative: the folder can move to another laptop
    with pytest.raises(FileExistsError, match="already exists"):
        hints.save_hints(path, [], (4, 5))
    with pytest.raises(ValueError, match="hint 1 .*outside the photo"):
        hints.save_hints(tmp_path / "bad.json", [(5, 0, "#ff0000")], (4, 5))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json at all", "is not JSON"),
        ('{"points": []}', 'expected {"hints"'),
        ('{"hints": [{"x": 1, "color": "#ff0000"}]}', "hint 1 .* needs x, y and color"),
        ('{"hints": [{"x": 1, "y": 2, "color": "#ff00"}]}', "hint 1: color '#ff00'"),
        ('{"size": {"h": 4}, "hints": []}', '"size" is'),
    ],
)
def test_a_bad_hints_file_gets_an_error_naming_the_file_and_the_hint(tmp_path, text, message):
    path = tmp_path / "mine.json"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as problem:
        hints.load_hints(path)
    assert "mine.json" in str(problem.value)


def test_a_missing_hints_file_says_so(tmp_path):
    with pytest.raises(ValueError, match="no such file"):
        hints.load_hints(tmp_path / "nothing.json")


# --- the command line ------------------------------------------------------------------------


def test_cli_colorizes_with_a_hints_file_as_the_api_does(tmp_path, hint_model, hint_model_file):
    photo = _photo()
    cl.save_image(photo, tmp_path / "p.png")
    points = [(10, 10, "#d62728"), (80, 50, "#2ca02c")]
    spec = hints.save_hints(tmp_path / "p.json", points, photo.shape[:2])
    done = run(
        "colorize", tmp_path / "p.png", "--hints", spec, "--model", hint_model_file,
        "--out", tmp_path / "out",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    got = cl.load_image(tmp_path / "out" / "p_color.png")
    want = cl.colorize(hint_model, cl.load_image(tmp_path / "p.png"), hints=points)
    assert np.abs(got - want).max() < 2 / 255
    plain = cl.colorize(hint_model, cl.load_image(tmp_path / "p.png"))
    assert np.abs(got - plain).max() > 0.05  # the hints did something


def test_cli_hints_are_checked_against_the_photo_and_the_model(
    tmp_path, hint_model_file, tiny_lesson_model
):
    photo = _photo()
    cl.save_image(photo, tmp_path / "p.png")
    cl.save_image(photo[:32], tmp_path / "small.png")
    spec = hints.save_hints(tmp_path / "p.json", [(90, 60, "#ff0000")], photo.shape[:2])
    out = tmp_path / "out"
    other = run("colorize", tmp_path / "small.png", "--hints", spec, "--model", hint_model_file,
                "--out", out)  # fmt: skip
    assert other.returncode == 1 and "96×32 pixels, but the hints" in other.stderr
    several = run("colorize", tmp_path / "p.png", tmp_path / "small.png", "--hints", spec,
                  "--out", out)  # fmt: skip
    assert several.returncode == 2 and "hints belong to one photo" in several.stderr
    no_hints = run("colorize", tmp_path / "p.png", "--hints", spec, "--model", tiny_lesson_model,
                   "--out", out)  # fmt: skip
    assert no_hints.returncode == 2 and "has no hint inputs" in no_hints.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    broken = run("colorize", tmp_path / "p.png", "--hints", bad, "--out", out)
    assert broken.returncode == 2 and "bad.json is not JSON" in broken.stderr
    missing_ref = run("colorize", tmp_path / "p.png", "--like", tmp_path / "nope.jpg",
                      "--model", hint_model_file, "--out", out)  # fmt: skip
    assert missing_ref.returncode == 2 and "nope.jpg" in missing_ref.stderr
    assert not out.exists() or not any(out.iterdir())  # nothing written by any of them


@pytest.fixture(scope="module")
def tiny_lesson_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("lesson") / "tiny.keras"
    cl.save_model(cl.models.lesson_model(width=4, seed=0), path)
    return path


# --- the widget's session --------------------------------------------------------------------


def test_the_session_adds_removes_undoes_and_clears(hint_model):
    s = HintSession(hint_model, _photo(), name="grandma")
    s.add(5, 6, "#ff0000")
    assert s.add_on_preview(40, 30, (0, 0, 255)) == (40, 30)  # small photo: preview = photo
    s.remove(0)
    assert s.hints == [(40, 30, "#0000ff")]
    s.clear()
    assert s.hints == []
    assert s.undo() and s.hints == [(40, 30, "#0000ff")]  # undo the clear
    assert s.undo() and len(s.hints) == 2  # undo the remove
    assert s.undo() and s.undo() and s.hints == [] and not s.undo()
    with pytest.raises(ValueError, match="outside the photo"):
        s.add(96, 0, "#ff0000")
    with pytest.raises(IndexError, match="there is no hint 1"):
        s.remove(0)


def test_the_preview_of_a_large_photo_is_small_and_its_clicks_land_on_the_photo(hint_model):
    big = np.full((1200, 1600, 3), 0.5, np.float32)
    s = HintSession(hint_model, big)
    assert max(s.small.shape[:2]) == 640
    # Each preview pixel covers 2.5 photo pixels; a click lands on the photo pixel at its center.
    assert s.add_on_preview(639, 479, "#00ff00") == (1598, 1198)
    assert s.add_on_preview(0, 0, "#00ff00") == (1, 1)
    assert s.preview().shape == (480, 640, 3) and s.result().shape == (1200, 1600, 3)


def test_saving_never_overwrites_and_records_a_reference(hint_model, tmp_path):
    s = HintSession(hint_model, _photo(), name="grandma")
    s.add(10, 10, "#d62728")
    png, js = s.save(tmp_path)
    s.set_like(np.ones((8, 8, 3)) * [0.9, 0.6, 0.2])
    png2, js2 = s.save(tmp_path)
    assert (png.name, js.name) == ("grandma_hints.png", "grandma_hints.json")
    assert (png2.name, js2.name) == ("grandma_hints_2.png", "grandma_hints_2.json")
    first = hints.load_hints(js)
    second = hints.load_hints(js2)
    assert first["hints"] == [(10, 10, "#d62728")] and first["like"] is None
    assert first["photo"].name == "grandma_hints_photo.png"  # the photo, for the CLI
    assert second["like"].exists()  # the reference, saved beside the hints
    again = cl.colorize(hint_model, _photo(), hints=second["hints"], like=second["like"])
    assert np.abs(cl.load_image(png2) - again).max() < 2 / 255
    png2.unlink()
    js2.unlink()  # a leftover reference (grandma_hints_2_like.png) keeps the name taken
    assert s.save(tmp_path)[0].name == "grandma_hints_3.png"


def test_a_session_refuses_a_model_without_hint_inputs():
    with pytest.raises(cl.ModelError, match="has no hint inputs"):
        HintSession(models.article_model(), _photo())


# --- the widget ------------------------------------------------------------------------------


def test_the_widget_answers_clicks_buttons_and_save(hint_model, tmp_path):
    box = hint_painter(hint_model, _photo(), out_dir=tmp_path, name="p")
    first = box.view.value
    box.color.value = "#d62728"
    # What ipyevents sends the kernel when the picture is clicked (its message handler).
    box.events._handle_mouse_msg(box.events, {"type": "click", "dataX": 20, "dataY": 30}, [])
    assert box.session.hints == [(20, 30, "#d62728")] and box.view.value != first
    assert "1 hint ·" in box.readout.value and len(box.hint_list.children) == 1
    box.click(70, 40)
    assert len(box.hint_list.children) == 2
    box.hint_list.children[0].children[1].click()  # its ✕
    assert box.session.hints == [(70, 40, "#d62728")]
    box.undo.click()
    assert len(box.session.hints) == 2
    box.clear.click()
    assert box.session.hints == [] and "0 hints" in box.readout.value
    box.undo.click()
    box.save.click()
    assert (tmp_path / "p_hints.png").exists() and (tmp_path / "p_hints.json").exists()
    assert "saved" in box.readout.value


def _upload(name: str, content: bytes) -> dict:
    """One file as ipywidgets' FileUpload holds it after a browser sent it."""
    import datetime

    return {
        "name": name,
        "type": "image/png",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
    }


def test_the_widget_takes_a_reference_upload_and_says_what_is_wrong_with_a_bad_one(hint_model):
    box = hint_painter(hint_model, _photo())
    png = io.BytesIO()
    from PIL import Image

    Image.fromarray(np.full((8, 8, 3), [230, 120, 20], np.uint8)).save(png, format="PNG")
    box.like.value = (_upload("sunset.png", png.getvalue()),)
    assert box.session.like is not None and "like the reference photo" in box.readout.value
    assert box.like.value == ()  # forgotten, so the same file can be chosen again
    box.no_like.click()
    assert box.session.like is None
    box.like.value = (_upload("sunset.png", png.getvalue()),)
    assert box.session.like is not None
    box.like.value = (_upload("notes.png", b"not a picture"),)
    assert box.readout.value.startswith("✗ notes.png") and box.session.like is not None
    box.undo.click()  # undoes the second reference: the bad file left no step of its own
    assert box.session.like is None


def test_markers_show_the_hint_color_in_a_white_ring():
    out = draw_markers(np.zeros((30, 30, 3)), [(15, 15, "#00ff00")], radius=5)
    assert out[15, 15].tolist() == [0.0, 1.0, 0.0] and out[15, 20].tolist() == [1.0, 1.0, 1.0]
    assert out[15, 21].tolist() == [0.0, 0.0, 0.0] and out[0, 0].tolist() == [0.0, 0.0, 0.0]


def test_hint_weights_are_high_near_a_hint_and_refused_for_other_models(hint_model):
    weights = cl.hint_weights(hint_model, _photo(), [(10, 10, "#ff0000")])
    assert weights.shape == (64, 96) and 0 <= weights.min() and weights.max() <= 1
    assert weights[10, 10] > weights[60, 90]
    assert np.allclose(cl.hint_weights(hint_model, _photo(), []), 0, atol=1e-6)
    with pytest.raises(cl.ModelError):
        cl.hint_weights(models.article_model(), _photo(), [(1, 1, "#ff0000")])


def test_the_palette_offers_the_photo_models_likeliest_colors_and_recolors_the_last_hint():
    from test_pretrained import stand_in_backbone

    from colorlab import bins

    _, photo_model = models.pretrained_photo_model(
        stand_in_backbone(),
        bins.gamut_bins(),
        width=4,
        working_size=64,
        seed=0,
    )
    model = models.hint_photo_model(photo_model, seed=0)
    s = HintSession(model, _photo())
    colors = s.likely_colors(10, 20)
    assert len(colors) == 5 and all(c.startswith("#") and len(c) == 7 for c in colors)
    # The likeliest first: the bin with the highest probability at that place.
    probs, centers = s._probs
    assert probs.shape[:2] == (16, 24) and np.allclose(probs.sum(-1), 1, atol=1e-4)
    box = hint_painter(model, _photo())
    box.click(10, 20)
    swatches = [c for c in box.palette.children if hasattr(c, "on_click")]
    assert len(swatches) == 5
    swatches[2].click()
    assert box.session.hints[-1][2] == colors[2] == box.color.value
    box.undo.click()  # undo the recolor
    assert box.session.hints[-1][2] == "#1e90ff"
    assert box.palette.children == ()  # its swatches would now recolor another hint


def test_a_regression_photo_model_has_no_palette(hint_model):
    assert HintSession(hint_model, _photo()).likely_colors(1, 1) == []
