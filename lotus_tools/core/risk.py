"""Scoring risks as Appendix 3 says: C (consequence) x L (likelihood) = R (risk score).

Standard library only: this module also runs in the reader's browser (Pyodide).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lotus_tools.core import scales
from lotus_tools.core.errors import ReaderError

ACHIEVABLE_SCORES: tuple[int, ...] = tuple(sorted({c * lk for c in scales.LEVELS for lk in scales.LEVELS}))
"""Every score the 5x5 matrix can give: 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25."""


SHOWN = 40
"""At most this many characters of a reader's or author's value are quoted back in a message."""


def shown(value: object) -> str:
    """``value`` as a message quotes it: its repr, cut to its first 40 characters."""
    try:
        text = repr(value)
    except ValueError:  # an int too long for Python to write out (over 4,300 digits)
        return "a number too long to show"
    return f"{text[:SHOWN]}…" if len(text) > SHOWN else text


def _some(words: Sequence[str], most: int = 3) -> str:
    """The first ``most`` of ``words``, then how many more: ``'a', 'b', 'c' and 9,997 more``."""
    rest = f" and {len(words) - most:,} more" if len(words) > most else ""
    return ", ".join(words[:most]) + rest


class RiskError(ReaderError):
    """Bad input to the scoring: the message names the field and what it allows, in plain English."""


def _level(field: str, value: object) -> int:
    """``value`` as a level of ``field`` ("likelihood" or "consequence"), or a RiskError."""
    rows = scales.LIKELIHOODS if field == "likelihood" else scales.CONSEQUENCES
    if isinstance(value, bool) or not isinstance(value, int) or value not in scales.LEVELS:
        allowed = ", ".join(f"{row.level} ({row.name})" for row in rows)
        raise RiskError(field, f"The {field} must be a whole number from 1 to 5: {allowed}; it was {shown(value)}.")
    return value


def score(likelihood: int, consequence: int) -> int:
    """The risk score R = C x L of a likelihood and a consequence level (each 1-5)."""
    return _level("likelihood", likelihood) * _level("consequence", consequence)


def likelihood_from_probability(percent: object) -> int:
    """The Table 1 likelihood level of a probability given in percent (0 to 100).

    Where the source's ranges meet, a boundary belongs to the range that starts
    at it: 0.1% is Unlikely, 1% Possible, 10% Likely. The one exception is 50%,
    which is Likely, because the source gives Almost certain as ">50%".
    """
    if (
        isinstance(percent, bool)
        or not isinstance(percent, (int, float))
        or (isinstance(percent, float) and math.isnan(percent))
    ):
        raise RiskError(
            "probability", f"The probability must be a number of percent from 0 to 100; it was {shown(percent)}."
        )
    if not 0 <= percent <= 100:
        raise RiskError("probability", f"The probability must be from 0 to 100 percent; it was {shown(percent)}.")
    top = scales.LIKELIHOODS[-1]
    if percent > top.lowest_percent:
        return top.level
    return max(row.level for row in scales.LIKELIHOODS[:-1] if row.lowest_percent <= percent)


@dataclass(frozen=True)
class Band:
    """A named band of risk scores, with its colour (Green, Amber or Red)."""

    name: str
    colour: str
    lowest: int
    highest: int
    guidance: str = ""
    """An organisation's own words on what this band means for them (optional)."""

    def holds(self, risk_score: int) -> bool:
        """Whether ``risk_score`` is in this band."""
        return self.lowest <= risk_score <= self.highest

    @property
    def label(self) -> str:
        """The band in words, e.g. ``"high risk (Amber)"``."""
        return f"{self.name} ({self.colour})"


COLOURS: tuple[str, ...] = ("Green", "Amber", "Red")


