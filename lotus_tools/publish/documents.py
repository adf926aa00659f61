"""The blank templates as Word (.docx, python-docx) and OpenDocument (.odt, odfpy) files.

Both writers write the one layout ``document_layout.layout`` gives each
template: headings, paragraphs and tables, with a labelled row for each field
and an empty cell to type into. Each field's place (empty cell or letter
placeholder) is a bookmark named after its key, which ``record.fill`` fills in.
The same definitions give byte-identical files: fixed zip timestamps, no build
time in the metadata.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, assert_never

import docx
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell as WordCell
from docx.text.paragraph import Paragraph as WordParagraph
from odf import config, dc, style, table, text
from odf.opendocument import OpenDocumentText

from lotus_tools.core.templates import TEMPLATES, Template, plain, runs
from lotus_tools.publish.document_layout import (
    AFTER_PT,
    BLUE,
    BODY_PT,
    FONT,
    HEADING_PT,
    HEADING_SPACE_PT,
    HINT_GREY,
    HINT_PT,
    MARGIN_CM,
    PAGE_CM,
    Cell,
    Element,
    Extent,
    Heading,
    Paragraph,
    Place,
    Table,
    Words,
    layout,
)

AUTHOR = "NHS England North West, System Improvement and Professional Standards (SIPS) team"
"""Whose toolkit it is: the documents' author, and the publisher the whole toolkit's cover names."""
TOOLKIT = "The L.O.T.U.S. Compassionate Leadership Framework and Toolkit"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


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


def _spans(model: Table) -> Iterator[tuple[int, int, Cell]]:
    """Each cell of ``model`` with the row and grid column it starts at, past cells spanning from above."""
    taken: set[tuple[int, int]] = set()
    for row_index, row in enumerate(model.rows):
        column = 0
        for cell in row.cells:
            while (row_index, column) in taken:
                column += 1
            taken.update(
                (row_index + down, column + across) for down in range(cell.rows) for across in range(cell.columns)
            )
            yield row_index, column, cell
            column += cell.columns


def _covered(model: Table) -> set[tuple[int, int]]:
    """The grid places a cell starting elsewhere covers."""
    return {
        (row + down, column + across)
        for row, column, cell in _spans(model)
        for down in range(cell.rows)
        for across in range(cell.columns)
        if down or across
    }


# --- Word ---------------------------------------------------------------------------------

_WORD_ALIGN = {"start": WD_ALIGN_PARAGRAPH.LEFT, "centre": WD_ALIGN_PARAGRAPH.CENTER, "end": WD_ALIGN_PARAGRAPH.RIGHT}


class _Word:
    """Writes one template's layout as a .docx."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.document = docx.Document()
        self.next_bookmark = 0
        self._setup()

    def _setup(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = (Cm(size) for size in PAGE_CM)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(MARGIN_CM))
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
        normal.paragraph_format.space_after = Pt(AFTER_PT)
        before, after = HEADING_SPACE_PT
        for level, size in HEADING_PT.items():
            heading = styles[f"Heading {level}"]
            heading.font.name, heading.font.size = FONT, Pt(size)
            heading.font.color.rgb = RGBColor.from_string(BLUE)
            heading.paragraph_format.space_before, heading.paragraph_format.space_after = Pt(before), Pt(after)
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
        properties.comments = f"{TOOLKIT}, {self.template.place}."
        element = properties._element
        for tag in ("dcterms:created", "dcterms:modified"):
            for found in element.findall(qn(tag)):
                element.remove(found)

    def build(self) -> bytes:
        for element in layout(self.template):
            self._element(element)
        out = io.BytesIO()
        self.document.save(out)
        return _reproducible(out.getvalue())

    def _element(self, element: Element) -> None:
        match element:
            case Heading():
                self.document.add_heading(element.text, level=element.level)
            case Paragraph():
                self._paragraph(self.document.add_paragraph(), element)
            case Table():
                self._table(element)
            case Extent():
                self._extent(element)
            case _:
                assert_never(element)

    def _extent(self, extent: Extent) -> None:
        """The extent's elements between a bookmark's start and end of their own, between paragraphs."""
        ident = str(self.next_bookmark)
        self.next_bookmark += 1
        body = self.document.element.body
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), ident)
        start.set(qn("w:name"), extent.name)
        body.sectPr.addprevious(start)
        for element in extent.elements:
            self._element(element)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), ident)
        body.sectPr.addprevious(end)

    def _paragraph(self, paragraph: WordParagraph, model: Paragraph) -> None:
        if model.align != "start":
            paragraph.alignment = _WORD_ALIGN[model.align]
        if model.before_pt:
            paragraph.paragraph_format.space_before = Pt(model.before_pt)
        if model.after_pt != AFTER_PT:
            paragraph.paragraph_format.space_after = Pt(model.after_pt)
        for part in model.parts:
            match part:
                case Words():
                    self._words(paragraph, part)
                case Place():
                    self._bookmark(paragraph, part)
                case _:
                    assert_never(part)

    @staticmethod
    def _words(paragraph: WordParagraph, words: Words) -> None:
        for run in runs(words.text):
            added = paragraph.add_run(run.text)
            added.bold = words.bold or run.bold or None
            added.italic = words.hint or run.italic or None
            if words.hint:
                added.font.size = Pt(HINT_PT)
                added.font.color.rgb = RGBColor.from_string(HINT_GREY)

    def _bookmark(self, paragraph: WordParagraph, place: Place) -> None:
        ident = str(self.next_bookmark)
        self.next_bookmark += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), ident)
        start.set(qn("w:name"), place.key)
        paragraph._p.append(start)
        if place.placeholder:
            paragraph.add_run(place.placeholder)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), ident)
        paragraph._p.append(end)

    def _table(self, model: Table) -> None:
        grid = self.document.add_table(rows=len(model.rows), cols=len(model.widths_cm))
        grid.style = self.document.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        for column, width in zip(grid.columns, model.widths_cm, strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
        for word_row, row in zip(grid.rows, model.rows, strict=True):
            properties = word_row._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))
            if row.header:
                properties.append(OxmlElement("w:tblHeader"))
            if row.height_cm:
                word_row.height = Cm(row.height_cm)
                word_row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for start, column, cell in _spans(model):
            word_cell = grid.cell(start, column)
            if cell.rows > 1 or cell.columns > 1:
                word_cell = word_cell.merge(grid.cell(start + cell.rows - 1, column + cell.columns - 1))
            self._cell(word_cell, cell)
            for paragraph in word_cell.paragraphs if model.rows[start].keep_with_next else ():
                paragraph.paragraph_format.keep_with_next = True
        described = OxmlElement("w:tblCaption")
        described.set(qn("w:val"), plain(model.caption))
        grid._tbl.tblPr.append(described)
        self.document.add_paragraph()

    def _cell(self, word_cell: WordCell, cell: Cell) -> None:
        if cell.fill:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), cell.fill)
            word_cell._tc.get_or_add_tcPr().append(shading)
        for index, paragraph in enumerate(cell.paragraphs):
            self._paragraph(word_cell.paragraphs[0] if index == 0 else word_cell.add_paragraph(), paragraph)


