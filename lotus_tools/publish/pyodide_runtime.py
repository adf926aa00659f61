"""Self-hosting Pyodide: copy the pinned npm package's runtime into the site."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
SITE_PATH = "vendor/pyodide"
# The files a worker needs to start Pyodide with the standard library only.
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "pyodide-lock.json",
    "package.json",
)


def copy_pyodide(site_dir: str | Path) -> Path:
    """Copy Pyodide's runtime files into ``site_dir``; fail loudly if npm has not installed them."""
    missing = [name for name in RUNTIME_FILES if not (PYODIDE_PACKAGE / name).is_file()]
    if missing:
        raise FileNotFoundError(f"Pyodide files missing from {PYODIDE_PACKAGE}: {', '.join(missing)}. Run 'npm ci'.")
    target = Path(site_dir) / SITE_PATH
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(PYODIDE_PACKAGE / name, target / name)
    return target
