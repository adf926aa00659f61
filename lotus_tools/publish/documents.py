"""The blank templates as Word (.docx, python-docx) and OpenDocument (.odt, odfpy) files.

Both are laid out from ``templates``: headings, the source's text, and tables
with a labelled row for each field and an empty cell to type into. In the
.docx, each field's place (empty cell or letter placeholder) is a bookmark
named after its key, which ``record.fill`` fills in. The same definitions give
byte-identical files: fixed zip timestamps, no build time in the metadata.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import docx
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell as WordCell
from docx.text.paragraph import Paragraph as WordParagraph
from odf import dc, style, table, text
from odf.opendocument import OpenDocumentText

from lotus_tools.core.templates import (
    RATING_COLOURS,
    TEMPLATES,
    FactorTable,
    Field,
    Fields,
    Grid,
    Line,
    Note,
    Numbered,
    Rating,
    Template,
    plain,
    runs,
)

AUTHOR = "NHS England North West System Improvement and Professional Standards (SIPS) team"
TOOLKIT = "The L.O.T.U.S. Compassionate Leadership Framework and Toolkit"
FONT = "Arial"
BLUE = "005EB8"
LABEL_SHADE = "E8EDEE"
HINT_GREY = "425563"
PAGE_WIDTH_CM = 17.0
LABEL_WIDTH_CM = 5.5
LONG_CM = 2.5
SHORT_CM = 1.0
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
DOWN_ARROW = " ↓"


def _reproducible(package: bytes, stored: Sequence[str] = ()) -> bytes:
    """Rewrite a zip package with fixed timestamps and attributes, entries in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if entry.filename in stored else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


# --- Word ---------------------------------------------------------------------------------


