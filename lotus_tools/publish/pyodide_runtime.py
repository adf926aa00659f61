"""Self-hosting Pyodide: copy the pinned npm package's runtime into the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
PINNED = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
"""The Pyodide release the site ships, as ``package.json`` pins it."""
SITE_PATH = f"vendor/pyodide-{PINNED}"
"""Named for its release, so a file never changes under its address and hosts may keep it for a year."""
# The files a worker needs to start Pyodide with the standard library only.
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "pyodide-lock.json",
    "package.json",
)
PRELOADED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
"""The runtime files the calculator's page preloads from its head (with the standard library and the core):
the loader and the big files that follow it; ``pyodide-lock.json`` is small and comes while they do."""


MISSING = "Pyodide's files are missing from node_modules/pyodide: run `npm ci` (or `make setup`) first."


def installed() -> Path:
    """The npm package's folder, holding every runtime file; a PluginError saying how to install it if not."""
    if not all((PYODIDE_PACKAGE / name).is_file() for name in RUNTIME_FILES):
        raise PluginError(MISSING)
    return PYODIDE_PACKAGE


def copy_pyodide(site_dir: str | Path) -> Path:
    """Copy Pyodide's runtime files into ``site_dir``."""
    package = installed()
    target = Path(site_dir) / SITE_PATH
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(package / name, target / name)
    return target
