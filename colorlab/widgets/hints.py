"""Lesson 12's hint widget: click on your photo, pick a color, and see it colorized again.

The work is done by :class:`HintSession` (plain Python: the photo, the list of hints, undo,
colorizing, saving), so the tests and a script can drive it without a browser; the widget
:func:`hint_painter` only turns clicks and buttons into its calls.

Clicks come from ipyevents (a small, well-kept Jupyter library by the astropy/ipywidgets
community): on an ``ipywidgets.Image`` its click events carry ``dataX`` and ``dataY``, the
pixel of the picture itself that was clicked, whatever the zoom or the width the page gives
the picture. ipycanvas would also work but redraws through its own canvas model, and
ipympl (matplotlib) takes about a second per redraw, over our 0.5 s.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import ipywidgets as w
import numpy as np

from colorlab.widgets._views import picture_view, show_png, wrap_row

#: The longest side of the picture the widget shows and recolors on every click: the hint
#: model works at 192 px anyway, so a larger preview would cost time and show nothing more.
#: The saved result is colorized at the photo's full size.
PREVIEW_SIDE = 640


def draw_markers(rgb: np.ndarray, points, radius: int = 5) -> np.ndarray:
    """A copy of ``rgb`` with a marker at each (x, y, color): the hint's color in a white ring.

    Parameters
    ----------
    rgb : numpy.ndarray
        RGB (H, W, 3) in [0, 1].
    points : sequence of (x, y, color)
        Column, row (in ``rgb``'s pixels) and the color as ``"#rrggbb"`` or (r, g, b).
    radius : int
        The ring's outer radius in pixels.

    Returns
    -------
    numpy.ndarray
        RGB (H, W, 3) float32.

    Examples
    --------
    >>> out = draw_markers(np.zeros((20, 20, 3)), [(10, 10, "#ff0000")])
    >>> out[10, 10].tolist(), out[10, 15].tolist()  # the color inside, white around
    ([1.0, 0.0, 0.0], [1.0, 1.0, 1.0])
    """
    from colorlab.hints import parse_color

    out = np.array(rgb, np.float32, copy=True)
    h, w_ = out.shape[:2]
    rows, cols = np.ogrid[:h, :w_]
    for x, y, color in points:
        d2 = (rows - y) ** 2 + (cols - x) ** 2
        out[d2 <= (radius + 1) ** 2] = 0.0  # a black edge
        out[d2 <= radius**2] = 1.0  # a white ring …
        out[d2 <= (radius - 2) ** 2] = parse_color(color)  # … around the hint's color
    return out


def to_jpeg(rgb: np.ndarray, quality: int = 90) -> bytes:
    """JPEG bytes of an RGB image in [0, 1] (quicker to make and send than PNG for photos).

    Parameters
    ----------
    rgb : numpy.ndarray
        RGB (H, W, 3) in [0, 1].
    quality : int
        JPEG quality, 1-95.

    Returns
    -------
    bytes
        The JPEG file's bytes.

    Examples
    --------
    >>> to_jpeg(np.zeros((4, 4, 3)))[:2]
    b'\\xff\\xd8'
    """
    from PIL import Image

    buffer = io.BytesIO()
    pixels = (np.clip(rgb, 0, 1) * 255 + 0.5).astype(np.uint8)
    Image.fromarray(pixels).save(buffer, format="JPEG", quality=int(quality))
    return buffer.getvalue()


def _free(folder: Path, stem: str) -> tuple[Path, Path]:
    """``stem_hints.png`` and ``.json`` in ``folder``, or ``stem_hints_2`` … when taken.

    Taken means any of the files a save writes under that name exists: the result, the
    hints, the photo (``…_photo.png``) and the reference (``…_like.png``).
    """
    n = 1
    while True:
        base = f"{stem}_hints" if n == 1 else f"{stem}_hints_{n}"
        names = (f"{base}.png", f"{base}.json", f"{base}_photo.png", f"{base}_like.png")
        if not any((folder / name).exists() for name in names):
            return folder / names[0], folder / names[1]
        n += 1


def _bin_probabilities(model, photo: np.ndarray):
    """The hint model's photo model's bin probabilities over ``photo`` at its working size.

    (probabilities (h, w, Q) on the photo's grid at 1/4 of the working size, bins (Q, 2)),
    or (None, None) when the photo model is not a classification model.
    """
    import keras

    from colorlab.bins import probability_model
    from colorlab.color import lightness
    from colorlab.colorize import _resize
    from colorlab.layers import working_size

    try:
        parts = model.get_layer("photo_model")
        probabilities = probability_model(parts)
        bins = np.asarray(parts.get_layer("annealed_mean").bins, np.float32)
    except ValueError:
        return None, None
    size, stride = working_size(model)
    L = lightness(photo)
    h, w_ = L.shape[:2]
    scale = (size or min(h, w_)) / min(h, w_)
    small = (max(1, round(h * scale)), max(1, round(w_ * scale)))
    L = _resize(L, small, antialias=small[0] < h).numpy()
    ph, pw = (-small[0]) % stride, (-small[1]) % stride
    padded = np.pad(L, ((0, ph), (0, pw), (0, 0)), mode="edge")
    probs = keras.ops.convert_to_numpy(probabilities(padded[None].astype(np.float32))[0])
    return probs[: -(-small[0] // 4), : -(-small[1] // 4)], bins


class HintSession:
    """A photo, the hints given on it, and the hint model that colors it with them.

    Coordinates are the photo's own pixels (x = column, y = row). Every change (add,
    remove, clear, a new reference) can be undone. :meth:`preview` colors a smaller copy for
    the screen; :meth:`save` colors the full photo and writes it with its hints.

    Parameters
    ----------
    model : keras.Model
        A hint model (``cl.load_model("hints")``).
    photo : numpy.ndarray or str or os.PathLike
        The photo, RGB (H, W, 3) in [0, 1] or gray, or its file; its own colors are ignored.
    like : numpy.ndarray or str or os.PathLike, optional
        A reference color photo ("color it like this"), or its file.
    name : str, optional
        The name results are saved under (default: the file's, or ``"photo"``).

    Examples
    --------
    >>> from colorlab.models import hint_photo_model, pretrained_photo_model, stand_in_backbone
    >>> model = hint_photo_model(pretrained_photo_model(stand_in_backbone(2), width=2)[1])
    >>> session = HintSession(model, np.full((40, 60, 3), 0.5))
    >>> session.add(10, 5, "#1e90ff"); session.add(50, 30, (200, 30, 30))
    >>> _ = session.undo(); session.hints
    [(10, 5, '#1e90ff')]
    >>> session.preview().shape
    (40, 60, 3)
    """

    def __init__(self, model, photo, like=None, name: str | None = None):
        from colorlab.colorize import check_hints_for
        from colorlab.images import load_image

        check_hints_for(model, [], None)  # a model without hint inputs: one clear ModelError
        self.model = model
        if isinstance(photo, (str, Path)):
            name = name or Path(photo).stem
            self.photo_file = Path(photo)
            photo = load_image(photo)
        else:
            self.photo_file = None
        from colorlab.color import check_image

        self.photo = check_image(photo, "The photo")
        if self.photo.ndim == 2:
            self.photo = np.repeat(self.photo[..., None], 3, axis=-1)
        elif self.photo.shape[-1] == 1:
            self.photo = np.repeat(self.photo, 3, axis=-1)
        self.name = name or "photo"
        h, w_ = self.photo.shape[:2]
        self.scale = min(1.0, PREVIEW_SIDE / max(h, w_))
        small = (max(1, round(h * self.scale)), max(1, round(w_ * self.scale)))
        if small == (h, w_):
            self.small = self.photo
        else:
            from colorlab.images import resize

            self.small = resize(self.photo, small)
        self.hints: list[tuple[int, int, str]] = []
        self._probs = None  # the photo model's bin probabilities, computed at the first need
        self.like, self.like_file = None, None
        self._history: list = []
        if like is not None:
            self.set_like(like)
            self._history.clear()

    @property
    def shape(self) -> tuple[int, int]:
        """The photo's (height, width)."""
        return self.photo.shape[:2]

    def _remember(self) -> None:
        self._history.append((list(self.hints), self.like, self.like_file))

    def add(self, x: int, y: int, color) -> None:
        """Add a hint at column ``x``, row ``y`` of the photo; a ValueError names a bad one."""
        from colorlab.hints import check_hints, hex_color

        check_hints([(x, y, color)], self.shape)
        self._remember()
        self.hints.append((int(x), int(y), hex_color(color)))

    def add_on_preview(self, x: float, y: float, color) -> tuple[int, int]:
        """Add a hint where the preview's pixel (x, y) is on the photo; return that pixel."""
        h, w_ = self.shape
        sh, sw = self.small.shape[:2]
        px = min(w_ - 1, max(0, int((float(x) + 0.5) * w_ / sw)))
        py = min(h - 1, max(0, int((float(y) + 0.5) * h / sh)))
        self.add(px, py, color)
        return px, py

    def remove(self, index: int) -> None:
        """Remove the hint at ``index`` (0 is the first)."""
        if not 0 <= index < len(self.hints):
            raise IndexError(f"there is no hint {index + 1}: there are {len(self.hints)}.")
        self._remember()
        del self.hints[index]

    def clear(self) -> None:
        """Remove every hint (and keep the reference photo)."""
        if self.hints:
            self._remember()
            self.hints = []

    def set_like(self, like, name: str | None = None) -> None:
        """Color like this reference photo (array or file), or like nothing with None."""
        from colorlab.color import check_image
        from colorlab.images import load_image

        if like is None:
            self._remember()
            self.like, self.like_file = None, None
            return
        like_file = Path(like) if isinstance(like, (str, Path)) else None
        if like_file is not None:
            like = load_image(like_file)
        checked = check_image(like, f"The reference photo {name or ''}".strip(), (3,))
        self._remember()  # only once the reference is known to be good
        self.like, self.like_file = checked, like_file

    def recolor(self, index: int, color) -> None:
        """Give the hint at ``index`` another color (kept in the undo history)."""
        from colorlab.hints import hex_color

        if not 0 <= index < len(self.hints):
            raise IndexError(f"there is no hint {index + 1}: there are {len(self.hints)}.")
        self._remember()
        x, y, _ = self.hints[index]
        self.hints[index] = (x, y, hex_color(color))

    def likely_colors(self, x: int, y: int, k: int = 5) -> list[str]:
        """The photo model's ``k`` likeliest colors at column ``x``, row ``y``, as "#rrggbb".

        Read from the frozen photo model inside the hint model: its probabilities over the
        color bins (lesson 09) at that place, the likeliest first, each shown at the
        photo's own lightness there. An empty list when the photo model has no bins.
        """
        if self._probs is None:
            self._probs = _bin_probabilities(self.model, self.photo)
        probs, bins = self._probs
        if probs is None:
            return []
        h, w_ = self.shape
        row = min(probs.shape[0] - 1, int((y + 0.5) * probs.shape[0] / h))
        col = min(probs.shape[1] - 1, int((x + 0.5) * probs.shape[1] / w_))
        from colorlab.color import lab_to_rgb, lightness
        from colorlab.hints import hex_color

        L = float(lightness(self.photo[y : y + 1, x : x + 1])[0, 0, 0])
        top = np.argsort(probs[row, col])[::-1][: int(k)]
        lab = np.array([[[L, *bins[i]] for i in top]], np.float32)
        return [hex_color(tuple(int(round(v * 255)) for v in c)) for c in lab_to_rgb(lab)[0]]

    def undo(self) -> bool:
        """Undo the last change; False when there is nothing to undo."""
        if not self._history:
            return False
        self.hints, self.like, self.like_file = self._history.pop()
        return True

    def _colorize(self, rgb, scale: float):
        from colorlab.colorize import colorize

        h, w_ = rgb.shape[:2]
        points = [
            (min(w_ - 1, int(x * scale)), min(h - 1, int(y * scale)), c) for x, y, c in self.hints
        ]
        return colorize(self.model, rgb, hints=points, like=self.like), points

    def preview(self, markers: bool = False) -> np.ndarray:
        """The photo colored with the hints at the preview's size (markers on the hints)."""
        h, w_ = self.shape
        sh, sw = self.small.shape[:2]
        colored, points = self._colorize(self.small, min(sh / h, sw / w_))
        return draw_markers(colored, points) if markers else colored

    def result(self) -> np.ndarray:
        """The photo colored with the hints at its full size."""
        return self._colorize(self.photo, 1.0)[0]

    def save(self, folder) -> tuple[Path, Path]:
        """Write the full-size result and the hints (JSON) to ``folder``, never over a file.

        The names are ``NAME_hints.png`` and ``NAME_hints.json``, then ``NAME_hints_2`` …
        when those exist. A photo or a reference photo given as an array (not a file) is
        saved beside them (``…_photo.png``, ``…_like.png``) so the JSON file names both and
        ``colorlab colorize PHOTO --hints FILE`` can repeat the result.
        """
        from colorlab.hints import save_hints
        from colorlab.images import save_image

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        png, js = _free(folder, self.name)
        like_file, photo_file = self.like_file, self.photo_file
        if self.like is not None and like_file is None:
            like_file = save_image(self.like, png.with_name(png.stem + "_like.png"))
        if photo_file is None:
            photo_file = save_image(self.photo, png.with_name(png.stem + "_photo.png"))
        save_image(self.result(), png)
        save_hints(js, self.hints, self.shape, photo=photo_file, like=like_file)
        return png, js


def hint_painter(model, photo, out_dir="outputs/hints", like=None, name=None) -> w.VBox:
    """Click on the photo to give a color there; the photo is colorized again at once.

    A color picker sets the color of the next click; after a click, swatches of the photo
    model's likeliest colors at that place (:meth:`HintSession.likely_colors`) recolor it.
    The hints are listed, each with a ✕ that removes it; Undo takes back the last change
    and Clear removes every hint. "Color it like…" uploads a reference photo whose overall
    color the result takes. Save writes the
    full-size result and the hints (a JSON file that ``colorlab colorize PHOTO --hints
    FILE`` reads) to ``out_dir``, never over an existing file.

    Parameters
    ----------
    model : keras.Model
        A hint model (``cl.load_model("hints")``).
    photo : numpy.ndarray or str or os.PathLike
        The photo (its own colors are ignored), or its file.
    out_dir : str or os.PathLike
        The folder Save writes to.
    like : numpy.ndarray or str or os.PathLike, optional
        A reference photo to start with.
    name : str, optional
        The name results are saved under (default: the file's, or ``"photo"``).

    Returns
    -------
    ipywidgets.VBox
        The widget; its parts are kept as ``box.view`` (the picture), ``box.color`` (the
        ColorPicker), ``box.palette`` (the likely colors), ``box.hint_list``,
        ``box.undo``, ``box.clear``, ``box.save``,
        ``box.like`` (the upload), ``box.readout`` (one line of text), ``box.session``
        (the :class:`HintSession`) and ``box.click(x, y)`` (what a click at the picture's
        pixel x, y does).

    Examples
    --------
    >>> from colorlab.models import hint_photo_model, pretrained_photo_model, stand_in_backbone
    >>> model = hint_photo_model(pretrained_photo_model(stand_in_backbone(2), width=2)[1])
    >>> box = hint_painter(model, np.full((40, 60, 3), 0.5))
    >>> box.click(30, 20); box.session.hints
    [(30, 20, '#1e90ff')]
    """
    from ipyevents import Event

    session = HintSession(model, photo, like=like, name=name)
    view = picture_view(min(PREVIEW_SIDE, session.small.shape[1]))
    view.format = "jpeg"
    color = w.ColorPicker(value="#1e90ff", description="color", concise=False)
    undo = w.Button(description="Undo", icon="undo", layout=w.Layout(width="90px"))
    clear = w.Button(description="Clear", icon="trash", layout=w.Layout(width="90px"))
    save = w.Button(description="Save", icon="save", button_style="success")
    like_upload = w.FileUpload(accept="image/*", multiple=False, description="Color it like…")
    no_like = w.Button(description="no reference", layout=w.Layout(width="110px"))
    hint_list = w.VBox()
    palette = w.HBox()
    readout = w.HTML()
    out_dir = Path(out_dir)

    def refresh(message: str = "") -> None:
        start = time.perf_counter()
        show_png(view, to_jpeg(session.preview(markers=True)))
        seconds = time.perf_counter() - start
        rows = []
        for i, (x, y, c) in enumerate(session.hints):
            swatch = w.HTML(
                f'<span style="display:inline-block;width:18px;height:18px;background:{c};'
                f'border:1px solid #000;vertical-align:middle"></span> {i + 1}: ({x}, {y}) {c}'
            )
            drop = w.Button(
                description="✕", tooltip=f"remove hint {i + 1}", layout=w.Layout(width="36px")
            )
            drop.on_click(lambda _, i=i: (session.remove(i), forget_palette(), refresh()))
            rows.append(w.HBox([swatch, drop]))
        hint_list.children = rows
        like_text = "" if session.like is None else ", like the reference photo"
        count = len(session.hints)
        readout.value = (
            f"{count} hint{'s' if count != 1 else ''}{like_text} · colored in {seconds:.2f} s"
            + (f" · {message}" if message else "")
        )

    def show_palette(px: int, py: int) -> None:
        """Swatches of the photo model's likeliest colors where the last hint is."""
        swatches = []
        for c in session.likely_colors(px, py):
            b = w.Button(tooltip=f"give the last hint {c}", layout=w.Layout(width="32px"))
            b.style.button_color = c

            def use(_, c=c):
                color.value = c
                session.recolor(len(session.hints) - 1, c)
                refresh(f"last hint: {c}")

            b.on_click(use)
            swatches.append(b)
        label = "the photo model's likely colors there:" if swatches else ""
        palette.children = [w.HTML(label), *swatches] if swatches else []

    def click(x, y) -> None:
        try:
            px, py = session.add_on_preview(x, y, color.value)
        except ValueError as exc:
            readout.value = f"✗ {exc}"
            return
        refresh()
        show_palette(px, py)

    def on_event(event: dict) -> None:
        if event.get("type") == "click" and "dataX" in event:
            click(event["dataX"], event["dataY"])

    def forget_palette() -> None:
        # The swatches recolor the last hint added by a click; once the list has changed
        # otherwise, "the last hint" may be another one, so they go.
        palette.children = []

    def on_undo(_=None):
        undone = session.undo()
        forget_palette()
        refresh("" if undone else "nothing to undo")

    def on_clear(_=None):
        session.clear()
        forget_palette()
        refresh()

    def on_save(_=None):
        try:
            png, js = session.save(out_dir)
        except (OSError, ValueError) as exc:  # a read-only folder, a full disk …
            readout.value = f"✗ not saved: {exc}"
            return
        refresh(f"saved {png} and {js.name}")

    def on_like(change=None):
        import tempfile

        from colorlab.errors import ImageError
        from colorlab.images import load_image

        try:
            for item in like_upload.value:
                suffix = Path(item["name"]).suffix or ".png"
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / ("reference" + suffix)
                    path.write_bytes(bytes(item["content"]))
                    try:
                        session.set_like(load_image(path), item["name"])
                    except ImageError as exc:
                        problem = str(exc).replace(str(path), "the file")
                        readout.value = f"✗ {item['name']}: {problem}"
                        return
                refresh(f"colored like {item['name']}")
        finally:
            # Forget the upload, so that choosing the same file again (after "no
            # reference") is a change the widget sees.
            if like_upload.value:
                like_upload.value = ()

    def on_no_like(_=None):
        if session.like is not None:
            session.set_like(None)
        refresh()

    events = Event(source=view, watched_events=["click"])
    events.on_dom_event(on_event)
    undo.on_click(on_undo)
    clear.on_click(on_clear)
    save.on_click(on_save)
    no_like.on_click(on_no_like)
    like_upload.observe(on_like, names="value")
    refresh("click on the photo to give a color there")
    controls = w.VBox(
        [
            color,
            palette,
            wrap_row([undo, clear, save]),
            wrap_row([like_upload, no_like]),
            w.HTML("<b>hints</b> (✕ removes one)"),
            hint_list,
        ],
        layout=w.Layout(min_width="260px"),
    )
    box = w.VBox([wrap_row([view, controls]), readout])
    box.view, box.color, box.hint_list, box.readout = view, color, hint_list, readout
    box.palette = palette
    box.undo, box.clear, box.save, box.like, box.no_like = undo, clear, save, like_upload, no_like
    box.session, box.click, box.events = session, click, events
    return box
