"""HTML for Appendix 3's tables and the 5x5 risk matrix, from ``scales`` and a band policy.

Each function returns one raw HTML block (no blank lines inside) for a page's
Markdown; every string from the data is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from lotus_tools.core import scales
from lotus_tools.core.risk import NPSA_2008, Band, BandPolicy

# Column headings, in the source's words.
LIKELIHOOD_HEADINGS = ("Likelihood", "Description rating")
FACTORS_HEADINGS = ("Contributory factors for likelihood", "Explanation")
CONSEQUENCE_HEADINGS = ("Consequence level", "Consequence", "Description rating")
MATRIX_HEADINGS = ("Likelihood", "Severity")


def band_class(band: Band) -> str:
    """The CSS class that colours a band's cells, e.g. ``"lotus-risk-amber"``."""
    return f"lotus-risk-{band.colour.lower()}"


def _figure(ident: str, caption: str, table: Iterable[str]) -> str:
    return "\n".join(
        [
            f'<figure class="lotus-table" id="{ident}">',
            f"<figcaption>{escape(caption)}</figcaption>",
            "<table>",
            *table,
            "</table>",
            "</figure>",
        ]
    )


def _head(headings: Iterable[str]) -> str:
    cells = "".join(f'<th scope="col">{escape(h)}</th>' for h in headings)
    return f"<thead><tr>{cells}</tr></thead>"


def likelihood_table() -> str:
    """Table 1, most likely first as in the source."""
    rows = [
        f'<tr><th scope="row">{escape(row.label)}</th>'
        f"<td>{escape(row.description)} Probability {escape(row.probability)}</td></tr>"
        for row in reversed(scales.LIKELIHOODS)
    ]
    return _figure("table-1", scales.LIKELIHOOD_TITLE, [_head(LIKELIHOOD_HEADINGS), "<tbody>", *rows, "</tbody>"])


def factors_table() -> str:
    """Table 2: the contributory factors and what to ask of each."""
    rows = [
        f'<tr><th scope="row">{escape(f.name)}</th><td>{escape(f.explanation)}</td></tr>'
        for f in scales.CONTRIBUTORY_FACTORS
    ]
    return _figure("table-2", scales.FACTORS_TITLE, [_head(FACTORS_HEADINGS), "<tbody>", *rows, "</tbody>"])


def consequence_table() -> str:
    """Table 3 as the source lays it out: a group of rows per level, most severe first, a domain a row.

    The level heads its group from the group's first row, without a rowspan, whose label stays on the page
    before a break in a printed table; each later row's first cell holds the level for print
    (``data-level``, shown by ``risk.css`` on paper only), so that the table's text is the source's once."""
    body = []
    for level in reversed(scales.CONSEQUENCES):
        body.append(f'<tbody data-consequence="{level.level}">')
        label = escape(level.label)
        for index, (key, text) in enumerate(level.descriptors):
            group = (
                f'<th scope="rowgroup">{label}</th>'
                if index == 0
                else f'<td class="lotus-level-again" data-level="{label}"></td>'
            )
            body.append(
                f'<tr>{group}<th scope="row">{escape(scales.domain(key).name)}</th><td>{escape(text)}</td></tr>'
            )
        body.append("</tbody>")
    return _figure("table-3", scales.CONSEQUENCE_TITLE, [_head(CONSEQUENCE_HEADINGS), *body])


MATRIX_ID = "risk-matrix"
"""The matrix's id: its address, and where the calculator marks the cell of the risk being scored."""


def risk_matrix(policy: BandPolicy) -> str:
    """The 5x5 matrix: likelihood rows, severity columns, each cell's score and band in words."""
    likelihood_heading, severity_heading = MATRIX_HEADINGS
    lines = [
        f'<figure class="lotus-table lotus-risk-matrix" id="{MATRIX_ID}">',
        "<table>",
        f'<colgroup><col></colgroup><colgroup span="{len(scales.CONSEQUENCES)}"></colgroup>',
        "<thead>",
        f'<tr><th scope="col" rowspan="2">{escape(likelihood_heading)}</th>'
        f'<th scope="colgroup" colspan="{len(scales.CONSEQUENCES)}">{escape(severity_heading)}</th></tr>',
        "<tr>" + "".join(f'<th scope="col">{escape(c.label)}</th>' for c in scales.CONSEQUENCES) + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    for likelihood in scales.LIKELIHOODS:
        cells = []
        for consequence in scales.CONSEQUENCES:
            value = likelihood.level * consequence.level
            band = policy.band(value)
            cells.append(
                f'<td class="{band_class(band)}" data-likelihood="{likelihood.level}" '
                f'data-consequence="{consequence.level}" data-band="{escape(band.name)}">'
                f'<span class="lotus-risk-score">{value}</span> '
                f'<span class="lotus-risk-band lotus-site-words">{escape(band.name)}</span></td>'
            )
        lines.append(f'<tr><th scope="row">{escape(likelihood.label)}</th>{"".join(cells)}</tr>')
    lines += ["</tbody>", "</table>", "</figure>"]
    return "\n".join(lines)


def _colours(policy: BandPolicy) -> str:
    """Which bands take which colour, e.g. "low risk and moderate risk Green, high risk Amber"."""
    colours: dict[str, list[str]] = {}
    for band in policy.bands:
        colours.setdefault(band.colour, []).append(escape(band.name))
    return ", ".join(f"{' and '.join(names)} {colour}" for colour, names in colours.items())


def risk_bands(policy: BandPolicy) -> str:
    """The bands in force, and whose they are: this site's words, since the toolkit sets no bands."""
    bands = "; ".join(
        f'<span class="{band_class(b)}">{escape(b.label)}</span>: scores {b.lowest} to {b.highest}'
        for b in policy.bands
    )
    if policy == NPSA_2008:
        origin = (
            "The band names and thresholds are the NPSA 2008 risk grading; putting them onto the toolkit’s "
            f"three colours ({_colours(policy)}) is this site’s mapping."
        )
    else:
        origin = "The bands, their thresholds and their colours are set by the organisation that publishes this site."
    return (
        f'<p class="lotus-risk-bands lotus-site-words">The risk bands in force on this site are {bands}. '
        f"The toolkit’s matrix gives the risk scores and its template the colours Green, Amber and Red, "
        f"but it sets no bands. {origin}</p>"
    )
