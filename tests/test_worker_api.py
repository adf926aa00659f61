"""lotus_tools.core.worker_api: every input gets the envelope, only listed functions answer."""

from __future__ import annotations

import base64
import io
import json
import time
import zipfile
from collections.abc import Callable

import pytest

from lotus_tools.core import limits, record, worker_api
from lotus_tools.core.templates import TEMPLATES
from lotus_tools.publish import documents
from lotus_tools.publish import workbook as built_workbook

RISK = {"description": "d", "domain": "safety", "consequence": 3, "likelihood": 4}


def answer(name: str, request: object, data: bytes | None = None) -> dict:
    text = request if isinstance(request, str) else json.dumps(request)
    return json.loads(worker_api.call(name, text, data))


def test_assess_scores_consequence_by_likelihood() -> None:
    found = answer("assess", {"risks": [RISK, {**RISK, "consequence": 5}]})
    assert found["ok"] and found["overall"] == 1
    assert found["risks"][0]["summary"] == "Moderate (3) x Likely (4) = 12: high risk (Amber)"
    assert found["risks"][0]["domain"] == {
        "key": "safety",
        "name": "Patient/public safety (physical/psychological harm)",
    }


@pytest.mark.parametrize(
    "text",
    [
        "null",
        "[]",
        "3",
        '"x"',
        "{",
        "not json",
        "[" * 100_000 + "]" * 100_000,
        '{"risks": ' + "9" * 5000 + "}",
        "x" * 2_000_000,
    ],
)
def test_any_request_gets_the_envelope(text: str) -> None:
    found = answer("assess", text)
    assert found["ok"] is False and found["field"] in ("request", "risks")
    assert len(found["message"]) < 200 and "Traceback" not in found["message"]


def test_only_listed_functions_answer() -> None:
    found = answer("__import__", {})
    assert (found["ok"], found["field"]) == (False, "function")
    assert set(worker_api.FUNCTIONS) == {
        "assess",
        "likelihood_for_probability",
        "fill_record",
        "read_record",
        "fill_workbook",
        "read_workbook",
    }


@pytest.mark.parametrize(
    ("typed", "level"), [("25", 4), ("25%", 4), (" 0.1 ", 2), ("50", 4), ("50.5", 5), ("0", 1), ("100", 5)]
)
def test_probability_is_read_as_typed(typed: str, level: int) -> None:
    assert answer("likelihood_for_probability", {"probability": typed})["level"] == level


@pytest.mark.parametrize("typed", ["0x10", "0b11", "1_0", "1e2", "1,5", "٣", "150", "-1", "", "%", "1" * 100_000])
def test_what_is_not_a_plain_percent_is_refused_quoting_at_most_40_characters(typed: str) -> None:
    found = answer("likelihood_for_probability", {"probability": typed})
    assert (found["ok"], found["field"]) == (False, "probability")
    assert typed[:41] not in found["message"] or len(typed) <= 40


def test_fill_and_read_a_record_through_the_envelope() -> None:
    blank = documents.docx_bytes(TEMPLATES["appendix-2"])
    request = {
        "template": "appendix-2",
        "values": {"practitioner_name": "<b>&\"'"},
        "risks": [RISK],
        "override": {"colour": "Green", "reason": "seen in person"},
        "made": "today",
    }
    made = answer("fill_record", request, blank)
    assert made["ok"], made
    content = base64.b64decode(made["file"])
    back = answer("read_record", {}, content)
    assert back["ok"] and back["template"] == "appendix-2"
    assert back["values"]["practitioner_name"] == "<b>&\"'" and back["values"]["rating"] == "Green"
    assert back["risks"][0]["consequence"] == 3 and back["override"]["reason"] == "seen in person"


def test_an_override_needs_a_reason() -> None:
    blank = documents.docx_bytes(TEMPLATES["appendix-2"])
    found = answer(
        "fill_record", {"template": "appendix-2", "risks": [RISK], "override": {"colour": "Red", "reason": " "}}, blank
    )
    assert (found["ok"], found["field"]) == (False, "override_reason")


@pytest.mark.parametrize("content", [b"", b"<html>captive portal</html>", b"PK\x03\x04broken"])
def test_reading_what_is_not_a_record_answers_in_words(content: bytes) -> None:
    found = answer("read_record", {}, content)
    assert found["ok"] is False and "Traceback" not in found["message"]


def test_an_unexpected_failure_is_a_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(request: object, data: object) -> dict:
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(worker_api.FUNCTIONS, "assess", broken)
    found = answer("assess", {"risks": [RISK]})
    assert (found["ok"], found["field"]) == (False, "request")
    assert found["message"].startswith("Something went wrong inside the calculator. What you typed is kept")
    assert "ZeroDivisionError" in capsys.readouterr().err


