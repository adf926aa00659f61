"""Just enough WordprocessingML to write answers into a .docx and read them back.

A field's place in a template is a bookmark named after its key. Writing puts
escaped runs between a bookmark's start and end; reading walks the body in
document order and collects the text between them, so a record that Word has
re-saved (runs split, answers over several paragraphs) still reads back.
Standard library only: this runs in the reader's browser (Pyodide).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from html import escape  # not xml.sax.saxutils, which imports urllib.request, http and email in the browser

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


def paragraph(content: str, style: str = "") -> str:
    """A paragraph of ``content`` (runs), in the document style ``style`` if given."""
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}{content}</w:p>"


def table(rows: list[tuple[str, str]], widths: tuple[int, int] = (2900, 6700)) -> str:
    """A two-column grid table: a bold label and a value (paragraph content) on each row; widths in twentieths of a point."""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[0]}"/><w:shd w:val="clear" w:color="auto" w:fill="E8EDEE"/></w:tcPr>'
        f"{paragraph(run(label, bold=True))}</w:tc>"
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[1]}"/></w:tcPr>{paragraph(value)}</w:tc></w:tr>'
        for label, value in rows
    )
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def put(xml: str, name: str, content: str) -> str | None:
    """``xml`` with what lies in bookmark ``name`` replaced by ``content``; None if it has no such bookmark."""
    start = re.search(rf'<w:bookmarkStart w:id="(\d+)" w:name="{re.escape(name)}"/>', xml)
    end = start and re.compile(rf'<w:bookmarkEnd w:id="{start[1]}"/>').search(xml, start.end())
    if not start or not end:
        return None
    return xml[: start.end()] + content + xml[end.start() :]


def bookmarked_text(xml: bytes) -> dict[str, str]:
    """The text inside every bookmark of a document body, by bookmark name (paragraph ends as ``\\n``)."""
    root = ElementTree.fromstring(xml)
    names: dict[str, str] = {}
    open_marks: dict[str, list[str]] = {}
    found: dict[str, str] = {}

    def add(text: str) -> None:
        for pieces in open_marks.values():
            pieces.append(text)

    def walk(element: ElementTree.Element) -> None:
        tag = element.tag
        if tag == f"{{{W}}}bookmarkStart":
            ident, name = element.get(f"{{{W}}}id", ""), element.get(f"{{{W}}}name", "")
            names[ident] = name
            open_marks[ident] = []
        elif tag == f"{{{W}}}bookmarkEnd":
            ident = element.get(f"{{{W}}}id", "")
            if ident in open_marks:
                found[names[ident]] = "".join(open_marks.pop(ident)).strip("\n")
        elif tag == f"{{{W}}}t":
            add(element.text or "")
        elif tag == f"{{{W}}}tab":
            add("\t")
        elif tag in (f"{{{W}}}br", f"{{{W}}}cr"):
            add("\n")
        for child in element:
            walk(child)
        if tag == f"{{{W}}}p":
            add("\n")

    walk(root)
    return found
