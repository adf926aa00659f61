"""The core package, zipped whole for the reader's browser.

The worker unpacks this one file into Pyodide and imports
``lotus_tools.core.worker_api``. It holds ``lotus_tools/__init__.py`` and every
module of ``lotus_tools/core`` (standard library only, a test proves it), with
fixed timestamps so that the file is byte-identical build to build.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

SITE_PATH = "assets/python/lotus_tools.zip"
PACKAGE = Path(__file__).resolve().parents[1]
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def core_files() -> list[Path]:
    """The files that make up the core package, in a stable order."""
    return [PACKAGE / "__init__.py", *sorted((PACKAGE / "core").glob("*.py"))]


def core_zip() -> bytes:
    """The core package as zip bytes, paths from the package's parent (``lotus_tools/core/risk.py``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in core_files():
            info = zipfile.ZipInfo(path.relative_to(PACKAGE.parent).as_posix(), date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return out.getvalue()


def write(site_dir: str | Path) -> Path:
    """Write the core zip into the built site."""
    target = Path(site_dir) / SITE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(core_zip())
    return target