class _Word:
    """Builds one template's .docx."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.document = docx.Document()
        self.next_bookmark = 0
        self._setup()

    def _setup(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(11)
        normal.paragraph_format.space_after = Pt(4)
        for name, size in (("Heading 1", 16), ("Heading 2", 13)):
            heading = styles[name]
            heading.font.name, heading.font.size = FONT, Pt(size)
            heading.font.color.rgb = RGBColor.from_string(BLUE)
            fonts = heading.element.rPr.rFonts
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)  # a theme font would win over Arial
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "en-GB")
        normal.element.get_or_add_rPr().append(language)
        package = self.document.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
                del package.rels[rel_id]
        properties = self.document.core_properties
        properties.title = self.template.title
        properties.author = AUTHOR
        properties.comments = f"{TOOLKIT}, Appendix {self.template.appendix}."
        element = properties._element
        for tag in ("dcterms:created", "dcterms:modified"):
            for found in element.findall(qn(tag)):
                element.remove(found)

    def build(self) -> bytes:
        if not self.template.letter:
            self.document.add_heading(self.template.title, level=1)
        for block in self.template.blocks:
            self._block(block)
        out = io.BytesIO()
        self.document.save(out)
        return _reproducible(out.getvalue())

    # Text

    def _runs(self, paragraph: WordParagraph, content: str, bold: bool = False) -> None:
        for run in runs(content):
            added = paragraph.add_run(run.text)
            added.bold = bold or run.bold or None
            added.italic = run.italic or None

    def _label(self, cell: WordCell, label: str, hint: str) -> None:
        self._runs(cell.paragraphs[0], label, bold=True)
        if hint:
            paragraph = cell.add_paragraph()
            self._runs(paragraph, hint)
            for run in paragraph.runs:
                run.font.size = Pt(9)
                run.font.color.rgb = RGBColor.from_string(HINT_GREY)
                run.italic = True

    def _bookmark(self, paragraph: WordParagraph, name: str, placeholder: str = "") -> None:
        ident = str(self.next_bookmark)
        self.next_bookmark += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), ident)
        start.set(qn("w:name"), name)
        paragraph._p.append(start)
        if placeholder:
            paragraph.add_run(placeholder)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), ident)
        paragraph._p.append(end)

    # Tables

    def _table(self, rows: int, widths: Sequence[float], caption: str) -> WordTable:
        grid = self.document.add_table(rows=rows, cols=len(widths))
        grid.style = self.document.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        for column, width in zip(grid.columns, widths, strict=False):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
        for row in grid.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        described = OxmlElement("w:tblCaption")
        described.set(qn("w:val"), plain(caption))
        grid._tbl.tblPr.append(described)
        self.document.add_paragraph()
        return grid

    @staticmethod
    def _shade(cell: WordCell, colour: str) -> None:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), colour)
        cell._tc.get_or_add_tcPr().append(shading)

    @staticmethod
    def _height(grid: WordTable, row: int, cm: float) -> None:
        grid.rows[row].height = Cm(cm)
        grid.rows[row].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST

    @staticmethod
    def _header(grid: WordTable) -> None:
        """Mark the first row as the table's header, repeated on each page."""
        grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    def _labelled(self, cell: WordCell, field: Field, label: str = "") -> None:
        """A cell with the label (and hint) on top and room to write below."""
        self._label(cell, label or field.label, field.hint)
        self._bookmark(cell.add_paragraph(), field.key)

    # Blocks

    def _block(self, block: object) -> None:
        if isinstance(block, Note):
            self._runs(self.document.add_paragraph(), block.text)
        elif isinstance(block, Fields):
            self._fields(block)
        elif isinstance(block, Grid):
            self._grid(block)
        elif isinstance(block, FactorTable):
            self._factors(block)
        elif isinstance(block, Line):
            self._line(block)

    def _fields(self, block: Fields) -> None:
        if block.legend and block.heading:
            self.document.add_heading(block.legend, level=2)
        elif block.legend:
            self._runs(self.document.add_paragraph(), block.legend)
        caption = block.legend or self.template.title
        if block.layout == "columns":
            fields = [item for item in block.items if isinstance(item, Field)]
            grid = self._table(2, [PAGE_WIDTH_CM / len(fields)] * len(fields), caption)
            self._header(grid)
            for column, field in enumerate(fields):
                self._shade(grid.cell(0, column), LABEL_SHADE)
                self._label(grid.cell(0, column), field.label, field.hint)
                self._bookmark(grid.cell(1, column).paragraphs[0], field.key)
            self._height(grid, 1, SHORT_CM * 1.5)
        elif block.layout == "stacked":
            fields = [item for item in block.items if isinstance(item, Field)]
            grid = self._table(len(fields), [PAGE_WIDTH_CM], caption)
            for index, field in enumerate(fields):
                self._labelled(grid.cell(index, 0), field)
                self._height(grid, index, (LONG_CM if field.long else SHORT_CM) + SHORT_CM)
        else:
            self._rows(block, caption)

    def _rows(self, block: Fields, caption: str) -> None:
        rows = sum(2 if isinstance(item, Rating) else 1 for item in block.items)
        value = PAGE_WIDTH_CM - LABEL_WIDTH_CM
        grid = self._table(rows, [LABEL_WIDTH_CM, value / 3, value / 3, value / 3], caption)
        row = 0
        for item in block.items:
            label = grid.cell(row, 0)
            self._shade(label, LABEL_SHADE)
            if isinstance(item, Rating):
                self._shade(grid.cell(row + 1, 0), LABEL_SHADE)
                label = label.merge(grid.cell(row + 1, 0))
                self._label(label, item.label, "")
                for column, (name, colour) in enumerate(RATING_COLOURS, start=1):
                    cell = grid.cell(row, column)
                    self._shade(cell, colour)
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    self._bookmark(cell.paragraphs[0], item.band.choice_key(name))
                    cell.paragraphs[0].add_run(name).bold = True
                score = grid.cell(row + 1, 1).merge(grid.cell(row + 1, 3)).paragraphs[0]
                score.alignment = WD_ALIGN_PARAGRAPH.CENTER
                times, equals = item.signs
                for field, joiner in (
                    (item.consequence, f" {times} "),
                    (item.likelihood, f" {equals} "),
                    (item.score, ""),
                ):
                    self._bookmark(score, field.key)
                    if joiner:
                        score.add_run(joiner)
                self._height(grid, row + 1, SHORT_CM)
                row += 2
                continue
            cell = grid.cell(row, 1).merge(grid.cell(row, 3))
            if isinstance(item, Numbered):
                self._label(label, item.label, "")
                for index, field in enumerate(item.fields):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    paragraph.add_run(f"{field.label} ")
                    self._bookmark(paragraph, field.key)
            else:
                self._label(label, item.label, item.hint)
                self._bookmark(cell.paragraphs[0], item.key)
                self._height(grid, row, LONG_CM if item.long else SHORT_CM)
            row += 1

    def _grid(self, block: Grid) -> None:
        self.document.add_heading(block.caption, level=2)
        question = (PAGE_WIDTH_CM * 0.64) / 2
        grid = self._table(1 + len(block.rows), [question, question, PAGE_WIDTH_CM * 0.36], block.caption)
        self._header(grid)
        self._runs(grid.cell(0, 0).merge(grid.cell(0, 1)).paragraphs[0], block.headings[0], bold=True)
        self._runs(grid.cell(0, 2).paragraphs[0], block.headings[1], bold=True)
        for column in range(3):
            self._shade(grid.cell(0, column), LABEL_SHADE)
        for row, grid_row in enumerate(block.rows, start=1):
            cells = [grid.cell(row, 0), grid.cell(row, 1)]
            if len(grid_row.questions) == 1:
                cells = [cells[0].merge(cells[1])]
            for cell, field in zip(cells, grid_row.questions, strict=False):
                self._labelled(cell, field)
            if grid_row.outcome:
                self._labelled(grid.cell(row, 2), grid_row.outcome, grid_row.outcome.label + DOWN_ARROW)
            self._height(grid, row, LONG_CM + SHORT_CM)

    def _factors(self, block: FactorTable) -> None:
        self.document.add_heading(block.caption, level=2)
        self._runs(self.document.add_paragraph(), block.citation)
        grid = self._table(1 + len(block.rows), [LABEL_WIDTH_CM, PAGE_WIDTH_CM - LABEL_WIDTH_CM], block.caption)
        self._header(grid)
        for column, heading in enumerate(block.headings):
            self._shade(grid.cell(0, column), LABEL_SHADE)
            self._runs(grid.cell(0, column).paragraphs[0], heading, bold=True)
        for row, (kind, factors) in enumerate(block.rows, start=1):
            self._runs(grid.cell(row, 0).paragraphs[0], kind, bold=True)
            cell = grid.cell(row, 1)
            for index, factor in enumerate(factors):
                (cell.paragraphs[0] if index == 0 else cell.add_paragraph()).add_run(factor)

    def _line(self, block: Line) -> None:
        paragraph = self.document.add_paragraph()
        formats = paragraph.paragraph_format
        if block.style == "address":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        formats.space_after = Pt(0) if block.style in ("address", "signature", "close") else Pt(4)
        formats.space_before = Pt({"signature": 36, "address": 0, "close": 0}.get(block.style, 8))
        for part in block.parts:
            if isinstance(part, Field):
                self._bookmark(paragraph, part.key, part.placeholder)
            else:
                self._runs(paragraph, part, bold=block.style == "strong")


