"""The trainers' link catalogue: every page, heading, exercise, table and figure with its address.

Built from the rendered pages themselves (their titles, tables of contents and anchors), so it
lists whatever the toolkit holds without a hand-kept list. It is shown grouped
by step and page on the catalogue page (a filter box and "Copy all shown" come
from ``docs/javascripts/components/catalogue.js``) and written as CSV and JSON downloads,
with each part's full public address, for building a course.
"""

from __future__ import annotations

import csv
import html
import io
import json
import posixpath
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from itertools import groupby
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mkdocs.structure.toc import AnchorLink

KINDS = ("Section", "Exercise", "Table", "Figure")
PLURALS = {"Page": "Pages", "Section": "Sections", "Exercise": "Exercises", "Table": "Tables", "Figure": "Figures"}
"""What "Show" offers, by the kind each catalogue entry has."""
MODULE = "catalogue"
"""The component that narrows and copies the catalogue (``docs/javascripts/components/catalogue.js``)."""
ELEMENTS = MappingProxyType(
    {
        "tools": "lotus-catalogue-tools",
        "filter": "lotus-catalogue-filter",
        "kind": "lotus-catalogue-kind",
        "copy": "lotus-catalogue-copy",
        "count": "lotus-catalogue-count",
        "list": "lotus-catalogue",
    }
)
"""Each element the catalogue's script uses, by the name the script knows it by, and its id."""


def hooks() -> dict[str, Any]:
    """The catalogue's declared DOM hooks, as the page contract carries them."""
    return {"elements": dict(ELEMENTS), "kinds": list(KINDS)}


def tools() -> str:
    """Filter, kind and "Copy all shown": they need JavaScript, so they ship hidden and the script shows them."""
    e = ELEMENTS
    options = "".join(f'<option value="{kind}">{html.escape(PLURALS[kind])}</option>' for kind in ("Page", *KINDS))
    return (
        f'<div class="lotus-catalogue-tools" id="{e["tools"]}" hidden>'
        f'<p><label for="{e["filter"]}">Filter the catalogue</label> '
        f'<input type="search" id="{e["filter"]}" autocomplete="off" aria-describedby="{e["count"]}"></p>'
        f'<p><label for="{e["kind"]}">Show</label> <select id="{e["kind"]}"><option value="">Everything</option>'
        f"{options}</select> "
        f'<button type="button" class="md-button" id="{e["copy"]}">Copy all shown</button></p>'
        f'<p id="{e["count"]}" role="status"></p></div>'
    )


PLACEHOLDER = '<div class="lotus-link-catalogue"></div>'
DOWNLOADS = ("downloads/link-catalogue.csv", "downloads/link-catalogue.json")
SECTION_LEVELS = (2, 3)
"""The headings the catalogue lists: a page's h2 and h3."""


@dataclass(frozen=True)
class Entry:
    """One linkable part: its kind, its title, and its path from the site root."""

    kind: str
    title: str
    path: str


def _exercise_title(title: str) -> str:
    """ "Exercise 1.2.i — Reflection for Individuals" as "Exercise 1.2.i: Reflection for Individuals"."""
    number, _, name = title.partition(" — ")
    return f"{number}: {name}" if name else title


def sections(toc: Iterable[AnchorLink]) -> dict[str, str]:
    """The page's sections by id, titled as its table of contents names them (MkDocs' ``page.toc``)."""
    found = {}
    for link in toc:
        if link.level in SECTION_LEVELS:
            found[link.id] = " ".join(html.unescape(link.title).split())
        found |= sections(link.children)
    return found


@dataclass
class _Part:
    """A part as the parser meets it; a heading's title comes from the table of contents instead."""

    kind: str
    id: str
    title: str = ""


class _Parts(HTMLParser):
    """The ids of a rendered page's headings, exercises, tables and figures in page order, with the titles of
    the last three: an exercise's title paragraph, a figure's caption (its id when it has none). A title's
    text leaves out superscripts (reference numbers) and the heading's permalink."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[_Part] = []
        self._exercise: _Part | None = None
        self._figures: list[_Part] = []
        self._title: list[str] | None = None
        self._until = ""
        self._skip: tuple[str, int] | None = None
        """The element whose text a title leaves out, while inside it, and how deep."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # the standard library's name
        attributes = {name: value or "" for name, value in attrs}
        classes, id_ = attributes.get("class", "").split(), attributes.get("id", "")
        if self._skip is not None:
            self._skip = (self._skip[0], self._skip[1] + (tag == self._skip[0]))
        elif self._title is not None and (tag == "sup" or (tag == "a" and "headerlink" in classes)):
            self._skip = (tag, 1)
        elif tag in ("h2", "h3") and id_:
            self.found.append(_Part("Section", id_))
        elif tag == "div" and {"admonition", "exercise"} <= set(classes) and id_.startswith("exercise-"):
            self._exercise = _Part("Exercise", id_)
            self.found.append(self._exercise)
        elif tag == "p" and "admonition-title" in classes and self._exercise is not None:
            self._capture("p")
        elif tag == "figure" and id_.startswith(("figure-", "table-")):
            self._figures.append(_Part("Table" if id_.startswith("table-") else "Figure", id_))
            self.found.append(self._figures[-1])
        elif tag == "figcaption" and self._figures and not self._figures[-1].title:
            self._capture("figcaption")

    def _capture(self, until: str) -> None:
        self._title, self._until = [], until

    def handle_data(self, data: str) -> None:  # the standard library's name
        if self._title is not None and self._skip is None:
            self._title.append(data)

    def handle_endtag(self, tag: str) -> None:  # the standard library's name
        if self._skip is not None:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] - 1) if self._skip[1] > 1 else None
        elif self._title is not None and tag == self._until:
            text = " ".join("".join(self._title).split())
            target = self._exercise if tag == "p" else self._figures[-1]
            if target is not None:
                target.title = text
            self._title, self._exercise = None, None
        elif tag == "figure" and self._figures:
            figure = self._figures.pop()
            figure.title = figure.title or figure.id


