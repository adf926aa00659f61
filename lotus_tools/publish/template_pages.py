"""The templates on their pages: HTML forms, the letter, reference tables and download links.

Each function returns one block for a page in ``docs/appendices/`` (raw HTML,
or Markdown where it links to other files); every string is escaped. A
control's ``name`` is its field's key, so the form's data is what
``record.fill`` takes; ids start with the template's key (``appendix-2-score``).
The forms never submit (``method="dialog"`` outside a dialog does nothing) and
ask the browser not to remember what is typed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from html import escape
from typing import Any, assert_never

from lotus_tools.core.risk import NPSA_2008
from lotus_tools.core.templates import (
    TEMPLATES,
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
    runs,
)
from lotus_tools.publish import documents
from lotus_tools.publish.scoring_tables import band_class

PRIVACY = (
    "What you type here stays in your browser: it is never sent anywhere. It is kept in this tab "
    "while the tab is open, so following a link, going back or reloading loses nothing, and it is "
    "gone when you close the tab or choose “Clear the form”. Download a filled copy to keep it."
)
CLEAR = "Clear the form"
FILL = {"docx": "Download filled copy (.docx)", "odt": "Download filled copy (.odt)"}
OPEN = "Open a saved {what} (.docx)"
"""The "open" control's label, for a record (the templates) or a workbook."""
TO_ROOT = "../"
"""From a page in ``docs/appendices/`` to ``docs/``, for Markdown links."""


def _text(content: str) -> str:
    """A definition's text as HTML, its ``**bold**`` and ``*italic*`` as ``<strong>``/``<em>``."""
    parts = []
    for run in runs(content):
        piece = escape(run.text)
        parts.append(f"<strong>{piece}</strong>" if run.bold else f"<em>{piece}</em>" if run.italic else piece)
    return "".join(parts)


