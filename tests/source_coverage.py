"""How much of the source text's prose stands on the built site.

The source (``tests/fixtures/source.txt``) is a text export of the published
toolkit. Its layout artefacts (navigation lists, "Read more »", "(continued)"
page breaks, "TRY THIS" banners) are dropped; what is left is split into
sentences, and each sentence is looked for in the text of the built pages,
both sides normalised (case, quotes, dashes, punctuation, citation markers).

Run ``python -m tests.source_coverage --site site --lines 433-676`` to see the
share found and the missing sentences of a range of source lines.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SOURCE = Path(__file__).parent / "fixtures" / "source.txt"
MIN_WORDS = 4

_LIST_ITEM = re.compile(r"^\s*-\s+(?P<text>.*)$")
_SECTION_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s+")
_CONTINUED = re.compile(r"\(continued\)\s*$")
_SUPERSCRIPTS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[,‚]\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*|\^\{[\d,\s]+\}")
_LIST_NUMBER = re.compile(r"^[\s|-]*\d{1,2}\.?\s+(?=[A-Z“‘\"'])")
_LIST_LETTER = re.compile(r"(?:^|(?<=\s))[a-h]\.\s+(?=[A-Z])")
"""The typed-in letters of a lettered list ("a. First step: ..."), which the site writes as a real list."""
_EXERCISE_PREFIX = re.compile(r"^\s*Exercise\s+\d+(\.\d+)*(\.[a-z])?\.?:?\s*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\t|\s•\s")
_TAG = re.compile(r"<[^>]+>")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Coverage:
    """The sentences of a stretch of the source, found and missing."""

    found: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def share(self) -> float:
        total = len(self.found) + len(self.missing)
        return len(self.found) / total if total else 1.0


def normalise(text: str) -> str:
    """Lower case, letters and digits only, single spaces."""
    return _NON_WORD.sub(" ", text.lower()).strip()


@cache
def _headings() -> frozenset[str]:
    """Normalised stand-alone lines of the source: the titles its navigation lists repeat."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    return frozenset(_title(line) for line in lines if line.strip() and not _LIST_ITEM.match(line))


def _title(line: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", line).replace("**", "").strip()
    return normalise(_SECTION_NUMBER.sub("", text))


def _is_nav_item(line: str) -> bool:
    item = _LIST_ITEM.match(line)
    return bool(item) and _title(item["text"]) in _headings()


def _is_artefact(line: str) -> bool:
    stripped = line.strip()
    return (
        _is_nav_item(line)
        or bool(_CONTINUED.search(stripped))
        or stripped.strip("* ").startswith("TRY THIS")
        or stripped == "Read more »"
    )


def _clean(line: str) -> str:
    line = line.replace("Read more »", " ")
    line = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", line)
    line = _TAG.sub(" ", line)
    line = _SUPERSCRIPTS.sub(" ", line)
    line = _EXERCISE_PREFIX.sub("", line)
    line = _LIST_LETTER.sub("", line)
    return line.replace("**", " ")


def source_sentences(first: int, last: int) -> list[str]:
    """The prose sentences of source lines ``first``..``last`` (1-based, inclusive)."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()[first - 1 : last]
    sentences: list[str] = []
    for line in lines:
        if _is_artefact(line):
            continue
        for part in _SENTENCE_END.split(_clean(line)):
            part = _LIST_NUMBER.sub("", part)
            words = normalise(part)
            if len(words.split()) >= MIN_WORDS:
                sentences.append(part.strip())
    return sentences


def page_text(page_html: str) -> str:
    """The normalised reading text of one built page (its article only)."""
    match = re.search(r"<article[^>]*>(.*)</article>", page_html, re.S)
    body = match.group(1) if match else page_html
    body = re.sub(r"<sup>.*?</sup>", " ", body, flags=re.S)
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return normalise(html.unescape(_TAG.sub(" ", body)))


PRINTED = "whole-toolkit"
"""The whole toolkit on one printable page: it repeats the pages, so it must not stand in for one that lost a sentence."""


@cache
def site_text(site: Path) -> str:
    """All built pages' reading text, normalised, as one string."""
    pages = sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and PRINTED not in p.parts)
    return " | ".join(page_text(p.read_text(encoding="utf-8")) for p in pages)


def coverage(site: Path, first: int, last: int) -> Coverage:
    """Which sentences of source lines ``first``..``last`` stand on the site."""
    text = site_text(site)
    found: list[str] = []
    missing: list[str] = []
    for sentence in source_sentences(first, last):
        (found if normalise(sentence) in text else missing).append(sentence)
    return Coverage(tuple(found), tuple(missing))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--lines", default="1-999999", help="FIRST-LAST source lines")
    args = parser.parse_args(argv)
    first, last = (int(n) for n in args.lines.split("-"))
    result = coverage(args.site, first, last)
    for sentence in result.missing:
        print(f"MISSING: {sentence}")
    print(f"{len(result.found)} of {len(result.found) + len(result.missing)} sentences found ({result.share:.1%})")
    return 0 if not result.missing else 1


if __name__ == "__main__":
    sys.exit(main())
