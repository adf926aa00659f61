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
