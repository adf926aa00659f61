"""The functions the page's Web Worker may call, and the one envelope every answer comes in.

The worker calls :func:`call` with a function's name, a JSON request and, for
a file, its bytes. Only the names in :data:`FUNCTIONS` are answered. Every
answer is JSON text: ``{"ok": true, ...}`` or ``{"ok": false, "field": ...,
"message": ...}``, whose message is a sentence for the reader that quotes at
most 40 characters of what they typed; a file comes back base64-encoded.
Anything unexpected is logged for the console and answered in words, never
as a traceback. Standard library only: this module runs in Pyodide.

Importing it brings in only what a score needs (``risk``, ``scales``). The
modules that make and read documents (``templates``, ``record``,
``triage_record``, ``workbook``, ``xml.etree``, ``pyexpat``, ``zipfile``) cost
more to import under Pyodide than all the rest of the start after CPython's own
(building their dataclasses, mostly), so they come on the first call that
needs them, or earlier by :func:`load_documents`, which the worker calls once
the first score is shown.
"""

from __future__ import annotations

import base64
import importlib
import json
import re
import sys
import traceback
from collections.abc import Callable, Mapping
from typing import Any

from lotus_tools.core import limits, numbers, risk, scales
from lotus_tools.core.errors import ReaderError

Answer = dict[str, Any]
TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


class RequestError(ReaderError):
    """A request the page should never send; the message is for the reader all the same."""


def _policy(bands: object) -> risk.BandPolicy:
    if bands is None:
        return risk.NPSA_2008
    if not isinstance(bands, list) or not bands:
        raise RequestError("policy", "The risk-band policy must be a list of bands.")
    return risk.BandPolicy.from_config(bands)


TOO_MANY_RISKS = f"A record holds at most {limits.MOST_RISKS} risks: remove some, or make a second record."


def _risks(request: Mapping[str, Any]) -> list[Any]:
    risks = request.get("risks")
    if not isinstance(risks, list) or not risks:
        raise RequestError("risks", "Add at least one risk to assess.")
    if len(risks) > limits.MOST_RISKS:
        raise RequestError("risks", TOO_MANY_RISKS)
    return risks


def assess(request: Mapping[str, Any]) -> Answer:
    """Score and band ``{"risks": [...], "policy": [...]}``; the overall rating is the highest score. The answer
    also says how many risks a record holds, and in what words, so that the page can refuse one more at once."""
    assessment = risk.assess(_risks(request), _policy(request.get("policy")))
    return {
        "risks": [risk.risk_answer(item) for item in assessment.risks],
        "overall": assessment.risks.index(assessment.overall),
        "most_risks": limits.MOST_RISKS,
        "too_many": TOO_MANY_RISKS,
    }


def likelihood_for_probability(request: Mapping[str, Any]) -> Answer:
    """The Table 1 likelihood of ``{"probability": "25"}``: the text as typed, decimal digits only."""
    typed = request.get("probability")
    if not isinstance(typed, str):
        raise RequestError("probability", "The probability must be typed as a number of percent.")
    percent = numbers.percent(typed)
    level = risk.likelihood_from_probability(percent)
    return {"level": level, "name": scales.likelihood(level).name, "percent": percent}


def _made(request: Mapping[str, Any], what: str) -> str:
    made = request.get("made") or ""
    if not isinstance(made, str):
        raise RequestError("made", f"The date {what} was made must be text.")
    return made


DOCUMENT_MODULES = ("lotus_tools.core.record", "lotus_tools.core.triage_record", "lotus_tools.core.workbook")
"""What making and reading documents imports, and the first score does not."""


def load_documents() -> None:
    """Import :data:`DOCUMENT_MODULES` now: the worker calls this while it is idle after the first score, so
    that a reader's first download does not wait for them."""
    for name in DOCUMENT_MODULES:
        importlib.import_module(name)


def _file(content: bytes, form: str) -> Answer:
    """A made document as the page receives it: base64 text and its media type."""
    return {"file": base64.b64encode(content).decode("ascii"), "type": TYPES.get(form, TYPES["docx"])}


