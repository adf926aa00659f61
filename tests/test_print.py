"""Printing pages on A4 as a trainer would: tables break between rows, nothing clipped, the page says what it is."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from lotus_tools.core import scales
from tests.conftest import Visit, score_one
from tests.test_phone import BROKEN_WORDS

CEILINGS = {"transform/supporting-mental-health/": 4, "appendices/risk-scoring-guide/": 6, "utilise/flywheel/": 6}
"""Pages (A4) each prints on now (3.2 was 5 with two near-empty pages, Appendix 3 was 8): a rise fails."""


def printed(visit: Visit, base_url: str, path: str) -> bytes:
    page = visit.page
    page.goto(f"{base_url}/{path}")
    page.get_by_role("heading", level=1).wait_for()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    return page.pdf(format="A4", print_background=True)


@pytest.mark.parametrize("path", sorted(CEILINGS))
def test_long_pages_print_within_their_ceiling_with_title_and_address(visit: Visit, base_url: str, path: str) -> None:
    pdf = printed(visit, base_url, path)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 0 < pages <= CEILINGS[path], f"{path} printed on {pages} pages"
    header = visit.page.locator(".lotus-print-header")
    assert header.is_visible() and f"{base_url}/{path}" in header.inner_text() and "printed" in header.inner_text()


def test_the_printed_matrix_is_not_clipped(visit: Visit, base_url: str) -> None:
    printed(visit, base_url, "appendices/risk-scoring-guide/")
    page = visit.page
    content = page.locator(".md-content__inner").evaluate("e => e.getBoundingClientRect().right")
    cells = page.locator("#risk-matrix :is(th, td)").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert cells and max(cells) <= content + 1


def test_the_printed_matrix_breaks_no_word_and_table_3_gives_every_row_its_level(visit: Visit, base_url: str) -> None:
    printed(visit, base_url, "appendices/risk-scoring-guide/")
    page = visit.page
    assert page.locator("#risk-matrix :is(th, td)").evaluate_all(BROKEN_WORDS) == []
    levels = page.locator("#table-3 tbody tr > :first-child").evaluate_all(
        "cells => cells.map((cell) => cell.innerText || getComputedStyle(cell, '::before').content.replaceAll('\"', ''))"
    )
    assert levels == [level.label for level in reversed(scales.CONSEQUENCES) for _ in level.descriptors]


@pytest.mark.parametrize("path", ["transform/supporting-mental-health/", "appendices/risk-scoring-guide/"])
def test_no_printed_page_ends_with_a_tables_title_and_the_breadcrumb_is_not_printed(
    visit: Visit, base_url: str, path: str
) -> None:
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(printed(visit, base_url, path))).pages]
    last_lines = [next((line for line in reversed(text.splitlines()) if line.strip()), "") for text in pages]
    assert [line for line in last_lines if re.match(r"\s*Table \d", line)] == []
    assert not pages[0].lstrip().startswith("Home")


def test_the_printed_calculator_is_the_record_and_says_one_thing(visit: Visit, base_url: str) -> None:
    """Three risks (the third still being typed), an overall 16 (Red), and the rating set by hand to Amber."""
    page = visit.page
    page.goto(f"{base_url}/tools/triage-calculator/")
    page.get_by_text("The calculator is ready.").wait_for()
    risks = [("Financial", "2 – Minor", "2 – Unlikely"), ("Management", "4 – Major", "4 – Likely")]
    for number, (domain, consequence, likelihood) in enumerate(risks, 1):
        page.get_by_label("The adverse consequence that might arise from the risk").fill(f"Risk number {number}")
        score_one(page, domain, consequence, likelihood)
        page.get_by_role("button", name="Add another risk").click()
        page.get_by_text(f"Risk {number} added.").wait_for()
    page.get_by_label("The adverse consequence that might arise from the risk").fill("Risk number 3")
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    page.get_by_label("Set the risk rating by hand").check()
    page.locator("form").get_by_label("Amber").check()
    page.get_by_label("Reason for setting the rating by hand").fill("Concern is historical and resolved")
    for kind in ("docx", "odt"):  # on the screen; on paper, links to the blank record do nothing
        assert page.get_by_role("link", name=f"Download template (.{kind})").is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    flat = " ".join(text.split())
    assert "Overall rating (the highest score): risk 2, Major (4) x Likely (4) = 16: extreme risk (Red)" in flat
    assert "Risk rating set by hand: Amber, in place of Red. Reason: Concern is historical and resolved" in flat
    for number in (1, 2, 3):
        assert f"Risk number {number}" in flat
    for screen_only in (
        "added. Enter the next risk",
        "Risk score 3 x 4 = 12",
        "being entered",
        "Remove risk",
        "Action",
        "The blank record, to fill in by hand",
        "Download template (.docx)",
        "Download template (.odt)",
    ):
        assert screen_only not in flat, screen_only
