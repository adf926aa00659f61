"""The triage record (Appendix 2 filled in by the calculator): its rating row, and each risk's Appendix 3 part."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from xml.etree import ElementTree

import docx
import pytest

from lotus_tools.core import record, risk, triage_record
from lotus_tools.core.templates import RATING_NOTE, TRIAGE
from lotus_tools.core.worker_api import call
from lotus_tools.publish import documents
from tests.test_workbook import paragraphs

HARM = {
    "description": "Unsafe prescribing of opioids",
    "domain": "safety",
    "consequence": 4,
    "likelihood": 4,
    "factors": {"insight": "Limited insight in the reflections", "health": "Reports stress"},
}
TRUST = {"description": "Loss of trust", "domain": "professionalism", "consequence": 2, "likelihood": 3, "factors": {}}
BY_HAND = {"colour": "Amber", "reason": "PAG agreed that the supervision in place <b>lowers</b> the risk."}
RATING = "Risk Rating (with score)"
ODF = {
    name: f"urn:oasis:names:tc:opendocument:xmlns:{path}"
    for name, path in (
        ("style", "style:1.0"),
        ("fo", "xsl-fo-compatible:1.0"),
        ("table", "table:1.0"),
        ("text", "text:1.0"),
        ("config", "config:1.0"),
    )
}


def filled(form: str = "docx", override: dict[str, str] | None = BY_HAND) -> bytes:
    """A triage record the calculator made: two risks, the overall one Red (4 x 4 = 16), and ``override``."""
    blank = (documents.docx_bytes if form == "docx" else documents.odt_bytes)(TRIAGE)
    request = {"template": TRIAGE.key, "format": form, "values": {}, "risks": [HARM, TRUST], "override": override}
    answer = json.loads(call("fill_record", json.dumps(request), blank))
    assert answer["ok"], answer
    return base64.b64decode(answer["file"])


def rating_row(record_docx: bytes) -> list[str]:
    """The text of Appendix 2's rating row: its label, the Green/Amber/Red boxes, then the score under them."""
    for table in docx.Document(io.BytesIO(record_docx)).tables:
        for index, row in enumerate(table.rows):
            if row.cells[0].text == RATING:
                cells = [*row.cells, *table.rows[index + 1].cells]
                return list(dict.fromkeys(cell.text.strip() for cell in cells))
    raise AssertionError(f"no {RATING} row")


def test_a_rating_set_by_hand_is_named_with_the_calculators_rating_and_the_reason() -> None:
    assessment = risk.assess([HARM, TRUST])
    override = triage_record.Override(BY_HAND["colour"], BY_HAND["reason"])
    assert triage_record.rating_note(assessment, override) == (
        f"Amber, set by hand (the calculator's overall rating: 16, Red). Reason: {BY_HAND['reason']}"
    )
    assert triage_record.rating_note(assessment, None) == ""


@pytest.mark.parametrize("form", ["docx", "odt"])
def test_the_rating_row_names_a_rating_set_by_hand_in_place(form: str) -> None:
    note = f"Amber, set by hand (the calculator's overall rating: 16, Red). Reason: {BY_HAND['reason']}"
    if form == "docx":
        row = rating_row(filled())
        assert row[1:] == ["Green", f"{record.TICK}Amber", "Red", f"4 x 4 = 16\n{note}"]
    else:
        assert note in paragraphs(filled("odt"), "odt")


def test_the_calculators_own_rating_is_the_rating_row_alone_and_every_rating_reads_back() -> None:
    assert rating_row(filled(override=None))[1:] == ["Green", "Amber", f"{record.TICK}Red", "4 x 4 = 16"]
    found = record.read(filled())
    assert found.values["rating"] == "Amber" and found.values["score"] == "16"
    assert found.override == BY_HAND
    assert record.read(filled(override=None)).override is None


@pytest.mark.parametrize("form", ["docx", "odt"])
def test_the_blank_has_an_empty_place_for_the_rating_note_under_the_score(form: str) -> None:
    blank = (documents.docx_bytes if form == "docx" else documents.odt_bytes)(TRIAGE)
    found = paragraphs(blank, form)
    assert found[found.index(" x  = ", found.index(RATING)) + 1] == ""
    kind = record.FORMATS[form]
    xml = zipfile.ZipFile(io.BytesIO(blank)).read(kind.part).decode()
    assert kind.put(xml, RATING_NOTE, kind.answer("The note")) is not None


