"""The triage record's Appendix 3 part: every risk scored, the overall rating, and how it was set.

The calculator's record is the Appendix 2 template filled in, followed by this
part: a table per risk (its description, domain, consequence, likelihood,
score, band and the contributory factors it has notes on), then the overall rating (this
site's rule: the highest score) or the rating the reader set by hand with
their reason, and when the record was made. Each answer sits in a bookmark
(``risk_1_description``, ``risk_1_factor_insight``, ...) so that the record
reads back into the calculator. Standard library only (Pyodide).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lotus_tools.core import scales, wordml
from lotus_tools.core.risk import Assessment, RiskError
from lotus_tools.core.templates import RATING_COLOURS

HEADING = "Risks scored with the Appendix 3 scoring guide"
OVERALL = "Overall rating (the highest score)"
BY_HAND = "Risk rating set by hand"
REASON = "Reason for setting the rating by hand"
MADE = "Record made"
FACTORS = "Contributory factors"
NO_FACTOR_NOTES = "No contributory factor notes"
FIRST_BOOKMARK = 1000
"""Bookmark ids above the blank template's own."""

_RISK_KEY = re.compile(r"^risk_(?P<number>\d{1,3})_(?P<part>[a-z_]+)$")
_LEVEL = re.compile(r"^\s*(?P<level>[1-5])\b")


@dataclass(frozen=True)
class Override:
    """A risk rating the reader set by hand (Appendix 2's Green/Amber/Red), with their reason."""

    colour: str
    reason: str

    @classmethod
    def from_request(cls, value: object) -> Override | None:
        """An override from the page's request (``{"colour", "reason"}``), or None; bad input is a RiskError."""
        if value is None:
            return None
        colours = [name for name, _ in RATING_COLOURS]
        if not isinstance(value, Mapping) or value.get("colour") not in colours:
            raise RiskError("override", f"A rating set by hand must be one of {', '.join(colours)}.")
        reason = value.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise RiskError("override_reason", "Give your reason for setting the rating by hand.")
        return cls(str(value["colour"]), reason)


def rating_note(assessment: Assessment, override: Override | None) -> str:
    """What Appendix 2's rating row says under the score of a rating set by hand (nothing otherwise): the colour
    chosen, the calculator's own overall rating that it replaces, and the reader's reason."""
    if override is None:
        return ""
    overall = assessment.overall
    return (
        f"{override.colour}, set by hand (the calculator's overall rating: {overall.score}, {overall.band.colour}). "
        f"Reason: {override.reason}"
    )


def rating_values(assessment: Assessment, override: Override | None) -> dict[str, str]:
    """Appendix 2's "Risk Rating (with score)" fields from the overall rating: C x L = R always holds."""
    overall = assessment.overall
    return {
        "rating": override.colour if override else overall.band.colour,
        "consequence": str(overall.risk.consequence),
        "likelihood": str(overall.risk.likelihood),
        "score": str(overall.score),
    }


@dataclass(frozen=True)
class Row:
    """A labelled line of the record's Appendix 3 part; ``mark`` names the bookmark it reads back from."""

    label: str
    text: str
    mark: str = ""


@dataclass(frozen=True)
class Table:
    """A table of rows under an optional bold caption."""

    caption: str
    rows: tuple[Row, ...]


def tables(assessment: Assessment, override: Override | None, made: str) -> list[Table]:
    """The Appendix 3 part of the record, one table per risk and one for the overall rating, in any format."""
    found = []
    for number, item in enumerate(assessment.risks, start=1):
        risk = item.risk
        prefix = f"risk_{number}_"
        rows = [
            Row("Adverse consequence", risk.description, prefix + "description"),
            Row("Consequence domain", scales.domain(risk.domain).name if risk.domain else "", prefix + "domain"),
            Row("Consequence (C)", scales.consequence(risk.consequence).label, prefix + "consequence"),
            Row("Likelihood (L)", scales.likelihood(risk.likelihood).label, prefix + "likelihood"),
            Row("Risk score (R = C x L)", str(item.score)),
            Row("Risk band", item.band.label),
        ]
        factors = [
            Row(f"Contributory factor: {f.name}", risk.factors[f.key], f"{prefix}factor_{f.key}")
            for f in scales.CONTRIBUTORY_FACTORS
            if risk.factors.get(f.key, "").strip()
        ]
        rows += factors or [Row(FACTORS, NO_FACTOR_NOTES)]
        found.append(Table(f"Risk {number}: {item.summary}", tuple(rows)))
    overall = assessment.overall
    rows = [Row(OVERALL, f"Risk {assessment.risks.index(overall) + 1}: {overall.summary}")]
    if override:
        rows += [Row(BY_HAND, override.colour, "rating_by_hand"), Row(REASON, override.reason, "rating_reason")]
    rows.append(Row(MADE, made))
    found.append(Table("", tuple(rows)))
    return found


def section(assessment: Assessment, override: Override | None, made: str) -> str:
    """The Appendix 3 part as WordprocessingML, to go after the template's own body."""
    parts = [wordml.paragraph(wordml.run(HEADING), "Heading2")]
    ident = FIRST_BOOKMARK
    for table in tables(assessment, override, made):
        rows = []
        for row in table.rows:
            content = wordml.run(row.text) if row.text else ""
            if row.mark:
                ident += 1
                content = wordml.bookmark(ident, row.mark, content)
            rows.append((row.label, content))
        if table.caption:
            parts.append(wordml.paragraph(wordml.run(table.caption, bold=True), keep_next=True))
        parts += [wordml.table(rows), wordml.paragraph("")]
    return "".join(parts)


def _level(text: str) -> int | None:
    match = _LEVEL.match(text)
    return int(match["level"]) if match else None


def read_risks(marks: Mapping[str, str]) -> list[dict[str, object]]:
    """The risks of a record as the calculator's entries, from its bookmarks' text."""
    numbers = sorted({int(m["number"]) for m in map(_RISK_KEY.match, marks) if m})
    domains = {d.name: d.key for d in scales.DOMAINS}
    risks: list[dict[str, object]] = []
    for number in numbers:
        prefix = f"risk_{number}_"
        factors = {
            f.key: marks[f"{prefix}factor_{f.key}"]
            for f in scales.CONTRIBUTORY_FACTORS
            if marks.get(f"{prefix}factor_{f.key}", "").strip()
        }
        risks.append(
            {
                "description": marks.get(prefix + "description", ""),
                "domain": domains.get(marks.get(prefix + "domain", "").strip()),
                "consequence": _level(marks.get(prefix + "consequence", "")),
                "likelihood": _level(marks.get(prefix + "likelihood", "")),
                "factors": factors,
            }
        )
    return risks


def read_override(marks: Mapping[str, str]) -> dict[str, str] | None:
    """The rating set by hand and its reason, if the record has them."""
    colour = marks.get("rating_by_hand", "").strip()
    if colour not in {name for name, _ in RATING_COLOURS}:
        return None
    return {"colour": colour, "reason": marks.get("rating_reason", "")}
