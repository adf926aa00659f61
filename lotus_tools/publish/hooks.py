"""Thin MkDocs hooks: each calls lotus_tools functions and nothing more."""

from __future__ import annotations

import dataclasses
import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lotus_tools.core.risk import NPSA_2008, BandPolicy, RiskError
from lotus_tools.publish import (
    catalogue,
    core_zip,
    deploy,
    documents,
    hosting,
    links,
    offline,
    page_contract,
    pyodide_runtime,
    reader_support,
    scorm,
    shortcodes,
    toolkit_pdf,
    trimmed_stdlib,
    whole_toolkit,
    workbook,
)

BAND_EXAMPLE = "- {name: high risk, colour: Amber, min: 8, max: 12, guidance: optional text}"


def _context(config: MkDocsConfig) -> shortcodes.Context:
    """The site's settings for generated blocks; a bad risk-band policy is the author's to fix, in words."""
    if "risk_bands" not in config.extra or config.extra["risk_bands"] is None:
        return shortcodes.Context(NPSA_2008, _exercises, config.extra, _courses)
    try:
        return shortcodes.Context(
            BandPolicy.from_config(config.extra["risk_bands"]), _exercises, config.extra, _courses
        )
    except RiskError as error:
        raise PluginError(
            f"mkdocs.yml, extra.risk_bands: {error.message} Each band is written like {BAND_EXAMPLE}; "
            "remove extra.risk_bands to use the NPSA 2008 grading."
        ) from None


_catalogue = catalogue.Catalogue()
_nav_order: list[str] = []
_exercises: tuple[workbook.Exercise, ...] = ()
_courses: tuple[scorm.Course, ...] = ()
_nav: list[Navigation] = []
log = logging.getLogger("mkdocs.plugins.lotus")


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the address of a build to publish, the risk-band policy and the reader-support settings; name
    the release and the build's date for the footer; start a fresh link catalogue. Runs before the plugins,
    so the print-site plugin finds the whole toolkit's cover."""
    whole_toolkit.use_cover(config)
    if deploy.deploying():
        deploy.check_address(config.site_url)
    _context(config)
    if "help_now" in config.extra:
        reader_support.help_routes(config.extra)
    if "contact" in config.extra:
        reader_support.contact(config.extra)
    hosting.embed_origins(config.extra)
    config.extra["release"] = reader_support.release()
    _catalogue.pages.clear()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the templates' blank .docx and .odt downloads to the site."""
    for download in documents.site_downloads():
        files.append(File.generated(config, download.path, content=download.content))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember the navigation's page order for the link catalogue; collect the exercises for the workbook."""
    global _exercises, _courses
    _nav[:] = [nav]
    _courses = scorm.courses(nav)
    _nav_order[:] = [f"/{page.url}" for page in nav.pages]
    _catalogue.steps = {f"/{page.url}": page.parent.title if page.parent else "" for page in nav.pages}
    _exercises = workbook.collect(nav)
    for download in workbook.downloads(_exercises):
        files.append(File.generated(config, download.path, content=download.content))
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Resolve external resource links, then expand generated blocks."""
    markdown = links.resolve(markdown, page.file.src_uri)
    context = dataclasses.replace(_context(config), page_url=page.url)
    return shortcodes.expand(markdown, context, page.file.src_uri)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Collect the page's title and anchors for the link catalogue; give a tool page its contract."""
    _catalogue.add(page.title or "", f"/{page.url}", html)
    html = workbook.annotate(html, _exercises, page.url)
    return page_contract.add(html, page.url, _context(config).policy, _exercises)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Leave out the print-site plugin's script; fill in the link catalogue, once every page has been rendered."""
    output = whole_toolkit.without_print_script(output)
    if catalogue.PLACEHOLDER not in output:
        return output
    return output.replace(catalogue.PLACEHOLDER, _catalogue.render(_nav_order, f"/{page.url}"))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page, too, without the print-site plugin's script."""
    return whole_toolkit.without_print_script(output_content)


def on_post_build(config: MkDocsConfig) -> None:
    """Complete the whole toolkit's printable page and print its PDF; copy Pyodide (with its standard library
    compiled) and the browser's lotus_tools into the site; write its headers."""
    printed = toolkit_pdf.write(config, whole_toolkit.write(config, _nav[0]))
    toolkit_pdf.fill_in_size(config.site_dir, printed.size)
    how = f"printed in {printed.seconds:.1f} s" if printed.seconds else "unchanged, kept from .cache/"
    log.info(f"The whole toolkit as one PDF ({toolkit_pdf.size_words(printed.size)}): {how}")
    trimmed_stdlib.copy(pyodide_runtime.copy_pyodide(config.site_dir))
    core_zip.write(config.site_dir)
    _catalogue.write_downloads(config.site_dir, _nav_order, config.site_url or "/")
    scorm.write(_courses, config.site_dir, config.site_url or "/")
    offline.write_manifest(config.site_dir)
    if os.environ.get("LOTUS_META_CSP") == "1":
        deploy.meta_policy(config.site_dir)
    framing = hosting.embed_origins(config.extra)
    hosting.write_headers(config.site_dir, framing)
    deploy.write_nginx_conf(config.site_dir, config.site_url or "/", framing)
    deploy.compress(config.site_dir)
