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

from tests.source_coverage import _LIST_LETTER, _SENTENCE_END, _SUPERSCRIPTS, SOURCE, _clean, normalise

SITE_WORDS = "lotus-site-words"
"""The class of an element whose text is this site's, not the toolkit's."""

SITE_OWN = ("about", "tools", "404.html", "search", "assets")
"""Built paths that are the site's own pages: About (with the Editorial notes), the tools' help, 404."""

MIN_WORDS = 2
"""One-word fragments (a lone label or number) are left to the counts of lists and table cells."""

BLOCKS = [
    "p",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figcaption",
    "div",
    "tr",
    "dt",
    "dd",
    "summary",
    "blockquote",
    "ol",
    "ul",
    "table",
    "figure",
    "section",
    "details",
]
"""Elements whose text stands apart from what surrounds it."""

TOOLS = './/*[@*[starts-with(name(), "data-lotus-")]]'
"""Tools on content pages: what a page script drives (a ``data-lotus-*`` hook), such as the template forms and
their "open a saved record" control. The forms' labels are checked against the source in test_templates."""

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
    for title in root.xpath(f".//div[{_has_class('exercise')}]/*[{_has_class('admonition-title')}]"):
        text = title.text_content()
        number, _, audience = text.partition(" — ")
        assert re.fullmatch(r"Exercise \d+(\.\d+)*(\.[a-z])?", number.strip()), f"exercise title {text!r}"
        yield audience
        title.drop_tree()


def _blocks(root: lxml.html.HtmlElement) -> list[str]:
    """The text of each block apart; a diagram's boxes also split at their label and description."""
    labels = root.xpath(f".//figure[{_has_class('lotus-figure')}]//*[self::strong or self::span]")
    for element in [*root.iter(*BLOCKS), *labels]:
        element.text = _BREAK + (element.text or "")
        element.tail = _BREAK + (element.tail or "")
    return root.text_content().split(_BREAK)


def page_sentences(page_html: str) -> list[str]:
    """The sentences of a page's article that claim to be the toolkit's words."""
    root = article(page_html)
    if root is None:
        return []
    _drop(root, f".//*[{_has_class(SITE_WORDS)}] | {TOOLS} | .//sup | .//script | .//style | .//template")
    _drop(root, f".//a[{_has_class('headerlink')}]")
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


_SOURCE_CAPTION = re.compile(r"^Table (\d+(?:\.\d+)+):\s")
_SOURCE_APPENDIX = re.compile(r"^Appendix (\d+):\s")
_SOURCE_ITEM = re.compile(r"^(?P<indent>\s*)(?:-|\d{1,2}\.)\s+(?=\S)")
_TYPED_NUMBER = re.compile(r"(?:^|(?<=\s))\d{1,2}\s+(?=[A-Z])")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

Table = tuple[tuple[int, ...], ...]
"""A table's shape: one tuple per row (heading row first), one number per cell: the list items in it."""

Lists = tuple[tuple[int, ...], ...]
"""A page's lists: one tuple per list, one number per item: the items of the list nested in it."""


def _source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


def _cell_items(cell: str) -> int:
    """The list items in one source cell, however the source writes the list (tags, bullets, typed letters)."""
    if "<li" in cell:
        return cell.count("<li")
    if "•" in cell:
        return cell.count("•")
    if re.search(r"<[ou]l\b", cell):
        return len(_LIST_LETTER.findall(cell)) or len(_TYPED_NUMBER.findall(cell))
    return 0


@cache
def source_tables() -> dict[str, Table]:
    """The source's numbered tables ("Table 3.2: ..."), parts under "(continued)" joined, repeated headings dropped."""
    tables: dict[str, list[tuple[int, ...]]] = {}
    heading: dict[str, str] = {}
    current = ""
    for line in _source_lines():
        caption = _SOURCE_CAPTION.match(line)
        if caption:
            current = "table-" + caption[1].replace(".", "-")
            tables.setdefault(current, [])
        elif line.startswith(("[Read more", "- ", "TRY THIS")) or _SOURCE_APPENDIX.match(line):
            current = ""
        elif current and "\t" in line:
            cells = line.rstrip("\t").split("\t")
            if heading.setdefault(current, line) == line and tables[current]:
                continue
            tables[current].append(tuple(_cell_items(cell) for cell in cells))
    return {ident: tuple(rows) for ident, rows in tables.items()}


def site_table(site: Path, ident: str) -> Table:
    """The shape of the table with id ``ident`` on the built site."""
    for page in content_pages(site):
        root = article(page.read_text(encoding="utf-8"))
        found = root.xpath(f'.//*[@id="{ident}"]//table') if root is not None else []
        if found:
            return tuple(
                tuple(len(cell.xpath(".//li")) for cell in row.xpath("./th | ./td")) for row in found[0].xpath(".//tr")
            )
    raise AssertionError(f"no table with id {ident!r} on the site")


