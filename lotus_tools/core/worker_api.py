"""The functions the page's Web Worker calls: JSON text in, JSON text (or bytes) out.

Every answer is ``{"ok": true, ...}`` or ``{"ok": false, "field": ..., "message": ...}``
so that the page can show a plain-English message next to the field at fault.
Standard library only: this module runs in Pyodide.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from lotus_tools.core import record, risk, scales


def _answer(compute: Callable[[], dict[str, Any]]) -> str:
    try:
        return json.dumps({"ok": True, **compute()})
    except risk.RiskError as error:
        return json.dumps({"ok": False, "field": error.field, "message": error.message})


def _policy(bands: object) -> risk.BandPolicy:
    if not bands:
        return risk.NPSA_2008
    if not isinstance(bands, list):
        raise risk.RiskError("risk_bands", "The risk-band policy must be a list of bands.")
    return risk.BandPolicy.from_config(bands)


def _assessed(item: risk.AssessedRisk) -> dict[str, Any]:
    return {
        "description": item.risk.description,
        "domain": scales.domain(item.risk.domain).name,
        "likelihood": {"level": item.risk.likelihood, "name": scales.likelihood(item.risk.likelihood).name},
        "consequence": {"level": item.risk.consequence, "name": scales.consequence(item.risk.consequence).name},
        "score": item.score,
        "band": {"name": item.band.name, "colour": item.band.colour, "label": item.band.label},
        "summary": item.summary,
    }


def assess(request: str) -> str:
    """Assess ``{"risks": [...], "policy": [...]}``; see :func:`lotus_tools.core.risk.make_risk`."""

    def compute() -> dict[str, Any]:
        data = json.loads(request)
        risks = data.get("risks")
        if not isinstance(risks, list):
            raise risk.RiskError("risks", "Add at least one risk to assess.")
        assessment = risk.assess(risks, _policy(data.get("policy")))
        return {
            "risks": [_assessed(item) for item in assessment.risks],
            "overall": assessment.risks.index(assessment.overall),
        }

    return _answer(compute)


def likelihood_for_probability(request: str) -> str:
    """The likelihood level of ``{"probability": percent}``, for the probability field."""

    def compute() -> dict[str, Any]:
        level = risk.likelihood_from_probability(json.loads(request).get("probability"))
        return {"level": level, "name": scales.likelihood(level).name}

    return _answer(compute)


def fill_record(template_key: str, blank_docx: bytes, values: str) -> bytes:
    """The blank .docx of ``template_key`` filled with ``values`` (JSON: field key -> text)."""
    return record.fill(template_key, bytes(blank_docx), json.loads(values))
