"""The My workbook page's tools, and the hooks they declare for the workbook component.

Progress, "Keep my answers on this device", which exercises to download, download, print and forget: each
control needs JavaScript, so the block ships ``hidden`` and the workbook
component (``docs/javascripts/components/workbook.js``) shows it. Its ids are
written once here and carried to the script by the page contract.
"""

from __future__ import annotations

from html import escape
from types import MappingProxyType
from typing import Any

from lotus_tools.core import workbook

MODULE = "workbook"
EXERCISE_MODULE = "exercise"
"""The component that gives an exercise on its page its answer boxes (``components/exercise.js``)."""

ELEMENTS = MappingProxyType(
    {
        "tools": "lotus-workbook-tools",
        "progress": "lotus-workbook-progress",
        "device": "lotus-workbook-device",
        "exercises": "lotus-workbook-exercises",
        "saveDocx": "lotus-workbook-save-docx",
        "saveOdt": "lotus-workbook-save-odt",
        "print": "lotus-workbook-print",
        "forget": "lotus-workbook-forget",
        "status": "lotus-workbook-status",
    }
)
"""Each element the workbook's script uses, by the name the script knows it by, and its id."""


def hooks() -> dict[str, Any]:
    """The workbook page's declared DOM hooks, as the page contract carries them."""
    return {"elements": dict(ELEMENTS)}


EXERCISES_LEGEND = "Which exercises to download"


def exercise_choices(count: int) -> dict[str, str]:
    """The label of each choice of what a downloaded workbook holds, by the value the worker is sent; the first
    is chosen unless the reader picks the other."""
    return {workbook.ANSWERED: "Only the exercises I answered", workbook.ALL: f"All {count} exercises"}


def _exercises(count: int) -> str:
    """The choice of what the downloaded workbook holds: radios in a fieldset with a legend."""
    ident = ELEMENTS["exercises"]
    radios = "".join(
        f'<div class="lotus-radio"><input type="radio" id="{ident}-{value}" name="{ident}" value="{value}"'
        f'{" checked" if first else ""}><label for="{ident}-{value}">{escape(label)}</label></div>'
        for first, (value, label) in zip((True, False), exercise_choices(count).items(), strict=True)
    )
    return (
        f'<fieldset class="lotus-workbook-choice" id="{ident}"><legend>{escape(EXERCISES_LEGEND)}</legend>'
        f'<div class="lotus-radios">{radios}</div></fieldset>'
    )


def tools(count: int) -> str:
    """The My workbook page's controls (shown by its script); ``count`` is how many exercises the toolkit has."""
    e = ELEMENTS
    return (
        f'<div class="lotus-workbook-tools" id="{e["tools"]}" hidden>'
        f'<p class="lotus-workbook-progress" id="{e["progress"]}" role="status"></p>'
        f'<p class="lotus-keep-device"><label><input type="checkbox" id="{e["device"]}"> Keep my answers on this '
        "device (in this browser's local storage, until you forget them)</label></p>"
        f"{_exercises(count)}"
        '<div class="lotus-form-actions">'
        f'<button type="button" class="md-button md-button--primary" id="{e["saveDocx"]}">'
        "Download my workbook (.docx)</button>"
        f'<button type="button" class="md-button" id="{e["saveOdt"]}">Download my workbook (.odt)</button>'
        f'<button type="button" class="md-button" id="{e["print"]}">Print my workbook</button>'
        f'<button type="button" class="md-button lotus-button-warning" id="{e["forget"]}">Forget my answers</button>'
        "</div>"
        f'<p class="lotus-form-status" id="{e["status"]}" role="status"></p></div>'
    )
