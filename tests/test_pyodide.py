"""The core package runs unchanged in Pyodide (the reader's browser), here under Node."""

from __future__ import annotations

import json
from pathlib import Path

from tests import pyodide_node

PROGRAM = """
import json
from lotus_tools.core.risk import RiskError, assess
overall = assess([{"likelihood": 4, "consequence": 3, "domain": "safety"}]).overall
try:
    assess([{"likelihood": 6, "consequence": 3, "domain": "safety"}])
    error = None
except RiskError as raised:
    error = raised.field
json.dumps({"summary": overall.summary, "score": overall.score, "band": overall.band.name, "error": error})
"""


def test_likely_by_moderate_is_12_high_risk_in_pyodide(tmp_path: Path) -> None:
    result = json.loads(pyodide_node.run(PROGRAM, tmp_path))
    assert result["summary"] == "Moderate (3) x Likely (4) = 12: high risk (Amber)"
    assert (result["score"], result["band"], result["error"]) == (12, "high risk", "likelihood")


FIRST_SCORE = """
import json, sys
def loaded():
    return sorted(m for m in sys.modules if m.startswith(("lotus_tools.core.", "xml", "pyexpat")))
from lotus_tools.core import worker_api
imported = loaded()
scored = json.loads(worker_api.call("assess", json.dumps({"risks": [{"domain": "financial", "consequence": 3, "likelihood": 4}]})))
after_score = loaded()
worker_api.load_documents()
json.dumps({"imported": imported, "score": scored["risks"][0]["score"], "after_score": after_score, "documents": loaded()})
"""
DOCUMENTS = {"lotus_tools.core.templates", "lotus_tools.core.record", "lotus_tools.core.triage_record", "xml.etree"}
"""What making and reading documents imports, and the first score must not wait for."""


def test_the_first_score_imports_only_what_scoring_needs_and_the_documents_come_after(tmp_path: Path) -> None:
    result = json.loads(pyodide_node.run(FIRST_SCORE, tmp_path))
    assert result["score"] == 12
    assert "lotus_tools.core.risk" in result["imported"] and "lotus_tools.core.scales" in result["imported"]
    assert DOCUMENTS & {*result["imported"], *result["after_score"]} == set()
    assert not any(name.startswith("pyexpat") for name in result["after_score"])
    assert DOCUMENTS | {"lotus_tools.core.workbook", "pyexpat"} <= set(result["documents"])
