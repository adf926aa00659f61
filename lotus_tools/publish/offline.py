"""Offline and return visits: what the site's service worker keeps, and the version that renews it.

A tool page registers ``sw.js`` (``docs/sw.js``) once Python has started,
with the build's version in its address, so a new release installs afresh and
drops the old cache. The worker keeps the files that ``offline.json`` lists:
Pyodide, the trimmed standard library, the core zip, the blank templates, the
tool pages and the theme's and site's scripts and styles. Nothing a reader
types is ever in it: it holds the site's own files, fetched by GET.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version as installed
from pathlib import Path

from lotus_tools.core.templates import TEMPLATES
from lotus_tools.publish import compiled_stdlib, core_zip, documents
from lotus_tools.publish.pyodide_runtime import ROOT

WORKER = "sw.js"
MANIFEST = "offline.json"
CONTRACT_MARK = 'id="lotus-page-contract"'
_KEPT = (
    "vendor/pyodide/*",
    "assets/python/*",
    "downloads/*",
    "javascripts/**/*.js",
    "stylesheets/*.css",
    "assets/javascripts/bundle.*.js",
    "assets/stylesheets/*.css",
)


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


def kept_files(site_dir: Path) -> list[str]:
    """The site's files the service worker keeps, as addresses relative to the site root."""
    found = {
        p.relative_to(site_dir).as_posix()
        for pattern in _KEPT
        for p in site_dir.glob(pattern)
        if p.is_file() and p.suffix != ".gz"  # the host's compressed copies are sent for the same addresses
    }
    pages = {
        p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.rglob("index.html")
        if CONTRACT_MARK in p.read_text(encoding="utf-8")
    }
    return sorted(found | pages)


def write_manifest(site_dir: str | Path) -> Path:
    """Write ``offline.json``: the version and the files to keep."""
    site = Path(site_dir)
    target = site / MANIFEST
    target.write_text(json.dumps({"version": version(), "files": kept_files(site)}, indent=1), encoding="utf-8")
    return target
