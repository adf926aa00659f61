"""Pyodide's standard library, compiled to bytecode once at build time.

Stock Pyodide ships ``python_stdlib.zip`` as source, so every reader's browser
compiles each module it imports at start-up: most of the calculator's start
time. Compiling it here, inside Pyodide itself (the bytecode must match its
CPython), gives a zip of unchecked hash-based ``.pyc`` files that starts
faster and is smaller. The result is cached per Pyodide version.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from lotus_tools.publish import pyodide_runtime
from lotus_tools.publish.pyodide_runtime import PYODIDE_PACKAGE, ROOT

COMPILED_NAME = "python_stdlib.pyc.zip"
CACHE = ROOT / ".cache"

_COMPILE = r"""
import importlib.util, io, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
source = next(p for p in sys.path if p.endswith(".zip"))
out = io.BytesIO()
with zipfile.ZipFile(source) as stdlib, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as compiled:
    for info in stdlib.infolist():
        data = stdlib.read(info)
        name = info.filename
        if name.endswith(".py"):
            try:
                code = compile(data, name, "exec", dont_inherit=True)
            except SyntaxError:
                pass  # test fixtures that are meant not to compile stay as source
            else:
                data = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
                name += "c"
        entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        entry.compress_type = zipfile.ZIP_DEFLATED
        compiled.writestr(entry, data)
out.getvalue()
"""

_NODE = """
const [indexURL, target, program] = process.argv.slice(1);
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL });
const bytes = pyodide.runPython(program).toJs();
(await import("node:fs")).writeFileSync(target, bytes);
"""


def pyodide_version() -> str:
    """The version of the npm ``pyodide`` package installed."""
    return str(json.loads((pyodide_runtime.installed() / "package.json").read_text(encoding="utf-8"))["version"])


def partial(cached: Path) -> Path:
    """Where a cached file is written before it is moved into place: this process's own, so that two builds at
    once (two test workers, a build beside ``make serve``) never write into one file."""
    return cached.with_name(f"{cached.name}.{os.getpid()}.partial")


def compiled_stdlib() -> Path:
    """The compiled standard library for the installed Pyodide, building it if not cached."""
    cached = CACHE / f"python_stdlib-{pyodide_version()}.pyc.zip"
    if not cached.is_file():
        CACHE.mkdir(exist_ok=True)
        written = partial(cached)
        subprocess.run(
            ["node", "--input-type=module", "-e", _NODE, "--", f"{PYODIDE_PACKAGE}/", str(written), _COMPILE],
            check=True,
            cwd=ROOT,
        )
        written.replace(cached)
    return cached
