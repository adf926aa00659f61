"""Fidelity the other way round: what the built site says is the source's, in the source's numbers.

``test_content`` looks from the source to the site (every sentence is there).
These tests look from the site to the source: every sentence of a content page
is the source's, logged on the Editorial notes page, or marked as this site's
words; lists, tables and citation marks are as many as the source's; and what
the site says a part of the toolkit says, that part says.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from lotus_tools.core.templates import TEMPLATES
from tests import site_fidelity
from tests.source_coverage import normalise

TEMPLATE_APPENDICES = {template.appendix for template in TEMPLATES.values()}
"""Appendices 2, 4 and 5 are forms; test_templates checks their text and lists against the source."""


def test_every_sentence_of_a_content_page_is_the_source_s(site: Path) -> None:
    strays = site_fidelity.strays(site)
    listed = "\n".join(f"{page}: {sentence}" for page, sentences in strays.items() for sentence in sentences)
    assert not strays, (
        "These sentences are neither in the source, nor quoted on the Editorial notes page, nor inside an element "
        f"with the class {site_fidelity.SITE_WORDS!r}:\n{listed}"
    )


def test_the_reverse_check_sees_a_sentence_the_source_does_not_have() -> None:
    page = '<article><p>The toolkit recommends scoring every risk twice.</p><p class="lotus-site-words">Ours.</p></article>'
    [sentence] = site_fidelity.page_sentences(page)
    assert normalise(sentence) not in site_fidelity.source_text()


def test_the_site_has_the_source_s_citation_marks(site: Path) -> None:
    source, built = site_fidelity.source_citations(), site_fidelity.site_citations(site)
    assert len(source) == 102
    extra, missing = Counter(built) - Counter(source), Counter(source) - Counter(built)
    assert not extra and not missing, (
        f"marks on the site, not in the source: {dict(extra)}; in the source only: {dict(missing)}"
    )


@pytest.mark.parametrize("ident", sorted(site_fidelity.source_tables()))
def test_each_table_has_the_source_s_rows_cells_and_cell_lists(site: Path, ident: str) -> None:
    """A table's shape: its rows, each row's cells, and the list items in each cell."""
    assert site_fidelity.site_table(site, ident) == site_fidelity.source_tables()[ident]


@pytest.mark.parametrize("number", sorted(set(site_fidelity.source_appendices()) - TEMPLATE_APPENDICES))
def test_each_appendix_has_the_source_s_lists(site: Path, number: int) -> None:
    """The items of each list of the appendix, and of the lists nested in them."""
    page = site_fidelity.appendix_page(site, number)
    assert site_fidelity.site_lists(page.read_text(encoding="utf-8")) == site_fidelity.source_appendices()[number]


def test_the_appendix_8_list_is_the_source_s_ten_resources() -> None:
    assert [len(items) for items in site_fidelity.source_appendices()[8]] == [10]


def test_what_the_site_quotes_from_the_source_is_in_the_source(site: Path) -> None:
    quotations = site_fidelity.source_quotations(site)
    assert quotations
    source = site_fidelity.source_text()
    wrong = [
        (page, quote)
        for page, quote in quotations
        if not all(normalise(part) in source for part in quote.split("…") if normalise(part))
    ]
    assert not wrong, f"quoted as the source's words but not in the source: {wrong}"


def _misattributed(site: Path, tools: bool) -> list[tuple[str, int, str]]:
    instructions = site_fidelity.source_instructions()
    named = [n for n in site_fidelity.named_instructions(site) if n[0].startswith("tools") == tools]
    return [
        (page, number, words)
        for page, number, words in named
        if not site_fidelity.says_what_it_says(words, instructions[number])
    ]


def test_the_six_instructions_are_read_from_the_source() -> None:
    assert sorted(site_fidelity.source_instructions()) == [1, 2, 3, 4, 5, 6]


def test_what_the_pages_say_an_instruction_says_it_says(site: Path) -> None:
    """ "Appendix 3, instruction N: ..." quotes or paraphrases instruction N (reading and About pages)."""
    assert not _misattributed(site, tools=False)


def test_what_the_tools_say_an_instruction_says_it_says(site: Path) -> None:
    """The same on the tools' pages, whose help names the instructions it follows."""
    wrong = _misattributed(site, tools=True)
    assert not wrong, f"these words are not what the instruction says: {wrong}"


def test_a_rule_the_toolkit_does_not_give_is_not_its_instruction() -> None:
    instruction = site_fidelity.source_instructions()[1]
    assert site_fidelity.says_what_it_says(
        "define the risk explicitly in terms of the adverse consequence(s)", instruction
    )
    assert not site_fidelity.says_what_it_says("a concern may carry several risks", instruction)
