"""Generated blocks in pages: ``<!-- lotus: NAME -->`` on a line of its own.

A page names what it shows (a scoring table, a template form); the build
replaces the marker with HTML rendered from ``lotus_tools`` data, so each label
and descriptor is written once. An unknown name, or a line that looks like a
marker but is not written exactly so, stops the build with a sentence that
names the page and the fix (MkDocs' ``PluginError``: no traceback).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mkdocs.exceptions import PluginError

from lotus_tools.core.risk import BandPolicy
from lotus_tools.core.templates import TRIAGE
from lotus_tools.publish import (
    calculator_page,
    catalogue,
    deploy,
    hosting,
    links,
    page_contract,
    reader_support,
    scoring_tables,
    scorm,
    template_pages,
    toolkit_pdf,
    workbook,
    workbook_page,
)

MARKER = re.compile(r"^<!-- lotus: (?P<name>[a-z0-9-]+) -->$", re.M)
NEAR_MISS = re.compile(r"^.*<!--\s*lotus\s*:.*$", re.M | re.I)
"""Any line mentioning a lotus marker: each must be exactly a MARKER line."""


@dataclass(frozen=True)
class Context:
    """What a generated block may depend on: the site's settings."""

    policy: BandPolicy
    exercises: tuple[workbook.Exercise, ...] = ()
    """Every exercise of the site, in navigation order (for the My workbook page)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """``mkdocs.yml``'s ``extra``: the routes to help now and the site's contact."""
    courses: tuple[scorm.Course, ...] = ()
    """The SCORM packages the build writes."""
    page_url: str = ""
    """The address of the page being built, e.g. ``about/linking/``."""
    tools: set[str] = field(default_factory=set)
    """The tools the page's blocks declared (``page_contract.CALCULATOR``, a template's key, ...): its contract's
    content, written from what was rendered, never read back from the HTML."""

    def uses(self, tool: str, html: str) -> str:
        """``html``, a block of ``tool``'s, which the page's contract must then serve."""
        self.tools.add(tool)
        return html


Renderer = Callable[[Context], str]


def renderers() -> dict[str, Renderer]:
    """Every generated block, by name."""
    return {
        "link-catalogue": lambda context: context.uses(page_contract.CATALOGUE, catalogue.PLACEHOLDER),
        "missing-addresses": lambda context: links.unaddressed_table(),
        "likelihood-table": lambda context: scoring_tables.likelihood_table(),
        "contributory-factors-table": lambda context: scoring_tables.factors_table(),
        "consequence-table": lambda context: scoring_tables.consequence_table(),
        "risk-matrix": lambda context: scoring_tables.risk_matrix(context.policy),
        "risk-bands": lambda context: scoring_tables.risk_bands(context.policy),
        **{
            f"calculator-{name}": functools.partial(_calculator_block, render)
            for name, render in {
                "start": calculator_page.start,
                "risk-form": calculator_page.risk_form,
                "result": calculator_page.result,
                "guidance": calculator_page.guidance,
                "risks": calculator_page.risks,
                "override": calculator_page.override_form,
                "actions": calculator_page.actions,
                "record-form": lambda: template_pages.form(TRIAGE, on_its_page=False),
            }.items()
        },
        "embed-platforms": lambda context: hosting.embed_platforms(
            hosting.embed_origins(context.extra), deploy.meta_csp()
        ),
        "help-now": lambda context: reader_support.help_now_box(reader_support.help_routes(context.extra)),
        "contact": lambda context: reader_support.contact_block(reader_support.contact(context.extra)),
        "workbook": lambda context: context.uses(page_contract.WORKBOOK, workbook.page(context.exercises)),
        "scorm-packages": lambda context: scorm.links(context.courses, context.page_url),
        "workbook-tools": lambda context: context.uses(
            page_contract.WORKBOOK, workbook_page.tools(len(context.exercises))
        ),
        "workbook-downloads": lambda context: template_pages.downloads(workbook.template(context.exercises)),
        "workbook-open": lambda context: context.uses(
            page_contract.WORKBOOK, template_pages.open_record(workbook.template(context.exercises), "workbook")
        ),
        "whole-toolkit-pdf": lambda context: toolkit_pdf.link(context.page_url),
        **template_pages.renderers(),
    }


def _calculator_block(render: Callable[[], str], context: Context) -> str:
    return context.uses(page_contract.CALCULATOR, context.uses(TRIAGE.key, render()))


def expand(markdown: str, context: Context, page: str = "") -> str:
    """Replace each marker in ``markdown`` with its rendered block."""
    known = renderers()
    for line in NEAR_MISS.findall(markdown):
        if not MARKER.fullmatch(line):
            raise PluginError(
                f"{page}: the line '{line.strip()[:80]}' looks like a generated block but is not written as one. "
                "Write it on a line of its own, exactly '<!-- lotus: NAME -->' (lower-case name, one space either side)."
            )

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in known:
            raise PluginError(
                f"{page}: there is no generated block called '{name}' (in '<!-- lotus: {name} -->'). "
                f"The blocks are: {', '.join(sorted(known))}."
            )
        return known[name](context)

    return MARKER.sub(replace, markdown)
