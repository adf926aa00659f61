"""One description of each template's printed layout, shared by the .docx and .odt writers.

``layout(template)`` turns a template's blocks into headings, paragraphs and
tables, with every size written once (centimetres for lengths, points for type
and spacing). The writers in ``documents`` differ only in how they write these
three things, so the two files cannot drift apart, and a new block type that
``layout`` does not handle stops the build instead of dropping out of a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, assert_never

from lotus_tools.core.templates import (
    RATING_COLOURS,
    RATING_NOTE,
    Block,
    FactorTable,
    Field,
    Fields,
    Grid,
    Item,
    Line,
    Note,
    Numbered,
    Part,
    Rating,
    Template,
)

FONT = "Arial"
BODY_PT = 11
HEADING_PT = {1: 16, 2: 13}
HINT_PT = 9
BLUE = "005EB8"
LABEL_SHADE = "E8EDEE"
HINT_GREY = "425563"
PAGE_CM = (21.0, 29.7)
MARGIN_CM = 2.0
PAGE_WIDTH_CM = PAGE_CM[0] - 2 * MARGIN_CM
LABEL_WIDTH_CM = 5.5
LONG_CM = 2.5
SHORT_CM = 1.0
AFTER_PT = 4
"""The space after an ordinary paragraph."""
HEADING_SPACE_PT = (12, 6)
"""The space before and after a heading."""
DOWN_ARROW = " ↓"


@dataclass(frozen=True)
class Words:
    """Text of the template (``**bold**`` and ``*italic*`` marked), bold as a whole, or set as a hint."""

    text: str
    bold: bool = False
    hint: bool = False


@dataclass(frozen=True)
class Place:
    """A field's place, named after its key; ``placeholder`` is the source's stand-in text, if any."""

    key: str
    placeholder: str = ""


Inline = Words | Place


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Inline, ...] = ()
    align: Literal["start", "centre", "end"] = "start"
    before_pt: float = 0
    after_pt: float = AFTER_PT


@dataclass(frozen=True)
class Heading:
    level: Literal[1, 2]
    text: str


@dataclass(frozen=True)
class Cell:
    """A table cell; it covers ``columns`` grid columns and ``rows`` rows from where it starts."""

    paragraphs: tuple[Paragraph, ...] = ()
    fill: str = ""
    columns: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Row:
    """The cells starting in this row, left to right; ``height_cm`` is a minimum (0: as tall as its text)."""

    cells: tuple[Cell, ...]
    height_cm: float = 0
    header: bool = False
    """Whether the row is the table's header, repeated on each page the table runs onto."""
    keep_with_next: bool = False
    """Whether the row stays on the page of the row after it (the rating's boxes over its score)."""


