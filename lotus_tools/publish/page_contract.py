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
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any

from mkdocs.utils import get_relative_url

from lotus_tools.core import scales
from lotus_tools.core import workbook as core_workbook
from lotus_tools.core.risk import BandPolicy
from lotus_tools.core.templates import TEMPLATES, TRIAGE, Fields, Rating, Template
from lotus_tools.publish import (
    calculator_page,
    catalogue,
    compiled_stdlib,
    core_zip,
    documents,
    offline,
    pyodide_runtime,
    template_pages,
    workbook,
    workbook_page,
)

ELEMENT_ID = "lotus-page-contract"
CALCULATOR = "calculator"
"""The tool a calculator block declares (the others are a template's key, and :data:`WORKBOOK`)."""
WORKBOOK = "workbook"
CATALOGUE = "catalogue"
CALCULATOR_PAGE = "tools/triage-calculator/"
DRAFT_PREFIX = "lotus-draft:"
"""Drafts live in the tab's ``sessionStorage`` under this prefix and a template's key."""


class ContractError(ValueError):
    """A page whose rendered HTML lacks an element its blocks declared: the author's or renderer's to fix."""


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


def _calculator(here: str) -> dict[str, Any]:
    return {
        "record": TRIAGE.key,
        "descriptors": {str(c.level): dict(c.descriptors) for c in scales.CONSEQUENCES},
        "form": template_pages.form_id(TRIAGE),
        "page": get_relative_url(CALCULATOR_PAGE, here),
        **calculator_page.hooks(),
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
        **workbook_page.hooks(),
    }


def contract(
    tools: Iterable[str], here: str, policy: BandPolicy, exercises: tuple[workbook.Exercise, ...] = ()
) -> dict[str, Any] | None:
    """What the page at ``here`` (e.g. ``tools/triage-calculator/``) needs for the ``tools`` its blocks declared
    (:data:`CALCULATOR`, :data:`WORKBOOK`, template keys), or None if it declared none."""
    declared = set(tools)
    if not declared:
        return None
    found: dict[str, Any] = {}
    if declared & {CALCULATOR, WORKBOOK, *TEMPLATES}:
        found.update(_python_tools(declared, here, policy, exercises))
    if CATALOGUE in declared:
        found["catalogue"] = catalogue.hooks()
    return found


def _python(here: str, release: str) -> dict[str, str]:
    """Where the worker finds Pyodide, the standard library and the core, from the page at ``here``."""
    return {
        "indexURL": get_relative_url(f"{pyodide_runtime.SITE_PATH}/", here),
        "stdlib": get_relative_url(f"{pyodide_runtime.SITE_PATH}/{compiled_stdlib.COMPILED_NAME}", here)
        + f"?v={release}",
        "core": get_relative_url(core_zip.SITE_PATH, here) + f"?v={release}",
        "module": "lotus_tools.core.worker_api",
    }


def _python_tools(
    declared: set[str], here: str, policy: BandPolicy, exercises: tuple[workbook.Exercise, ...]
) -> dict[str, Any]:
    """What the tools that run the core in the Python worker need: its addresses, templates and policy."""
    release = offline.version()
    found: dict[str, Any] = {
        "python": _python(here, release),
        "offline": {
            "worker": f"{get_relative_url(offline.WORKER, here)}?v={release}",
            "scope": get_relative_url("", here) or "./",
        },
        "templates": {key: _template(TEMPLATES[key], here, release) for key in sorted(declared & set(TEMPLATES))},
        "rating": _rating_keys(),
        "policy": policy.as_config(),
    }
    if CALCULATOR in declared:
        found["calculator"] = _calculator(here)
    if WORKBOOK in declared:
        found["workbook"] = _workbook(exercises, here, release)
    return found


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_ENDS_P = {"div", "fieldset", "form", "table", "ul", "ol", "dl", "section", "figure", "h1", "h2", "h3", "h4", "p"}
"""Start tags that end an open ``<p>``, as a browser's parser does."""


class _Inside(HTMLParser):
    """The ids of the elements inside the component root ``data-lotus-module`` names (``module``)."""

    def __init__(self, module: str) -> None:
        super().__init__()
        self.module = module
        self.open: list[str] = []
        self.root_depth: int | None = None
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if self.root_depth is not None and self.root_depth >= 0 and named.get("id"):
            self.ids.append(named["id"] or "")
        if self.root_depth is None and self.module in (named.get("data-lotus-module") or "").split():
            self.root_depth = len(self.open)
        if tag in _ENDS_P and self.open and self.open[-1] == "p":
            self.open.pop()
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.open:
            return
        while self.open and self.open.pop() != tag:
            pass
        if self.root_depth is not None and len(self.open) <= self.root_depth:
            self.root_depth = -1  # closed: ids after it are outside


def check(html_text: str, data: dict[str, Any], page: str) -> None:
    """Every element the page's declared contract names stands once inside its component's root, or a sentence
    naming it (the script finds its elements there, and nowhere else)."""
    if "calculator" not in data:
        return
    inside = _Inside(calculator_page.MODULE)
    inside.feed(html_text)
    for ident in calculator_page.required_ids():
        count = inside.ids.count(ident)
        if count != 1:
            where = "is missing from" if count == 0 else f"stands {count} times in"
            raise ContractError(f"{page}: calculator: element #{ident} {where} the calculator on the page.")


def element(data: dict[str, Any]) -> str:
    """The hidden element that carries ``data`` to the page's scripts."""
    payload = html.escape(json.dumps(data, ensure_ascii=False, sort_keys=True), quote=True)
    return f'<div id="{ELEMENT_ID}" hidden data-contract="{payload}"></div>'


def preloads(here: str, tools: Iterable[str]) -> str:
    """For the calculator's page, which starts Python as it opens: ``<link rel="preload">`` elements for the
    head, so that the big files the worker's start fetches (:data:`pyodide_runtime.PRELOADED`, the standard
    library, the core) start downloading as the head is read, not once the page's scripts have started the
    worker. The same addresses and request mode as the worker's ``fetch`` and ``import`` (``cors``, same-origin
    credentials), so the worker's requests are answered by the browser's cache: nothing comes twice. Not on
    the template pages: they start Python only when the reader opens or downloads a record."""
    if CALCULATOR not in set(tools):
        return ""
    python = _python(here, offline.version())
    urls = [python["indexURL"] + name for name in pyodide_runtime.PRELOADED] + [python["stdlib"], python["core"]]
    return "".join(f'<link rel="preload" as="fetch" crossorigin href="{html.escape(url)}">\n' for url in urls)


def add_preloads(output: str, here: str, tools: Iterable[str]) -> str:
    """The page ``output`` with :func:`preloads` at the end of its head, after its stylesheets."""
    links = preloads(here, tools)
    return output.replace("</head>", f"{links}</head>", 1) if links else output


EARLY_START = "javascripts/lib/python-early.js"
"""Starts the calculator's Python as soon as its page's contract is read (``async``, before the theme's start-up)."""


def add(
    html_text: str, here: str, tools: Iterable[str], policy: BandPolicy, exercises: tuple[workbook.Exercise, ...] = ()
) -> str:
    """``html_text`` with the contract of the ``tools`` its blocks declared appended, checked against it; the
    calculator's page also gets the script that starts Python early."""
    data = contract(tools, here, policy, exercises)
    if data is None:
        return html_text
    check(html_text, data, here)
    early = (
        f'\n<script type="module" async src="{get_relative_url(EARLY_START, here)}"></script>'
        if "calculator" in data
        else ""
    )
    return f"{html_text}\n{element(data)}{early}"
