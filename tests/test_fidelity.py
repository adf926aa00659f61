"""Fidelity the other way round: what the site shows must come from the source.

The forward check (``test_content``) looks for every source sentence on the site;
these tests count what the source has and what the site shows, and check that
text naming a part of the toolkit says what that part says.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from tests.source_coverage import MIN_WORDS, SOURCE, _SUPERSCRIPTS, _clean, normalise

_INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub", "u"}
_SITE_OWN = {"lotus-site-words", "headerlink", "lotus-form", "lotus-open-record", "lotus-form-status", "lotus-form-actions"}
"""The site's own words, permalinks, and the generated tool forms: left out of the reverse check."""
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(HTMLParser):
    """The article's text, leaving out elements marked as the site's own words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip_at: int | None = None
        self.parts: list[str] = []
        self.figures = 0
        """Inside a figure each label stands alone, even in an inline element."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.figures += tag == "figure"
        if tag not in _INLINE or self.figures:
            self.parts.append("\n\n")
        if tag in _VOID:
            return
        self.depth += 1
        classes = (dict(attrs).get("class") or "").split()
        hidden = bool(_SITE_OWN & set(classes)) or tag in {"script", "style", "sup"}
        if self.skip_at is None and hidden:
            self.skip_at = self.depth

    def handle_endtag(self, tag: str) -> None:
        self.figures -= tag == "figure"
        if tag not in _INLINE or self.figures:
            self.parts.append("\n\n")
        if tag in _VOID:
            return
        if self.skip_at == self.depth:
            self.skip_at = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skip_at is None:
            self.parts.append(data)


def _article(page: Path) -> str:
    match = re.search(r"<article[^>]*>(.*)</article>", page.read_text(encoding="utf-8"), re.S)
    return match.group(1) if match else ""


def _source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


def _list_after(title: str) -> list[str]:
    """The list items under the last line of the source that starts with ``title``."""
    lines = _source_lines()
    start = max(i for i, line in enumerate(lines) if line.startswith(title))
    items: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("- "):
            items.append(line)
        elif line.strip() and items:
            break
    return items


def test_citation_marks_equal_the_source(site: Path) -> None:
    source = len(_SUPERSCRIPTS.findall(SOURCE.read_text(encoding="utf-8")))
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in {"assets", "about", "tools"}]
    shown = {
        str(p.relative_to(site)): len(re.findall(r"<sup[^>]*>\s*<a[^>]*#ref-\d+", _article(p))) for p in pages
    }
    assert sum(shown.values()) == source, {k: v for k, v in shown.items() if v}


def test_appendix_8_lists_what_the_source_lists(site: Path) -> None:
    source = _list_after("Appendix 8: NHS England resources")
    page = _article(site / "appendices" / "nhs-england-resources" / "index.html")
    assert page.count("<li") == len(source), (page.count("<li"), source)


def test_appendix_3_instructions_are_quoted_as_the_source_gives_them(site: Path) -> None:
    instructions = {
        int(m[1]): normalise(m[2])
        for m in (re.match(r"^(\d)\. (.*)$", line) for line in _source_lines()[2585:2606])
        if m
    }
    claims: list[tuple[str, str]] = []
    for page in site.rglob("*.html"):
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        claims += re.findall(r"Appendix 3, instruction (\d+)(?::\s*([^.]*\.))?", text)
    assert claims, "no text on the site names an Appendix 3 instruction"
    wrong = [
        (n, said)
        for n, said in claims
        if int(n) not in instructions or (said and normalise(said) not in instructions[int(n)])
    ]
    assert not wrong, f"text naming an instruction that does not say it: {wrong}"


_PIECE = re.compile(r"(?<=[.!?:;])\s+|\n|\t|\s{2,}")
_EXERCISE_TITLE = re.compile(r"^Exercise [\d.]+[a-z.]* — ")
_NOT_CONTENT = {"assets", "about", "tools", "search", "404.html"}


def _strays(site: Path) -> list[tuple[str, str]]:
    """Sentences of content pages found neither in the source nor on the editorial notes page."""
    source = normalise(" ".join(_clean(line) for line in _source_lines()))
    notes = normalise(re.sub(r"<[^>]+>", " ", _article(site / "about" / "editorial-notes" / "index.html")))
    strays: list[tuple[str, str]] = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] in _NOT_CONTENT:
            continue
        reader = _Reader()
        reader.feed(_article(page))
        for piece in _PIECE.split("".join(reader.parts)):
            words = normalise(_EXERCISE_TITLE.sub("", piece.strip()))
            if len(words.split()) >= MIN_WORDS and words not in source and words not in notes:
                strays.append((str(page.relative_to(site)), piece.strip()))
    return strays


def test_every_sentence_on_a_content_page_is_the_sources_or_logged(site: Path) -> None:
    strays = _strays(site)
    assert not strays, "sentences neither in the source nor in the editorial notes:\n" + "\n".join(
        f"{page}: {text}" for page, text in strays
    )