class _Form:
    """Renders one template's text and controls."""

    def __init__(self, template: Template) -> None:
        self.template = template

    def ident(self, field: Field) -> str:
        return f"{self.template.key}-{field.key}"

    def hint(self, field: Field) -> str:
        if field.placeholder:
            text = f"Replaces “{escape(field.placeholder)}” in the letter."
        elif field.hint:
            text = _text(field.hint)
        else:
            return ""
        return f'<p class="lotus-hint" id="{self.ident(field)}-hint">{text}</p>'

    def field(self, field: Field, label: str = "", described_by: Iterable[str] = ()) -> str:
        ident = self.ident(field)
        described = [f"{ident}-hint"] if field.hint or field.placeholder else []
        described += described_by
        attributes = f'id="{ident}" name="{field.key}"'
        if described:
            attributes += f' aria-describedby="{" ".join(described)}"'
        control = f'<textarea {attributes} rows="4"></textarea>' if field.long else f'<input type="text" {attributes}>'
        return (
            f'<div class="lotus-field"><label for="{ident}" id="{ident}-label">{label or escape(field.label)}</label>'
            f"{self.hint(field)}{control}</div>"
        )

    def numbered(self, item: Numbered) -> str:
        hidden = f'<span class="lotus-visually-hidden">{escape(item.label)} </span>'
        inputs = "".join(self.field(f, hidden + escape(f.label)) for f in item.fields)
        return f'<fieldset class="lotus-numbered"><legend>{escape(item.label)}</legend>{inputs}</fieldset>'

    def rating(self, item: Rating) -> str:
        colours = {band.colour: band_class(band) for band in NPSA_2008.bands}
        ident = self.ident(item.band)
        radios = "".join(
            f'<div class="lotus-radio {colours[choice]}"><input type="radio" id="{ident}-{choice.lower()}" '
            f'name="{item.band.key}" value="{escape(choice)}">'
            f'<label for="{ident}-{choice.lower()}">{escape(choice)}</label></div>'
            for choice in item.band.choices
        )
        consequence, likelihood, score = (self.field(f) for f in (item.consequence, item.likelihood, item.score))
        times, equals = (f'<span class="lotus-operator" aria-hidden="true">{sign}</span>' for sign in item.signs)
        return (  # a block a line: Python-Markdown keeps nested blocks whole only one to a line
            f'<fieldset class="lotus-rating"><legend>{escape(item.label)}</legend>\n'
            f'<div class="lotus-radios">{radios}</div>\n'
            f'<div class="lotus-score">\n{consequence}\n{times}\n{likelihood}\n{equals}\n{score}\n</div>\n</fieldset>'
        )

    def item(self, item: Item) -> str:
        match item:
            case Numbered():
                return self.numbered(item)
            case Rating():
                return self.rating(item)
            case Field():
                return self.field(item)
            case _:
                assert_never(item)

    def fields(self, block: Fields) -> str:
        body = "".join(map(self.item, block.items))
        if not block.legend:
            return f'<div class="lotus-fields lotus-{block.layout}">{body}</div>'
        legend_class = ' class="lotus-legend-heading"' if block.heading else ""
        return (
            f'<fieldset class="lotus-fields lotus-{block.layout}">'
            f"<legend{legend_class}>{_text(block.legend)}</legend>{body}</fieldset>"
        )

    def grid(self, block: Grid) -> str:
        first, second = block.headings
        rows = []
        for row in block.rows:
            span = ' colspan="2"' if len(row.questions) == 1 else ""
            cells = [f"<td{span}>{self.field(f)}</td>" for f in row.questions]
            if row.outcome:
                questions = [f"{self.ident(f)}-label" for f in row.questions]
                about = " and ".join(escape(f.label) for f in row.questions)
                label = (
                    f'{escape(row.outcome.label)}<span class="lotus-visually-hidden">, on: {about}</span> '
                    '<span aria-hidden="true">↓</span>'
                )
                cells.append(f"<td>{self.field(row.outcome, label, questions)}</td>")
            else:
                cells.append("<td></td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (
            f'<figure class="lotus-table lotus-form-grid" id="{block.ident}">'
            f"<figcaption>{escape(block.caption)}</figcaption>"
            f'<table><thead><tr><th scope="col" colspan="2">{escape(first)}</th><th scope="col">{escape(second)}</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></figure>"
        )

    def body(self) -> str:
        """The template's text and a labelled control for every field, in the source's order."""
        parts = []
        for block in self.template.blocks:
            match block:
                case Note():
                    parts.append(f"<p>{_text(block.text)}</p>")
                case Fields():
                    parts.append(self.fields(block))
                case Grid():
                    parts.append(self.grid(block))
                case Part():
                    parts.append(f"<h2>{escape(block.title)}</h2>")
                case Line() | FactorTable():
                    pass  # a letter's fields follow below; the factor table has a marker of its own
                case _:
                    assert_never(block)
        if self.template.letter:
            parts.append(
                f'<div class="lotus-fields lotus-rows">{"".join(map(self.field, self.template.fields()))}</div>'
            )
        return "".join(parts)


MODULE = "template-form"
"""The component that mounts a template's form (``docs/javascripts/components/template-form.js``)."""
NEEDS_JAVASCRIPT = (
    "Filling in this template on the page needs JavaScript, which is off in this browser. "
    "Download the blank template (.docx or .odt) below and fill it in on your computer instead."
)


def form_id(template: Template) -> str:
    """The id of ``template``'s form on its page (and on the calculator's, for Appendix 2)."""
    return f"{template.key}-form"


def form(template: Template, *, on_its_page: bool = True) -> str:
    """The template as a form of its own, with a privacy note and a button to clear it, shown by its script.

    On its own page (``on_its_page``) the form is its own component, and a sentence says what to do without
    JavaScript; inside the calculator it is part of the calculator's widget, whose page says so once."""
    module = f' data-lotus-module="{MODULE}"' if on_its_page else ""
    without_script = (
        f'<noscript><p class="lotus-js-needed lotus-site-words">{NEEDS_JAVASCRIPT}</p></noscript>'
        if on_its_page
        else ""
    )
    return (
        f'{without_script}<form class="lotus-form" id="{form_id(template)}" data-lotus-template="{template.key}"{module} '
        f'method="dialog" autocomplete="off" aria-label="{escape(template.title)}" hidden>'
        f'<p class="lotus-privacy">{escape(PRIVACY)}</p>{_Form(template).body()}'
        '<div class="lotus-form-actions">'
        f'<button type="button" class="md-button md-button--primary" data-lotus-fill="docx" hidden>{FILL["docx"]}</button>'
        f'<button type="button" class="md-button" data-lotus-fill="odt" hidden>{FILL["odt"]}</button>'
        f'<button type="reset" class="md-button lotus-button-warning">{CLEAR}</button>'
        '<p class="lotus-form-status lotus-status" role="status"></p></div></form>'
    )


