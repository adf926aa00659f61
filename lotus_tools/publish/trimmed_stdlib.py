"""The standard library the reader's browser gets: only the modules the core uses.

Pyodide's whole compiled standard library is 4.5 MB, most of it never
imported by the calculator. At build time the core runs in Pyodide under
Node, every worker function is exercised (answers, refusals, files made and
read, and the unexpected-error path that prints a traceback to the console),
and the modules then loaded, with Pyodide's own start-up, make the zip the
site ships. Entries are stored uncompressed so that the host's gzip or
brotli compresses across them. Cached per Pyodide version and core code;
``tests/test_boundary.py`` runs every worker function against the result.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lotus_tools.core.templates import TEMPLATES
from lotus_tools.publish import compiled_stdlib, core_zip, documents
from lotus_tools.publish.pyodide_runtime import PYODIDE_PACKAGE, ROOT

NAME = compiled_stdlib.COMPILED_NAME
ZIP_PREFIX = "/lib/python314.zip/"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

EXERCISE = r"""
import base64, json, sys
from lotus_tools.core import worker_api
risk = {"description": "d <b>", "domain": "safety", "consequence": 3, "likelihood": 4, "factors": {"insight": "n"}}
answers = []
def call(name, request, data=None):
    text = request if isinstance(request, str) else json.dumps(request)
    answers.append(json.loads(worker_api.call(name, text, data)))
    return answers[-1]
call("assess", {"risks": [risk], "policy": [{"name": "all", "colour": "Red", "min": 1, "max": 25}]})
call("assess", "{not json")
call("assess", "[" * 5000)
call("likelihood_for_probability", {"probability": "25%"})
call("likelihood_for_probability", {"probability": "0x10"})
for key in __BLANKS__:
    for form in ("docx", "odt"):
        blank = open(f"/tmp/{key}.{form}", "rb").read()
        made = call("fill_record", {"template": key, "format": form, "values": {}, "made": "now",
                                    **({"risks": [risk], "override": {"colour": "Red", "reason": "r"}} if key == "appendix-2" else {})}, blank)
        if form == "docx":
            call("read_record", {}, base64.b64decode(made["file"]))
call("read_record", {}, b"PK\x03\x04 broken")
call("read_record", {}, b"<html>")
worker_api.FUNCTIONS["assess"] = lambda request, data: 1 / 0
call("assess", {"risks": [risk]})
loaded = {f for f in (getattr(m, "__file__", None) for m in list(sys.modules.values())) if f}
json.dumps({"files": sorted(loaded), "answers": answers})
"""

_NODE = """
import { readFileSync, writeFileSync } from "node:fs";
const [indexURL, stdLibURL, corePath, programPath, outPath] = process.argv.slice(1);
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL, stdLibURL });
pyodide.unpackArchive(new Uint8Array(readFileSync(corePath)), "zip");
for (const file of process.argv.slice(6)) pyodide.FS.writeFile(`/tmp/${file.split("/").pop()}`, readFileSync(file));
writeFileSync(outPath, pyodide.runPython(readFileSync(programPath, "utf8")));
"""


def _blanks(folder: Path) -> list[str]:
    paths = []
    for template in TEMPLATES.values():
        docx, odt = documents.downloads(template)
        for suffix, item in (("docx", docx), ("odt", odt)):
            path = folder / f"{template.key}.{suffix}"
            path.write_bytes(item.content)
            paths.append(str(path))
    return paths


def traced(full: Path) -> list[str]:
    """The standard library files (paths in the zip) loaded while the core runs every worker function."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "core.zip").write_bytes(core_zip.core_zip())
        (folder / "exercise.py").write_text(EXERCISE.replace("__BLANKS__", repr(list(TEMPLATES))), encoding="utf-8")
        out = folder / "traced.json"
        subprocess.run(
            [
                "node",
                "--input-type=module",
                "-e",
                _NODE,
                "--",
                f"{PYODIDE_PACKAGE}/",
                str(full),
                str(folder / "core.zip"),
                str(folder / "exercise.py"),
                str(out),
                *_blanks(folder),
            ],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        files = json.loads(out.read_text(encoding="utf-8"))["files"]
    return sorted(f[len(ZIP_PREFIX) :] for f in files if f.startswith(ZIP_PREFIX))


def trim(full: Path, files: list[str]) -> bytes:
    """The compiled zip cut down to ``files`` (``.py`` or ``.pyc`` names) and the packages holding them."""
    wanted = {posixpath.splitext(name)[0] for name in files}
    for name in list(wanted):
        parts = name.split("/")
        wanted.update("/".join(parts[:depth] + ["__init__"]) for depth in range(1, len(parts)))
    out = io.BytesIO()
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            if posixpath.splitext(info.filename)[0] in wanted:
                entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
                target.writestr(entry, source.read(info))
    return out.getvalue()


def trimmed_stdlib() -> Path:
    """The trimmed zip for the installed Pyodide and this core, building it if not cached."""
    full = compiled_stdlib.compiled_stdlib()
    inputs = [core_zip.core_zip(), EXERCISE.encode(), full.name.encode()]
    inputs += [item.content for template in TEMPLATES.values() for item in documents.downloads(template)]
    key = hashlib.sha256(b"".join(inputs)).hexdigest()[:16]
    cached = compiled_stdlib.CACHE / f"python_stdlib-{compiled_stdlib.pyodide_version()}-{key}.trimmed.zip"
    if not cached.is_file():
        written = compiled_stdlib.partial(cached)
        written.write_bytes(trim(full, traced(full)))
        written.replace(cached)
    return cached


def copy(target_dir: str | Path) -> Path:
    """Put the trimmed standard library beside Pyodide's files in the site."""
    target = Path(target_dir) / NAME
    target.write_bytes(trimmed_stdlib().read_bytes())
    return target
