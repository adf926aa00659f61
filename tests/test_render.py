"""lotus_tools.publish.scoring_tables: Appendix 3's tables and matrix, alone and on the built page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from lotus_tools.core import scales
from lotus_tools.core.risk import NPSA_2008, Band, BandPolicy
from lotus_tools.publish import scoring_tables, shortcodes
from tests import appendix3_source as source

ROOT = Path(__file__).resolve().parent.parent
PAGE = Path("appendices/risk-scoring-guide/index.html")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TABLES = [
    (scoring_tables.likelihood_table, "table-1", scales.LIKELIHOOD_TITLE),
    (scoring_tables.factors_table, "table-2", scales.FACTORS_TITLE),
    (scoring_tables.consequence_table, "table-3", scales.CONSEQUENCE_TITLE),
]


@dataclass
class Element:
    """A parsed HTML element: enough of a DOM to read tables and text."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        parts = (child if isinstance(child, str) else child.text() for child in self.children)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def iter(self, tag: str | None = None) -> list[Element]:
        found = [self] if tag in (None, self.tag) else []
        for child in self.children:
            if isinstance(child, Element):
                found += child.iter(tag)
        return found

    def by_id(self, ident: str) -> Element:
        [element] = [e for e in self.iter() if e.attrs.get("id") == ident]
        return element


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [Element("document")]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if any(e.tag == tag for e in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.stack[0]


def matrix_cells(root: Element) -> dict[tuple[int, int], Element]:
    cells = root.by_id("risk-matrix").iter("td")
    return {(int(td.attrs["data-likelihood"]), int(td.attrs["data-consequence"])): td for td in cells}


def check_matrix(root: Element, policy: BandPolicy) -> None:
    """The matrix as the source gives it, with the policy's band in words in every cell."""
    expected = source.matrix()
    cells = matrix_cells(root)
    assert set(cells) == set(expected.scores)
    for cell, value in expected.scores.items():
        band = policy.band(value)
        td = cells[cell]
        assert td.text() == f"{value} {band.name}"
        assert td.attrs["data-band"] == band.name
        assert scoring_tables.band_class(band) in td.attrs["class"].split()
    matrix = root.by_id("risk-matrix")
    row_headings = [th.text() for th in matrix.iter("th") if th.attrs.get("scope") == "row"]
    assert tuple(row_headings) == expected.likelihood_labels
    head = matrix.iter("thead")[0].iter("tr")
    assert [(th.text(), th.attrs["scope"]) for th in head[0].iter("th")] == [
        ("Likelihood", "col"),
        ("Severity", "colgroup"),
    ]
    assert tuple(th.text() for th in head[1].iter("th")) == expected.severity_labels
    assert all(th.attrs.get("scope") == "col" for th in head[1].iter("th"))


def _rows(table: Element) -> list[list[str]]:
    return [[cell.text() for cell in tr.iter() if cell.tag in ("th", "td")] for tr in table.iter("tr")]


def check_tables(root: Element) -> None:
    """Tables 1-3 under their ids and captions, every row as the source gives it."""
    for _, ident, title in TABLES:
        figure = root.by_id(ident)
        assert figure.tag == "figure" and "lotus-table" in figure.attrs["class"].split()
        assert figure.iter("figcaption")[0].text() == title
        assert all(th.attrs.get("scope") in {"col", "row", "rowgroup", "colgroup"} for th in figure.iter("th"))
    matrix = source.matrix()
    likelihood_labels = {label.split(" – ")[1]: label for label in matrix.likelihood_labels}
    assert _rows(root.by_id("table-1"))[1:] == [
        [likelihood_labels[name], f"{description} Probability {probability}"]
        for name, description, probability in source.likelihood_rows()
    ]
    assert _rows(root.by_id("table-2"))[1:] == [[name, explanation] for name, explanation in source.factor_rows()]
    severity_labels = {label.split(" – ")[1]: label for label in matrix.severity_labels}
    rows = []
    for group in root.by_id("table-3").iter("tbody"):
        [level] = [th for th in group.iter("th") if th.attrs.get("scope") == "rowgroup"]
        assert level is group.iter("tr")[0].iter("th")[0]
        rows += [(level.text(), tr.iter("th")[-1].text(), tr.iter("td")[-1].text()) for tr in group.iter("tr")]
    assert rows == [(severity_labels[name], domain, text) for name, domain, text in source.consequence_rows()]


# --- the renderers alone --------------------------------------------------------


def test_matrix_is_the_source_s_with_bands_in_words() -> None:
    check_matrix(parse(scoring_tables.risk_matrix(NPSA_2008)), NPSA_2008)


def test_matrix_follows_the_policy_given() -> None:
    policy = BandPolicy((Band("acceptable", "Green", 1, 9), Band("unacceptable", "Red", 10, 25)))
    check_matrix(parse(scoring_tables.risk_matrix(policy)), policy)


def test_tables_are_the_source_s() -> None:
    check_tables(parse("\n".join(function() for function, _, _ in TABLES)))


def test_table_3_gives_each_row_its_level_to_print_on_the_page_a_level_continues_on() -> None:
    """A level heads its group of rows without a rowspan (whose label a page break leaves behind): each later row
    holds the level for print only, as its first cell's ``data-level``, so that its text is the source's once."""
    for group in parse(scoring_tables.consequence_table()).iter("tbody"):
        first, *later = group.iter("tr")
        level = first.iter("th")[0]
        assert level.attrs["scope"] == "rowgroup" and "rowspan" not in level.attrs
        for row in later:
            again = [cell for cell in row.iter() if cell.tag in ("th", "td")][0]
            assert again.tag == "td" and again.attrs == {"class": "lotus-level-again", "data-level": level.text()}
            assert again.text() == ""


def test_blocks_have_no_blank_lines() -> None:
    blocks = [function() for function, _, _ in TABLES] + [
        scoring_tables.risk_matrix(NPSA_2008),
        scoring_tables.risk_bands(NPSA_2008),
    ]
    assert all("\n\n" not in block for block in blocks)


def test_band_names_are_escaped() -> None:
    policy = BandPolicy((Band("<b>all</b> & more", "Green", 1, 25),))
    for block in (scoring_tables.risk_matrix(policy), scoring_tables.risk_bands(policy)):
        assert "<b>" not in block
        assert "&lt;b&gt;all&lt;/b&gt; &amp; more" in block


def test_bands_sentence_states_the_thresholds_in_force() -> None:
    sentence = parse(scoring_tables.risk_bands(NPSA_2008)).text()
    for band in NPSA_2008.bands:
        assert f"{band.label}: scores {band.lowest} to {band.highest}" in sentence
    assert "NPSA 2008" in sentence
    custom = BandPolicy((Band("acceptable", "Green", 1, 9), Band("unacceptable", "Red", 10, 25)))
    sentence = parse(scoring_tables.risk_bands(custom)).text()
    assert "acceptable (Green): scores 1 to 9; unacceptable (Red): scores 10 to 25" in sentence
    assert "NPSA" not in sentence


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("likelihood-table", "table-1"),
        ("contributory-factors-table", "table-2"),
        ("consequence-table", "table-3"),
        ("risk-matrix", "risk-matrix"),
    ],
)
def test_markers_expand_to_the_blocks(name: str, ident: str) -> None:
    html = shortcodes.expand(f"<!-- lotus: {name} -->\n", shortcodes.Context(NPSA_2008))
    assert parse(html).by_id(ident)


