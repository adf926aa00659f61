"""Generated blocks in pages: ``<!-- lotus: NAME -->`` on a line of its own.

A page names what it shows (a scoring table, a template form); the build
replaces the marker with HTML rendered from ``lotus_tools`` data, so each label
and descriptor is written once. An unknown name stops the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lotus_tools.publish import calculator_page, catalogue, links, scoring_tables, template_pages
from lotus_tools.core.risk import BandPolicy

MARKER = re.compile(r"^<!-- lotus: (?P<name>[a-z0-9-]+) -->$", re.M)


@dataclass(frozen=True)
class Context:
    """What a generated block may depend on: the site's settings."""

    policy: BandPolicy


Renderer = Callable[[Context], str]


class UnknownShortcode(KeyError):
    """A page names a generated block that no renderer provides."""


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
        "calculator-override": lambda context: calculator_page.override_form(),
        **template_pages.renderers(),
    }


def expand(markdown: str, context: Context, page: str = "") -> str:
    """Replace each marker in ``markdown`` with its rendered block."""
    known = renderers()

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in known:
            raise UnknownShortcode(f"{page}: unknown generated block '<!-- lotus: {name} -->'")
        return known[name](context)

    return MARKER.sub(replace, markdown)