@cache
def docx_bytes(template: Template) -> bytes:
    """The blank .docx of ``template``, made once per build."""
    return _Word(template).build()


# --- OpenDocument -------------------------------------------------------------------------

_ODF_ALIGN = {"start": "start", "centre": "center", "end": "end"}


class _Odt:
    """Writes one template's layout as an .odt."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.document = OpenDocumentText()
        self.made: dict[str, Any] = {}
        self.tables = 0
        self.parent: Any = self.document.text
        """Where the next element goes: the text, or the section of an extent."""
        self._setup()

    def _setup(self) -> None:
        doc = self.document
        doc.fontfacedecls.addElement(
            style.FontFace(name=FONT, fontfamily=FONT, fontfamilygeneric="swiss", fontpitch="variable")
        )
        default = style.DefaultStyle(family="paragraph")
        default.addElement(style.TextProperties(fontname=FONT, fontsize=f"{BODY_PT}pt", language="en", country="GB"))
        default.addElement(style.ParagraphProperties(marginbottom=f"{AFTER_PT}pt"))
        doc.styles.addElement(default)
        before, after = HEADING_SPACE_PT
        for level, size in HEADING_PT.items():
            heading = style.Style(
                name=f"Heading_20_{level}",
                displayname=f"Heading {level}",
                family="paragraph",
                defaultoutlinelevel=str(level),
            )
            heading.addElement(style.TextProperties(fontsize=f"{size}pt", fontweight="bold", color=f"#{BLUE}"))
            heading.addElement(
                style.ParagraphProperties(margintop=f"{before}pt", marginbottom=f"{after}pt", keepwithnext="always")
            )
            doc.styles.addElement(heading)
        width, height = PAGE_CM
        margin = f"{MARGIN_CM}cm"
        page = style.PageLayout(name="A4")
        page.addElement(
            style.PageLayoutProperties(
                pagewidth=f"{width}cm",
                pageheight=f"{height}cm",
                margintop=margin,
                marginbottom=margin,
                marginleft=margin,
                marginright=margin,
                printorientation="portrait",
            )
        )
        doc.automaticstyles.addElement(page)
        doc.masterstyles.addElement(style.MasterPage(name="Standard", pagelayoutname=page))
        settings = config.ConfigItemSet(name="ooo:configuration-settings")
        # LibreOffice keeps a row with the next only where this is set (as it sets it for a Word file).
        settings.addElement(config.ConfigItem(name="TableRowKeep", type="boolean", text="true"))
        doc.settings.addElement(settings)
        doc.meta.addElement(dc.Title(text=self.template.title))
        doc.meta.addElement(dc.Creator(text=AUTHOR))
        doc.meta.addElement(dc.Description(text=f"{TOOLKIT}, {self.template.place}."))

    def build(self) -> bytes:
        for element in layout(self.template):
            self._element(element)
        out = io.BytesIO()
        self.document.write(out)
        return _reproducible(out.getvalue(), stored=("mimetype",))

    def _element(self, element: Element) -> None:
        match element:
            case Heading():
                self.parent.addElement(
                    text.H(outlinelevel=element.level, stylename=f"Heading_20_{element.level}", text=element.text)
                )
            case Paragraph():
                self.parent.addElement(self._paragraph(element))
            case Table():
                self._table(element)
            case Extent():
                outside, self.parent = self.parent, text.Section(name=element.name)
                outside.addElement(self.parent)
                for inner in element.elements:
                    self._element(inner)
                self.parent = outside
            case _:
                assert_never(element)

    # Styles

    def _style(self, name: str, family: str, properties: Any) -> Any:
        """The automatic style ``name`` with ``properties``, made once per document."""
        if name not in self.made:
            self.made[name] = style.Style(name=name, family=family)
            self.made[name].addElement(properties)
            self.document.automaticstyles.addElement(self.made[name])
        return self.made[name]

    def _span_style(self, bold: bool, italic: bool, hint: bool) -> Any:
        properties = {"fontweight": "bold"} if bold else {}
        if italic:
            properties["fontstyle"] = "italic"
        if hint:
            properties.update(fontsize=f"{HINT_PT}pt", color=f"#{HINT_GREY}")
        name = f"T{'b' if bold else ''}{'i' if italic else ''}{'h' if hint else ''}"
        return self._style(name, "text", style.TextProperties(**properties))

    def _cell_style(self, fill: str) -> Any:
        properties = {"border": "0.5pt solid #000000", "padding": "0.1cm"}
        if fill:
            properties["backgroundcolor"] = f"#{fill}"
        return self._style(f"Cell{fill}", "table-cell", style.TableCellProperties(**properties))

    def _row_style(self, cm: float) -> Any:
        properties = {"keeptogether": "always"}
        if cm:
            properties["minrowheight"] = f"{cm}cm"
        return self._style(f"Row{int(cm * 10)}", "table-row", style.TableRowProperties(**properties))

    # Paragraphs

    def _paragraph(self, model: Paragraph, keep_with_next: bool = False) -> Any:
        if (model.align, model.before_pt, model.after_pt, keep_with_next) == ("start", 0, AFTER_PT, False):
            paragraph = text.P()
        else:
            name = f"P{model.align}{model.before_pt:g}_{model.after_pt:g}{'_kept' if keep_with_next else ''}"
            properties = style.ParagraphProperties(
                textalign=_ODF_ALIGN[model.align],
                margintop=f"{model.before_pt:g}pt",
                marginbottom=f"{model.after_pt:g}pt",
                **({"keepwithnext": "always"} if keep_with_next else {}),
            )
            paragraph = text.P(stylename=self._style(name, "paragraph", properties))
        for part in model.parts:
            match part:
                case Words():
                    self._words(paragraph, part)
                case Place():
                    paragraph.addElement(text.BookmarkStart(name=part.key))
                    if part.placeholder:
                        paragraph.addText(part.placeholder)
                    paragraph.addElement(text.BookmarkEnd(name=part.key))
                case _:
                    assert_never(part)
        return paragraph

    def _words(self, paragraph: Any, words: Words) -> None:
        for run in runs(words.text):
            bold, italic = words.bold or run.bold, words.hint or run.italic
            if bold or italic:
                paragraph.addElement(text.Span(stylename=self._span_style(bold, italic, words.hint), text=run.text))
            else:
                paragraph.addText(run.text)

    # Tables

    def _table(self, model: Table) -> None:
        self.tables += 1
        name = f"Table{self.tables}"
        table_style = style.Style(name=name, family="table")
        table_style.addElement(style.TableProperties(width=f"{sum(model.widths_cm):g}cm", align="center"))
        self.document.automaticstyles.addElement(table_style)
        grid = table.Table(name=name, stylename=table_style)
        grid.addElement(table.Title(text=plain(model.caption)))
        for index, width in enumerate(model.widths_cm):
            column = style.Style(name=f"{name}.C{index}", family="table-column")
            column.addElement(style.TableColumnProperties(columnwidth=f"{width:g}cm"))
            self.document.automaticstyles.addElement(column)
            grid.addElement(table.TableColumn(stylename=column))
        starts = {(row, column): cell for row, column, cell in _spans(model)}
        covered = _covered(model)
        header = None
        for row_index, row in enumerate(model.rows):
            parent = grid
            if row.header:
                if header is None:
                    header = table.TableHeaderRows()
                    grid.addElement(header)
                parent = header
            odf_row = table.TableRow(stylename=self._row_style(row.height_cm))
            parent.addElement(odf_row)
            for column in range(len(model.widths_cm)):
                if (row_index, column) in covered:
                    odf_row.addElement(table.CoveredTableCell())
                elif (row_index, column) in starts:
                    odf_row.addElement(self._cell(starts[row_index, column], row.keep_with_next))
        self.parent.addElement(grid)
        self.parent.addElement(text.P())

    def _cell(self, cell: Cell, keep_with_next: bool) -> Any:
        spans = {}
        if cell.columns > 1:
            spans["numbercolumnsspanned"] = cell.columns
        if cell.rows > 1:
            spans["numberrowsspanned"] = cell.rows
        odf_cell = table.TableCell(stylename=self._cell_style(cell.fill), valuetype="string", **spans)
        for paragraph in cell.paragraphs or (Paragraph(),):
            odf_cell.addElement(self._paragraph(paragraph, keep_with_next))
        return odf_cell


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
