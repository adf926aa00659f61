"""The publishing steps over a built site: what is published beside the pages, made from the site folder alone.

A generator writes the pages (with ProperDocs or MkDocs, ``hooks.py``); these steps then make the rest from the
site folder and the small publishing plan the build left in it, ``_publish.json``: Pyodide and the core zip,
the whole toolkit's PDF, the SCORM packages, the offline list, the hosting files and the compressed copies.
The build runs them at its end; ``python -m lotus_tools.publish site`` runs them on their own, so that another
generator's output can be published the same way once it writes the pages and the plan. Running them again
over a published site changes nothing.

The plan holds only what the pages already show: the site's address and name, the learning platforms allowed
to frame it, and the SCORM packages' titles and pages.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from lotus_tools.publish import (
    core_zip,
    deploy,
    hosting,
    offline,
    pyodide_runtime,
    scorm,
    toolkit_pdf,
    trimmed_stdlib,
)

PLAN = hosting.PLAN_FILE
"""Beside the pages; the generated nginx configuration does not serve it, as it does not serve ``_headers``."""
log = logging.getLogger("mkdocs.plugins.lotus")


@dataclass(frozen=True)
class Plan:
    """What the publishing steps need to know that the site folder does not say."""

    site_url: str
    """The address the pages were built for (``/`` for a local build)."""
    site_name: str
    frame_ancestors: tuple[str, ...]
    """The learning platforms allowed to show the pages in a frame (``extra.embed_origins``)."""
    meta_csp: bool
    """Whether each page carries the Content-Security-Policy as ``<meta>`` (hosts that cannot send headers)."""
    packages: tuple[scorm.Contents, ...]

    def write(self, site_dir: Path) -> Path:
        target = site_dir / PLAN
        target.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return target

    @classmethod
    def read(cls, site_dir: Path) -> Plan:
        """The plan in ``site_dir``, or a sentence saying why there is none to use."""
        path = site_dir / PLAN
        if not path.is_file():
            raise PluginError(
                f"{site_dir} holds no {PLAN}: build the site first (make build, or make site SITE_URL=...)."
            )
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            packages = tuple(
                scorm.Contents(str(p["title"]), str(p["name"]), tuple((str(t), str(u)) for t, u in p["pages"]))
                for p in data["packages"]
            )
            return cls(
                str(data["site_url"]),
                str(data["site_name"]),
                tuple(str(origin) for origin in data["frame_ancestors"]),
                bool(data["meta_csp"]),
                packages,
            )
        except (ValueError, KeyError, TypeError) as error:
            raise PluginError(f"{path} is damaged ({type(error).__name__}): build the site again.") from None


def runtime(site_dir: Path) -> None:
    """Pyodide (with its standard library compiled and trimmed) and the browser's lotus_tools, which the
    calculator and the templates run: made for ``make serve`` too."""
    trimmed_stdlib.copy(pyodide_runtime.copy_pyodide(site_dir))
    core_zip.write(site_dir)


def publish(site_dir: Path) -> Iterator[str]:
    """Make everything published beside the pages of the site in ``site_dir``, by its plan; say what was made."""
    plan = Plan.read(site_dir)
    runtime(site_dir)
    printed = toolkit_pdf.write(site_dir, plan.site_url, plan.site_name)
    toolkit_pdf.fill_in_size(site_dir, printed.size)
    how = f"printed in {printed.seconds:.1f} s" if printed.seconds else "unchanged, kept from .cache/"
    yield f"The whole toolkit as one PDF ({toolkit_pdf.size_words(printed.size)}): {how}"
    scorm.write(plan.packages, site_dir, plan.site_url)
    yield f"{len(plan.packages)} SCORM packages in {scorm.FOLDER}/"
    offline.write_manifest(site_dir)
    if plan.meta_csp:
        deploy.meta_policy(site_dir)
    hosting.write_headers(site_dir, plan.frame_ancestors)
    deploy.write_nginx_conf(site_dir, plan.site_url, plan.frame_ancestors)
    written = deploy.compress(site_dir)
    yield f"{hosting.HEADERS_FILE}, {deploy.NGINX_FILE}, {deploy.NGINX_BROTLI_FILE} and {len(written)} compressed copies"