def fill_record(request: Mapping[str, Any], blank: bytes | None) -> Answer:
    """A filled record: ``{"template", "values", "risks"?, "policy"?, "override"?, "made"?}`` and the blank .docx."""
    if blank is None:
        raise RequestError("template", "The blank template has not been loaded, so the record cannot be made.")
    from lotus_tools.core import record, triage_record

    values = request.get("values") or {}
    if not isinstance(values, Mapping):
        raise RequestError("values", "The answers must map each field to its text.")
    made = _made(request, "the record")
    assessment = None
    if request.get("risks"):
        assessment = risk.assess(_risks(request), _policy(request.get("policy")))
    override = triage_record.Override.from_request(request.get("override")) if assessment else None
    form = str(request.get("format") or "docx")
    return _file(record.fill(str(request.get("template")), blank, values, assessment, override, made, form), form)


def read_record(request: Mapping[str, Any], saved: bytes | None) -> Answer:
    """The template, answers and risks of a saved record (a .docx this site made)."""
    if not saved:
        raise RequestError("file", "The file is empty.")
    from lotus_tools.core import record

    found = record.read(saved)
    return {"template": found.template.key, "values": found.values, "risks": found.risks, "override": found.override}


def fill_workbook(request: Mapping[str, Any], blank: bytes | None) -> Answer:
    """The reader's workbook: ``{"answers": {key: text}, "made"?, "format"?, "exercises"?}`` written into the
    blank workbook; ``exercises`` is ``answered`` or ``all`` (the default)."""
    if blank is None:
        raise RequestError("workbook", "The blank workbook has not been loaded, so it cannot be made.")
    from lotus_tools.core import workbook

    answers = request.get("answers") or {}
    if not isinstance(answers, Mapping):
        raise RequestError("answers", "The answers must map each question to its text.")
    made = _made(request, "the workbook")
    form = str(request.get("format") or "docx")
    exercises = str(request.get("exercises") or workbook.ALL)
    return _file(workbook.fill(blank, answers, made, form, exercises), form)


def read_workbook(request: Mapping[str, Any], saved: bytes | None) -> Answer:
    """The answers in a saved workbook (a .docx this site made)."""
    if not saved:
        raise RequestError("file", "The file is empty.")
    from lotus_tools.core import workbook

    return {"template": workbook.KEY, "answers": workbook.read(saved)}


FUNCTIONS: dict[str, Callable[..., Answer]] = {
    "assess": lambda request, data: assess(request),
    "likelihood_for_probability": lambda request, data: likelihood_for_probability(request),
    "fill_record": fill_record,
    "read_record": read_record,
    "fill_workbook": fill_workbook,
    "read_workbook": read_workbook,
}
"""The only functions the worker answers, by name."""


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _well_formed(value: object) -> object:
    """``value`` with each lone surrogate in its text as U+FFFD. Half of a UTF-16 pair (a broken paste leaves
    one) is not a character: no document can hold it, and the browser already shows it as U+FFFD, the
    replacement character, so the record is written as the page looked, and the reader need not be told."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_well_formed(item) for item in value]
    if isinstance(value, dict):
        return {_well_formed(key): _well_formed(item) for key, item in value.items()}
    return value


def _request(text: object) -> Mapping[str, Any]:
    if not isinstance(text, str) or len(text) > limits.LARGEST_REQUEST:
        raise RequestError("request", "The request must be JSON text of at most a million characters.")
    try:
        request = _well_formed(json.loads(text))
    except (ValueError, RecursionError) as error:
        raise RequestError(
            "request", "The request could not be read: it is not JSON the calculator understands."
        ) from error
    if not isinstance(request, dict):
        raise RequestError("request", "The request must be a JSON object of named entries.")
    return request


def call(name: str, text: str, data: bytes | None = None) -> str:
    """Answer ``name``'s request ``text`` (and file ``data``) in the envelope, whatever happens."""
    try:
        if name not in FUNCTIONS:
            raise RequestError("function", f"There is no function called '{str(name)[:40]}'.")
        answer: Answer = {"ok": True, **FUNCTIONS[name](_request(text), None if data is None else bytes(data))}
    except ReaderError as error:
        answer = {"ok": False, "field": error.field, "message": error.message}
    except Exception:  # the boundary: a reader gets a sentence, the console the details
        traceback.print_exc(file=sys.stderr)
        answer = {
            "ok": False,
            "field": "request",
            "message": "Something went wrong inside the calculator. What you typed is kept; please try again.",
        }
    return json.dumps(answer, ensure_ascii=False)
