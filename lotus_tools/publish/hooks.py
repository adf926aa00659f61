"""Thin MkDocs hooks: each calls lotus_tools functions and nothing more."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lotus_tools.core.risk import BandPolicy
from lotus_tools.publish import (
    catalogue,
    deploy,
    documents,
    hosting,
    links,
    offline,
    page_contract,
    policy,
    publishing,
    reader_support,
    scorm,
    search_forms,
    shortcodes,
    toolkit_pdf,
    whole_toolkit,
    workbook,
)

log = logging.getLogger("mkdocs.plugins.lotus")


@dataclass
class Build:
    """What one build learns as it goes, made afresh at ``on_config`` (as Material's plugins keep theirs)."""

    policy: BandPolicy
    extra: Mapping[str, Any]
    catalogue: catalogue.Catalogue = field(default_factory=catalogue.Catalogue)
    nav: Navigation | None = None
    nav_order: list[str] = field(default_factory=list)
    exercises: tuple[workbook.Exercise, ...] = ()
    courses: tuple[scorm.Course, ...] = ()
    tools: dict[str, set[str]] = field(default_factory=dict)
    """The tools each page's blocks declared, by page address: what its contract serves."""
    files: frozenset[str] = frozenset()
    """Every file the site will hold, by its path in it: what a page's links may lead to."""

    def context(self, page_url: str = "") -> shortcodes.Context:
        """The settings a generated block of the page at ``page_url`` may depend on."""
        tools = self.tools.setdefault(page_url, set())
        return shortcodes.Context(self.policy, self.exercises, self.extra, self.courses, page_url, tools)


_build: Build | None = None
_serving = False
"""``mkdocs serve``: the publishing-only steps (the PDF, SCORM, headers, nginx, compressed copies) are left to
``make build``, so that an edit shows in seconds; the pages still link to what they make. ``make serve`` also
rebuilds only the pages that changed (``--dirty``), so the link catalogue keeps the other pages' entries."""


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this run serves the site while it is edited."""
    global _serving
    _serving = command == "serve"


def _state() -> Build:
    if _build is None:
        raise PluginError("lotus_tools.publish.hooks: a build event came before on_config.")
    return _build


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the address of a build to publish, the risk-band policy and the reader-support settings; name
    the release and the build's date for the footer; start this build's state. Runs before the plugins,
    so the print-site plugin finds the whole toolkit's cover."""
    global _build
    whole_toolkit.use_cover(config)
    if deploy.deploying():
        deploy.check_address(config.site_url)
    risk_policy = policy.risk_policy(config.extra)
    if "help_now" in config.extra:
        reader_support.help_routes(config.extra)
    if "contact" in config.extra:
        reader_support.contact(config.extra)
    hosting.embed_origins(config.extra)
    config.extra["release"] = reader_support.release()
    kept = _build.catalogue if _serving and _build is not None else catalogue.Catalogue()
    _build = Build(risk_policy, config.extra, kept)  # serving rebuilds only edited pages: the others' entries stay
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the templates' blank .docx and .odt downloads to the site."""
    for download in documents.site_downloads():
        files.append(File.generated(config, download.path, content=download.content))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember the navigation's page order for the link catalogue; collect the exercises for the workbook."""
    build = _state()
    build.nav = nav
    build.courses = scorm.courses(nav)
    build.nav_order = [f"/{page.url}" for page in nav.pages]
    build.catalogue.steps = {f"/{page.url}": page.parent.title if page.parent else "" for page in nav.pages}
    build.exercises = workbook.collect(nav)
    for download in workbook.downloads(build.exercises):
        files.append(File.generated(config, download.path, content=download.content))
    build.files = links.site_files([*(file.dest_uri for file in files), *_written_later(build)])
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Resolve external resource links, then expand generated blocks (which declare the page's tools)."""
    markdown = links.resolve(markdown, page.file.src_uri)
    build = _state()
    build.tools[page.url] = set()
    return shortcodes.expand(markdown, build.context(page.url), page.file.src_uri)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check that the page's links lead somewhere (MkDocs checks only Markdown's); collect its title and anchors
    for the link catalogue; give a tool page the contract its blocks declared, checked against what they
    rendered."""
    build = _state()
    links.check_addresses(html, page.url, page.file.src_uri, build.files)
    build.catalogue.add(page.title or "", f"/{page.url}", html, page.toc)
    html = workbook.annotate(html, build.exercises, page.url)
    try:
        return page_contract.add(html, page.url, build.tools.get(page.url, ()), build.policy, build.exercises)
    except page_contract.ContractError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Leave out the print-site plugin's script; preload the calculator's big files from its head; fill in the
    link catalogue, once every page has been rendered."""
    output = whole_toolkit.without_print_script(output)
    output = page_contract.add_preloads(output, page.url, _state().tools.get(page.url, ()))
    if catalogue.PLACEHOLDER not in output:
        return output
    build = _state()
    return output.replace(catalogue.PLACEHOLDER, build.catalogue.render(build.nav_order, f"/{page.url}"))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page, too, without the print-site plugin's script."""
    return whole_toolkit.without_print_script(output_content)


def _written_later(build: Build) -> list[str]:
    """What ``on_post_build`` writes, by the paths its writers declare: the whole toolkit's page and the
    downloads made from it and from the pages. Pages may link to them."""
    return [whole_toolkit.PAGE, toolkit_pdf.PATH, *catalogue.DOWNLOADS, *(course.path for course in build.courses)]


def on_post_build(config: MkDocsConfig) -> None:
    """Complete the whole toolkit's printable page, write the catalogue's downloads and add the words' other
    forms to the search index (the theme's search plugin, listed first, has written it): all from what the
    build read. Then leave the publishing plan and run the publishing steps over the site folder. While
    serving, only Pyodide, the core zip and the offline list are made."""
    build = _state()
    if build.nav is None:
        raise PluginError("lotus_tools.publish.hooks: the build ended before its navigation was made.")
    site_dir = Path(config.site_dir)
    whole_toolkit.write(config, build.nav)
    build.catalogue.write_downloads(config.site_dir, build.nav_order, config.site_url or "/")
    search_forms.write(config.site_dir)
    if _serving:
        publishing.runtime(site_dir)
        offline.write_manifest(site_dir)
        log.info("Serving: the PDF, SCORM packages, headers and compressed copies are made by 'make build'.")
        return
    packages = tuple(course.contents() for course in build.courses)
    framing = hosting.embed_origins(config.extra)
    publishing.Plan(config.site_url or "/", config.site_name, framing, deploy.meta_csp(), packages).write(site_dir)
    for line in publishing.publish(site_dir):
        log.info(line)