# --- colours --------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_band_colours_meet_wcag_aa_in_both_schemes() -> None:
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "docs" / "stylesheets" / "risk.css").read_text(encoding="utf-8"), flags=re.S)
    blocks = {selector.strip(): body for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css)}
    schemes = {
        selector: dict(found)
        for selector, body in blocks.items()
        if (found := re.findall(r"--lotus-risk-(\w+-\w+):\s*(#[0-9a-f]{6});", body))
    }
    assert len(schemes) == 2 and any("slate" in selector for selector in schemes)
    for colours in schemes.values():
        for colour in {band.colour.lower() for band in NPSA_2008.bands}:
            assert contrast(colours[f"{colour}-bg"], colours[f"{colour}-fg"]) >= 4.5
    for colour in ("green", "amber", "red"):
        assert f".lotus-risk-{colour} {{" in css


# --- the built page -------------------------------------------------------------


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' and Python's own YAML tags."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def site_policy() -> BandPolicy:
    """The policy the build uses: mkdocs.yml's extra.risk_bands, or NPSA 2008."""
    # _AnyTag ignores MkDocs' !!python tags: nothing is ever constructed from the file.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    bands = (config.get("extra") or {}).get("risk_bands")
    return BandPolicy.from_config(bands) if bands else NPSA_2008