@dataclass(frozen=True)
class BandPolicy:
    """Bands that hold every achievable score exactly once, lowest band first.

    Colours never go down as scores rise (Green, then Amber, then Red).
    """

    bands: tuple[Band, ...]

    def __post_init__(self) -> None:
        if not self.bands:
            raise RiskError("risk_bands", "The risk-band policy needs at least one band.")
        for band in self.bands:
            if band.colour not in COLOURS:
                raise RiskError(
                    "risk_bands",
                    f"The band {shown(band.name)} has colour {shown(band.colour)}; a colour must be one of "
                    f"{', '.join(COLOURS)}.",
                )
        gaps = [s for s in ACHIEVABLE_SCORES if not any(b.holds(s) for b in self.bands)]
        overlaps = [s for s in ACHIEVABLE_SCORES if sum(b.holds(s) for b in self.bands) > 1]
        empty = [shown(b.name) for b in self.bands if not any(b.holds(s) for s in ACHIEVABLE_SCORES)]
        names = [b.name for b in self.bands]
        problems = []
        if gaps:
            problems.append(f"no band holds the score(s) {', '.join(map(str, gaps))}")
        if overlaps:
            problems.append(f"more than one band holds the score(s) {', '.join(map(str, overlaps))}")
        if empty:
            problems.append(f"the band(s) {_some(empty)} hold no score the 5x5 matrix can give")
        if len(set(names)) < len(names):
            problems.append("two bands have the same name")
        if [b.lowest for b in self.bands] != sorted(b.lowest for b in self.bands):
            problems.append("the bands must be listed lowest scores first")
        elif [COLOURS.index(b.colour) for b in self.bands] != sorted(COLOURS.index(b.colour) for b in self.bands):
            problems.append(f"colours must not go down as scores rise ({', '.join(COLOURS)})")
        if problems:
            raise RiskError("risk_bands", f"The risk-band policy is not valid: {'; '.join(problems)}.")

    def band(self, risk_score: int) -> Band:
        """The band that holds ``risk_score``."""
        if risk_score not in ACHIEVABLE_SCORES:
            raise RiskError("score", f"{shown(risk_score)} is not a score the 5x5 matrix can give.")
        return next(b for b in self.bands if b.holds(risk_score))

    @classmethod
    def from_config(cls, entries: Iterable[Mapping[str, object]]) -> BandPolicy:
        """A policy from ``mkdocs.yml``'s ``extra.risk_bands`` (name, colour, min, max each)."""
        if isinstance(entries, (str, Mapping)) or not isinstance(entries, Iterable):
            raise RiskError("risk_bands", f"The risk bands must be a list of bands; got {shown(entries)}.")
        bands = []
        for entry in entries:
            fields = [entry.get(key) for key in ("name", "colour", "min", "max")] if isinstance(entry, Mapping) else []
            match fields:
                case [str(name), str(colour), int(lowest), int(highest)] if not (
                    isinstance(lowest, bool) or isinstance(highest, bool)
                ):
                    pass
                case _:
                    raise RiskError(
                        "risk_bands",
                        "Each risk band needs a name, a colour, and a min and a max score as whole numbers; "
                        f"got {shown(entry)}.",
                    )
            if not name.strip():
                raise RiskError(
                    "risk_bands", f"Each risk band needs a name that readers see, like 'high risk'; got {shown(entry)}."
                )
            unknown = sorted(str(key)[:SHOWN] for key in set(entry) - {"name", "colour", "min", "max", "guidance"})
            if unknown:
                raise RiskError(
                    "risk_bands",
                    f"The band {shown(name)} has {_some(unknown)}; a band has only name, colour, min, max "
                    "and guidance.",
                )
            guidance = entry.get("guidance", "")
            if not isinstance(guidance, str):
                raise RiskError("risk_bands", f"The guidance of the band {shown(name)} must be text.")
            bands.append(Band(name, colour, lowest, highest, guidance))
        return cls(tuple(bands))

    def as_config(self) -> list[dict[str, object]]:
        """The policy in the form :meth:`from_config` reads."""
        return [
            {
                "name": b.name,
                "colour": b.colour,
                "min": b.lowest,
                "max": b.highest,
                **({"guidance": b.guidance} if b.guidance else {}),
            }
            for b in self.bands
        ]


NPSA_2008 = BandPolicy(
    (
        Band("low risk", "Green", 1, 3),
        Band("moderate risk", "Green", 4, 6),
        Band("high risk", "Amber", 8, 12),
        Band("extreme risk", "Red", 15, 25),
    )
)
"""The default policy: the NPSA 2008 risk grading, mapped to the template's Green/Amber/Red."""


