"""The My workbook page's tools, and the hooks they declare for the workbook component.

Progress, "Keep my answers on this device", download, print and forget: each
control needs JavaScript, so the block ships ``hidden`` and the workbook
component (``docs/javascripts/components/workbook.js``) shows it. Its ids are
written once here and carried to the script by the page contract.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

MODULE = "workbook"
EXERCISE_MODULE = "exercise"
"""The component that gives an exercise on its page its answer boxes (``components/exercise.js``)."""

ELEMENTS = MappingProxyType(
    {
        "tools": "lotus-workbook-tools",
        "progress": "lotus-workbook-progress",
        "device": "lotus-workbook-device",
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


def tools() -> str:
    """The My workbook page's controls (shown by its script)."""
    e = ELEMENTS
    return (
        f'<div class="lotus-workbook-tools" id="{e["tools"]}" hidden>'
        f'<p class="lotus-workbook-progress" id="{e["progress"]}" role="status"></p>'
        f'<p class="lotus-keep-device"><label><input type="checkbox" id="{e["device"]}"> Keep my answers on this '
        "device (in this browser's local storage, until you forget them)</label></p>"
        '<div class="lotus-form-actions">'
        f'<button type="button" class="md-button md-button--primary" id="{e["saveDocx"]}">'
        "Download my workbook (.docx)</button>"
        f'<button type="button" class="md-button" id="{e["saveOdt"]}">Download my workbook (.odt)</button>'
        f'<button type="button" class="md-button" id="{e["print"]}">Print my workbook</button>'
        f'<button type="button" class="md-button lotus-button-warning" id="{e["forget"]}">Forget my answers</button>'
        "</div>"
        f'<p class="lotus-form-status" id="{e["status"]}" role="status"></p></div>'
    )
