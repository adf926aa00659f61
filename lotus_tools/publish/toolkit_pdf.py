"""The whole toolkit as one PDF, ``downloads/lotus-toolkit.pdf``, printed by WeasyPrint from the printable page.

WeasyPrint lays HTML and CSS out on paper without a browser (with Debian's Pango). It is given the printable
page's text only, in the site's typeset styles: never its header, navigation, footer or search. The paper
rules are ``data/toolkit-pdf.css``: A4, page numbers, a bookmark per heading at the toolkit's own levels.
Addresses resolve against the site's address, so a link to a page left out of the PDF opens it on the site,
while the files themselves are read from the built site: nothing is fetched from a network.

Printing takes seconds, and ``make serve`` rebuilds on every edit, so a PDF is kept in ``.cache/`` under a
hash of everything it is printed from and reused while that is unchanged.

Pages link to the PDF with its size, known only once it is printed: the link carries SIZE_MARK, replaced in
every written page afterwards (the PDF itself never shows the link).
"""

from __future__ import annotations

import hashlib
import html
import logging
import mimetypes
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import weasyprint
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lotus_tools.publish.compiled_stdlib import CACHE, partial
from lotus_tools.publish.whole_toolkit import PAGE, printable

PATH = "downloads/lotus-toolkit.pdf"
SIZE_MARK = "LOTUS-TOOLKIT-PDF-SIZE"
SIZE_CLASS = "lotus-toolkit-pdf-size"
_SIZE = re.compile(rf'(?<=<span class="{SIZE_CLASS}">)[^<]*(?=</span>)')
"""The size in a page's link: filled in after printing, and read as the mark again before the next print's hash,
so that publishing a published site again finds the PDF it printed."""
STYLE = Path(__file__).parent / "data" / "toolkit-pdf.css"
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+)"')


@dataclass(frozen=True)
class Printed:
    """The PDF written into the site: its size in bytes, and the seconds printing took (0 when reused)."""

    path: Path
    size: int
    seconds: float


def link(page_url: str) -> str:
    """The link a page gives to the PDF, its size still to be filled in."""
    href = get_relative_url(PATH, page_url)
    return (
        f'<p class="lotus-site-words lotus-toolkit-pdf">The whole toolkit on paper: '
        f'<a href="{href}">the L.O.T.U.S. toolkit as one PDF</a> (PDF, <span class="{SIZE_CLASS}">{SIZE_MARK}</span>), '
        "to print or keep.</p>"
    )


def size_words(size: int) -> str:
    """A file's size as a reader reads it: 412 KB, 1.4 MB."""
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB"


def document(content: str, written_page: str, title: str) -> str:
    """The printable page's text alone, inside the page's own stylesheets and then the paper's: what WeasyPrint
    prints."""
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in _STYLESHEET.findall(written_page))
    paper = STYLE.read_text(encoding="utf-8")
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"{links}<style>{paper}</style></head>"
        '<body data-md-color-scheme="default" data-md-color-primary="custom" data-md-color-accent="custom">'
        f'<article class="md-content__inner md-typeset">{content}</article></body></html>'
    )


def _site_file(site_dir: Path, site_url: str, url: str) -> Path:
    """The built file behind one of the site's addresses."""
    if not url.startswith(site_url):
        raise ValueError(f"{url} is not one of the site's files; the PDF is printed without a network")
    return site_dir / unquote(urlsplit(url[len(site_url) :]).path)


class _SiteFiles(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type information
    """WeasyPrint's fetcher, reading the site's own files from the build; any other address stops printing."""

    def __init__(self, site_dir: Path, site_url: str) -> None:
        super().__init__(fail_on_errors=True)
        self.site_dir = site_dir
        self.site_url = site_url

    def fetch(self, url: str, headers: Any = None) -> Any:
        kind = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
        body = _site_file(self.site_dir, self.site_url, url).read_bytes()
        return URLFetcherResponse(url, body, {"Content-Type": kind})


LOOPBACK = re.compile(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/")
DEV_ADDRESS = "http://127.0.0.1:8000/"
"""Where ``make serve`` serves the site: a loopback build's PDF links there, whatever port built it."""


def printed_address(site_url: str) -> str:
    """The address the PDF's links to the site use: the public one, or ``make serve``'s for a loopback build
    (a test server's port), so that one PDF serves every loopback build."""
    return DEV_ADDRESS if LOOPBACK.match(site_url) else site_url


def _digest(source: str, site_dir: Path, site_url: str) -> str:
    """A hash of what the PDF is printed from: its HTML (with the paper rules), its stylesheets and WeasyPrint."""
    digest = hashlib.sha256(f"{weasyprint.__version__}\n{site_url}\n{source}".encode())
    for href in _STYLESHEET.findall(source):
        digest.update(_site_file(site_dir, site_url, urljoin(f"{site_url}{PAGE}", href)).read_bytes())
    return digest.hexdigest()[:20]


def print_pdf(source: str, site_dir: Path, site_url: str, target: Path) -> None:
    """Print ``source`` (the :func:`document`) to ``target`` with WeasyPrint."""
    base = f"{site_url}{PAGE}"
    fetcher = _SiteFiles(site_dir, site_url)
    says = logging.getLogger("weasyprint")
    level = says.level
    says.setLevel(logging.ERROR)  # the theme's browser-only CSS (media queries, scrollbars) is not for paper
    try:
        weasyprint.HTML(string=source, base_url=base, url_fetcher=fetcher).write_pdf(target)
    finally:
        says.setLevel(level)


def write(site_dir: Path, built_for: str, title: str) -> Printed:
    """Write the PDF of the printable page into the site built for ``built_for``, printing it afresh only when
    what it is printed from has changed."""
    built_for = built_for if "://" in built_for else DEV_ADDRESS  # a site built with no address, as served here
    site_url = printed_address(built_for)
    page = site_dir / PAGE / "index.html"
    written = page.read_text(encoding="utf-8") if page.is_file() else ""
    content = printable(written)
    if content is None:
        raise PluginError(f"{page}: the whole toolkit's printable page is missing or was not completed by the build.")
    source = _SIZE.sub(SIZE_MARK, document(content, written, title).replace(built_for, site_url))
    address = hashlib.sha256(site_url.encode()).hexdigest()[:8]  # one PDF kept per address: a build to publish
    cached = CACHE / f"lotus-toolkit-{address}-{_digest(source, site_dir, site_url)}.pdf"  # leaves the local one
    target = site_dir / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    fresh = not cached.is_file()
    if fresh:
        CACHE.mkdir(exist_ok=True)
        printing = partial(cached)
        print_pdf(source, site_dir, site_url, printing)
        for old in CACHE.glob(f"lotus-toolkit-{address}-*.pdf"):
            old.unlink()
        printing.replace(cached)
    seconds = time.monotonic() - started if fresh else 0.0
    shutil.copyfile(cached, target)
    return Printed(target, target.stat().st_size, seconds)


def fill_in_size(site_dir: str | Path, size: int) -> None:
    """Put the PDF's size into every page that links to it."""
    words = size_words(size)
    for page in Path(site_dir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        filled = _SIZE.sub(words, text)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