def test_the_rating_rows_boxes_keep_with_the_score_under_them() -> None:
    """Word keeps a row whose paragraphs all keep with the next; LibreOffice does so where TableRowKeep is set."""
    document = docx.Document(io.BytesIO(documents.docx_bytes(TRIAGE)))
    for table in document.tables:
        for row in table.rows:
            kept = all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
            assert kept == (row.cells[0].text == RATING and row.cells[1].text == "Green"), row.cells[0].text
    with zipfile.ZipFile(io.BytesIO(documents.odt_bytes(TRIAGE))) as package:
        content, settings = (ElementTree.fromstring(package.read(name)) for name in ("content.xml", "settings.xml"))
    kept = {
        found.get(f"{{{ODF['style']}}}name")
        for found in content.iterfind(".//style:style", ODF)
        if found.find("style:paragraph-properties[@fo:keep-with-next='always']", ODF) is not None
    }
    rows = content.iterfind(".//table:table-row", ODF)
    row = next(row for row in rows if "".join(row.itertext()).startswith(RATING))
    assert {p.get(f"{{{ODF['text']}}}style-name") for p in row.iterfind(".//text:p", ODF)} <= kept
    assert [item.text for item in settings.iterfind(".//config:config-item[@config:name='TableRowKeep']", ODF)] == [
        "true"
    ]


@pytest.mark.parametrize("form", ["docx", "odt"])
def test_each_risk_lists_only_the_contributory_factors_with_notes(form: str) -> None:
    found = paragraphs(filled(form), form)
    whole = "\n".join(found)
    assert "No notes" not in whole
    first, second = (
        found.index("Risk 1: Major (4) x Likely (4) = 16: extreme risk (Red)"),
        found.index("Risk 2: Minor (2) x Possible (3) = 6: moderate risk (Green)"),
    )
    factors = [line for line in found[first:second] if line.startswith("Contributory factor")]
    assert factors == ["Contributory factor: Level of insight", "Contributory factor: Health"]
    assert found[second:].count(triage_record.NO_FACTOR_NOTES) == 1
    assert not [line for line in found[second:] if line.startswith("Contributory factor:")]


def test_the_factor_notes_read_back_into_the_calculator() -> None:
    risks = record.read(filled()).risks
    assert [entry["factors"] for entry in risks] == [HARM["factors"], {}]


def test_each_risks_table_keeps_together_with_its_caption() -> None:
    """A risk's table moves whole to the next page where it fits on one: no row splits, every paragraph but the
    last row's keeps with the next, and so does the caption over it."""
    body = docx.Document(io.BytesIO(filled())).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    tables = body.findall(f"{w}tbl")
    risks = [table for table in tables if "".join(table.itertext()).startswith("Adverse consequence")]
    assert len(risks) == 2
    for table in risks:
        caption = table.getprevious()
        assert "".join(caption.itertext()).startswith("Risk ") and caption.find(f"{w}pPr/{w}keepNext") is not None
        rows = table.findall(f"{w}tr")
        assert all(row.find(f"{w}trPr/{w}cantSplit") is not None for row in rows)
        kept = [[p.find(f"{w}pPr/{w}keepNext") is not None for p in row.iter(f"{w}p")] for row in rows]
        assert kept == [[True] * len(row) for row in kept[:-1]] + [[False] * len(kept[-1])]


def test_each_risks_table_keeps_together_with_its_caption_in_the_odt_too() -> None:
    with zipfile.ZipFile(io.BytesIO(filled("odt"))) as package:
        content = ElementTree.fromstring(package.read("content.xml"))

    def style(name: str | None, properties: str) -> dict[str, str]:
        found = content.find(f".//style:style[@style:name='{name}']/style:{properties}", ODF)
        return {key.split("}")[1]: value for key, value in (found.attrib if found is not None else {}).items()}

    text = content.find(".//office:text", {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"})
    assert text is not None
    children = list(text)
    risks = [
        (children[index - 1], child)
        for index, child in enumerate(children)
        if child.tag == f"{{{ODF['table']}}}table" and "".join(child.itertext()).startswith("Adverse consequence")
    ]
    assert len(risks) == 2
    for caption, table in risks:
        assert "".join(caption.itertext()).startswith("Risk ")
        assert style(caption.get(f"{{{ODF['text']}}}style-name"), "paragraph-properties") == {
            "keep-with-next": "always"
        }
        name = table.get(f"{{{ODF['table']}}}style-name")
        assert style(name, "table-properties") == {"may-break-between-rows": "false"}
        rows = table.findall("table:table-row", ODF)
        assert {tuple(style(r.get(f"{{{ODF['table']}}}style-name"), "table-row-properties").items()) for r in rows} == {
            (("keep-together", "always"),)
        }