def parts(page_path: str, content: str, toc: Iterable[AnchorLink] = (), page_title: str = "") -> list[Entry]:
    """The headings, exercises, tables and figures of one rendered page, in page order: each heading in the
    page's table of contents, by its title there; the rest found by parsing the page.

    An exercise is named with its page's title: the toolkit repeats "Exercise 1.2.i" style names in a step.
    """
    titles = sections(toc)
    parser = _Parts()
    parser.feed(content)
    parser.close()
    entries = []
    for part in parser.found:
        title = part.title
        if part.kind == "Section":
            if part.id not in titles:
                continue
            title = titles[part.id]
        elif part.kind == "Exercise":
            title = _exercise_title(title)
            title = f"{page_title} — {title}" if page_title else title
        entries.append(Entry(part.kind, title, f"{page_path}#{part.id}"))
    return entries


@dataclass(frozen=True)
class Row:
    """One line of the downloads: a part with its step, its page's title and its full public address."""

    step: str
    section: str
    kind: str
    title: str
    address: str


@dataclass
class Catalogue:
    """Pages and their parts, collected as the build renders them."""

    pages: dict[str, tuple[Entry, list[Entry]]] = field(default_factory=dict)
    steps: dict[str, str] = field(default_factory=dict)
    """The navigation section of each page path, e.g. ``Step 1: Learn``."""

    def add(self, title: str, page_path: str, content: str, toc: Iterable[AnchorLink] = ()) -> None:
        self.pages[page_path] = (Entry("Page", title, page_path), parts(page_path, content, toc, title))

    def _in_order(self, order: list[str]) -> list[tuple[str, Entry, list[Entry]]]:
        return [(self.steps.get(path, ""), *self.pages[path]) for path in order if path in self.pages]

    def render(self, order: list[str], here: str) -> str:
        """The catalogue as HTML for the page at ``here``, pages in ``order`` (paths from the site root)."""
        groups = []
        for step, pages in groupby(self._in_order(order), key=lambda item: item[0]):
            sections = []
            for _, page, entries in pages:
                items = "".join(_item(entry, here) for entry in entries)
                sub = f"<ul>{items}</ul>" if items else ""
                sections.append(f'<li class="lotus-catalogue-page">{_item(page, here, tag=False)}{sub}</li>')
            heading = f"<h2>{html.escape(step)}</h2>" if step else ""
            groups.append(
                f'<section class="lotus-catalogue-step">{heading}<ul class="lotus-link-catalogue">{"".join(sections)}</ul></section>'
            )
        counts = {kind: sum(e.kind == kind for _, es in self.pages.values() for e in es) for kind in KINDS}
        csv_href, json_href = (posixpath.relpath(f"/{path}", here) for path in DOWNLOADS)
        summary = (
            f"<p>{len(self.pages)} pages, {counts['Section']} sections, {counts['Exercise']} exercises, "
            f"{counts['Table']} tables and {counts['Figure']} figures. Download the whole catalogue as "
            f'<a href="{csv_href}" download>CSV (for a spreadsheet)</a> or <a href="{json_href}" download>JSON</a>.</p>'
        )
        return (
            f'<div class="lotus-catalogue-root" data-lotus-module="{MODULE}">{tools()}{summary}'
            f'<div class="lotus-catalogue" id="{ELEMENTS["list"]}">{"".join(groups)}</div></div>'
        )

    def rows(self, order: list[str], site_url: str) -> list[Row]:
        """Every page and part, in order, with its full public address."""
        base = site_url.rstrip("/")
        return [
            Row(step, page.title, entry.kind, entry.title, f"{base}{entry.path}")
            for step, page, entries in self._in_order(order)
            for entry in (page, *entries)
        ]

    def write_downloads(self, site_dir: str, order: list[str], site_url: str) -> None:
        """The CSV and JSON downloads, in the built site."""
        rows = self.rows(order, site_url)
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(["step", "section", "kind", "title", "address"])
        writer.writerows([row.step, row.section, row.kind, row.title, row.address] for row in rows)
        folder = Path(site_dir)
        (folder / DOWNLOADS[0]).parent.mkdir(parents=True, exist_ok=True)
        (folder / DOWNLOADS[0]).write_text(text.getvalue(), encoding="utf-8")
        payload = json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=1)
        (folder / DOWNLOADS[1]).write_text(payload + "\n", encoding="utf-8")


def _item(entry: Entry, here: str, tag: bool = True) -> str:
    label = "Section: " if entry.kind == "Section" else ""
    page, _, anchor = entry.path.partition("#")
    href = posixpath.relpath(page, here) + "/" if page != here else "./"
    href = href.replace("//", "/") + (f"#{anchor}" if anchor else "")
    body = (
        f'{html.escape(label)}<a href="{html.escape(href)}">{html.escape(entry.title)}</a> '
        f"<code>{html.escape(entry.path)}</code>"
    )
    return f'<li data-kind="{entry.kind}">{body}</li>' if tag else body
