"""Offline and return visits: what the site's service worker keeps, and the version that renews it.

A tool page registers ``sw.js`` (``docs/sw.js``) once Python has started,
with the build's version in its address, so a new release installs afresh and
drops the old cache. The worker keeps the files that ``offline.json`` lists:
Pyodide, the trimmed standard library, the core zip, the blank templates, the
tool pages and the theme's and site's scripts and styles, each at the very
address the page fetches it from. Nothing a reader
types is ever in it: it holds the site's own files, fetched by GET.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from importlib.metadata import version as installed
from pathlib import Path

from lotus_tools.core.templates import TEMPLATES
from lotus_tools.publish import compiled_stdlib, core_zip, deploy, documents
from lotus_tools.publish.pyodide_runtime import ROOT, SITE_PATH

WORKER = "sw.js"
MANIFEST = "offline.json"
_KEPT = (
    f"{SITE_PATH}/*",
    "javascripts/**/*.js",
    "stylesheets/*.css",
    "assets/javascripts/bundle.*.js",
    "assets/stylesheets/*.css",
    "sitemap.xml",  # the theme's instant navigation reads it on every page
)
_CONTRACT = re.compile(r'<div id="lotus-page-contract" hidden data-contract="([^"]*)">')


def version() -> str:
    """A short hash of everything the offline copy holds that a release can change."""
    digest = hashlib.sha256()
    digest.update(f"{compiled_stdlib.pyodide_version()} {installed('mkdocs-material')}".encode())
    digest.update(core_zip.core_zip())
    for template in TEMPLATES.values():
        for item in documents.downloads(template):
            digest.update(item.content)
    for path in sorted((ROOT / "docs").glob("*/**/*.*")):
        if path.suffix in (".js", ".css"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _python_tool_page(page: Path) -> bool:
    """Whether the page holds a tool that runs the core in Python (its contract carries Python's addresses)."""
    found = _CONTRACT.search(page.read_text(encoding="utf-8"))
    return found is not None and "python" in json.loads(html.unescape(found[1]))


def _versioned(site_dir: Path, release: str) -> list[str]:
    """The files the tools fetch with the release in their address, exactly as they fetch them."""
    blanks = [
        p.relative_to(site_dir).as_posix()
        for p in (site_dir / "downloads").glob("*")
        if p.suffix in (".docx", ".odt") and p.is_file()
    ]
    named = [core_zip.SITE_PATH, f"{SITE_PATH}/{compiled_stdlib.COMPILED_NAME}", *blanks]
    return sorted(f"{path}?v={release}" for path in named if (site_dir / path).is_file())


def kept_files(site_dir: Path, release: str) -> dict[str, list[str]]:
    """What the service worker keeps once a tool has been used: ``fixed``, addresses whose file never changes
    (a release's, or Pyodide's versioned folder), and ``checked``, the pages and scripts it checks with the host.
    Each is the exact address the pages and the worker fetch, so nothing is downloaded twice; the PDF, the
    catalogue's files and the SCORM packages, which no tool uses, are not kept."""
    versioned = {path.split("?")[0] for path in _versioned(site_dir, release)}
    found = {
        p.relative_to(site_dir).as_posix()
        for pattern in _KEPT
        for p in site_dir.glob(pattern)
        if p.is_file() and p.suffix not in deploy.COPIES  # the host's compressed copies are sent for the same addresses
    } - versioned
    pages = {
        p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.rglob("index.html") if _python_tool_page(p)
    }
    fixed = sorted([*_versioned(site_dir, release), *(path for path in found if path.startswith(f"{SITE_PATH}/"))])
    checked = sorted((found | pages) - set(fixed))
    return {"fixed": fixed, "checked": checked}


def write_manifest(site_dir: str | Path) -> Path:
    """Write ``offline.json``: the version and the files to keep."""
    site = Path(site_dir)
    release = version()
    target = site / MANIFEST
    target.write_text(json.dumps({"version": release, **kept_files(site, release)}, indent=1), encoding="utf-8")
    return target
