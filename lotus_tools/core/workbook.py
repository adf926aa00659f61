"""The reader's reflection workbook: their answers to the toolkit's exercises, in a .docx or .odt and back.

The build makes a blank workbook (every exercise's questions, each followed by
a place to answer, marked with a bookmark named by :func:`answer_key`) with the
same document writers as the templates. Here, in the reader's browser, the
answers are written into those places and read back out of a workbook the
reader saved, exactly as a template record is. Standard library only (Pyodide).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from lotus_tools.core import record

KEY = "workbook"
DATE = "workbook_date"
"""The place of the date the workbook was downloaded."""
NOT_A_WORKBOOK = (
    "This file is not a workbook made by this site: open a .docx that you downloaded from the My workbook page."
)
ANSWERED, ALL = "answered", "all"
"""Which exercises a downloaded workbook holds: only those answered (the page's choice unless the reader picks
the other), or all of them (what a request that names neither gets, as every workbook did before)."""
NONE_ANSWERED = (
    "You have not answered any exercise yet, so a workbook of only the exercises you answered would be empty: "
    "answer one first, or choose all the exercises to download them with empty boxes."
)
MOVED = {"exercise_1_4_t_1": "exercise_1_4_t_1_1", "exercise_3_2_3": "exercise_3_2_3_1"}
"""Keys once given to a lead-in that is now shown as text, and the key of its first question, where an answer
kept under the old key is now written and read: workbooks and answers saved before still open whole."""
_ANSWER = re.compile(r"exercise_[a-z0-9_]+_\d+")
_Text = TypeVar("_Text")


def answer_key(exercise: str, number: int, *within: int) -> str:
    """The key of the answer to question ``number`` (from 1) of ``exercise`` (``exercise-1-3-i``), or to
    sub-question ``within`` of it (``answer_key("exercise-3-2", 3, 1)``: ``exercise_3_2_3_1``)."""
    return "_".join((exercise.replace("-", "_"), *map(str, (number, *within))))


def _moved(answers: Mapping[str, _Text]) -> dict[str, _Text | str]:
    """``answers`` with an answer under a key in :data:`MOVED` put before its new question's answer."""
    found: dict[str, _Text | str] = dict(answers)
    for old, new in MOVED.items():
        earlier, later = found.get(old), found.get(new, "")
        if isinstance(earlier, str) and isinstance(later, str):
            del found[old]
            found[new] = "\n\n".join(text for text in (earlier, later) if text.strip())
    return found


def fill(
    blank: bytes, answers: Mapping[str, object], made: str = "", form: str = "docx", exercises: str = ALL
) -> bytes:
    """The blank workbook with ``answers`` (answer key -> text) and the date ``made`` written in; with
    ``exercises`` :data:`ANSWERED`, only the exercises answered, each under its step."""
    if form not in record.FORMATS:
        raise record.FillError("format", f"A workbook can be made as {' or '.join(record.FORMATS)}, not '{form[:40]}'.")
    if exercises not in (ANSWERED, ALL):
        raise record.FillError(
            "exercises",
            f"A workbook can hold only the exercises you answered or all of them ('{ANSWERED}' or '{ALL}'), "
            f"not '{str(exercises)[:40]}'.",
        )
    kind = record.FORMATS[form]
    entries = record.parts(blank, kind)
    xml = record.text_part(entries, kind, "the blank workbook")
    written: dict[str, str] = {}
    for key, text in _moved(answers).items():
        if not isinstance(text, str):
            raise record.FillError(key[:40], f"The answer for '{key[:40]}' must be text; it was {type(text).__name__}.")
        record.within(key, text, f"The answer for '{key[:40]}'")
        if not _ANSWER.fullmatch(key) and text.strip():
            raise record.FillError(key[:40], f"'{key[:40]}' is not the name of an exercise question.")
        if text.strip():
            written[key] = text
    if exercises == ANSWERED:
        if not written:
            raise record.FillError("exercises", NONE_ANSWERED)
        xml = _answered_only(xml, kind, written)
    record.within(DATE, made, "The date")
    if made.strip():
        written[DATE] = made
    for key, text in written.items():
        filled = kind.put(xml, key, kind.answer(text))
        if filled is None:
            raise record.FillError(
                key[:40],
                f"The workbook has no question '{key[:40]}': reload the page to get the workbook of this version.",
            )
        xml = filled
    return record.repackage(entries, kind, xml)


def _answered_only(xml: str, kind: record.Format, answered: Iterable[str]) -> str:
    """``xml`` without each extent (a step, an exercise) that holds no place of an ``answered`` key."""
    places = tuple(answered)
    unanswered = sorted(
        (start, end)
        for start, end in kind.extents(xml)
        if not any(kind.put(xml[start:end], key, "") is not None for key in places)
    )
    kept, at = [], 0
    for start, end in unanswered:
        if start >= at:  # else it lies within a step already left out
            kept.append(xml[at:start])
            at = end
    return "".join(kept) + xml[at:]


def read(docx: bytes) -> dict[str, str]:
    """The answers in a workbook this site made (also after Word re-saved it), by answer key."""
    marks = record.marks(docx, NOT_A_WORKBOOK)
    if DATE not in marks:
        raise record.FillError("file", NOT_A_WORKBOOK)
    return _moved({key: text for key, text in marks.items() if _ANSWER.fullmatch(key) and text.strip()})
