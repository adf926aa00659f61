"""The templates on their pages: HTML forms, the letter, reference tables and download links.

Each function returns one block for a page in ``docs/appendices/`` (raw HTML,
or Markdown where it links to other files); every string is escaped. The forms
never submit (``method="dialog"`` outside a dialog does nothing) and ask the
browser not to remember what is typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from lotus_tools import forms
from lotus_tools.render import band_class
from lotus_tools.risk import NPSA_2008
from lotus_tools.templates import (
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
    runs,
)

PRIVACY = (
    "What you type here stays on this page: it is not sent anywhere or saved, "
    "and it is gone when you leave the page or choose “Clear the form”."
)
CLEAR = "Clear the form"
TO_ROOT = "../"
"""From a page in ``docs/appendices/`` to ``docs/``, for Markdown links."""


def _text(content: str) -> str:
    """A definition's text as HTML, its ``**bold**`` and ``*italic*`` as ``<strong>``/``<em>``."""
    parts = []
    for run in runs(content):
        piece = escape(run.text)
        parts.append(f"<strong>{piece}</strong>" if run.bold else f"<em>{piece}</em>" if run.italic else piece)
    return "".join(parts)


def _id(template: Template, field: Field) -> str:
    return f"{template.key}-{field.key}"


def _hint_id(template: Template, field: Field) -> str:
    return f"{_id(template, field)}-hint"


def _control(template: Template, field: Field, described_by: Iterable[str] = ()) -> str:
    ident = _id(template, field)
    described = [_hint_id(template, field)] if field.hint or field.placeholder else []
    described += described_by
    aria = f' aria-describedby="{" ".join(described)}"' if described else ""
    if field.long:
        return f'<textarea id="{ident}" name="{field.key}" rows="4"{aria}></textarea>'
    return f'<input type="text" id="{ident}" name="{field.key}"{aria}>'


def _hint(template: Template, field: Field) -> str:
    if field.placeholder:
        text = f"Replaces “{escape(field.placeholder)}” in the letter."
    elif field.hint:
        text = _text(field.hint)
    else:
        return ""
    return f'<p class="lotus-hint" id="{_hint_id(template, field)}">{text}</p>'


def _field(template: Template, field: Field, label: str = "", described_by: Iterable[str] = ()) -> str:
    return (
        f'<div class="lotus-field"><label for="{_id(template, field)}" id="{_id(template, field)}-label">'
        f"{label or escape(field.label)}</label>"
        f"{_hint(template, field)}{_control(template, field, described_by)}</div>"
    )


def _numbered(template: Template, item: Numbered) -> str:
    hidden = f'<span class="lotus-visually-hidden">{escape(item.label)} </span>'
    inputs = "".join(_field(template, f, hidden + escape(f.label)) for f in item.fields)
    return f'<fieldset class="lotus-numbered"><legend>{escape(item.label)}</legend>{inputs}</fieldset>'


def _rating(template: Template, item: Rating) -> str:
    colours = {band.colour: band_class(band) for band in NPSA_2008.bands}
    radios = "".join(
        f'<div class="lotus-radio {colours[choice]}"><input type="radio" id="{_id(template, item.band)}-{choice.lower()}" '
        f'name="{item.band.key}" value="{escape(choice)}">'
        f'<label for="{_id(template, item.band)}-{choice.lower()}">{escape(choice)}</label></div>'
        for choice in item.band.choices
    )
    score = (
        f"{_field(template, item.consequence)}"
        '<span class="lotus-operator" aria-hidden="true">x</span>'
        f"{_field(template, item.likelihood)}"
        '<span class="lotus-operator" aria-hidden="true">=</span>'
        f"{_field(template, item.score)}"
    )
    return (
        f'<fieldset class="lotus-rating"><legend>{escape(item.label)}</legend>'
        f'<div class="lotus-radios">{radios}</div><div class="lotus-score">{score}</div></fieldset>'
    )


def _fields(template: Template, block: Fields) -> str:
    items = []
    for item in block.items:
        if isinstance(item, Numbered):
            items.append(_numbered(template, item))
        elif isinstance(item, Rating):
            items.append(_rating(template, item))
        else:
            items.append(_field(template, item))
    body = "".join(items)
    if not block.legend:
        return f'<div class="lotus-fields lotus-{block.layout}">{body}</div>'
    legend_class = ' class="lotus-legend-heading"' if block.heading else ""
    return (
        f'<fieldset class="lotus-fields lotus-{block.layout}">'
        f"<legend{legend_class}>{_text(block.legend)}</legend>{body}</fieldset>"
    )


