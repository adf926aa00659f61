"""Just enough WordprocessingML to write answers into a .docx and read them back.

A field's place in a template is a bookmark named after its key. Writing puts
escaped runs between a bookmark's start and end; reading walks the body in
document order and collects the text between them, so a record that Word has
re-saved (runs split, answers over several paragraphs) still reads back. It
reads in one pass, builds no tree and stops at the first limit passed
(:mod:`limits`), whatever the file holds. Standard library only: this runs in
the reader's browser (Pyodide).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from html import escape  # not xml.sax.saxutils, which imports urllib.request, http and email in the browser

from lotus_tools.core import limits
from lotus_tools.core.templates import EXTENT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """``text`` with Windows and old Mac line ends as ``\\n`` and characters XML cannot hold dropped."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def run(text: str, *, bold: bool = False) -> str:
    """One run holding ``text``, escaped, its line breaks and tabs as Word's own."""
    lines = []
    for line in clean(text).split("\n"):
        pieces = (f'<w:t xml:space="preserve">{escape(piece, quote=False)}</w:t>' for piece in line.split("\t"))
        lines.append("<w:tab/>".join(pieces))
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{properties}{'<w:br/>'.join(lines)}</w:r>"


def bookmark(ident: int, name: str, content: str) -> str:
    """``content`` (runs) marked as the place of ``name``."""
    return f'<w:bookmarkStart w:id="{ident}" w:name="{escape(name)}"/>{content}<w:bookmarkEnd w:id="{ident}"/>'


def paragraph(content: str, style: str = "", *, keep_next: bool = False) -> str:
    """A paragraph of ``content`` (runs), in the document style ``style`` if given, kept on the page of the
    paragraph after it if ``keep_next``."""
    properties = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "")
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{content}</w:p>"


def table(rows: list[tuple[str, str]], widths: tuple[int, int] = (2900, 6700)) -> str:
    """A two-column grid table: a bold label and a value (paragraph content) on each row; widths in twentieths of a point.
    It keeps together: no row splits, and each row keeps with the next, so a table that fits on a page moves
    whole to the next page rather than break (Word and LibreOffice keep a row whose paragraphs all keep)."""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[0]}"/><w:shd w:val="clear" w:color="auto" w:fill="E8EDEE"/></w:tcPr>'
        f"{paragraph(run(label, bold=True), keep_next=number < len(rows))}</w:tc>"
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[1]}"/></w:tcPr>'
        f"{paragraph(value, keep_next=number < len(rows))}</w:tc></w:tr>"
        for number, (label, value) in enumerate(rows, start=1)
    )
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def before_last(xml: str, mark: str, content: str) -> str:
    """``xml`` with ``content`` put before the last ``mark`` (the body's section properties, say)."""
    at = xml.rindex(mark)
    return xml[:at] + content + xml[at:]


def put(xml: str, name: str, content: str) -> str | None:
    """``xml`` with what lies in bookmark ``name`` replaced by ``content``; None if it has no such bookmark."""
    start = re.search(rf'<w:bookmarkStart w:id="(\d+)" w:name="{re.escape(name)}"/>', xml)
    end = start and re.compile(rf'<w:bookmarkEnd w:id="{start[1]}"/>').search(xml, start.end())
    if not start or not end:
        return None
    return xml[: start.end()] + content + xml[end.start() :]


def extents(xml: str) -> Iterator[tuple[int, int]]:
    """Where each part's extent (a bookmark named from :data:`EXTENT` around whole paragraphs and tables)
    starts and ends in ``xml``, its bookmark included."""
    for start in re.finditer(rf'<w:bookmarkStart w:id="(\d+)" w:name="{EXTENT}[^"]*"/>', xml):
        end = re.compile(rf'<w:bookmarkEnd w:id="{start[1]}"/>').search(xml, start.end())
        if end:
            yield start.start(), end.end()


class _Bookmarks:
    """An XML parser target that collects the text inside every bookmark, within the limits, as it is read.

    No tree is built and nothing recurses, so neither depth nor size costs more than one pass. The body's
    text is kept once, from the first open bookmark on; a bookmark holds where its text starts in it, so
    bookmarks over the same text cost no more than one.
    """

    def __init__(self) -> None:
        self.depth = 0
        self.text_depth = 0
        """The depth of the open ``w:t`` whose characters are text (0: none)."""
        self.pieces: list[str] = []
        self.length = 0
        """Characters of text so far (kept in ``pieces`` only while a bookmark is open)."""
        self.open: dict[str, tuple[str, int, int]] = {}
        """Open bookmarks by id: name, and where their text starts (piece, character)."""
        self.found: dict[str, str] = {}
        self.held = 0

    def _add(self, text: str) -> None:
        if text:
            self.length += len(text)
            if self.open:
                self.pieces.append(text)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > limits.DEEPEST_XML:
            raise limits.PastLimit(
                limits.refusal(
                    f"has text nested more than {limits.DEEPEST_XML} levels deep",
                    "a record or workbook this site makes nests far fewer",
                )
            )
        if tag == f"{{{W}}}bookmarkStart":
            if attrib.get(f"{{{W}}}name", "").startswith(EXTENT):
                return  # a hidden bookmark (a part's extent, Word's own "_GoBack") holds no answer
            self.open[attrib.get(f"{{{W}}}id", "")] = (attrib.get(f"{{{W}}}name", ""), len(self.pieces), self.length)
        elif tag == f"{{{W}}}bookmarkEnd":
            self._close(attrib.get(f"{{{W}}}id", ""))
        elif tag == f"{{{W}}}t":
            self.text_depth = self.depth
        elif tag == f"{{{W}}}tab":
            self._add("\t")
        elif tag in (f"{{{W}}}br", f"{{{W}}}cr"):
            self._add("\n")

    def _close(self, ident: str) -> None:
        if ident not in self.open:
            return
        name, piece, at = self.open.pop(ident)
        length = self.length - at
        self.held += length
        if length > limits.LONGEST_ANSWER:
            raise limits.PastLimit(
                limits.refusal(
                    f"has an answer longer than {limits.LONGEST_ANSWER:,} characters",
                    "an answer in a record or workbook this site makes is never that long",
                )
            )
        if self.held > limits.MOST_TEXT:
            raise limits.PastLimit(
                limits.refusal(
                    f"holds more than {limits.MOST_TEXT:,} characters of answers",
                    "a record or workbook this site makes holds far fewer",
                )
            )
        self.found[name] = "".join(self.pieces[piece:]).strip("\n")
        if not self.open:
            self.pieces.clear()

    def data(self, text: str) -> None:
        if self.depth == self.text_depth:
            self._add(text)

    def end(self, tag: str) -> None:
        if self.depth == self.text_depth:
            self.text_depth = 0
        self.depth -= 1
        if tag == f"{{{W}}}p":
            self._add("\n")


def bookmarked_text(xml: bytes) -> dict[str, str]:
    """The text inside every bookmark of a document body, by bookmark name (paragraph ends as ``\\n``).

    Raises ParseError for what is not XML and :class:`limits.PastLimit` for text nested too deep, an
    answer too long or too much text in all (see :mod:`limits`).
    """
    bookmarks = _Bookmarks()
    parser = ElementTree.XMLParser(target=bookmarks)
    parser.feed(xml)
    parser.close()
    return bookmarks.found