def open_record(template: Template, what: str = "record") -> str:
    """The "open a saved record" (or workbook) control: file picker and drop zone, shown by the page script."""
    ident = f"{template.key}-open"
    fills = "the form" if what == "record" else f"your {what}"
    return (
        f'<div class="lotus-open-record" data-lotus-open="{template.key}" hidden>'
        f'<label for="{ident}">{OPEN.format(what=what)}</label>'
        f'<p class="lotus-hint" id="{ident}-hint">Choose a {what} you downloaded from this page, or drop it here. '
        f"It is read in your browser and fills in {fills}; nothing is sent anywhere.</p>"
        f'<input type="file" id="{ident}" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" '
        f'aria-describedby="{ident}-hint">'
        '<p class="lotus-open-status lotus-status" role="status"></p></div>'
    )


def _line(line: Line) -> str:
    parts = "".join(
        f'<span class="lotus-placeholder" data-field="{part.key}">{escape(part.placeholder)}</span>'
        if isinstance(part, Field)
        else _text(part)
        for part in line.parts
    )
    if line.style == "strong":
        parts = f"<strong>{parts}</strong>"
    return f'<p class="lotus-letter-{line.style}">{parts}</p>'


def letter(template: Template) -> str:
    """The letter as the source has it, placeholders marked; the form's script puts what is typed in their place,
    so the reader sees the letter as it will be sent."""
    lines = "".join(_line(block) for block in template.blocks if isinstance(block, Line))
    return f'<div class="lotus-letter" data-lotus-letter="{template.key}">{lines}</div>'


def _factors(block: FactorTable) -> str:
    """The table as a Markdown-aware figure; its citation line carries no citation mark, as in the source."""
    rows = "".join(
        f'<tr><th scope="row">{escape(kind)}</th><td><ul>{"".join(f"<li>{escape(f)}</li>" for f in factors)}</ul></td></tr>'
        for kind, factors in block.rows
    )
    first, second = block.headings
    return "\n".join(
        [
            f'<figure class="lotus-table" id="{block.ident}" markdown="1">',
            f"<figcaption>{escape(block.caption)}</figcaption>",
            f'<p class="lotus-citation" markdown="span">{_text(block.citation)}</p>',
            f'<table><thead><tr><th scope="col">{escape(first)}</th><th scope="col">{escape(second)}</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>",
            "</figure>",
        ]
    )


def tables(template: Template) -> str:
    """The template's reference tables (Appendix 4's Table 2), which have nothing to fill in."""
    return "\n\n".join(_factors(block) for block in template.blocks if isinstance(block, FactorTable))


def downloads(template: Template) -> str:
    """Markdown links to the blank .docx and .odt, with their sizes."""
    return "\n".join(
        f"- [Download template (.{item.path.rsplit('.', 1)[1]})]({TO_ROOT}{item.path})"
        f'{{ data-lotus-blank="{template.key}" }} ({item.size})'
        for item in documents.downloads(template)
    )


def renderers() -> dict[str, Callable[[Any], str]]:
    """The generated blocks of the template pages, named after the pages; a form or its "open" control
    declares the template, so that the page's contract serves it."""
    found: dict[str, Callable[[Any], str]] = {}
    for template in TEMPLATES.values():
        kinds: dict[str, Callable[[Template], str]] = {"form": form, "downloads": downloads, "open": open_record}
        if template.letter:
            kinds["letter"] = letter
        if any(isinstance(block, FactorTable) for block in template.blocks):
            kinds["tables"] = tables
        for kind, render in kinds.items():
            declares = kind in ("form", "open")
            found[f"{template.slug}-{kind}"] = functools.partial(_block, render, template, declares)
    return found


def _block(render: Callable[[Template], str], template: Template, declares: bool, context: Any) -> str:
    html = render(template)
    return context.uses(template.key, html) if declares else html