def _grid(template: Template, block: Grid) -> str:
    first, second = block.headings
    rows = []
    for row in block.rows:
        span = ' colspan="2"' if len(row.questions) == 1 else ""
        cells = [f"<td{span}>{_field(template, f)}</td>" for f in row.questions]
        if row.outcome:
            questions = [f"{_id(template, f)}-label" for f in row.questions]
            label = f'{escape(row.outcome.label)} <span aria-hidden="true">↓</span>'
            cells.append(f"<td>{_field(template, row.outcome, label, questions)}</td>")
        else:
            cells.append("<td></td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<figure class="lotus-table lotus-form-grid" id="{block.ident}">'
        f"<figcaption>{escape(block.caption)}</figcaption>"
        f'<table><thead><tr><th scope="col" colspan="2">{escape(first)}</th><th scope="col">{escape(second)}</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></figure>"
    )


def _factors(block: FactorTable) -> str:
    """The table as a Markdown-aware figure, so that its citation links to the references."""
    rows = "".join(
        f'<tr><th scope="row">{escape(kind)}</th><td><ul>{"".join(f"<li>{escape(f)}</li>" for f in factors)}</ul></td></tr>'
        for kind, factors in block.rows
    )
    first, second = block.headings
    return "\n".join(
        [
            f'<figure class="lotus-table" id="{block.ident}" markdown="1">',
            f"<figcaption>{escape(block.caption)}</figcaption>",
            f'<p class="lotus-citation" markdown="span">{_text(block.citation)}'
            f"<sup>[{block.reference}]({TO_ROOT}references.md#ref-{block.reference})</sup></p>",
            f'<table><thead><tr><th scope="col">{escape(first)}</th><th scope="col">{escape(second)}</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>",
            "</figure>",
        ]
    )


def tables(template: Template) -> str:
    """The template's reference tables (Appendix 4's Table 2), which have nothing to fill in."""
    return "\n\n".join(_factors(block) for block in template.blocks if isinstance(block, FactorTable))


def _line(line: Line) -> str:
    parts = "".join(
        f'<span class="lotus-placeholder">{escape(part.placeholder)}</span>' if isinstance(part, Field) else _text(part)
        for part in line.parts
    )
    if line.style == "strong":
        parts = f"<strong>{parts}</strong>"
    return f'<p class="lotus-letter-{line.style}">{parts}</p>'


def letter(template: Template) -> str:
    """The letter as the source has it, placeholders marked."""
    lines = "".join(_line(block) for block in template.blocks if isinstance(block, Line))
    return f'<div class="lotus-letter">{lines}</div>'


def form(template: Template) -> str:
    """The template as a form: its text and a labelled control for every field."""
    body = []
    for block in template.blocks:
        if isinstance(block, Note):
            body.append(f"<p>{_text(block.text)}</p>")
        elif isinstance(block, Fields):
            body.append(_fields(template, block))
        elif isinstance(block, Grid):
            body.append(_grid(template, block))
    if template.letter:
        body.append('<div class="lotus-fields lotus-rows">')
        body.extend(_field(template, field) for field in template.fields())
        body.append("</div>")
    return (
        f'<form class="lotus-form" id="{template.key}-form" data-lotus-template="{template.key}" '
        f'method="dialog" autocomplete="off" aria-label="{escape(template.title)}">'
        f'<p class="lotus-privacy">{escape(PRIVACY)}</p>{"".join(body)}'
        f'<div class="lotus-form-actions"><button type="reset" class="md-button">{CLEAR}</button>'
        f'<p class="lotus-form-status" role="status" aria-live="polite"></p></div></form>'
    )


def downloads(template: Template) -> str:
    """Markdown links to the blank .docx and .odt, with their sizes."""
    return "\n".join(
        f"- [Download template (.{item.path.rsplit('.', 1)[1]})]({TO_ROOT}{item.path})"
        f'{{ data-lotus-blank="{template.key}" }} ({item.size})'
        for item in forms.downloads(template)
    )


def renderers() -> dict[str, Callable[[object], str]]:
    """The generated blocks of the template pages, by marker name."""
    found: dict[str, Callable[[object], str]] = {}
    for key, template in TEMPLATES.items():
        found[f"{key}-form"] = lambda context, t=template: form(t)
        found[f"{key}-downloads"] = lambda context, t=template: downloads(t)
        if template.letter:
            found[f"{key}-letter"] = lambda context, t=template: letter(t)
        if any(isinstance(block, FactorTable) for block in template.blocks):
            found[f"{key}-tables"] = lambda context, t=template: tables(t)
    return found
