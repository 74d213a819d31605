"""Every listed term is explained, in or before the first lesson that uses it.

A learner alone meets a word such as "bottleneck" or "ΔCF" and has nobody to ask. Each term
below has a pattern for its use (in any cell: text, code or comment) and one for its
explanation: the term in bold or italics where the text says what it is. The first lesson
that explains it must not come after the first lesson that uses it.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

#: term: (regex of a use, regex of its explanation in markdown).
GLOSSARY = {
    "the article": (r"\bthe article\b", r'says "the article", it means'),
    "filter": (r"\bfilters?\b", r"\*\*filters\*\*|\*filter\*"),
    "weights": (r"\bweights?\b", r"\*\*weights\*\*"),
    "kernel (of a convolution)": (r"\bkernel_size\b|\bkernel\b(?! called)", r"\*\*kernel\*\*"),
    "padding": (r"\bpadding\b", r"\*\*padding\*\*"),
    "activation": (r"\bactivation\b", r"\*\*activation\*\*"),
    "ReLU": (r"\bReLU\b|\brelu\b", r"\*\*ReLU\*\*"),
    "tanh": (r"\btanh\b", r"\*\*tanh\*\*"),
    "loss": (r"\bloss\b", r"\*\*loss\*\*"),
    "epoch": (r"\bepochs?\b", r"\*epoch\*"),
    "bottleneck": (r"\bbottleneck\b", r"\*\*bottleneck\*\*"),
    "PSNR": (r"\bPSNR\b", r"\*\*PSNR\*\*"),
    "colorfulness (CF)": (r"\bcolorfulness\b|\bCF\b", r"\*\*colorfulness\*\*|\*\*Colorfulness\*\*"),
    "ΔCF": (r"ΔCF|delta_cf", r"\*\*ΔCF\*\*"),
    "AuC": (r"\bAuC\b|\bauc\b", r"\*\*AuC\*\*"),
    "inside the graph": (r"inside the graph|in-graph", r"\*\*inside the graph\*\* \("),
    "validation": (r"\bvalidation\b", r"\*\*validation\*\*"),
    "receptive field": (r"receptive field", r"\*receptive field\*"),
    "frozen": (r"\bfrozen\b", r"\*\*frozen\*\*"),
    "backbone": (r"\bbackbone\b", r"\*\*backbone\*\*"),
    "ImageNet": (r"\bImageNet\b", r"\*\*ImageNet\*\*"),
    "gamut": (r"\bgamut\b", r"\*\*gamut\*\*"),
    "Gaussian": (r"\bGaussian\b", r"\*\*Gaussian\*\*"),
    "logit": (r"\blogits?\b", r"\*\*logit\*\*"),
    "softmax": (r"\bsoftmax\b", r"\*\*softmax\*\*"),
    "cross-entropy": (r"cross-entropy|CrossEntropy", r"\*\*cross-entropy\*\*"),
    "working size": (r"working size|working_size", r"\*\*working size\*\*"),
    "neural network": (r"\bneural network", r"\*\*neural network\*\*"),
    "Keras": (r"\bKeras\b|\bkeras\b", r"\*\*Keras\*\*"),
    "TensorFlow": (r"\bTensorFlow\b|\btensorflow\b", r"\*\*TensorFlow\*\*"),
    "histogram": (r"\bhistograms?\b", r"\*\*histograms?\*\*"),
    "bias": (r"\bbias(es)?\b", r"\*\*bias\*\*"),
    "optimizer": (r"\boptimi[sz]er\b", r"\*\*optimizer\*\*"),
    "RMSprop": (r"RMSprop|rmsprop", r"\*\*RMSprop\*\*"),
    "Adam": (r"\bAdam\b", r"\*\*It uses Adam\*\*|\*\*Adam\*\*"),
    "learning rate": (r"learning.rate", r"\*\*learning rate\*\*"),
    "callback": (r"\bcallbacks?\b", r"\*\*callback\*\*"),
    "overfitting": (r"\boverfit", r"\*\*overfitting\*\*"),
    "head": (r"\bhead\b", r"\*\*head\*\*"),
    "regression": (r"\bregression\b", r"\*\*regression\*\*"),
    "model card": (r"\bmodel cards?\b", r"\*\*model cards?\*\*"),
    "standard deviation": (r"standard deviation|\bstd\b", r"\*\*standard deviation\*\*"),
    "fine-tune": (r"\bfine-tun", r"\*\*fine-tune\*\*"),
    "SSIM": (r"\bSSIM\b", r"\| SSIM \| closeness"),
    "cosine schedule": (r"\bcosine\b", r"\*\*cosine\*\*"),
    "Dense layer": (r"\bDense\b", r"\*\*Dense\*\*"),
    "sRGB": (r"\bsRGB\b", r"\*\*sRGB\*\*"),
    "annealed mean": (r"annealed mean|AnnealedMean", r"\*\*annealed mean\*\*"),
    "smoothed shares (p̃)": (r"p̃", r"\*\*smoothed\*\*"),
    "tuning photos": (r"tuning photos", r"\*\*tuning photos\*\*"),
    "padded": (r"\bpadded\b", r"\*\*padded\*\*"),
}


def _first(pattern: str, markdown_only: bool) -> int | None:
    for k, path in enumerate(LESSONS):
        cells = nbformat.read(path, as_version=4).cells
        text = "\n".join(c.source for c in cells if c.cell_type == "markdown" or not markdown_only)
        # The course map in 00 lists lesson titles: a preview, not a use.
        text = re.sub(r"cl\.course\.course_map\(\)", "", text)
        if re.search(pattern.replace(" ", r"\s+"), text):  # a term may wrap lines
            return k
    return None


@pytest.mark.parametrize("term", GLOSSARY)
def test_term_is_explained_before_it_is_used(term):
    use, explanation = GLOSSARY[term]
    first_use = _first(use, markdown_only=False)
    first_explained = _first(explanation, markdown_only=True)
    assert first_use is not None, f"{term!r} is not used in any lesson: drop it from the list"
    assert first_explained is not None, (
        f"{term!r} is used in {LESSONS[first_use].name} but never explained"
    )
    assert first_explained <= first_use, (
        f"{term!r} is used in {LESSONS[first_use].name} but first explained in "
        f"{LESSONS[first_explained].name}"
    )
