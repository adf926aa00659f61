"""Appendix 3 as the source text gives it: its tables and matrix, parsed from the fixture.

The tests compare ``lotus_tools`` data and the built page with these, so nothing
in the appendix is retyped in a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

SOURCE = Path(__file__).parent / "fixtures" / "source.txt"
START = "Appendix 3: Guide to likelihood/severity score for triage assessment"
END = "Appendix 4: Lessons learnt and system improvement review template"


@dataclass(frozen=True)
class Matrix:
    """The 5x5 matrix: row and column labels, and the score in each cell."""

    likelihood_labels: tuple[str, ...]
    severity_labels: tuple[str, ...]
    scores: dict[tuple[int, int], int]
    """(likelihood level, consequence level) -> score, levels counted from 1."""


@cache
def lines() -> tuple[str, ...]:
    """The appendix's lines, from its title to the next appendix's."""
    text = SOURCE.read_text(encoding="utf-8").splitlines()
    start = text.index(START)
    return tuple(text[start : text.index(END, start)])


def _rows_after(header: str) -> list[list[str]]:
    """The tab-separated rows under every occurrence of ``header``, up to a blank line."""
    rows: list[list[str]] = []
    body = lines()
    for index, line in enumerate(body):
        if line == header:
            for row in body[index + 1 :]:
                if not row.strip():
                    break
                rows.append(row.split("\t"))
    return rows


def likelihood_rows() -> list[tuple[str, str, str]]:
    """Table 1 as (name, description, probability), in the source's order."""
    rows = []
    for name, rating in _rows_after("Likelihood\tDescription rating"):
        description, probability = rating.rsplit(" Probability ", 1)
        rows.append((name, description, probability))
    return rows


def factor_rows() -> list[tuple[str, str]]:
    """Table 2 as (factor, explanation)."""
    return [
        (name, explanation) for name, explanation in _rows_after("Contributory factors for likelihood\tExplanation")
    ]


def consequence_rows() -> list[tuple[str, str, str]]:
    """Table 3 as (level name, domain, descriptor), the level carried down its group."""
    rows = []
    level = ""
    for name, domain, descriptor in _rows_after("Consequence level\tConsequence\tDescription rating"):
        level = name or level
        rows.append((level, domain, descriptor))
    return rows


def matrix() -> Matrix:
    """The matrix under "Likelihood / Severity"."""
    header, *body = _rows_after("Likelihood\tSeverity\t\t\t\t")
    scores = {
        (row_index, column_index): int(value)
        for row_index, row in enumerate(body, start=1)
        for column_index, value in enumerate(row[1:], start=1)
    }
    return Matrix(tuple(row[0] for row in body), tuple(header[1:]), scores)


def titles() -> list[str]:
    """The table titles, each once."""
    return list(dict.fromkeys(line for line in lines() if line.startswith("Table ")))


def text() -> str:
    """The appendix's text as one string."""
    return "\n".join(lines())
