"""The trainers' link catalogue: every page, exercise, table and figure with its address.

Built from the rendered pages themselves (their titles and anchors), so it
lists whatever the toolkit holds without a hand-kept list.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

PLACEHOLDER = '<div class="lotus-link-catalogue"></div>'
_EXERCISE = re.compile(
    r'<div class="admonition exercise" id="(?P<id>exercise-[^"]+)">\s*<p class="admonition-title">(?P<title>.*?)</p>',
    re.S,
)
_FIGURE = re.compile(r'<figure[^>]*\bid="(?P<id>(?:figure|table)-[^"]+)"[^>]*>(?P<body>.*?)</figure>', re.S)
_CAPTION = re.compile(r"<figcaption[^>]*>(?P<title>.*?)</figcaption>", re.S)
_SUP = re.compile(r"<sup>.*?</sup>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", _SUP.sub("", fragment))).split())


@dataclass(frozen=True)
class Entry:
    """One linkable part: its kind, its title, and its path from the site root."""

    kind: str
    title: str
    path: str


def parts(page_path: str, content: str) -> list[Entry]:
    """The exercises, tables and figures of one rendered page, in page order."""
    found: list[tuple[int, Entry]] = []
    for match in _EXERCISE.finditer(content):
        found.append((match.start(), Entry("Exercise", _text(match["title"]), f"{page_path}#{match['id']}")))
    for match in _FIGURE.finditer(content):
        caption = _CAPTION.search(match["body"])
        kind = "Table" if match["id"].startswith("table-") else "Figure"
        title = _text(caption["title"]) if caption else match["id"]
        found.append((match.start(), Entry(kind, title, f"{page_path}#{match['id']}")))
    return [entry for _, entry in sorted(found, key=lambda item: item[0])]


@dataclass
class Catalogue:
    """Pages and their parts, collected as the build renders them."""

    pages: dict[str, tuple[Entry, list[Entry]]] = field(default_factory=dict)

    def add(self, title: str, page_path: str, content: str) -> None:
        self.pages[page_path] = (Entry("Page", title, page_path), parts(page_path, content))

    def render(self, order: list[str], here: str) -> str:
        """The catalogue as HTML for the page at ``here``, pages in ``order`` (paths from the site root)."""
        sections = []
        for path in order:
            if path not in self.pages:
                continue
            page, entries = self.pages[path]
            items = "".join(_item(entry, here) for entry in entries)
            sub = f"<ul>{items}</ul>" if items else ""
            sections.append(f"<li>{_item(page, here, tag=False)}{sub}</li>")
        counts = {
            kind: sum(e.kind == kind for _, es in self.pages.values() for e in es)
            for kind in ("Exercise", "Table", "Figure")
        }
        summary = f"<p>{len(sections)} pages, {counts['Exercise']} exercises, {counts['Table']} tables and {counts['Figure']} figures.</p>"
        return f'{summary}<ul class="lotus-link-catalogue">{"".join(sections)}</ul>'


def _item(entry: Entry, here: str, tag: bool = True) -> str:
    label = f"{entry.kind}: " if entry.kind != "Page" else ""
    page, _, anchor = entry.path.partition("#")
    href = posixpath.relpath(page, here) + "/" if page != here else "./"
    href = href.replace("//", "/") + (f"#{anchor}" if anchor else "")
    body = (
        f'{html.escape(label)}<a href="{html.escape(href)}">{html.escape(entry.title)}</a> '
        f"<code>{html.escape(entry.path)}</code>"
    )
    return f"<li>{body}</li>" if tag else body
