"""The whole toolkit on one printable page, ``whole-toolkit/``: the print-site plugin's page, made whole.

``mkdocs-print-site-plugin`` joins the toolkit's pages in the navigation's order and gives each heading id
the page's prefix, so two pages' headings never clash and its rewritten links (``#learn-figure-1-1``) can
find them. Four things are done here on the joined text before the page is written again: each navigation
section's own heading (the site's label) is dropped, as its first page heads it; the other ids (figures,
tables, references, form fields) get the same prefix, so they are unique and the links find them; links to
pages it leaves out (the tools, this site's own pages) go to those pages on the site; and the contents
list, which its script copies from the sidebar in a browser, is written into the page, so it is there on
paper and in the PDF too.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs_print_site_plugin.urls import get_page_key

from lotus_tools.publish.documents import AUTHOR as PUBLISHER

PAGE = "whole-toolkit/"
"""Its address (``print_page_basename`` in ``mkdocs.yml``)."""
PLUGIN = "print-site"
COVER = Path(__file__).parent / "data" / "whole-toolkit-cover.tpl"
"""The page's cover: the toolkit's title and readers, its publisher, and the site's release and build date."""
CONTENTS_TITLE = "Contents"
"""The source's own word for its list of parts."""
PRINTABLE = ("<!-- the whole toolkit begins -->", "<!-- the whole toolkit ends -->")
"""Around the joined pages on the written page, so that the publishing step finds what the PDF prints."""


def use_cover(config: MkDocsConfig) -> None:
    """Give the plugin the cover by its full path (it reads a relative one from the folder of the config
    file it was given, so a site's own ``mkdocs.yml`` that INHERITs this one would not find it), and the
    publisher the cover names, as ``extra.publisher`` (the cover sees only the configuration)."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None:
        plugin.config["cover_page_template"] = str(COVER)
    config.extra["publisher"] = PUBLISHER


_PRINT_SCRIPT = re.compile(r'<script src="[^"]*js/print-site\.js"></script>\n?')
"""The plugin's script, which it adds to every page although only its own page (written after the others) uses it."""


def without_print_script(page_html: str) -> str:
    """A site page without the plugin's script: one request and 1.2 KB fewer on every page."""
    return _PRINT_SCRIPT.sub("", page_html)


_PAGE_START = re.compile(r'<section class="print-page" id="(?P<key>[^"]+)" heading-number="[^"]*">')
_ID = re.compile(r'(?<=\sid=")[^"]+(?=")')
_REFERENCE = re.compile(
    r'(?<=\s)(?P<name>for|headers|list|form|aria-(?:labelledby|describedby|controls|owns))="(?P<ids>[^"]*)"'
)
_SECTION_HEADING = re.compile(r"<section class='print-page md-section' id='(?P<id>[^']+)'[^>]*>\s*<h1>.*?</h1>", re.S)
"""The plugin heads each navigation section with the site's label ("Step 1: Learn"), which the section's first
page says again in the toolkit's words ("L.O.T.U.S. Step 1: Learn")."""
_FRAGMENT_LINK = re.compile(r'(?<=\shref=")#(?P<fragment>[^"]+)(?=")')


@dataclass(frozen=True)
class Entry:
    """One line of the contents list: a page's title, its place on the printable page and its level (1 or 2)."""

    title: str
    anchor: str
    level: int


def joined(config: MkDocsConfig) -> str:
    """The toolkit's pages as the plugin joined them: the text of the printable page."""
    plugin: Any = config.plugins.get(PLUGIN)
    if plugin is None or not hasattr(plugin, "print_page"):
        raise PluginError(f"mkdocs.yml: the '{PLUGIN}' plugin (mkdocs-print-site-plugin) must be in 'plugins'.")
    return str(plugin.print_page.content)


def contents(nav: Navigation, present: set[str]) -> list[Entry]:
    """The pages on the printable page, in order: a step's first page (its index) and a page outside any step
    at level 1, a step's other pages at level 2 beneath it, as the source's contents list them."""
    entries: list[Entry] = []
    for item in nav.items:
        pages = item.children if isinstance(item, Section) else [item]
        kept = [page for page in pages if isinstance(page, Page) and get_page_key(page.url) in present]
        for number, page in enumerate(kept):
            entries.append(Entry(page.title or "", get_page_key(page.url), 1 if number == 0 else 2))
    return entries


