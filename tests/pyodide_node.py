"""Run Python in Pyodide under Node, with the core package unpacked exactly as the site ships it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lotus_tools.publish import core_zip

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"

_SCRIPT = """
import { readFileSync } from "node:fs";
const [pyodideDir, zipPath, programPath, stdLibURL, ...files] = process.argv.slice(2);
const { loadPyodide } = await import(`${pyodideDir}/pyodide.mjs`);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, ...(stdLibURL ? { stdLibURL } : {}) });
pyodide.unpackArchive(new Uint8Array(readFileSync(zipPath)), "zip");
for (const file of files) pyodide.FS.writeFile(`/tmp/${file.split("/").pop()}`, readFileSync(file));
console.log(pyodide.runPython(readFileSync(programPath, "utf8")));
"""


def run(
    program: str, tmp_path: Path, files: dict[str, bytes] | None = None, timeout: int = 90, stdlib: Path | None = None
) -> str:
    """The last line ``program`` prints as its value; ``files`` are written to ``/tmp/NAME`` first.

    ``stdlib``: a standard library zip to start with instead of Pyodide's own (the site's trimmed one).
    """
    tmp_path.mkdir(parents=True, exist_ok=True)
    node = shutil.which("node")
    if node is None or not (PYODIDE / "pyodide.mjs").is_file():
        pytest.fail("Node.js and Pyodide (npm ci) run this test: run 'make test'.")
    script, package, source = tmp_path / "run.mjs", tmp_path / "lotus_tools.zip", tmp_path / "program.py"
    script.write_text(_SCRIPT, encoding="utf-8")
    package.write_bytes(core_zip.core_zip())
    source.write_text(program, encoding="utf-8")
    paths = []
    for name, content in (files or {}).items():
        path = tmp_path / name
        path.write_bytes(content)
        paths.append(str(path))
    process = subprocess.run(
        [node, str(script), str(PYODIDE), str(package), str(source), str(stdlib or ""), *paths],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tmp_path,
    )
    assert process.returncode == 0, process.stderr[-3000:]
    return process.stdout.strip().splitlines()[-1]