@pytest.fixture(scope="module")
def page(site: Path) -> Element:
    return parse((site / PAGE).read_text(encoding="utf-8"))


def test_page_title_is_the_appendix_s(page: Element) -> None:
    assert page.iter("h1")[0].text().rstrip("¶ ") == source.START


def test_page_has_the_tables_from_the_data(page: Element) -> None:
    check_tables(page)


def test_page_has_the_matrix_with_the_site_s_bands(page: Element) -> None:
    check_matrix(page, site_policy())


def test_page_states_the_bands_in_force(page: Element) -> None:
    text = page.text()
    for band in site_policy().bands:
        assert f"{band.label}: scores {band.lowest} to {band.highest}" in text


def test_every_descriptor_is_on_the_page(page: Element) -> None:
    text = page.text()
    descriptors = [
        *(row.description for row in scales.LIKELIHOODS),
        *(f.explanation for f in scales.CONTRIBUTORY_FACTORS),
        *(text for level in scales.CONSEQUENCES for _, text in level.descriptors),
    ]
    assert [d for d in descriptors if d not in text] == []


def test_instructions_are_the_source_s_with_table_3_for_consequence(page: Element) -> None:
    instructions = [re.sub(r"\[(Table \d)\]\(#\)", r"\1", line) for line in source.lines() if re.match(r"\d\. ", line)]
    assert len(instructions) == 6
    items = [li.text() for ol in page.iter("ol") for li in ol.iter("li")]
    for number, line in enumerate(instructions, start=1):
        expected = line.split(". ", 1)[1]
        if number == 2:
            expected = expected.replace("Use Table 2", "Use Table 3")
        assert expected in items
    links = {a.text(): a.attrs["href"] for a in page.iter("a") if a.attrs.get("href", "").startswith("#table-")}
    assert links == {"Table 3": "#table-3", "Table 1": "#table-1"}
    assert any(ol.attrs.get("start") == "4" for ol in page.iter("ol"))


def test_page_loads_the_band_colours(site: Path, page: Element) -> None:
    hrefs = [link.attrs["href"] for link in page.iter("link") if link.attrs.get("rel") == "stylesheet"]
    assert any(href.endswith("stylesheets/risk.css") for href in hrefs)
    assert (site / "stylesheets" / "risk.css").is_file()


def test_no_marker_is_left_on_any_page(site: Path) -> None:
    assert [p for p in site.rglob("*.html") if "<!-- lotus:" in p.read_text(encoding="utf-8")] == []


def test_editorial_notes_explain_the_table_3_link(site: Path) -> None:
    notes = parse((site / "about" / "editorial-notes" / "index.html").read_text(encoding="utf-8"))
    assert "“Use Table 2 to determine the consequence score(s)" in notes.text()
    hrefs = [a.attrs.get("href", "") for a in notes.iter("a")]
    assert any(href.endswith("appendices/risk-scoring-guide/#table-3") for href in hrefs)
