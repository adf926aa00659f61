"""record.fill: a reader's answers in the blank .docx, escaped, and plain-English refusals."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import docx
import pytest

from lotus_tools.core import record
from lotus_tools.core.record import FillError
from lotus_tools.core.templates import TEMPLATES
from lotus_tools.publish import documents
from tests import pyodide_node

KEYS = tuple(TEMPLATES)
MARKUP = "<b>&\"'"
LINES = "First line\nSecond line\twith a tab"


def blank(key: str) -> bytes:
    return documents.docx_bytes(TEMPLATES[key])


def texts(content: bytes) -> list[str]:
    """Every paragraph's text, in and out of tables, as python-docx reads it."""
    document = docx.Document(io.BytesIO(content))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += [p.text for p in cell.paragraphs]
    return found


def answers(key: str) -> dict[str, str]:
    """A distinct answer for every field (the first of each choice field's choices)."""
    return {f.key: f.choices[0] if f.choices else f"{MARKUP} {f.key}\n{LINES}" for f in TEMPLATES[key].fields()}


@pytest.mark.parametrize("key", KEYS)
def test_every_field_round_trips_markup_and_line_breaks(key: str) -> None:
    filled = record.fill(key, blank(key), answers(key))
    whole = "\n".join(texts(filled))
    for field in TEMPLATES[key].fields():
        if field.choices:
            assert f"{record.TICK}{field.choices[0]}" in whole
        else:
            assert f"{MARKUP} {field.key}\n{LINES}" in whole, field.key


def test_a_table_cell_holds_exactly_the_answer() -> None:
    filled = record.fill("appendix-2", blank("appendix-2"), {"practitioner_name": MARKUP, "rationale": LINES})
    cells = [
        cell.text for table in docx.Document(io.BytesIO(filled)).tables for row in table.rows for cell in row.cells
    ]
    assert MARKUP in cells and LINES in cells


def test_the_markup_is_escaped_in_the_xml() -> None:
    filled = record.fill("appendix-2", blank("appendix-2"), {"discipline": "<w:p>&amp;</w:p>"})
    xml = zipfile.ZipFile(io.BytesIO(filled)).read(record.DOCUMENT).decode()
    assert "&lt;w:p&gt;&amp;amp;&lt;/w:p&gt;" in xml and "<w:p>&amp;</w:p>" not in xml


def test_the_letters_placeholders_give_way_to_the_answers() -> None:
    filled = record.fill("appendix-5", blank("appendix-5"), {"enquiries_to": "A Reader", "decision": "to meet"})
    lines = texts(filled)
    assert lines[0] == "Enquiries to: A Reader"
    assert "The Group considered xxxxx and instructed to meet." in lines
    assert "Dear Dr [insert name]" in lines  # an unanswered placeholder stays


def test_an_empty_answer_leaves_the_blank_as_it_was() -> None:
    assert texts(record.fill("appendix-5", blank("appendix-5"), {"email": "  "})) == texts(blank("appendix-5"))


