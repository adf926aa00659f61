"""The boundary the folders promise: ``lotus_tools.core`` runs in the reader's browser.

The core imports only the standard library and itself, never the build side;
the zip the site ships is the whole core package, nothing more or less; and
every core module imports under Pyodide from that zip.
"""

from __future__ import annotations

import ast
import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from lotus_tools.publish import core_zip
from tests import pyodide_node

PACKAGE = Path(core_zip.__file__).resolve().parents[1]
CORE = sorted((PACKAGE / "core").glob("*.py"))


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute (relative imports resolved within lotus_tools.core)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "lotus_tools.core" if node.level else ""
            found.add(f"{base}.{node.module}" if base and node.module else base or str(node.module))
    return found


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_the_core_imports_only_the_standard_library_and_itself(path: Path) -> None:
    outside = {
        name
        for name in imports(path)
        if name.split(".")[0] not in sys.stdlib_module_names | {"__future__"}
        and not (name == "lotus_tools.core" or name.startswith("lotus_tools.core."))
    }
    assert outside == set(), f"{path.name} imports {sorted(outside)}: the core must run in Pyodide"


def test_the_cli_uses_the_core_only() -> None:
    names = imports(PACKAGE / "__main__.py")
    assert not any(name.startswith("lotus_tools.publish") for name in names)


def test_the_zip_is_the_whole_core_package() -> None:
    names = zipfile.ZipFile(io.BytesIO(core_zip.core_zip())).namelist()
    assert names == ["lotus_tools/__init__.py", *(f"lotus_tools/core/{p.name}" for p in CORE)]
    assert core_zip.core_zip() == core_zip.core_zip()


def test_every_core_module_imports_in_pyodide_without_the_build_side(tmp_path: Path) -> None:
    modules = [f"lotus_tools.core.{p.stem}" for p in CORE if p.stem != "__init__"]
    program = f"""
import importlib, json, sys
for name in {modules!r}:
    importlib.import_module(name)
json.dumps(sorted(m for m in sys.modules if m.startswith("lotus_tools")))
"""
    loaded = json.loads(pyodide_node.run(program, tmp_path))
    assert "lotus_tools.publish" not in loaded
    assert set(modules) <= set(loaded)


def test_every_worker_function_answers_the_same_with_the_trimmed_standard_library(tmp_path: Path) -> None:
    from lotus_tools.core.templates import TEMPLATES
    from lotus_tools.publish import documents, trimmed_stdlib

    blanks = {}
    for template in TEMPLATES.values():
        docx, odt = documents.downloads(template)
        blanks[f"{template.key}.docx"], blanks[f"{template.key}.odt"] = docx.content, odt.content
    program = trimmed_stdlib.EXERCISE.replace("__BLANKS__", repr(list(TEMPLATES)))
    full = json.loads(pyodide_node.run(program, tmp_path / "full", blanks))["answers"]
    trimmed = json.loads(
        pyodide_node.run(program, tmp_path / "trimmed", blanks, stdlib=trimmed_stdlib.trimmed_stdlib())
    )["answers"]
    assert [answer["ok"] for answer in trimmed] == [answer["ok"] for answer in full]
    assert [a.get("message") for a in trimmed] == [a.get("message") for a in full]
    assert sum(answer["ok"] for answer in full) >= 10
