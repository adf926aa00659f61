"""Fidelity the other way round (``tests.site_fidelity``): what the site shows must come from the source.

``test_content`` looks for every source sentence on the site; these look from the site back to the source:
stray sentences, counts of list items, table cells and citation marks, and text that names a part of the toolkit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import site_fidelity as fidelity
from tests.source_coverage import normalise


def test_every_sentence_on_a_content_page_is_the_sources_or_logged(site: Path) -> None:
    strays = fidelity.strays(site)
    assert not strays, "sentences neither in the source nor on the Editorial notes page:\n" + "\n".join(
        f"{page}: {sentence}" for page, sentences in strays.items() for sentence in sentences
    )


def test_the_citation_marks_are_the_sources() -> None:
    assert len(fidelity.source_citations()) == 102


def test_the_site_shows_the_sources_citation_marks(site: Path) -> None:
    assert sorted(fidelity.site_citations(site)) == sorted(fidelity.source_citations())


@pytest.mark.parametrize("ident", sorted(fidelity.source_tables()))
def test_each_table_has_the_sources_rows_cells_and_cell_lists(site: Path, ident: str) -> None:
    assert fidelity.site_table(site, ident) == fidelity.source_tables()[ident]


@pytest.mark.parametrize("number", sorted(fidelity.source_appendices()))
def test_each_appendix_has_the_sources_list_items(site: Path, number: int) -> None:
    page = fidelity.appendix_page(site, number)
    page_html = page.read_text(encoding="utf-8")
    shown = list(fidelity.site_lists(page_html))
    numbered_fields = len(re.findall(r"<label[^>]*>\d+\. ", page_html))
    if numbered_fields:  # a numbered list the template form shows as its numbered fields
        shown.append((0,) * numbered_fields)
    assert sorted(shown) == sorted(fidelity.source_appendices()[number])


def test_what_the_site_quotes_from_the_source_is_in_the_source(site: Path) -> None:
    quotes = fidelity.source_quotations(site)
    assert quotes, "no quotation attributed to the source was found on the site"
    wrong = [(page, quote) for page, quote in quotes if normalise(quote) not in fidelity.source_text()]
    assert not wrong, wrong


def test_text_naming_an_appendix_3_instruction_says_what_it_says(site: Path) -> None:
    named = fidelity.named_instructions(site)
    assert named, "no text on the site names an Appendix 3 instruction"
    instructions = fidelity.source_instructions()
    wrong = [
        (page, number, words)
        for page, number, words in named
        if number not in instructions or not fidelity.says_what_it_says(words, instructions[number])
    ]
    assert not wrong, wrong


_SECTION_SAYS = re.compile(r"[Ss]ection (?P<number>\d\.\d) says that (?P<words>[^.(]+)")


def _section_lines(number: str) -> list[str]:
    """The source lines of section ``number``: from its heading line to the next section's heading."""
    lines = fidelity.SOURCE.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(f"{number} ")]
    assert starts, f"the source has no section {number}"
    later = (i for i in range(starts[0] + 1, len(lines)) if re.match(r"^\d\.\d ", lines[i]))
    end = next((i for i in later if not lines[i].startswith(f"{number} ")), len(lines))
    return lines[starts[0] : end]


def test_text_saying_what_a_section_says_paraphrases_that_section(site: Path) -> None:
    claims = [
        (str(page.relative_to(site).parent), match["number"], match["words"])
        for page in sorted(site.rglob("*.html"))
        for match in _SECTION_SAYS.finditer(fidelity.site_text_of(page))
    ]
    assert claims, "no text on the site says what a section says"
    wrong = [
        claim
        for claim in claims
        if not any(fidelity.says_what_it_says(claim[2], line) for line in _section_lines(claim[1]))
    ]
    assert not wrong, wrong