def test_the_risk_rating_ticks_the_chosen_box_and_writes_the_score() -> None:
    values = {"rating": "amber", "consequence": "3", "likelihood": "4", "score": "12"}
    cells = [
        cell.text.strip()  # the score's cell also holds the place for a rating set by hand, empty here
        for table in docx.Document(io.BytesIO(record.fill("appendix-2", blank("appendix-2"), values))).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert {"Green", f"{record.TICK}Amber", "Red", "3 x 4 = 12"} <= set(cells)


def test_characters_xml_cannot_hold_are_dropped() -> None:
    filled = record.fill("appendix-2", blank("appendix-2"), {"discipline": "GP\x00\x07 trainer\r\nlocum"})
    assert "GP trainer\nlocum" in texts(filled)


def test_filling_is_reproducible_and_keeps_the_fixed_timestamps() -> None:
    first, second = (record.fill("appendix-4", blank("appendix-4"), answers("appendix-4")) for _ in range(2))
    assert first == second
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize(
    ("key", "values", "field", "words"),
    [
        ("appendix-2", {"nickname": "x"}, "nickname", "The Appendix 2 template has no field called 'nickname'"),
        ("appendix-9", {}, "template", "There is no template called 'appendix-9'"),
        ("appendix-2", {"rating": "Purple"}, "rating", "must be one of Green, Amber, Red"),
        ("appendix-2", {"score": 12}, "score", "must be text"),
    ],
)
def test_bad_requests_are_refused_in_plain_english(key: str, values: dict, field: str, words: str) -> None:
    with pytest.raises(FillError) as raised:
        record.fill(key, blank("appendix-2"), values)
    assert raised.value.field == field
    assert words in raised.value.message


def test_the_wrong_blank_is_refused() -> None:
    with pytest.raises(FillError, match="not the blank Appendix 5 template"):
        record.fill("appendix-5", blank("appendix-2"), {"email": "a@example.org"})
    empty = io.BytesIO()
    zipfile.ZipFile(empty, "w").close()
    with pytest.raises(FillError, match=r"not a Word \(.docx\) document"):
        record.fill("appendix-2", empty.getvalue(), {})


PROGRAM = """
import base64
from lotus_tools.core import record
blank = open("/tmp/blank.docx", "rb").read()
base64.b64encode(record.fill("appendix-2", blank, {"practitioner_name": "Dr <A> & B", "rating": "Red"})).decode()
"""


def test_fill_runs_unchanged_in_pyodide(tmp_path: Path) -> None:
    printed = pyodide_node.run(PROGRAM, tmp_path, {"blank.docx": blank("appendix-2")})
    filled = base64.b64decode(printed)
    assert filled == record.fill(
        "appendix-2", blank("appendix-2"), {"practitioner_name": "Dr <A> & B", "rating": "Red"}
    )


# --- Reading a record back ------------------------------------------------------------------

NON_LATIN = "Łódź — 東京 — مرحبا"


@pytest.mark.parametrize("key", KEYS)
def test_every_field_reads_back_as_it_was_written(key: str) -> None:
    values = {
        f.key: f.choices[-1] if f.choices else f"{MARKUP} {NON_LATIN}\n{LINES} {f.key}" for f in TEMPLATES[key].fields()
    }
    found = record.read(record.fill(key, blank(key), values))
    assert found.template.key == key
    assert found.values == values


@pytest.mark.parametrize("key", KEYS)
def test_a_blank_reads_back_empty(key: str) -> None:
    found = record.read(blank(key))
    assert (found.template.key, found.values, found.risks) == (key, {}, [])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"<html><body>Sign in to the Wi-Fi</body></html>", "not a record made by this site"),
        (b"plain text", "not a record made by this site"),
        (b"", "not a record made by this site"),
    ],
)
def test_what_is_not_a_record_is_refused_in_words(content: bytes, words: str) -> None:
    with pytest.raises(FillError, match=words):
        record.read(content)


