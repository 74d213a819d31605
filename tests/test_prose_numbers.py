"""Every number a lesson's text states is tied to its code: printed, asserted or set there.

A lesson must never say what its output does not show ("about 25,000 numbers to learn"
above a cell that prints 32,202). So every number in a markdown cell must also appear in
the source of one of the notebook's code cells: as a parameter that makes it true, in an
f-string that prints it, or in an ``assert`` that fails nbval when the claim stops
holding. Numbers that are not claims about an output (lesson numbers, years, the time a
lesson takes, the few constants of the color spaces) are listed below as exceptions.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

NUMBER = re.compile(r"(?<![\w.])[-−]?\d[\d,]*(?:\.\d+)?")
#: Text that holds numbers but no claim about an output.
NOT_CLAIMS = [
    r"`[^`]*`",  # code spans are code
    r"!?\[[^\]]*\]\([^)]*\)",  # links and images (file names, addresses)
    r"\b\d\d_\w+",  # lesson files: 05_tanh_convnet
    r"\b(?:[Ll]essons?|[Ss]ections?|[Ee]xercises?|[Ss]teps?|[Pp]arts?)\s+\d+(?:\s*(?:-|–|and|,)\s*\d+)*",
    r"^#+\s+\d+(?:\.\d+)?\b",  # numbered headings
    r"\*\*Time:\*\*[^.]*\.",  # how long a lesson takes
    r"\*\*Builds on:\*\*[^\n]*",  # which lessons come before
    r"\((?:\d\d(?:-\d\d)?)\)",  # lesson numbers in parentheses: (01), (07-10)
    r"^\s*\d+\.\s",  # ordered-list markers
    r"\b\d+(?:st|nd|rd|th)\b",  # ordinals: every 10th photo
    r"\b(?:19|20)\d\d\b",  # years
    r"\(\d{4}\)",  # a paper's year
    r"\b\d+\s*[×x]\s*\d+(?:\s*[×x]\s*\d+)?\b",  # sizes such as 3×3 or 256 × 256 × 3
]
#: Numbers that are definitions, not measurements: true in every run.
CONSTANTS = {"0", "1", "2", "3", "100", "255", "256", "128", "-128", "127", "0.5", "-1"}
CONSTANTS |= {"0.0", "1.0"}
#: Deliberate exceptions, per lesson: the number and why it is no claim about an output.
EXCEPTIONS = {
    "01_pixel_grids": {"155": "255 − 100, the negative's example"},
    "04_normalization": {"65": "the lightness tanh_explorer draws its swatch at"},
    "05_tanh_convnet": {
        "9": "a 3 × 3 kernel has 9 weights",
        "6": "20·log10(2) ≈ 6 dB: the PSNR fact the text explains",
        "1000": "the article's recipe (1000 epochs), quoted",
        "4": "a width the learner is invited to try",
    },
    "06_reconstruction": {"8": "2³: the network halves the photo three times"},
    "08_global_features": {"30": "half the ~60-pixel view of the lesson network"},
    "10_your_photos": {"150": "the AuC's largest threshold (cl.metrics.AUC_THRESHOLDS)"},
    "11_photo_model": {
        "3000": "an example photo size",
        "12": "12 megapixels, the benchmark's photo size (benchmarks/inference.py)",
        "1000": "the ImageNet sample: one photo for each of 1,000 classes",
        "10": "a GPU is 10-50 times faster: general knowledge, not measured here",
        "50": "a GPU is 10-50 times faster: general knowledge, not measured here",
        "13000": "Imagenette's size, as `colorlab download` lists it",
    },
}


def prose_numbers(text: str) -> list[str]:
    """The numbers in markdown ``text`` that state something, normalized (no thousands commas).

    Example:
        >>> prose_numbers("In lesson 05 (about 20 minutes), `x = 3` gives 32,202 and 0.076.")
        ['20', '32202', '0.076']
    """
    for pattern in NOT_CLAIMS:
        text = re.sub(pattern, " ", text, flags=re.M)
    return [m.replace(",", "").replace("−", "-").rstrip(",") for m in NUMBER.findall(text)]


def code_numbers(source: str) -> set[str]:
    """Every number literal in Python ``source`` (``32_202`` counts as 32202)."""
    return {m.replace("_", "") for m in re.findall(r"(?<![\w.])-?\d[\d_]*(?:\.\d+)?", source)}


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_number_in_the_text_is_tied_to_the_code(path):
    nb = nbformat.read(path, as_version=4)
    code = set().union(*(code_numbers(c.source) for c in nb.cells if c.cell_type == "code"))
    known = code | CONSTANTS | {n.lstrip("-") for n in code} | set(EXCEPTIONS.get(path.stem, {}))
    loose = [
        (k, n)
        for k, cell in enumerate(nb.cells)
        if cell.cell_type == "markdown"
        for n in prose_numbers(cell.source)
        if n not in known and n.lstrip("-") not in known
    ]
    assert not loose, (
        f"{path.name}: numbers in the text that no code cell prints, asserts or sets "
        f"(cell, number): {loose}. Print them with an f-string, guard them with an assert, "
        "or say it without the number."
    )
