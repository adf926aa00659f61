"""Thin MkDocs hooks: each calls lotus_tools functions and nothing more."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lotus_tools import links, shortcodes, vendor
from lotus_tools.risk import NPSA_2008, BandPolicy


def _context(config: MkDocsConfig) -> shortcodes.Context:
    bands = config.extra.get("risk_bands")
    return shortcodes.Context(policy=BandPolicy.from_config(bands) if bands else NPSA_2008)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the risk-band policy before anything is built."""
    _context(config)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Resolve external resource links, then expand generated blocks."""
    markdown = links.resolve(markdown, page.file.src_uri)
    return shortcodes.expand(markdown, _context(config), page.file.src_uri)


def on_post_build(config: MkDocsConfig) -> None:
    """Copy Pyodide's runtime files into the built site."""
    vendor.copy_pyodide(config.site_dir)
