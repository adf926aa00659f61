"""Thin MkDocs hooks: each calls lotus_tools functions and nothing more."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lotus_tools.core.risk import NPSA_2008, BandPolicy, RiskError
from lotus_tools.publish import (
    catalogue,
    compiled_stdlib,
    core_zip,
    documents,
    hosting,
    links,
    pyodide_runtime,
    shortcodes,
)

BAND_EXAMPLE = "{name: high risk, colour: Amber, min: 8, max: 12, guidance: What to do at this level.}"


def _policy(config: MkDocsConfig) -> BandPolicy:
    """``extra.risk_bands`` as a policy (NPSA 2008 when the key is absent), or a PluginError naming mkdocs.yml."""
    if "risk_bands" not in config.extra or config.extra["risk_bands"] is None:
        return NPSA_2008
    try:
        return BandPolicy.from_config(config.extra["risk_bands"])
    except RiskError as error:
        raise PluginError(
            f"mkdocs.yml, extra.risk_bands: {error.message} A band looks like {BAND_EXAMPLE} "
            "(guidance is optional); remove risk_bands to use the NPSA 2008 grading."
        ) from None


def _context(config: MkDocsConfig) -> shortcodes.Context:
    return shortcodes.Context(policy=_policy(config))


_catalogue = catalogue.Catalogue()
_nav_order: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the risk-band policy before anything is built; start a fresh link catalogue and link data."""
    _policy(config)
    links.resources.cache_clear()
    _catalogue.pages.clear()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the templates' blank .docx and .odt downloads to the site."""
    for download in documents.site_downloads():
        files.append(File.generated(config, download.path, content=download.content))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember the navigation's page order for the link catalogue."""
    _nav_order[:] = [f"/{page.url}" for page in nav.pages]
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Resolve external resource links, then expand generated blocks."""
    markdown = links.resolve(markdown, page.file.src_uri)
    return shortcodes.expand(markdown, _context(config), page.file.src_uri)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Collect the page's title and anchors for the link catalogue."""
    _catalogue.add(page.title or "", f"/{page.url}", html)
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Fill in the link catalogue, once every page has been rendered."""
    if catalogue.PLACEHOLDER not in output:
        return output
    return output.replace(catalogue.PLACEHOLDER, _catalogue.render(_nav_order, f"/{page.url}"))


def on_post_build(config: MkDocsConfig) -> None:
    """Copy Pyodide (with its standard library compiled) and the browser's lotus_tools into the site; write its headers."""
    compiled_stdlib.copy_compiled_stdlib(pyodide_runtime.copy_pyodide(config.site_dir))
    core_zip.write(config.site_dir)
    hosting.write_headers(config.site_dir)
