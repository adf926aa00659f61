"""The triage record's Appendix 3 part: every risk scored, the overall rating, and how it was set.

The calculator's record is the Appendix 2 template filled in, followed by this
part: a table per risk (its description, domain, consequence, likelihood,
score, band and contributory-factor notes), then the overall rating (this
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
from lotus_tools.core.risk import Assessment, AssessedRisk, RiskError
from lotus_tools.core.templates import RATING_COLOURS

HEADING = "Risks scored with the Appendix 3 scoring guide"
OVERALL = "Overall rating (the highest score)"
BY_HAND = "Risk rating set by hand"
REASON = "Reason for setting the rating by hand"
MADE = "Record made"
NO_NOTES = "No notes"
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



def _factor_notes(item: AssessedRisk) -> list[tuple[str, str]]:
    return [(f.name, item.risk.factors.get(f.key, "")) for f in scales.CONTRIBUTORY_FACTORS]


def rating_values(assessment: Assessment, override: Override | None) -> dict[str, str]:
    """Appendix 2's "Risk Rating (with score)" fields from the overall rating: C x L = R always holds."""
    overall = assessment.overall
    return {
        "rating": override.colour if override else overall.band.colour,
        "consequence": str(overall.risk.consequence),
        "likelihood": str(overall.risk.likelihood),
        "score": str(overall.score),
    }


def section(assessment: Assessment, override: Override | None, made: str) -> str:
    """The Appendix 3 part of the record as WordprocessingML, to go after the template's own body."""
    ident = FIRST_BOOKMARK
    parts = [wordml.paragraph(wordml.run(HEADING), "Heading2")]

    def marked(name: str, text: str) -> str:
        nonlocal ident
        ident += 1
        return wordml.bookmark(ident, name, wordml.run(text) if text else "")

    for number, item in enumerate(assessment.risks, start=1):
        risk = item.risk
        consequence, likelihood = scales.consequence(risk.consequence), scales.likelihood(risk.likelihood)
        prefix = f"risk_{number}_"
        rows = [
            ("Adverse consequence", marked(prefix + "description", risk.description)),
            ("Consequence domain", marked(prefix + "domain", scales.domain(risk.domain).name if risk.domain else "")),
            ("Consequence (C)", marked(prefix + "consequence", consequence.label)),
            ("Likelihood (L)", marked(prefix + "likelihood", likelihood.label)),
            ("Risk score (R = C x L)", wordml.run(f"{item.score}")),
            ("Risk band", wordml.run(item.band.label)),
        ]
        rows += [
            (f"Contributory factor: {name}", marked(f"{prefix}factor_{key}", notes) or wordml.run(NO_NOTES))
            for (name, notes), key in zip(_factor_notes(item), (f.key for f in scales.CONTRIBUTORY_FACTORS))
        ]
        parts.append(wordml.paragraph(wordml.run(f"Risk {number}: {item.summary}", bold=True)))
        parts.append(wordml.table(rows))
        parts.append(wordml.paragraph(""))
    overall = assessment.overall
    position = assessment.risks.index(overall) + 1
    rows = [(OVERALL, wordml.run(f"Risk {position}: {overall.summary}"))]
    if override:
        rows.append((BY_HAND, marked("rating_by_hand", override.colour)))
        rows.append((REASON, marked("rating_reason", override.reason)))
    rows.append((MADE, wordml.run(made)))
    parts.append(wordml.table(rows))
    return "".join(parts)


def _level(text: str) -> int | None:
    match = _LEVEL.match(text)
    return int(match["level"]) if match else None


def read_risks(marks: Mapping[str, str]) -> list[dict[str, object]]:
    """The risks of a record as the calculator's entries, from its bookmarks' text."""
    numbers = sorted({int(m["number"]) for m in map(_RISK_KEY.match, marks) if m})
    domains = {d.name: d.key for d in scales.DOMAINS}
    risks = []
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