def test_a_truncated_or_foreign_docx_is_refused_in_words() -> None:
    filled = record.fill("appendix-4", blank("appendix-4"), {"case_id": "42"})
    with pytest.raises(FillError):
        record.read(filled[: len(filled) // 2])
    foreign = io.BytesIO()
    docx.Document().save(foreign)
    with pytest.raises(FillError, match="not a record made by this site"):
        record.read(foreign.getvalue())


def test_the_triage_record_holds_every_risk_and_reads_them_back() -> None:
    from lotus_tools.core import risk, triage_record

    entries = [
        {
            "description": f"Harm {MARKUP}",
            "domain": "safety",
            "consequence": 3,
            "likelihood": 4,
            "factors": {"insight": f"Little insight\n{NON_LATIN}", "health": "Unwell"},
        },
        {"description": "Money", "domain": "financial", "consequence": 2, "likelihood": 2, "factors": {}},
    ]
    assessment = risk.assess(entries)
    override = triage_record.Override("Red", "PAG asked for it")
    filled = record.fill(
        "appendix-2",
        blank("appendix-2"),
        {"rating": "Green", "score": "120"},
        assessment,
        override,
        "28 November 2026, 18:40",
    )
    whole = "\n".join(texts(filled))
    for expected in (
        f"Harm {MARKUP}",
        "Patient/public safety (physical/psychological harm)",
        "3 – Moderate",
        "4 – Likely",
        "12",
        "high risk (Amber)",
        f"Little insight\n{NON_LATIN}",
        "Financial",
        "2 – Minor",
        "2 – Unlikely",
        "4",
        "Risk 1: Moderate (3) x Likely (4) = 12: high risk (Amber)",
        "PAG asked for it",
        "28 November 2026, 18:40",
        "3 x 4 = 12",
        f"{record.TICK}Red",
    ):
        assert expected in whole, expected
    assert "120" not in whole  # the computed rating wins: C x L = R
    found = record.read(filled)
    assert [(r["description"], r["domain"], r["consequence"], r["likelihood"], r["factors"]) for r in found.risks] == [
        (e["description"], e["domain"], e["consequence"], e["likelihood"], e["factors"]) for e in entries
    ]
    assert found.override == {"colour": "Red", "reason": "PAG asked for it"}
    assert found.values["rating"] == "Red" and found.values["score"] == "12"


def test_an_answer_word_split_over_runs_and_paragraphs_reads_back() -> None:
    filled = record.fill("appendix-2", blank("appendix-2"), {"rationale": "One"})
    xml = zipfile.ZipFile(io.BytesIO(filled)).read(record.DOCUMENT).decode()
    resaved = xml.replace(
        '<w:r><w:t xml:space="preserve">One</w:t></w:r>',
        "<w:r><w:t>On</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>e,</w:t></w:r></w:p><w:p><w:r><w:t>two</w:t></w:r>",
    )
    assert resaved != xml
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(filled)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, resaved if info.filename == record.DOCUMENT else source.read(info))
    assert record.read(out.getvalue()).values["rationale"] == "One,\ntwo"


@pytest.mark.parametrize("key", KEYS)
def test_every_field_fills_the_opendocument_blank_too(key: str) -> None:
    from odf import opendocument, teletype
    from odf import text as odf_text

    values = {f.key: f.choices[0] if f.choices else f"{MARKUP} {NON_LATIN} {f.key}" for f in TEMPLATES[key].fields()}
    filled = record.fill(key, documents.odt_bytes(TEMPLATES[key]), values, form="odt")
    paragraphs = [teletype.extractText(p) for p in opendocument.load(io.BytesIO(filled)).getElementsByType(odf_text.P)]
    whole = "\n".join(paragraphs)
    for field in TEMPLATES[key].fields():
        expected = f"{record.TICK}{field.choices[0]}" if field.choices else f"{MARKUP} {NON_LATIN} {field.key}"
        assert expected in whole, field.key


def test_the_opendocument_triage_record_holds_every_risk() -> None:
    from odf import opendocument, teletype

    from lotus_tools.core import risk

    assessment = risk.assess(
        [
            {
                "description": "Harm <b>",
                "domain": "safety",
                "consequence": 3,
                "likelihood": 4,
                "factors": {"insight": "Line one\nLine two"},
            }
        ]
    )
    filled = record.fill(
        "appendix-2", documents.odt_bytes(TEMPLATES["appendix-2"]), {}, assessment, None, "today", "odt"
    )
    body = teletype.extractText(opendocument.load(io.BytesIO(filled)).text)
    for expected in (
        "Harm <b>",
        "3 – Moderate",
        "4 – Likely",
        "high risk (Amber)",
        "Line one",
        "Line two",
        "Risk 1: Moderate (3) x Likely (4) = 12: high risk (Amber)",
        "today",
    ):
        assert expected in body, expected


def test_bookmarks_that_overlap_or_are_empty_each_keep_their_own_text() -> None:
    from lotus_tools.core import wordml

    body = (
        '<w:p><w:bookmarkStart w:id="1" w:name="outer"/><w:r><w:t>a</w:t></w:r>'
        '<w:bookmarkStart w:id="2" w:name="inner"/><w:r><w:t>b</w:t><w:tab/><w:t>c</w:t></w:r>'
        '<w:bookmarkEnd w:id="1"/><w:r><w:t>d</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>e</w:t></w:r><w:bookmarkEnd w:id="2"/></w:p>'
        '<w:p><w:bookmarkStart w:id="3" w:name="_GoBack"/><w:bookmarkEnd w:id="3"/>'
        '<w:bookmarkStart w:id="5" w:name="empty"/><w:bookmarkEnd w:id="5"/>'
        '<w:bookmarkStart w:id="4" w:name="later"/><w:r><w:t>f</w:t><w:br/><w:t>g</w:t></w:r><w:bookmarkEnd w:id="4"/></w:p>'
    )
    xml = f'<w:document xmlns:w="{wordml.W}"><w:body>{body}</w:body></w:document>'
    assert wordml.bookmarked_text(xml.encode()) == {
        "outer": "ab\tc",
        "inner": "b\tcd\ne",
        "empty": "",
        "later": "f\ng",
    }  # a hidden bookmark (Word's "_GoBack", a workbook's extent) holds no answer
