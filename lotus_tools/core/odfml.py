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


def _table(number: int, table: Table) -> str:
    rows = "".join(
        "<table:table-row>"
        f'<table:table-cell office:value-type="string"><text:p>{text(row.label)}</text:p></table:table-cell>'
        f'<table:table-cell office:value-type="string"><text:p>{text(row.text)}</text:p></table:table-cell>'
        "</table:table-row>"
        for row in table.rows
    )
    caption = f'<text:h text:outline-level="3">{text(table.caption)}</text:h>' if table.caption else ""
    return f'{caption}<table:table table:name="Appendix3Part{number}"><table:table-column table:number-columns-repeated="2"/>{rows}</table:table>'


def section(tables: list[Table]) -> str:
    """The triage record's Appendix 3 part, to go at the end of the document's text."""
    body = "".join(_table(number, table) for number, table in enumerate(tables, start=1))
    return f'<text:h text:outline-level="2">{text(HEADING)}</text:h>{body}'