def source_appendices() -> dict[int, Lists]:
    """The lists of each appendix in the source: "- " and "1. " items, nested items under them; the links to the appendices left out."""
    found: dict[int, list[list[int]]] = {}
    number, current = 0, None
    for line in _source_lines():
        start = _SOURCE_APPENDIX.match(line)
        if start:
            number, current = int(start[1]), None
            found.setdefault(number, [])
            continue
        item = _SOURCE_ITEM.match(line)
        if not number or not item or re.fullmatch(r"-\s*(?:\[Appendix \d\]\(#\)|Appendix \d)\**", line.strip()):
            current = None if line.strip() or not number else current
            continue
        if item["indent"] and current is not None:
            current[-1] += 1
        else:
            if current is None:
                current = []
                found[number].append(current)
            current.append(0)
    return {n: tuple(map(tuple, lists)) for n, lists in found.items()}


def site_lists(page_html: str) -> Lists:
    """A page's own lists, outside figures, tables, forms and the site's words, as the ``Lists`` shape."""
    root = article(page_html)
    assert root is not None
    _drop(root, f".//*[{_has_class(SITE_WORDS)}] | {TOOLS} | .//figure | .//table")
    return tuple(
        tuple(len(item.xpath("./ul/li | ./ol/li")) for item in top.xpath("./li"))
        for top in root.xpath(".//ul[not(ancestor::li)] | .//ol[not(ancestor::li)]")
    )


def appendix_page(site: Path, number: int) -> Path:
    """The built page whose title is "Appendix N: ..."."""
    for page in content_pages(site):
        root = article(page.read_text(encoding="utf-8"))
        titles = root.xpath(".//h1") if root is not None else []
        if titles and titles[0].text_content().startswith(f"Appendix {number}:"):
            return page
    raise AssertionError(f"no page titled Appendix {number}")


def source_citations() -> list[tuple[int, ...]]:
    """Every citation mark of the source (¹, ²⁹, ^{1,24}), as the reference numbers it cites, in order."""
    marks = []
    for mark in _SUPERSCRIPTS.finditer(SOURCE.read_text(encoding="utf-8")):
        text = mark[0].translate(_SUPERSCRIPT_DIGITS)
        marks.append(tuple(int(n) for n in re.findall(r"\d+", text)))
    return marks


def site_citations(site: Path) -> list[tuple[int, ...]]:
    """Every citation mark on the content pages (a superscript linking to references), as reference numbers."""
    marks = []
    for page in content_pages(site):
        root = article(page.read_text(encoding="utf-8"))
        for sup in root.xpath(".//sup") if root is not None else []:
            cited = tuple(
                int(n) for n in re.findall(r"#ref-(\d+)$", " ".join(sup.xpath(".//a/@href")).replace(" ", "\n"), re.M)
            )
            if cited:
                marks.append(cited)
    return marks


_QUOTED_FROM_SOURCE = re.compile(
    r"the source(?:’s)? (?:says|reads|gives|has|spells it|names)[^“.]{0,60}?“(?P<quote>[^”]+)”"
)
_NAMED_INSTRUCTION = re.compile(
    r"Appendix 3, instruction (?P<number>\d)\b(?P<after>[^“]{0,60}?(?:“(?P<quote>[^”]+)”|:\s*(?P<text>[^.]+)))"
)
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "if",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "the",
        "to",
        "this",
        "that",
        "these",
        "those",
        "with",
        "your",
        "you",
    ]
)


def site_text_of(page: Path) -> str:
    """A built page's article text, whitespace collapsed (not normalised: the quotation marks stay)."""
    root = article(page.read_text(encoding="utf-8"))
    return " ".join(root.text_content().split()) if root is not None else ""


def source_quotations(site: Path) -> list[tuple[str, str]]:
    """Every quotation the site attributes to the source ("the source reads “...”"), with its page."""
    return [
        (str(page.relative_to(site).parent), match["quote"])
        for page in sorted(site.rglob("*.html"))
        for match in _QUOTED_FROM_SOURCE.finditer(site_text_of(page))
    ]


@cache
def source_instructions() -> dict[int, str]:
    """Appendix 3's "Instructions for use", by number."""
    lines = _source_lines()
    first = lines.index("Instructions for use:")
    found: dict[int, str] = {}
    for line in lines[first:]:
        if _SOURCE_APPENDIX.match(line):
            break
        item = re.match(r"^(\d)\. (.*)$", line)
        if item:
            found[int(item[1])] = item[2]
    return found


def named_instructions(site: Path) -> list[tuple[str, int, str]]:
    """Every "Appendix 3, instruction N: ..." on the site: page, N, and the words it gives the instruction."""
    return [
        (str(page.relative_to(site).parent), int(match["number"]), match["quote"] or match["text"])
        for page in sorted(site.rglob("*.html"))
        for match in _NAMED_INSTRUCTION.finditer(site_text_of(page))
    ]


def _content_words(text: str) -> set[str]:
    return {word.rstrip("s") for word in normalise(text).split() if word not in _STOPWORDS}


def says_what_it_says(words: str, instruction: str) -> bool:
    """Whether ``words`` quote or paraphrase ``instruction``: most of their content words are the instruction's."""
    said, source = _content_words(words), _content_words(instruction)
    return bool(said) and len(said & source) / len(said) >= 0.6


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