# --- Hostile files: refused in one sentence naming the limit, quickly, and the worker goes on working ----------

BLANK = documents.docx_bytes(TEMPLATES["appendix-2"])


def _with_document(xml: str, *, extra: int = 0, level: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The blank Appendix 2 .docx with its text part replaced by ``xml`` and ``extra`` more tiny parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(BLANK)) as source, zipfile.ZipFile(out, "w", level) as target:
        for info in source.infolist():
            target.writestr(info.filename, xml if info.filename == record.DOCUMENT else source.read(info))
        for number in range(extra):
            target.writestr(f"customXml/extra{number}.xml", "")
    return out.getvalue()


def _inserted(content: str) -> bytes:
    """The blank with ``content`` put at the start of its body."""
    xml = zipfile.ZipFile(io.BytesIO(BLANK)).read(record.DOCUMENT).decode()
    return _with_document(xml.replace("<w:body>", f"<w:body>{content}", 1))


def _bookmarked(name: str, text: str, ident: int) -> str:
    return (
        f'<w:bookmarkStart w:id="{ident}" w:name="{name}"/><w:r><w:t>{text}</w:t></w:r><w:bookmarkEnd w:id="{ident}"/>'
    )


def _zip_bomb() -> bytes:
    """A good record plus one part of zeros that unpacks to four times the limit (about 200 MB from 200 KB)."""
    out = io.BytesIO(_inserted(""))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package, package.open("word/media/zeros.bin", "w") as part:
        chunk = bytes(1 << 20)
        for _ in range(limits.LARGEST_UNPACKED * 4 // len(chunk)):
            part.write(chunk)
    return out.getvalue()


def _lying_header() -> bytes:
    """A part of 2 MB of zeros whose headers say it holds 10 bytes."""
    content = bytearray(_with_document(""))
    out = io.BytesIO(bytes(content))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/media/zeros.bin", bytes(2_000_000))
    lied = bytearray(out.getvalue())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = lied.rindex(signature)
        lied[start + offset : start + offset + 4] = (10).to_bytes(4, "little")
    return bytes(lied)


def _encrypted() -> bytes:
    """The blank record with its text part marked as locked with a password (general-purpose flag bit 0)."""
    locked = bytearray(BLANK)
    package = zipfile.ZipFile(io.BytesIO(BLANK))
    info = package.getinfo(record.DOCUMENT)
    central = locked.index(record.DOCUMENT.encode(), package.start_dir) - 46  # the name follows a 46-byte header
    for flags in (info.header_offset + 6, central + 8):
        locked[flags] |= 0x1
    return bytes(locked)


def _risks_without_domain(count: int) -> str:
    return (
        "<w:p>" + "".join(_bookmarked(f"risk_{n}_description", "x", 5000 + n) for n in range(1, count + 1)) + "</w:p>"
    )


HOSTILE = {
    "nested 50,000 deep": (
        lambda: _inserted("<w:p>" * 50_000 + "</w:p>" * 50_000),
        f"nested more than {limits.DEEPEST_XML} levels deep",
    ),
    "zip bomb": (_zip_bomb, "unpacks to more than 50 MB"),
    "10,000 parts": (lambda: _with_document("", extra=10_000), f"more than {limits.MOST_ENTRIES} parts"),
    "larger than the limit on disk": (
        lambda: _with_document("x" * (limits.LARGEST_FILE + 1), level=zipfile.ZIP_STORED),
        "larger than 10 MB",
    ),
    "10,000 risks without a domain": (
        lambda: _inserted(_risks_without_domain(10_000)),
        f"more than {limits.MOST_RISKS} risks",
    ),
    "10 MB of empty paragraphs": (
        lambda: _inserted("<w:p/>" * (limits.LARGEST_TEXT_PART // 6 + 1)),
        "holds more than 10 MB of text",
    ),
    "an answer of 2 MB": (
        lambda: _inserted("<w:p>" + _bookmarked("rationale", "x" * 2_000_000, 5000) + "</w:p>"),
        "longer than 100,000 characters",
    ),
    "10,000 bookmarks over the same text": (
        lambda: _inserted(
            "<w:p>"
            + "".join(f'<w:bookmarkStart w:id="{5000 + n}" w:name="m{n}"/>' for n in range(10_000))
            + "<w:r><w:t>x</w:t></w:r>" * 10_000
            + "".join(f'<w:bookmarkEnd w:id="{5000 + n}"/>' for n in range(10_000))
            + "</w:p>"
        ),
        "more than 2,000,000 characters",
    ),
}


def _fills_and_reads_back() -> None:
    made = answer("fill_record", {"template": "appendix-2", "values": {"rationale": "fine"}, "risks": [RISK]}, BLANK)
    back = answer("read_record", {}, base64.b64decode(made["file"]))
    assert back["ok"] and back["values"]["rationale"] == "fine" and back["risks"][0]["domain"] == "safety"


@pytest.mark.parametrize(("make", "words"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_is_refused_in_a_sentence_naming_the_limit_within_5_s(
    make: Callable[[], bytes], words: str
) -> None:
    content = make()
    started = time.monotonic()
    found = answer("read_record", {}, content)
    assert time.monotonic() - started < 5
    assert (found["ok"], found["field"]) == (False, "file")
    assert words in found["message"] and found["message"].endswith(limits.UNCHANGED), found["message"]
    assert len(found["message"]) < 300
    _fills_and_reads_back()


@pytest.mark.parametrize("make", [_lying_header, _encrypted], ids=["lying header", "encrypted"])
def test_a_package_that_lies_or_is_locked_is_refused_as_not_a_record(make: Callable[[], bytes]) -> None:
    found = answer("read_record", {}, make())
    assert (found["ok"], found["field"]) == (False, "file")
    assert found["message"].startswith(record.NOT_A_RECORD), found["message"]
    _fills_and_reads_back()


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ({"domain": "", "consequence": "3 – Moderate", "likelihood": "4 – Likely"}, "no consequence domain"),
        ({"domain": "Financial", "consequence": "", "likelihood": "4 – Likely"}, "no consequence from 1 to 5"),
        ({"domain": "Financial", "consequence": "3 – Moderate", "likelihood": "9"}, "no likelihood from 1 to 5"),
    ],
    ids=["no domain", "no consequence", "no likelihood"],
)
def test_a_record_with_a_risk_that_cannot_be_scored_is_refused_naming_the_risk(entry: dict, words: str) -> None:
    good = {"description": "fine", "domain": "Financial", "consequence": "2 – Minor", "likelihood": "2 – Unlikely"}
    marks = [
        _bookmarked(f"risk_{number}_{part}", text, 5000 + 10 * number + index)
        for number, risk in ((1, good), (2, {"description": "bad", **entry}))
        for index, (part, text) in enumerate(risk.items())
    ]
    found = answer("read_record", {}, _inserted("<w:p>" + "".join(marks) + "</w:p>"))
    assert (found["ok"], found["field"]) == (False, "file")
    assert f"Risk 2 in this file has {words}" in found["message"], found["message"]
    _fills_and_reads_back()


LONG_FIELDS = (
    "rationale",
    "summary_of_concerns",
    "discipline",
    "practice_details",
    "conflict_of_interest",
    "safeguarding_concerns",
)
"""Appendix 2 fields whose longest answers, of tabs, make more text than a saved file may hold."""


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        ({"risks": [RISK] * (limits.MOST_RISKS + 1)}, f"at most {limits.MOST_RISKS} risks"),
        ({"risks": [{**RISK, "description": "x" * (limits.LONGEST_ANSWER + 1)}]}, "longer than 100,000 characters"),
        ({"values": {"rationale": "x" * (limits.LONGEST_ANSWER + 1)}}, "longer than 100,000 characters"),
        (
            {"values": {key: "x\t" * (limits.LONGEST_ANSWER // 2) for key in LONG_FIELDS}},  # 42 bytes of XML a pair
            "more than 10 MB of text",
        ),
    ],
    ids=["too many risks", "too long a description", "too long an answer", "answers that make too much text"],
)
def test_a_record_is_never_made_that_could_not_be_opened_again(request_: dict, words: str) -> None:
    found = answer("fill_record", {"template": "appendix-2", **request_}, BLANK)
    assert found["ok"] is False and words in found["message"], found


def test_the_calculator_scores_at_most_as_many_risks_as_a_record_holds() -> None:
    found = answer("assess", {"risks": [RISK] * (limits.MOST_RISKS + 1)})
    assert (found["ok"], found["field"]) == (False, "risks")
    assert f"at most {limits.MOST_RISKS} risks" in found["message"]
    assert answer("assess", {"risks": [RISK] * limits.MOST_RISKS})["ok"]


@pytest.mark.parametrize("case", ["nested 50,000 deep", "zip bomb", "an answer of 2 MB"])
def test_the_workbook_reader_keeps_the_same_limits(case: str) -> None:
    make, words = HOSTILE[case]
    found = answer("read_workbook", {}, make())
    assert (found["ok"], found["field"]) == (False, "file") and words in found["message"], found["message"]


def test_a_workbook_answer_longer_than_a_file_may_hold_is_refused() -> None:
    blank = documents.docx_bytes(built_workbook.template(()))
    found = answer("fill_workbook", {"answers": {"exercise_1_2_i_1": "x" * (limits.LONGEST_ANSWER + 1)}}, blank)
    assert (found["ok"], found["field"]) == (False, "exercise_1_2_i_1")
    assert "longer than 100,000 characters" in found["message"]