@dataclass(frozen=True)
class Risk:
    """One risk as the reader defines it (Appendix 3, instructions 1-4)."""

    description: str
    domain: str | None
    """A Table 3 domain key; None only for a score on its own (see :func:`make_risk`)."""
    consequence: int
    likelihood: int
    factors: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AssessedRisk:
    """A risk with its score and band."""

    risk: Risk
    score: int
    band: Band

    @property
    def summary(self) -> str:
        """E.g. ``"Moderate (3) x Likely (4) = 12: high risk (Amber)"``: C x L = R, as Appendix 3 writes it."""
        c_row = scales.consequence(self.risk.consequence)
        l_row = scales.likelihood(self.risk.likelihood)
        return f"{c_row.name} ({c_row.level}) x {l_row.name} ({l_row.level}) = {self.score}: {self.band.label}"


@dataclass(frozen=True)
class Assessment:
    """Every risk assessed, and the overall rating."""

    risks: tuple[AssessedRisk, ...]

    @property
    def overall(self) -> AssessedRisk:
        """The risk with the highest score; of risks with equal scores, the first entered."""
        return max(self.risks, key=lambda r: r.score)


def _domain(value: object, required: bool) -> str | None:
    """``value`` as a Table 3 domain key (None if not ``required`` and not given), or a RiskError."""
    if (value is None and not required) or (isinstance(value, str) and value in [d.key for d in scales.DOMAINS]):
        return value
    allowed = "; ".join(f"{d.key} ({d.name})" for d in scales.DOMAINS)
    raise RiskError("domain", f"The consequence domain must be one of: {allowed}; it was {shown(value)}.")


def make_risk(entry: Mapping[str, object], *, domain_required: bool = True) -> Risk:
    """A validated :class:`Risk` from a mapping of the reader's entries.

    Keys: ``domain`` (a Table 3 domain key; optional only where
    ``domain_required`` is False, as for a bare score), ``consequence`` (1-5),
    and ``likelihood`` (1-5) or, where no likelihood is given, ``probability``
    (percent); optional ``description`` and ``factors`` (contributory factor
    key -> notes).
    """
    if not isinstance(entry, Mapping):
        raise RiskError(
            "risks", f"Each risk must be a set of named entries (description, consequence, ...); got {shown(entry)}."
        )
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise RiskError("description", "The description of the risk must be text.")
    domain = _domain(entry.get("domain"), domain_required)
    consequence = _level("consequence", entry.get("consequence"))
    if entry.get("likelihood") is not None:
        likelihood = _level("likelihood", entry["likelihood"])
    elif entry.get("probability") is not None:
        likelihood = likelihood_from_probability(entry["probability"])
    else:
        raise RiskError("likelihood", "Choose a likelihood from 1 to 5, or give a probability from 0 to 100 percent.")
    factors = entry.get("factors") or {}
    if not isinstance(factors, Mapping):
        raise RiskError("factors", "The contributory factors must map each factor to its notes.")
    known = {f.key for f in scales.CONTRIBUTORY_FACTORS}
    for key, notes in factors.items():
        if key not in known:
            raise RiskError(
                "factors", f"Unknown contributory factor {shown(key)}; the factors are: {', '.join(sorted(known))}."
            )
        if not isinstance(notes, str):
            raise RiskError("factors", f"The notes on {shown(key)} must be text.")
    return Risk(description, domain, consequence, likelihood, dict(factors))


def assess(
    entries: Sequence[Mapping[str, object]], policy: BandPolicy = NPSA_2008, *, domain_required: bool = True
) -> Assessment:
    """Score and band one or more risks (see :func:`make_risk` for each entry's keys)."""
    if not entries:
        raise RiskError("risks", "Add at least one risk to assess.")
    assessed = []
    for entry in entries:
        risk = make_risk(entry, domain_required=domain_required)
        risk_score = score(risk.likelihood, risk.consequence)
        assessed.append(AssessedRisk(risk, risk_score, policy.band(risk_score)))
    return Assessment(tuple(assessed))


def risk_answer(item: AssessedRisk) -> dict[str, Any]:
    """One scored risk as the page and the command line's ``--json`` give it."""
    given = item.risk
    return {
        "description": given.description,
        "domain": {"key": given.domain, "name": scales.domain(given.domain).name} if given.domain else None,
        "consequence": {"level": given.consequence, "name": scales.consequence(given.consequence).name},
        "likelihood": {"level": given.likelihood, "name": scales.likelihood(given.likelihood).name},
        "factors": dict(given.factors),
        "score": item.score,
        "band": {
            "name": item.band.name,
            "colour": item.band.colour,
            "label": item.band.label,
            "min": item.band.lowest,
            "max": item.band.highest,
            "guidance": item.band.guidance,
        },
        "summary": item.summary,
    }
