"""A reader's record: a blank template .docx filled with their answers, and read back again.

``publish.documents`` marks each field's place in the blank .docx with a
bookmark named after the field's key; :func:`fill` puts the answer there as
escaped text, and :func:`read` takes the answers out of a record this site
made (also after Word has re-saved it), so that the downloaded .docx is the
reader's saved copy. Standard library only (zip + XML): this also runs in the
reader's browser (Pyodide), where nothing is sent anywhere.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from lotus_tools.core import limits, odfml, triage_record, wordml
from lotus_tools.core.errors import ReaderError
from lotus_tools.core.risk import Assessment
from lotus_tools.core.templates import RATING_NOTE, TEMPLATES, TRIAGE, Field, Template

DOCUMENT = "word/document.xml"
TICK = "✓ "
"""Put before the chosen box of a choice field (e.g. the risk rating's "Amber")."""
NOT_A_RECORD = (
    "This file is not a record made by this site: open a .docx that you downloaded from "
    "one of the toolkit's template pages or the triage calculator."
)


class FillError(ReaderError):
    """A record that cannot be made or read; the message says why in plain English."""


@dataclass(frozen=True)
class Record:
    """What :func:`read` found in a record: its template, answers, and (triage) risks."""

    template: Template
    values: dict[str, str]
    risks: list[dict[str, object]] = field(default_factory=list)
    override: dict[str, str] | None = None


def template(key: str) -> Template:
    """The template called ``key`` (``appendix-2``), or a FillError naming the ones there are."""
    if key not in TEMPLATES:
        raise FillError(
            "template", f"There is no template called '{key[:40]}'. The templates are: {', '.join(TEMPLATES)}."
        )
    return TEMPLATES[key]


@dataclass(frozen=True)
class Format:
    """How answers are written into one kind of document: its text part and its markup."""

    name: str
    part: str
    put: Callable[[str, str, str], str | None]
    answer: Callable[[str], str]
    tick: str
    section: Callable[[str, Assessment, triage_record.Override | None, str], str]
    """The text part with the triage record's Appendix 3 part added after the template's body."""
    extents: Callable[[str], Iterator[tuple[int, int]]]
    """Where each part's extent starts and ends in the text part (see ``Part.extent``)."""


FORMATS: dict[str, Format] = {
    "docx": Format(
        "Word (.docx)",
        DOCUMENT,
        wordml.put,
        wordml.run,
        wordml.run(TICK, bold=True),
        lambda xml, assessment, override, made: wordml.before_last(
            xml, "<w:sectPr", triage_record.section(assessment, override, made)
        ),
        wordml.extents,
    ),
    "odt": Format(
        "OpenDocument (.odt)",
        odfml.CONTENT,
        odfml.put,
        odfml.text,
        odfml.text(TICK),
        lambda xml, assessment, override, made: odfml.section(xml, triage_record.tables(assessment, override, made)),
        odfml.extents,
    ),
}


def _megabytes(size: int) -> str:
    return f"{size // 1_000_000} MB"


def _refused(past: str, instead: str = "a record or workbook this site makes is far smaller") -> FillError:
    return FillError("file", limits.refusal(past, instead))


def parts(package_bytes: bytes, kind: Format = FORMATS["docx"]) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """The entries of a document package, or a FillError if it is not one of ``kind`` or is past a limit
    (:mod:`limits`): checked on the package's own word first, and then as it is unpacked, in case its word lies."""
    if len(package_bytes) > limits.LARGEST_FILE:
        raise _refused(f"is larger than {_megabytes(limits.LARGEST_FILE)}")
    unpacked = f"unpacks to more than {_megabytes(limits.LARGEST_UNPACKED)}"
    try:
        with zipfile.ZipFile(io.BytesIO(package_bytes)) as package:
            infos = package.infolist()
            if len(infos) > limits.MOST_ENTRIES:
                raise _refused(
                    f"is a package of more than {limits.MOST_ENTRIES} parts",
                    "a record or workbook this site makes has far fewer",
                )
            if sum(info.file_size for info in infos) > limits.LARGEST_UNPACKED:
                raise _refused(unpacked)
            entries, left = [], limits.LARGEST_UNPACKED
            for info in infos:
                with package.open(info) as part:
                    data = part.read(left + 1)
                left -= len(data)
                if left < 0:
                    raise _refused(unpacked)
                entries.append((info, data))
    except FillError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as error:
        # RuntimeError: a part locked with a password, or packed by a method this Python lacks
        raise FillError("file", f"{NOT_A_RECORD} (It could not be opened as a document.)") from error
    if kind.part not in {info.filename for info, _ in entries}:
        raise FillError("file", f"This file is not a {kind.name} document: it has no {kind.part}.")
    return entries


def _choice(of: Template, item: Field, value: str) -> str:
    for choice in item.choices:
        if choice.lower() == value.strip().lower():
            return item.choice_key(choice)
    raise FillError(
        item.key,
        f"The {item.label} must be one of {', '.join(item.choices)} (Appendix {of.appendix}); it was '{value[:40]}'.",
    )


def within(field: str, text: str, what: str) -> None:
    """Refuse ``text`` (``what`` names it) if it is longer than an answer a saved file may hold."""
    if len(text) > limits.LONGEST_ANSWER:
        raise FillError(
            field[:40],
            f"{what} is longer than {limits.LONGEST_ANSWER:,} characters (about 15,000 words), the longest answer "
            "a saved file can hold: shorten it.",
        )


def _assessed_texts(assessment: Assessment, override: triage_record.Override | None) -> None:
    """Refuse any of the triage record's own texts (descriptions, notes, the reason) that is too long."""
    for number, item in enumerate(assessment.risks, start=1):
        within("description", item.risk.description, f"The description of risk {number}")
        for key, notes in item.risk.factors.items():
            within("factors", notes, f"The notes on {key} for risk {number}")
    if override:
        within("override_reason", override.reason, "Your reason for setting the rating by hand")


def _put(kind: Format, xml: str, of: Template, name: str, content: str) -> str:
    filled = kind.put(xml, name, content)
    if filled is None:
        raise FillError(
            name, f"This file is not the blank Appendix {of.appendix} template: it has no place for '{name}'."
        )
    return filled


def fill(
    template_key: str,
    blank_docx: bytes,
    values: Mapping[str, str],
    assessment: Assessment | None = None,
    override: triage_record.Override | None = None,
    made: str = "",
    form: str = "docx",
) -> bytes:
    """The blank .docx of ``template_key`` with ``values`` (field key -> answer) filled in.

    An empty answer leaves the field's place as it is. For the triage record
    (Appendix 2), an ``assessment`` sets the risk rating from the overall
    risk (or ``override``) and adds every risk after the template's body. An
    unknown template or field key, an answer that is not text, or a choice the
    field does not offer raises :class:`FillError`. ``form`` is ``docx`` or ``odt``.
    """
    of = template(template_key)
    if form not in FORMATS:
        raise FillError("format", f"A record can be made as {' or '.join(FORMATS)}, not '{form[:40]}'.")
    kind = FORMATS[form]
    fields = {item.key: item for item in of.fields()}
    unknown = [key for key in values if key not in fields]
    if unknown:
        raise FillError(
            unknown[0][:40],
            f"The Appendix {of.appendix} template has no field called "
            f"{', '.join(repr(key[:40]) for key in unknown[:3])}. Its fields are: {', '.join(fields)}.",
        )
    answers = dict(values)
    if assessment is not None:
        if of is not TRIAGE:
            raise FillError("risks", f"Only the Appendix 2 triage record holds risks, not Appendix {of.appendix}.")
        _assessed_texts(assessment, override)
        answers.update(triage_record.rating_values(assessment, override))
    entries = parts(blank_docx, kind)
    xml = text_part(entries, kind, f"the blank Appendix {of.appendix} template")
    for key, value in answers.items():
        if not isinstance(value, str):
            raise FillError(key, f"The answer for '{key}' must be text; it was {type(value).__name__}.")
        within(key, value, f"The answer for '{key}'")
        if not value.strip():
            continue
        item = fields[key]
        if item.choices:
            xml = _put(kind, xml, of, _choice(of, item, value), kind.tick)
        else:
            xml = _put(kind, xml, of, key, kind.answer(value))
    if assessment is not None:
        note = triage_record.rating_note(assessment, override)
        if note:
            xml = _put(kind, xml, of, RATING_NOTE, kind.answer(note))
        xml = kind.section(xml, assessment, override, made)
    return repackage(entries, kind, xml)


def text_part(entries: list[tuple[zipfile.ZipInfo, bytes]], kind: Format, what: str) -> str:
    """The document's text part (``word/document.xml``, ``content.xml``) as text; ``what`` names the file expected."""
    try:
        return dict((info.filename, data) for info, data in entries)[kind.part].decode("utf-8")
    except UnicodeDecodeError as error:
        raise FillError("file", f"This file is not {what}.") from error


def repackage(entries: list[tuple[zipfile.ZipInfo, bytes]], kind: Format, xml: str) -> bytes:
    """The package of ``entries`` with its text part replaced by ``xml``; a FillError if that makes more text
    than the site reads in a saved file (:data:`limits.LARGEST_TEXT_PART`)."""
    text = xml.encode("utf-8")
    if len(text) > limits.LARGEST_TEXT_PART:
        raise FillError(
            "file",
            f"These answers would make more than {_megabytes(limits.LARGEST_TEXT_PART)} of text, more than this "
            "site opens again: shorten the longest of them.",
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for info, data in entries:
            package.writestr(info, text if info.filename == kind.part else data)
    return out.getvalue()


def _which(marks: Mapping[str, str]) -> Template:
    """The template whose fields the bookmarks hold most of (at least half of them)."""

    def share(of: Template) -> float:
        keys = [item.key for item in of.fields() if not item.choices]
        return sum(key in marks for key in keys) / len(keys)

    best = max(TEMPLATES.values(), key=share)
    if share(best) < 0.5:
        raise FillError("file", NOT_A_RECORD)
    return best


def marks(docx: bytes, not_this: str) -> dict[str, str]:
    """The text in every bookmark of a .docx this site made (see :func:`wordml.bookmarked_text`), or a
    FillError: ``not_this`` says what the file is not, if its text cannot be read."""
    text = dict((info.filename, data) for info, data in parts(docx))[DOCUMENT]
    if len(text) > limits.LARGEST_TEXT_PART:
        raise _refused(
            f"holds more than {_megabytes(limits.LARGEST_TEXT_PART)} of text",
            "a record or workbook this site makes holds far less",
        )
    try:
        return wordml.bookmarked_text(text)
    except ParseError as error:
        raise FillError("file", f"{not_this} (Its text could not be read.)") from error
    except limits.PastLimit as error:
        raise FillError("file", error.message) from None


UNSCORABLE = (
    ("domain", "no consequence domain"),
    ("consequence", "no consequence from 1 to 5"),
    ("likelihood", "no likelihood from 1 to 5"),
)
"""What a risk read back must have, to be scored again: the key and, in words, what it lacks."""


def _scorable(risks: list[dict[str, object]]) -> list[dict[str, object]]:
    """``risks``, if they are few enough and every one of them can be scored again; else a FillError."""
    if len(risks) > limits.MOST_RISKS:
        raise _refused(f"holds more than {limits.MOST_RISKS} risks", "a record this site makes holds far fewer")
    for number, entry in enumerate(risks, start=1):
        for key, lacking in UNSCORABLE:
            if entry[key] is None:
                raise FillError(
                    "file",
                    f"Risk {number} in this file has {lacking}, which every risk this site records has, so the "
                    f"file was not opened. {limits.UNCHANGED}",
                )
    return risks


def read(docx: bytes) -> Record:
    """The template and answers of a record this site made (a filled or blank template .docx)."""
    found = marks(docx, NOT_A_RECORD)
    of = _which(found)
    values: dict[str, str] = {}
    for item in of.fields():
        if item.choices:
            chosen = [c for c in item.choices if found.get(item.choice_key(c), "").startswith(TICK.strip())]
            if chosen:
                values[item.key] = chosen[0]
            continue
        text = found.get(item.key, "")
        if text.strip() and text != item.placeholder:
            values[item.key] = text
    if of is not TRIAGE:
        return Record(of, values)
    return Record(of, values, _scorable(triage_record.read_risks(found)), triage_record.read_override(found))