def contents_list(entries: list[Entry]) -> str:
    """The contents as a list of links, a step's sections nested under it."""
    out = [
        f'<nav class="lotus-contents" aria-labelledby="lotus-contents-title">'
        f'<h1 id="lotus-contents-title">{CONTENTS_TITLE}</h1><ol>'
    ]
    for number, entry in enumerate(entries):
        link = f'<a href="#{entry.anchor}">{html.escape(entry.title)}</a>'
        following = entries[number + 1].level if number + 1 < len(entries) else 1
        if entry.level == 1:
            out.append(f"<li>{link}" + ("<ol>" if following == 2 else "</li>"))
        else:
            out.append(f"<li>{link}</li>" + ("</ol></li>" if following == 1 else ""))
    out.append("</ol></nav>")
    return "".join(out)


def _own_ids(part: str, key: str) -> str:
    """Give every id of one page (and every reference to one) the page's prefix, as the plugin does for headings."""
    prefix = f"{key}-"
    ids = set(_ID.findall(part))
    renamed = {name: prefix + name for name in ids if not name.startswith(prefix)}
    renamed |= {name[len(prefix) :]: name for name in ids if name.startswith(prefix) and name[len(prefix) :] not in ids}
    part = _ID.sub(lambda match: renamed.get(match[0], match[0]), part)
    return _REFERENCE.sub(
        lambda match: f'{match["name"]}="{" ".join(renamed.get(name, name) for name in match["ids"].split())}"', part
    )


def _unique_ids(text: str) -> str:
    """Each page's ids prefixed with its key; what lies between pages (section headings) is left as it is."""
    starts = list(_PAGE_START.finditer(text))
    if not starts:
        return text
    out = [text[: starts[0].start()]]
    for number, start in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(text)
        out.append(start[0] + _own_ids(text[start.end() : end], start["key"]))
    return "".join(out)


def _links_to_pages_left_out(text: str, pages: dict[str, str]) -> str:
    """A link the plugin made into ``#page-anchor`` for a page not on the printable page goes to that page."""
    present = set(re.findall(r'\sid="([^"]+)"', text))
    by_length = sorted(pages, key=len, reverse=True)

    def resolve(match: re.Match[str]) -> str:
        fragment = match["fragment"]
        if fragment in present:
            return match[0]
        for key in by_length:
            if fragment == key or fragment.startswith(f"{key}-"):
                anchor = fragment[len(key) + 1 :]
                return get_relative_url(pages[key], PAGE) + (f"#{anchor}" if anchor else "")
        return match[0]

    return _FRAGMENT_LINK.sub(resolve, text)


def complete(text: str, nav: Navigation) -> str:
    """The printable page's text with unique ids, links that all lead somewhere and its contents list first."""
    pages = {get_page_key(page.url): page.url for page in nav.pages}
    text = _SECTION_HEADING.sub(r'<section class="print-page md-section" id="\g<id>">', _unique_ids(text))
    present = {match["key"] for match in _PAGE_START.finditer(text)}
    text = _links_to_pages_left_out(text, {key: url for key, url in pages.items() if key not in present})
    listing = contents_list(contents(nav, present))
    cover_end = text.find("</section>", text.find('id="print-site-cover-page"'))
    at = cover_end + len("</section>") if cover_end >= 0 else text.find(">") + 1
    return text[:at] + listing + text[at:]


def write(config: MkDocsConfig, nav: Navigation) -> str:
    """Complete the printable page the plugin wrote; return its text (for the PDF)."""
    path = Path(config.site_dir) / PAGE / "index.html"
    text = joined(config)
    written = path.read_text(encoding="utf-8")
    if text not in written:
        raise PluginError(
            f"{path}: the printable page does not hold the joined pages as the print-site plugin made them."
        )
    completed = complete(text, nav)
    path.write_text(written.replace(text, PRINTABLE[0] + completed + PRINTABLE[1], 1), encoding="utf-8")
    return completed


def printable(page_html: str) -> str | None:
    """The joined pages on the written printable page, as :func:`write` left them; None if it did not."""
    start, end = page_html.find(PRINTABLE[0]), page_html.find(PRINTABLE[1])
    return page_html[start + len(PRINTABLE[0]) : end] if 0 <= start < end else None
