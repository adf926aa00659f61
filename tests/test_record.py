"""record.fill: a reader's answers in the blank .docx, escaped, and plain-English refusals."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import docx
import pytest

from lotus_tools.core import record
from lotus_tools.publish import documents
from lotus_tools.core.record import FillError
from lotus_tools.core.templates import TEMPLATES
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
    cells = [cell.text for table in docx.Document(io.BytesIO(filled)).tables for row in table.rows for cell in row.cells]
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
        cell.text
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
    with pytest.raises(FillError, match="not a Word document"):
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
    assert filled == record.fill("appendix-2", blank("appendix-2"), {"practitioner_name": "Dr <A> & B", "rating": "Red"})
