"""The one JSON contract between the build and a tool page's scripts.

A page that holds a tool (the calculator, a template form) gets one hidden
element carrying, as JSON, everything its scripts need from the build: the
addresses of Pyodide, the core zip and the blank templates (relative to that
page, worked out by MkDocs), the template and field keys, the calculator's
band policy and descriptors, and the name under which a draft is kept in the
tab. The scripts read only this. It is an attribute, not a ``<script>``, so
that Material's instant navigation carries it unchanged (it re-runs inline
scripts without their type or id) and the Content-Security-Policy has nothing
to allow; ``html.escape`` makes it safe for any string.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from mkdocs.utils import get_relative_url

from lotus_tools.core import scales
from lotus_tools.core import workbook as core_workbook
from lotus_tools.core.risk import BandPolicy
from lotus_tools.core.templates import TEMPLATES, TRIAGE, Fields, Rating, Template
from lotus_tools.publish import compiled_stdlib, core_zip, documents, offline, pyodide_runtime, workbook

ELEMENT_ID = "lotus-page-contract"
CALCULATOR_ID = "lotus-calculator"
CALCULATOR_PAGE = "tools/triage-calculator/"
WORKBOOK_ID = "lotus-workbook"
DRAFT_PREFIX = "lotus-draft:"
"""Drafts live in the tab's ``sessionStorage`` under this prefix and a template's key."""
_FORM = re.compile(r'data-lotus-template="(?P<key>appendix-\d+)"')


def _template(item: Template, here: str, release: str) -> dict[str, Any]:
    docx, odt = documents.downloads(item)
    return {
        "appendix": item.appendix,
        "title": item.title,
        "page": get_relative_url(f"appendices/{item.slug}/", here),
        "blank": {
            "docx": f"{get_relative_url(docx.path, here)}?v={release}",
            "odt": f"{get_relative_url(odt.path, here)}?v={release}",
        },
        "fields": [field.key for field in item.fields()],
        "draft": f"{DRAFT_PREFIX}{item.key}",
    }


def _calculator(policy: BandPolicy, here: str) -> dict[str, Any]:
    return {
        "record": TRIAGE.key,
        "descriptors": {str(c.level): dict(c.descriptors) for c in scales.CONSEQUENCES},
        "factors": [factor.key for factor in scales.CONTRIBUTORY_FACTORS],
        "page": get_relative_url(CALCULATOR_PAGE, here),
    }


def _rating_keys() -> dict[str, str]:
    """The keys of Appendix 2's "Risk Rating (with score)" fields, which the calculator fills in."""
    rating = next(i for b in TRIAGE.blocks if isinstance(b, Fields) for i in b.items if isinstance(i, Rating))
    return {part: getattr(rating, part).key for part in ("band", "consequence", "likelihood", "score")}


def _workbook(exercises: tuple[workbook.Exercise, ...], here: str, release: str) -> dict[str, Any]:
    docx, odt = workbook.downloads(exercises)
    return {
        "blank": {
            "docx": f"{get_relative_url(docx.path, here)}?v={release}",
            "odt": f"{get_relative_url(odt.path, here)}?v={release}",
        },
        "key": core_workbook.KEY,
        "store": workbook.STORE,
        "exercises": [{"ident": e.ident, "keys": [a["key"] for a in e.answers()]} for e in exercises],
    }


def contract(
    html_text: str, here: str, policy: BandPolicy, exercises: tuple[workbook.Exercise, ...] = ()
) -> dict[str, Any] | None:
    """What the page at ``here`` (a page URL, e.g. ``tools/triage-calculator/``) needs, or None if it has no tool."""
    calculator = f'id="{CALCULATOR_ID}"' in html_text
    has_workbook = f'id="{WORKBOOK_ID}"' in html_text
    keys = sorted(set(_FORM.findall(html_text)) | ({TRIAGE.key} if calculator else set()))
    if not keys and not has_workbook:
        return None
    release = offline.version()
    found: dict[str, Any] = {
        "python": {
            "indexURL": get_relative_url(f"{pyodide_runtime.SITE_PATH}/", here),
            "stdlib": get_relative_url(f"{pyodide_runtime.SITE_PATH}/{compiled_stdlib.COMPILED_NAME}", here)
            + f"?v={release}",
            "core": get_relative_url(core_zip.SITE_PATH, here) + f"?v={release}",
            "module": "lotus_tools.core.worker_api",
        },
        "offline": {
            "worker": f"{get_relative_url(offline.WORKER, here)}?v={release}",
            "scope": get_relative_url("", here) or "./",
        },
        "templates": {key: _template(TEMPLATES[key], here, release) for key in keys},
        "rating": _rating_keys(),
        "policy": policy.as_config(),
    }
    if calculator:
        found["calculator"] = _calculator(policy, here)
    if has_workbook:
        found["workbook"] = _workbook(exercises, here, release)
    return found


def element(data: dict[str, Any]) -> str:
    """The hidden element that carries ``data`` to the page's scripts."""
    payload = html.escape(json.dumps(data, ensure_ascii=False, sort_keys=True), quote=True)
    return f'<div id="{ELEMENT_ID}" hidden data-contract="{payload}"></div>'


EARLY_START = "javascripts/python-early.js"
"""Starts the calculator's Python as soon as its page's contract is read (``async``, before the theme's start-up)."""


def add(html_text: str, here: str, policy: BandPolicy, exercises: tuple[workbook.Exercise, ...] = ()) -> str:
    """``html_text`` with its page's contract appended, if it holds a tool; the calculator's page also gets the
    script that starts Python early."""
    data = contract(html_text, here, policy, exercises)
    if data is None:
        return html_text
    early = (
        f'\n<script type="module" async src="{get_relative_url(EARLY_START, here)}"></script>'
        if "calculator" in data
        else ""
    )
    return f"{html_text}\n{element(data)}{early}"
