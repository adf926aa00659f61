"""Filling in a blank template .docx with a reader's answers.

``forms`` marks each field's place in the blank .docx with a bookmark named
after the field's key; :func:`fill` puts the answer there as escaped text
(new lines as line breaks). Standard library only (zip + escaped XML): this
module also runs in the reader's browser (Pyodide), where nothing is sent
anywhere.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from xml.sax.saxutils import escape

from lotus_tools.core.templates import TEMPLATES, Field, Template

DOCUMENT = "word/document.xml"
TICK = "✓ "
"""Put before the chosen box of a choice field (e.g. the risk rating's "Amber")."""

_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class FillError(ValueError):
    """A request to fill in a template that cannot be met; the message says why in plain English."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _template(key: str) -> Template:
    if key not in TEMPLATES:
        raise FillError("template", f"There is no template called '{key}'. The templates are: {', '.join(TEMPLATES)}.")
    return TEMPLATES[key]


def _run(text: str, bold: bool = False) -> str:
    """One Word run holding ``text``, escaped, with line breaks and tabs."""
    text = _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = []
    for line in text.split("\n"):
        pieces = (f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in line.split("\t"))
        lines.append("<w:tab/>".join(pieces))
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{properties}{'<w:br/>'.join(lines)}</w:r>"


def _put(xml: str, template: Template, bookmark: str, content: str) -> str:
    """Replace what lies between the bookmark's start and end with ``content``."""
    start = re.search(rf'<w:bookmarkStart w:id="(\d+)" w:name="{re.escape(bookmark)}"/>', xml)
    end = start and re.compile(rf'<w:bookmarkEnd w:id="{start[1]}"/>').search(xml, start.end())
    if not start or not end:
        raise FillError(
            bookmark,
            f"This file is not the blank Appendix {template.appendix} template: it has no place for '{bookmark}'.",
        )
    return xml[: start.end()] + content + xml[end.start() :]


def _choice(template: Template, field: Field, value: str) -> str:
    for choice in field.choices:
        if choice.lower() == value.strip().lower():
            return field.choice_key(choice)
    raise FillError(
        field.key,
        f"The {field.label} must be one of {', '.join(field.choices)} (Appendix {template.appendix}); it was '{value}'.",
    )


def fill(template_key: str, blank_docx: bytes, values: Mapping[str, str]) -> bytes:
    """The blank .docx of ``template_key`` with ``values`` (field key -> answer) filled in.

    An empty answer leaves the field's place as it is. An unknown template or
    field key, an answer that is not text, or a choice the field does not offer
    raises :class:`FillError`.
    """
    template = _template(template_key)
    fields = {field.key: field for field in template.fields()}
    unknown = [key for key in values if key not in fields]
    if unknown:
        raise FillError(
            unknown[0],
            f"The Appendix {template.appendix} template has no field called "
            f"{', '.join(repr(key) for key in unknown)}. Its fields are: {', '.join(fields)}.",
        )
    with zipfile.ZipFile(io.BytesIO(bytes(blank_docx))) as package:
        entries = [(info, package.read(info)) for info in package.infolist()]
    parts = dict((info.filename, data) for info, data in entries)
    if DOCUMENT not in parts:
        raise FillError("template", "This file is not a Word document (.docx): it has no word/document.xml.")
    xml = parts[DOCUMENT].decode("utf-8")
    for key, value in values.items():
        if not isinstance(value, str):
            raise FillError(key, f"The answer for '{key}' must be text; it was {type(value).__name__}.")
        if not value.strip():
            continue
        field = fields[key]
        if field.choices:
            xml = _put(xml, template, _choice(template, field, value), _run(TICK, bold=True))
        else:
            xml = _put(xml, template, key, _run(value))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for info, data in entries:
            package.writestr(info, xml.encode("utf-8") if info.filename == DOCUMENT else data)
    return out.getvalue()
