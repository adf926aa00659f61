"""scales and risk run unchanged in Pyodide (the reader's browser), here under Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
MODULES = ("__init__.py", "scales.py", "risk.py")

SCRIPT = """
import { readFileSync } from "node:fs";
const [pyodideDir, packageDir, ...modules] = process.argv.slice(2);
const { loadPyodide } = await import(`${pyodideDir}/pyodide.mjs`);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/` });
pyodide.FS.mkdirTree("/lotus/lotus_tools");
for (const name of modules) {
  pyodide.FS.writeFile(`/lotus/lotus_tools/${name}`, readFileSync(`${packageDir}/${name}`, "utf8"));
}
console.log(pyodide.runPython(`
import json, sys
sys.path.insert(0, "/lotus")
from lotus_tools.risk import RiskError, assess
overall = assess([{"likelihood": 4, "consequence": 3, "domain": "safety"}]).overall
try:
    assess([{"likelihood": 6, "consequence": 3, "domain": "safety"}])
    error = None
except RiskError as raised:
    error = raised.field
json.dumps({"summary": overall.summary, "score": overall.score, "band": overall.band.name, "error": error})
`));
"""


def test_likely_by_moderate_is_12_high_risk_in_pyodide(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: it runs Pyodide for this test.")
    if not (PYODIDE / "pyodide.mjs").is_file():
        pytest.fail(f"Pyodide is missing from {PYODIDE}: run 'npm ci'.")
    script = tmp_path / "score.mjs"
    script.write_text(SCRIPT, encoding="utf-8")
    process = subprocess.run(
        [node, str(script), str(PYODIDE), str(ROOT / "lotus_tools"), *MODULES],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert process.returncode == 0, process.stderr
    result = json.loads(process.stdout.strip().splitlines()[-1])
    assert result["summary"] == "Likely (4) x Moderate (3) = 12: high risk (Amber)"
    assert (result["score"], result["band"], result["error"]) == (12, "high risk", "likelihood")
