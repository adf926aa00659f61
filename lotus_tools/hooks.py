"""Thin MkDocs hooks: each calls one lotus_tools function and nothing more."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lotus_tools import links, vendor


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Resolve external resource links from the data file."""
    return links.resolve(markdown, page.file.src_uri)


def on_post_build(config: MkDocsConfig) -> None:
    """Copy Pyodide's runtime files into the built site."""
    vendor.copy_pyodide(config.site_dir)