@dataclass(frozen=True)
class Table:
    caption: str
    widths_cm: tuple[float, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Extent:
    """A part with an extent (:attr:`Part.extent`): its heading and what follows, which a copy may leave out."""

    name: str
    elements: tuple[Element, ...]


Element = Heading | Paragraph | Table | Extent


def layout(template: Template) -> tuple[Element, ...]:
    """The template's printed layout, in reading order; a part with an extent holds what is under it."""
    top: list[Element] = [] if template.letter else [Heading(1, template.title)]
    open_parts: list[tuple[Part, list[Element]]] = []

    def close(level: int) -> None:
        while open_parts and open_parts[-1][0].level >= level:
            part, elements = open_parts.pop()
            (open_parts[-1][1] if open_parts else top).append(Extent(part.extent, tuple(elements)))

    under = template.title
    for block in template.blocks:
        if isinstance(block, Part):
            under = block.title
            close(block.level)
            if block.extent:
                open_parts.append((block, []))
        (open_parts[-1][1] if open_parts else top).extend(_block(block, under))
    close(0)
    return tuple(top)


def _block(block: Block, under: str) -> Iterator[Element]:
    """One block's layout; ``under`` is the heading it is under, which names a table without a legend."""
    match block:
        case Note():
            yield Paragraph((Words(block.text),))
        case Fields():
            yield from _fields(block, under)
        case Grid():
            yield from _grid(block)
        case FactorTable():
            yield from _factors(block)
        case Line():
            yield _line(block)
        case Part():
            yield Heading(block.level, block.title)
        case _:
            assert_never(block)


def _label(text: str, hint: str = "") -> tuple[Paragraph, ...]:
    label = Paragraph((Words(text, bold=True),))
    return (label, Paragraph((Words(hint, hint=True),))) if hint else (label,)


def _answer(field: Field, label: str = "") -> tuple[Paragraph, ...]:
    """The label (and hint) on top and room to write below."""
    return (*_label(label or field.label, field.hint), Paragraph((Place(field.key),)))


def _fields(block: Fields, under: str) -> Iterator[Element]:
    if block.legend and block.heading:
        yield Heading(2, block.legend)
    elif block.legend:
        yield Paragraph((Words(block.legend),))
    caption = block.legend or under
    fields = [item for item in block.items if isinstance(item, Field)]
    match block.layout:
        case "columns":
            yield Table(
                caption,
                (PAGE_WIDTH_CM / len(fields),) * len(fields),
                (
                    Row(tuple(Cell(_label(f.label, f.hint), LABEL_SHADE) for f in fields), header=True),
                    Row(tuple(Cell((Paragraph((Place(f.key),)),)) for f in fields), SHORT_CM * 1.5),
                ),
            )
        case "stacked":
            yield Table(
                caption,
                (PAGE_WIDTH_CM,),
                tuple(Row((Cell(_answer(f)),), (LONG_CM if f.long else SHORT_CM) + SHORT_CM) for f in fields),
            )
        case "rows":
            value = (PAGE_WIDTH_CM - LABEL_WIDTH_CM) / 3
            rows = tuple(row for item in block.items for row in _item_rows(item))
            yield Table(caption, (LABEL_WIDTH_CM, value, value, value), rows)
        case _:
            assert_never(block.layout)


def _item_rows(item: Item) -> Iterator[Row]:
    """One item of a ``rows`` layout: its label beside the three value columns."""
    match item:
        case Rating():
            yield Row(
                (
                    Cell(_label(item.label), LABEL_SHADE, rows=2),
                    *(
                        Cell((Paragraph((Place(item.band.choice_key(name)), Words(name, bold=True)), "centre"),), fill)
                        for name, fill in RATING_COLOURS
                    ),
                ),
                keep_with_next=True,
            )
            times, equals = item.signs
            sum_line = (
                Place(item.consequence.key),
                Words(f" {times} "),
                Place(item.likelihood.key),
                Words(f" {equals} "),
                Place(item.score.key),
            )
            note = Paragraph((Place(RATING_NOTE),), "centre")
            yield Row((Cell((Paragraph(sum_line, "centre"), note), columns=3),), SHORT_CM)
        case Numbered():
            answers = tuple(Paragraph((Words(f"{f.label} "), Place(f.key))) for f in item.fields)
            yield Row((Cell(_label(item.label), LABEL_SHADE), Cell(answers, columns=3)))
        case Field():
            yield Row(
                (Cell(_label(item.label, item.hint), LABEL_SHADE), Cell((Paragraph((Place(item.key),)),), columns=3)),
                LONG_CM if item.long else SHORT_CM,
            )
        case _:
            assert_never(item)


def _grid(block: Grid) -> Iterator[Element]:
    yield Heading(2, block.caption)
    question = PAGE_WIDTH_CM * 0.32
    first, second = block.headings
    head = Row(
        (Cell(_label(first), LABEL_SHADE, columns=2), Cell(_label(second), LABEL_SHADE)),
        header=True,
    )
    rows = [head]
    for grid_row in block.rows:
        span = 3 - len(grid_row.questions)
        cells = [Cell(_answer(field), columns=span) for field in grid_row.questions]
        outcome = grid_row.outcome
        cells.append(Cell(_answer(outcome, outcome.label + DOWN_ARROW)) if outcome else Cell())
        rows.append(Row(tuple(cells), LONG_CM + SHORT_CM))
    yield Table(block.caption, (question, question, PAGE_WIDTH_CM - 2 * question), tuple(rows))


def _factors(block: FactorTable) -> Iterator[Element]:
    yield Heading(2, block.caption)
    yield Paragraph((Words(block.citation),))
    head = Row(tuple(Cell(_label(heading), LABEL_SHADE) for heading in block.headings), header=True)
    rows = tuple(
        Row((Cell(_label(kind)), Cell(tuple(Paragraph((Words(factor),)) for factor in factors))))
        for kind, factors in block.rows
    )
    yield Table(block.caption, (LABEL_WIDTH_CM, PAGE_WIDTH_CM - LABEL_WIDTH_CM), (head, *rows))


_LINE_SPACING: dict[str, tuple[Literal["start", "end"], float, float]] = {
    "body": ("start", 8, AFTER_PT),
    "strong": ("start", 8, AFTER_PT),
    "address": ("end", 0, 0),
    "signature": ("start", 36, 0),
    "close": ("start", 0, 0),
}
"""A letter line's alignment and the space before and after it, in points, by style."""


def _line(block: Line) -> Paragraph:
    align, before, after = _LINE_SPACING[block.style]
    parts = tuple(
        Place(part.key, part.placeholder) if isinstance(part, Field) else Words(part, bold=block.style == "strong")
        for part in block.parts
    )
    return Paragraph(parts, align, before, after)
