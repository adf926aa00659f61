"""Appendices 2, 4 and 5 as the source text gives them: every label, hint and line.

Read from ``fixtures/source.txt``, so that no test retypes the templates: each
tab-separated cell and each line of the appendix (its HTML tags dropped) is
one string that the definitions, the documents and the pages must hold.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SOURCE = Path(__file__).parent / "fixtures" / "source.txt"
TITLES = {
    "appendix-2": "Appendix 2: Initial triage and review template for risk stratification used by NHSE SIPS team when performance concerns are raised",
    "appendix-4": "Appendix 4: Lessons learnt and system improvement review template",
    "appendix-5": "Appendix 5: Template used to keep practitioner updated regarding outcome of PAG/PSG formal discussions",
}
END = "Download template"
_TAG = re.compile(r"<[^>]+>")


def normalise(text: str) -> str:
    """Single spaces, no spaces at either end."""
    return " ".join(text.split())


def plain(text: str) -> str:
    """The source's Markdown emphasis (``**bold**``, ``*italic*``) dropped."""
    return text.replace("**", "").replace("*", "")


@cache
def line_numbers(key: str) -> tuple[int, int]:
    """The first and last source lines (1-based) of the appendix's template, after its title."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = lines.index(TITLES[key]) + 1
    return start + 1, lines.index(END, start)


def block(key: str) -> tuple[str, ...]:
    """The appendix's lines after its title, up to its "Download template" line."""
    first, last = line_numbers(key)
    return tuple(SOURCE.read_text(encoding="utf-8").splitlines()[first - 1 : last])


def _clean(text: str) -> str:
    return normalise(_TAG.sub(" ", text).replace(" )", ")").replace("( ", "("))


def text(key: str) -> str:
    """The appendix's template as one string: cells and lines joined by spaces, tags dropped."""
    return _clean(" ".join(cell for line in block(key) for cell in line.split("\t") if "<table" not in cell))


@cache
def strings(key: str) -> tuple[str, ...]:
    """Every cell and line of the appendix's template, tags dropped, in order, each once.

    Appendix 2's risk rating is given twice (as an HTML table, then as its
    cells): the HTML copy is left out. A list item's Markdown marker stays out
    (``1. What is ...`` keeps its number, which is the source's text).
    """
    found: list[str] = []
    for line in block(key):
        for cell in line.split("\t"):
            if "<table" in cell:
                continue
            cleaned = _clean(cell)
            if cleaned and cleaned not in found:
                found.append(cleaned)
    return tuple(found)
