"""lotus_tools.core.worker_api: every input gets the envelope, only listed functions answer."""

from __future__ import annotations

import base64
import json

import pytest

from lotus_tools.core import worker_api
from lotus_tools.core.templates import TEMPLATES
from lotus_tools.publish import documents

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
