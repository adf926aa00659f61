"""Just enough OpenDocument text to write answers into a blank template .odt.

As in the .docx, a field's place in the blank .odt is a bookmark named after
its key (``text:bookmark-start``/``text:bookmark-end`` in one paragraph);
writing puts escaped text between them. The triage record's Appendix 3 part
is added as headings and plain tables. Standard library only (Pyodide).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape  # not xml.sax.saxutils, which imports urllib.request, http and email in the browser

from lotus_tools.core import wordml
from lotus_tools.core.templates import EXTENT
from lotus_tools.core.triage_record import HEADING, Table

CONTENT = "content.xml"


def text(value: str) -> str:
    """``value`` escaped, its line breaks and tabs as OpenDocument's own."""
    lines = (escape(line, quote=False).replace("\t", "<text:tab/>") for line in wordml.clean(value).split("\n"))
    return "<text:line-break/>".join(lines)


def put(xml: str, name: str, content: str) -> str | None:
    """``xml`` with what lies in bookmark ``name`` replaced by ``content``; None if it has no such bookmark."""
    start = re.search(rf'<text:bookmark-start text:name="{re.escape(name)}"\s*/>', xml)
    end = start and re.compile(rf'<text:bookmark-end text:name="{re.escape(name)}"\s*/>').search(xml, start.end())
    if not start or not end:
        return None
    return xml[: start.end()] + content + xml[end.start() :]


_SECTION = re.compile(r"<text:section\b[^>]*?(/?)>|</text:section>")


def extents(xml: str) -> Iterator[tuple[int, int]]:
    """Where each part's extent (a section named from :data:`EXTENT`) starts and ends in ``xml``, sections
    within it included."""
    for start in re.finditer(rf'<text:section\b[^>]*\btext:name="{EXTENT}[^"]*"[^>]*>', xml):
        depth = 0
        for tag in _SECTION.finditer(xml, start.start()):
            depth += 0 if tag[1] else -1 if tag[0].startswith("</") else 1
            if depth == 0:
                yield start.start(), tag.end()
                break


KEPT = ("LotusKeptTable", "LotusKeptRow", "LotusKeptCaption")
"""The styles that keep each table of the Appendix 3 part whole, with its caption, where it fits on a page."""
_STYLES = (
    f'<style:style style:name="{KEPT[0]}" style:family="table">'
    '<style:table-properties style:may-break-between-rows="false"/></style:style>'
    f'<style:style style:name="{KEPT[1]}" style:family="table-row">'
    '<style:table-row-properties fo:keep-together="always"/></style:style>'
    f'<style:style style:name="{KEPT[2]}" style:family="paragraph">'
    '<style:paragraph-properties fo:keep-with-next="always"/></style:style>'
)


def _table(number: int, table: Table) -> str:
    table_style, row_style, caption_style = KEPT
    rows = "".join(
        f'<table:table-row table:style-name="{row_style}">'
        f'<table:table-cell office:value-type="string"><text:p>{text(row.label)}</text:p></table:table-cell>'
        f'<table:table-cell office:value-type="string"><text:p>{text(row.text)}</text:p></table:table-cell>'
        "</table:table-row>"
        for row in table.rows
    )
    caption = (
        f'<text:h text:style-name="{caption_style}" text:outline-level="3">{text(table.caption)}</text:h>'
        if table.caption
        else ""
    )
    return (
        f'{caption}<table:table table:name="Appendix3Part{number}" table:style-name="{table_style}">'
        f'<table:table-column table:number-columns-repeated="2"/>{rows}</table:table>'
    )


def section(xml: str, tables: list[Table]) -> str:
    """``xml`` (a content.xml) with the triage record's Appendix 3 part at the end of its text, and the styles
    that keep each of its tables whole."""
    body = "".join(_table(number, table) for number, table in enumerate(tables, start=1))
    xml = wordml.before_last(xml, "</office:automatic-styles>", _STYLES)
    return wordml.before_last(xml, "</office:text>", f'<text:h text:outline-level="2">{text(HEADING)}</text:h>{body}')
