"""The other way round: what the built site says, against the source.

``source_coverage`` asks whether every sentence of the source stands on the
site. This module asks the converse of the built HTML: whether every sentence
of a content page is the source's (or logged on the Editorial notes page, or
inside an element marked as this site's own words), and whether the site's
lists, tables and citation marks are as many as the source's.

Run ``python -m tests.site_fidelity --site /tmp/site`` to list the strays.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import lxml.html

from tests.source_coverage import SOURCE, _SENTENCE_END, _clean, normalise

SITE_WORDS = "lotus-site-words"
"""The class of an element whose text is this site's, not the toolkit's."""

SITE_OWN = ("about", "tools", "404.html", "search", "assets")
"""Built paths that are the site's own pages: About (with the Editorial notes), the tools' help, 404."""

MIN_WORDS = 2
"""Shorter fragments ("1 – Rare", "Case ID:") are checked through the counts, not as sentences."""

BLOCKS = (
    "p li td th h1 h2 h3 h4 h5 h6 figcaption div tr dt dd summary blockquote ol ul table figure section details"
).split()
"""Elements whose text stands apart from what surrounds it."""

TOOLS = "//form"
"""The template forms are tools on their pages: their labels are checked against the source in test_templates."""

_BREAK = "\u2029"  # PARAGRAPH SEPARATOR: never in the pages


def _has_class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def article(page_html: str) -> lxml.html.HtmlElement | None:
    """The page's reading text element (Material's ``article``), or None for a page without one."""
    found = lxml.html.fromstring(page_html).xpath("//article")
    return found[0] if found else None


def _drop(root: lxml.html.HtmlElement, xpath: str) -> None:
    for element in root.xpath(xpath):
        element.drop_tree()


def content_pages(site: Path) -> Iterator[Path]:
    """The built pages that carry the toolkit's text (everything but the site's own pages)."""
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] not in SITE_OWN:
            yield page


@cache
def source_text() -> str:
    """The source, cleaned line by line as the forward check cleans it, normalised, in one run of text.

    Lines run on, because the site sets some of the source's broken lines (names and job titles) as one.
    """
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    return " ".join(filter(None, (normalise(_clean(line)) for line in lines)))


@cache
def editorial_notes(site: Path) -> str:
    """The Editorial notes page's text, normalised: a sentence quoted there is a logged difference."""
    page = (site / "about" / "editorial-notes" / "index.html").read_text(encoding="utf-8")
    root = article(page)
    assert root is not None
    return normalise(root.text_content())


def _exercise_titles(root: lxml.html.HtmlElement) -> Iterator[str]:
    """Exercise titles join the source's number and its TRY THIS banner; yield the banner part to check."""
    for title in root.xpath(f'//div[{_has_class("exercise")}]/*[{_has_class("admonition-title")}]'):
        text = title.text_content()
        number, _, audience = text.partition(" — ")
        assert re.fullmatch(r"Exercise \d+(\.\d+)*(\.[a-z])?", number.strip()), f"exercise title {text!r}"
        yield audience
        title.drop_tree()


def _blocks(root: lxml.html.HtmlElement) -> list[str]:
    """The text of each block apart; a diagram's boxes also split at their label and description."""
    labels = root.xpath(f'//figure[{_has_class("lotus-figure")}]//*[self::strong or self::span]')
    for element in [*root.iter(*BLOCKS), *labels]:
        element.text = _BREAK + (element.text or "")
        element.tail = _BREAK + (element.tail or "")
    return root.text_content().split(_BREAK)


def page_sentences(page_html: str) -> list[str]:
    """The sentences of a page's article that claim to be the toolkit's words."""
    root = article(page_html)
    if root is None:
        return []
    _drop(root, f"//*[{_has_class(SITE_WORDS)}] | {TOOLS} | //sup | //script | //style | //template")
    _drop(root, f'//a[{_has_class("headerlink")}]')
    sentences = list(_exercise_titles(root))
    for block in _blocks(root):
        for part in _SENTENCE_END.split(block):
            if len(normalise(part).split()) >= MIN_WORDS:
                sentences.append(" ".join(part.split()))
    return sentences


def strays(site: Path) -> dict[str, list[str]]:
    """Per content page, its sentences found neither in the source nor quoted on the Editorial notes page."""
    source, notes = source_text(), editorial_notes(site)
    found: dict[str, list[str]] = {}
    for page in content_pages(site):
        missing = [
            sentence
            for sentence in page_sentences(page.read_text(encoding="utf-8"))
            if normalise(sentence) not in source and normalise(sentence) not in notes
        ]
        if missing:
            found[str(page.relative_to(site).parent) + "/"] = missing
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    found = strays(args.site)
    for page, sentences in found.items():
        for sentence in sentences:
            print(f"{page}: {sentence}")
    print(f"{sum(map(len, found.values()))} stray sentences on {len(found)} pages")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
