"""Generated blocks in pages: ``<!-- lotus: NAME -->`` on a line of its own.

A page names what it shows (a scoring table, a template form); the build
replaces the marker with HTML rendered from ``lotus_tools`` data, so each label
and descriptor is written once. An unknown name, or a line that looks like a
marker but is not written exactly so, stops the build with a sentence for the
author (a :class:`~mkdocs.exceptions.PluginError`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.exceptions import PluginError

from lotus_tools.core.risk import BandPolicy
from lotus_tools.publish import calculator_page, catalogue, links, scoring_tables, template_pages

MARKER = re.compile(r"^<!-- lotus: (?P<name>[a-z0-9-]+) -->$", re.M)
NEAR_MISS = re.compile(r"<!--\s*lotus\s*:.*?-->", re.I | re.S)
"""Anything that looks like a marker; each must be a whole :data:`MARKER` line."""


@dataclass(frozen=True)
class Context:
    """What a generated block may depend on: the site's settings."""

    policy: BandPolicy


Renderer = Callable[[Context], str]


def renderers() -> dict[str, Renderer]:
    """Every generated block, by name."""
    return {
        "link-catalogue": lambda context: catalogue.PLACEHOLDER,
        "missing-addresses": lambda context: links.unaddressed_table(),
        "likelihood-table": lambda context: scoring_tables.likelihood_table(),
        "contributory-factors-table": lambda context: scoring_tables.factors_table(),
        "consequence-table": lambda context: scoring_tables.consequence_table(),
        "risk-matrix": lambda context: scoring_tables.risk_matrix(context.policy),
        "risk-bands": lambda context: scoring_tables.risk_bands(context.policy),
        "calculator-risk-form": lambda context: calculator_page.risk_form(),
        "calculator-data": lambda context: calculator_page.page_data(context.policy),
        **template_pages.renderers(),
    }


def _line(markdown: str, at: int) -> int:
    return markdown.count("\n", 0, at) + 1


def _check_markers(markdown: str, page: str) -> None:
    """Stop at the first marker-like text that is not a well-formed marker line."""
    well_formed = {m.start() for m in MARKER.finditer(markdown)}
    for found in NEAR_MISS.finditer(markdown):
        if found.start() in well_formed:
            continue
        typed = found.group()[:60].replace("\n", " ")
        raise PluginError(
            f"{page}, line {_line(markdown, found.start())}: '{typed}' looks like a generated block but is not "
            "written as one. Write it on a line of its own, at the start of the line, exactly as "
            "'<!-- lotus: NAME -->' (one space each side, NAME in lower case with hyphens)."
        )


def expand(markdown: str, context: Context, page: str = "") -> str:
    """Replace each marker in ``markdown`` with its rendered block."""
    known = renderers()
    _check_markers(markdown, page)

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in known:
            raise PluginError(
                f"{page}, line {_line(markdown, match.start())}: there is no generated block "
                f"'<!-- lotus: {name} -->'. The names are: {', '.join(sorted(known))}."
            )
        return known[name](context)

    return MARKER.sub(replace, markdown)