@cache
def docx_bytes(template: Template) -> bytes:
    """The blank .docx of ``template``, made once per build."""
    return _Word(template).build()


# --- OpenDocument -------------------------------------------------------------------------


class _Odt:
    """Builds one template's .odt."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.document = OpenDocumentText()
        self.made: dict[str, Any] = {}
        self.tables = 0
        self._setup()

    def _setup(self) -> None:
        doc = self.document
        doc.fontfacedecls.addElement(
            style.FontFace(name=FONT, fontfamily=FONT, fontfamilygeneric="swiss", fontpitch="variable")
        )
        default = style.DefaultStyle(family="paragraph")
        default.addElement(style.TextProperties(fontname=FONT, fontsize="11pt", language="en", country="GB"))
        default.addElement(style.ParagraphProperties(marginbottom="0.14cm"))
        doc.styles.addElement(default)
        for level, size in ((1, "16pt"), (2, "13pt")):
            heading = style.Style(
                name=f"Heading_20_{level}",
                displayname=f"Heading {level}",
                family="paragraph",
                defaultoutlinelevel=str(level),
            )
            heading.addElement(style.TextProperties(fontsize=size, fontweight="bold", color=f"#{BLUE}"))
            heading.addElement(
                style.ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always")
            )
            doc.styles.addElement(heading)
        layout = style.PageLayout(name="A4")
        layout.addElement(
            style.PageLayoutProperties(
                pagewidth="21cm",
                pageheight="29.7cm",
                margintop="2cm",
                marginbottom="2cm",
                marginleft="2cm",
                marginright="2cm",
                printorientation="portrait",
            )
        )
        doc.automaticstyles.addElement(layout)
        doc.masterstyles.addElement(style.MasterPage(name="Standard", pagelayoutname=layout))
        doc.meta.addElement(dc.Title(text=self.template.title))
        doc.meta.addElement(dc.Creator(text=AUTHOR))
        doc.meta.addElement(dc.Description(text=f"{TOOLKIT}, Appendix {self.template.appendix}."))

    def build(self) -> bytes:
        if not self.template.letter:
            self.document.text.addElement(text.H(outlinelevel=1, stylename="Heading_20_1", text=self.template.title))
        for block in self.template.blocks:
            self._block(block)
        out = io.BytesIO()
        self.document.write(out)
        return _reproducible(out.getvalue(), stored=("mimetype",))

    # Styles

    def _style(self, name: str, family: str, properties: Any) -> Any:
        """The automatic style ``name`` with ``properties``, made once per document."""
        if name not in self.made:
            self.made[name] = style.Style(name=name, family=family)
            self.made[name].addElement(properties)
            self.document.automaticstyles.addElement(self.made[name])
        return self.made[name]

    def _span_style(self, bold: bool, italic: bool, hint: bool = False) -> Any:
        properties = {"fontweight": "bold"} if bold else {}
        if italic:
            properties["fontstyle"] = "italic"
        if hint:
            properties.update(fontsize="9pt", color=f"#{HINT_GREY}")
        name = f"T{'b' if bold else ''}{'i' if italic else ''}{'h' if hint else ''}"
        return self._style(name, "text", style.TextProperties(**properties))

    def _paragraph_style(self, name: str, **properties: str) -> Any:
        return self._style(name, "paragraph", style.ParagraphProperties(**properties))

    def _cell_style(self, fill: str = "") -> Any:
        properties = {"border": "0.5pt solid #000000", "padding": "0.1cm"}
        if fill:
            properties["backgroundcolor"] = f"#{fill}"
        return self._style(f"Cell{fill}", "table-cell", style.TableCellProperties(**properties))

    def _row_style(self, cm: float) -> Any:
        properties = {"keeptogether": "always"}
        if cm:
            properties["minrowheight"] = f"{cm}cm"
        return self._style(f"Row{int(cm * 10)}", "table-row", style.TableRowProperties(**properties))

    # Text

    def _text(self, paragraph: Any, content: str, bold: bool = False, hint: bool = False) -> None:
        for run in runs(content):
            if bold or run.bold or run.italic or hint:
                paragraph.addElement(
                    text.Span(stylename=self._span_style(bold or run.bold, run.italic or hint, hint), text=run.text)
                )
            else:
                paragraph.addText(run.text)

    def _p(self, content: str = "", bold: bool = False, **extra: Any) -> Any:
        paragraph = text.P(**extra)
        self._text(paragraph, content, bold=bold)
        return paragraph

    def _heading(self, content: str) -> None:
        self.document.text.addElement(text.H(outlinelevel=2, stylename="Heading_20_2", text=content))

    # Tables

    def _table(self, widths: Sequence[float], caption: str) -> Any:
        self.tables += 1
        name = f"Table{self.tables}"
        table_style = style.Style(name=name, family="table")
        table_style.addElement(style.TableProperties(width=f"{sum(widths)}cm", align="center"))
        self.document.automaticstyles.addElement(table_style)
        grid = table.Table(name=name, stylename=table_style)
        grid.addElement(table.Title(text=plain(caption)))
        for index, width in enumerate(widths):
            column = style.Style(name=f"{name}.C{index}", family="table-column")
            column.addElement(style.TableColumnProperties(columnwidth=f"{width}cm"))
            self.document.automaticstyles.addElement(column)
            grid.addElement(table.TableColumn(stylename=column))
        self.document.text.addElement(grid)
        self.document.text.addElement(text.P())
        return grid

    def _row(self, parent: Any, height: float = 0) -> Any:
        row = table.TableRow(stylename=self._row_style(height))
        parent.addElement(row)
        return row

    def _head_row(self, grid: Any) -> Any:
        """A row that repeats at the top of each page the table runs onto."""
        header = table.TableHeaderRows()
        grid.addElement(header)
        return self._row(header)

    def _cell(self, row: Any, fill: str = "", columns: int = 1, rows: int = 1) -> Any:
        spans = {}
        if columns > 1:
            spans["numbercolumnsspanned"] = columns
        if rows > 1:
            spans["numberrowsspanned"] = rows
        cell = table.TableCell(stylename=self._cell_style(fill), valuetype="string", **spans)
        row.addElement(cell)
        for _ in range(columns - 1):
            row.addElement(table.CoveredTableCell())
        return cell

    def _label(self, cell: Any, label: str, hint: str) -> None:
        cell.addElement(self._p(label, bold=True))
        if hint:
            paragraph = text.P()
            self._text(paragraph, hint, hint=True)
            cell.addElement(paragraph)

    def _mark(self, paragraph: Any, key: str, content: str = "") -> Any:
        """Mark a field's place in ``paragraph`` with a bookmark named after its key, as in the .docx."""
        paragraph.addElement(text.BookmarkStart(name=key))
        if content:
            self._text(paragraph, content)
        paragraph.addElement(text.BookmarkEnd(name=key))
        return paragraph

    def _place(self, cell: Any, key: str) -> None:
        """An empty paragraph to write in, marked for ``key``."""
        cell.addElement(self._mark(text.P(), key))

    # Blocks

    def _block(self, block: object) -> None:
        if isinstance(block, Note):
            self.document.text.addElement(self._p(block.text))
        elif isinstance(block, Fields):
            self._fields(block)
        elif isinstance(block, Grid):
            self._grid(block)
        elif isinstance(block, FactorTable):
            self._factors(block)
        elif isinstance(block, Line):
            self._line(block)

    def _fields(self, block: Fields) -> None:
        if block.legend and block.heading:
            self._heading(block.legend)
        elif block.legend:
            self.document.text.addElement(self._p(block.legend))
        caption = block.legend or self.template.title
        if block.layout == "columns":
            fields = [item for item in block.items if isinstance(item, Field)]
            grid = self._table([PAGE_WIDTH_CM / len(fields)] * len(fields), caption)
            head = self._head_row(grid)
            answers = self._row(grid, SHORT_CM * 1.5)
            for field in fields:
                self._label(self._cell(head, LABEL_SHADE), field.label, field.hint)
                self._place(self._cell(answers), field.key)
        elif block.layout == "stacked":
            grid = self._table([PAGE_WIDTH_CM], caption)
            for field in (item for item in block.items if isinstance(item, Field)):
                cell = self._cell(self._row(grid, (LONG_CM if field.long else SHORT_CM) + SHORT_CM))
                self._label(cell, field.label, field.hint)
                self._place(cell, field.key)
        else:
            self._rows(block, caption)

    def _rows(self, block: Fields, caption: str) -> None:
        value = PAGE_WIDTH_CM - LABEL_WIDTH_CM
        grid = self._table([LABEL_WIDTH_CM, value / 3, value / 3, value / 3], caption)
        for item in block.items:
            if isinstance(item, Rating):
                boxes = self._row(grid)
                self._label(self._cell(boxes, LABEL_SHADE, rows=2), item.label, "")
                centre = self._paragraph_style("Centre", textalign="center")
                for name, colour in RATING_COLOURS:
                    box = self._mark(text.P(stylename=centre), item.band.choice_key(name))
                    self._text(box, name, bold=True)
                    self._cell(boxes, colour).addElement(box)
                score = self._row(grid, SHORT_CM)
                score.addElement(table.CoveredTableCell())
                times, equals = item.signs
                sum_line = text.P(stylename=centre)
                for field, joiner in (
                    (item.consequence, f" {times} "),
                    (item.likelihood, f" {equals} "),
                    (item.score, ""),
                ):
                    self._mark(sum_line, field.key)
                    if joiner:
                        sum_line.addText(joiner)
                self._cell(score, columns=3).addElement(sum_line)
                continue
            row = self._row(grid, 0 if isinstance(item, Numbered) else LONG_CM if item.long else SHORT_CM)
            label = self._cell(row, LABEL_SHADE)
            cell = self._cell(row, columns=3)
            if isinstance(item, Numbered):
                self._label(label, item.label, "")
                for field in item.fields:
                    cell.addElement(self._mark(self._p(f"{field.label} "), field.key))
            else:
                self._label(label, item.label, item.hint)
                self._place(cell, item.key)

    def _grid(self, block: Grid) -> None:
        self._heading(block.caption)
        question = (PAGE_WIDTH_CM * 0.64) / 2
        grid = self._table([question, question, PAGE_WIDTH_CM * 0.36], block.caption)
        head = self._head_row(grid)
        self._cell(head, LABEL_SHADE, columns=2).addElement(self._p(block.headings[0], bold=True))
        self._cell(head, LABEL_SHADE).addElement(self._p(block.headings[1], bold=True))
        for grid_row in block.rows:
            row = self._row(grid, LONG_CM + SHORT_CM)
            span = 3 - len(grid_row.questions)
            for field in grid_row.questions:
                cell = self._cell(row, columns=span)
                self._label(cell, field.label, field.hint)
                self._place(cell, field.key)
            outcome = self._cell(row)
            if grid_row.outcome:
                self._label(outcome, grid_row.outcome.label + DOWN_ARROW, "")
                self._place(outcome, grid_row.outcome.key)
            else:
                outcome.addElement(text.P())

    def _factors(self, block: FactorTable) -> None:
        self._heading(block.caption)
        self.document.text.addElement(self._p(block.citation))
        grid = self._table([LABEL_WIDTH_CM, PAGE_WIDTH_CM - LABEL_WIDTH_CM], block.caption)
        head = self._head_row(grid)
        for heading in block.headings:
            self._cell(head, LABEL_SHADE).addElement(self._p(heading, bold=True))
        for kind, factors in block.rows:
            row = self._row(grid)
            self._cell(row).addElement(self._p(kind, bold=True))
            cell = self._cell(row)
            for factor in factors:
                cell.addElement(self._p(factor))

    def _line(self, block: Line) -> None:
        if block.style == "address":
            paragraph_style = self._paragraph_style("Address", textalign="end", marginbottom="0cm")
        elif block.style == "signature":
            paragraph_style = self._paragraph_style("Signature", margintop="1.27cm", marginbottom="0cm")
        elif block.style == "close":
            paragraph_style = self._paragraph_style("Close", margintop="0cm", marginbottom="0cm")
        else:
            paragraph_style = self._paragraph_style("Letter", margintop="0.28cm")
        paragraph = text.P(stylename=paragraph_style)
        for part in block.parts:
            if isinstance(part, Field):
                self._mark(paragraph, part.key, part.placeholder)
            else:
                self._text(paragraph, part, bold=block.style == "strong")
        self.document.text.addElement(paragraph)


@cache
def odt_bytes(template: Template) -> bytes:
    """The blank .odt of ``template``, made once per build."""
    return _Odt(template).build()


# --- Downloads ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """A file the site offers for download."""

    path: str
    """Its path in the built site, e.g. ``downloads/appendix-2-triage-template.docx``."""
    kind: str
    content: bytes

    @property
    def size(self) -> str:
        """The size in words for the link, e.g. ``"Word, 37 KB"``."""
        return f"{self.kind}, {max(1, round(len(self.content) / 1024))} KB"


DOWNLOADS_DIR = "downloads"


def downloads(template: Template) -> tuple[Download, Download]:
    """The blank .docx and .odt of ``template``."""
    base = f"{DOWNLOADS_DIR}/{template.key}-{template.slug}"
    return (
        Download(f"{base}.docx", "Word", docx_bytes(template)),
        Download(f"{base}.odt", "OpenDocument", odt_bytes(template)),
    )


def site_downloads() -> list[Download]:
    """Every template's blank .docx and .odt."""
    return [item for template in TEMPLATES.values() for item in downloads(template)]
