"""The course map (lessons in order, what each teaches, how long each takes) and where it lives.

:func:`course_root` is the one answer to "where is the course?": ``colorlab lab``, the
student set, the setup check and the exercises all ask it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Lesson:
    """One notebook of the course."""

    number: int
    slug: str
    title: str
    minutes: int  # time a learner needs to work through it (reading + exercises)
    from_article: bool

    @property
    def file(self) -> str:
        return f"{self.number:02d}_{self.slug}.ipynb"


LESSONS: tuple[Lesson, ...] = (
    Lesson(0, "start_here", "Start here: check your setup, see the map", 10, False),
    Lesson(1, "pixel_grids", "A B&W photo is a grid of numbers", 15, True),
    Lesson(2, "rgb_layers", "Color photos have three layers", 15, True),
    Lesson(3, "lab_color_space", "Lab: lightness apart from color", 20, True),
    Lesson(4, "normalization", "Scaling ab to [-1, 1] for tanh", 15, True),
    Lesson(5, "tanh_convnet", "A convolutional network with a tanh head", 30, True),
    Lesson(6, "reconstruction", "From the network's output back to a photo", 20, True),
    Lesson(7, "many_photos", "From one photo to many: generalizing", 30, False),
    Lesson(8, "global_features", "Global features: seeing the whole scene", 25, False),
    Lesson(9, "beyond_brown", "Beyond brown: colorization as classification", 30, False),
    Lesson(10, "your_photos", "Colorize your own photos", 20, False),
    Lesson(11, "photo_model", "The photo model, and fine-tuning it on your photos", 25, False),
    Lesson(12, "your_hints", "Your hints: color a photo the way it was", 25, False),
)


#: The lesson every course folder starts with: how :func:`course_root` recognizes one.
START = Path("notebooks") / "00_start_here.ipynb"


def course_root() -> Path:
    """The course folder: the current folder or the nearest above it that holds the lessons.

    A copy of the course (a workshop folder on a USB stick, the student set's course) is
    found from inside it; anywhere else, the checkout the package was installed from.

    Returns
    -------
    pathlib.Path
        The first of the current folder and its parents that holds
        ``notebooks/00_start_here.ipynb`` (:data:`START`); if none does, the folder above
        the installed package.

    Examples
    --------
    >>> (course_root() / "notebooks").is_dir()
    True
    """
    try:
        here = Path.cwd()
    except FileNotFoundError:  # the current folder was deleted: the checkout still is
        return Path(__file__).resolve().parents[1]
    for folder in (here, *here.parents):
        if (folder / START).is_file():
            return folder
    return Path(__file__).resolve().parents[1]


def notebooks_dir() -> Path:
    """The course's ``notebooks/`` folder: the lessons with their solutions.

    Returns
    -------
    pathlib.Path
        ``notebooks/`` inside :func:`course_root`.

    Examples
    --------
    >>> notebooks_dir().name
    'notebooks'
    """
    return course_root() / "notebooks"


def course_map() -> str:
    """The course map as a Markdown table (lesson, what it teaches, minutes, source).

    Returns
    -------
    str
        The table: a header, one row per lesson of :data:`LESSONS`, and a last row with the
        total minutes.

    Examples
    --------
    >>> print(course_map().splitlines()[0])
    | # | notebook | you learn | minutes | from the article? |
    """
    rows = ["| # | notebook | you learn | minutes | from the article? |", "|---|---|---|---|---|"]
    for lesson in LESSONS:
        source = "yes" if lesson.from_article else ("–" if lesson.number == 0 else "beyond it")
        rows.append(
            f"| {lesson.number} | `{lesson.file}` | {lesson.title} | {lesson.minutes} | {source} |"
        )
    total = sum(lesson.minutes for lesson in LESSONS)
    rows.append(f"| | | **total** | **{total}** | |")
    return "\n".join(rows)
