"""Self-hosting Pyodide: copy the pinned npm package's runtime into the site."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
        raise FileNotFoundError(
            f"Pyodide files missing from {PYODIDE_PACKAGE}: {', '.join(missing)}. Run 'npm ci'."
        )
    target = Path(site_dir) / SITE_PATH
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(PYODIDE_PACKAGE / name, target / name)
    return target


PACKAGE_ZIP = "assets/python/lotus_tools.zip"
# The modules the browser runs; all standard library only.
BROWSER_MODULES = ("__init__.py", "scales.py", "risk.py", "templates.py", "record.py", "browser.py")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_package_zip(site_dir: str | Path) -> Path:
    """Zip the browser's lotus_tools modules into the site, byte-identical build to build."""
    target = Path(site_dir) / PACKAGE_ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    package = Path(__file__).parent
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in BROWSER_MODULES:
            info = zipfile.ZipInfo(f"lotus_tools/{name}", date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (package / name).read_bytes())
    return target
