"""Reading and scoring on a phone (390 and 320 px wide): nothing wider than the screen, what matters in view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Visit

WIDTHS = (390, 320)
MATRIX_PAGES = ("appendices/risk-scoring-guide/", "tools/triage-calculator/")
BROKEN_WORDS = """(cells) => cells.flatMap((cell) => {
  const broken = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      if (new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size > 1) broken.push(word[0]);
    }
  }
  return broken;
})"""
"""The words of ``cells`` that the layout breaks across lines (a word whose boxes are on more than one line)."""


def pages(site: Path) -> list[str]:
    return re.findall(r"<loc>[^<]*?//[^/]+/([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_phone(site: Path, base_url: str, visit: Visit, width: int) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": 800})
    wide = {}
    for path in pages(site):
        page.goto(f"{base_url}/{path}")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    assert wide == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_score_the_marked_cell_and_every_summary_button_are_in_view(
    base_url: str, visit: Visit, width: int
) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base_url}/tools/triage-calculator/")
    page.get_by_text("The calculator is ready.").wait_for(timeout=60_000)
    page.get_by_label("Professionalism/conduct/reputation").check()
    page.get_by_label("5 – Catastrophic").check()
    page.get_by_label("5 – Almost certain").check()
    page.get_by_role("button", name="Add another risk").click()
    page.get_by_text("Risk 1 added").wait_for()
    for selector in ("#risk-matrix td.calc-chosen", "#risk-summary button", "#risk-summary td"):
        for box in page.locator(selector).evaluate_all("els => els.map(e => e.getBoundingClientRect().right)"):
            assert box <= width, selector


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", MATRIX_PAGES)
def test_the_matrix_breaks_no_heading_or_band_inside_a_word_and_fits_the_phone(
    base_url: str, visit: Visit, width: int, path: str
) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base_url}/{path}")
    assert page.locator("#risk-matrix :is(th, td)").evaluate_all(BROKEN_WORDS) == []
    table, figure = (
        page.locator(f"#risk-matrix{inner}").evaluate("e => e.getBoundingClientRect().right")
        for inner in (" table", "")
    )
    assert table <= figure + 1


@pytest.mark.parametrize("width", WIDTHS)
def test_appendix_3_table_3_descriptions_need_no_sideways_scrolling(base_url: str, visit: Visit, width: int) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base_url}/appendices/risk-scoring-guide/")
    rights = page.locator("#table-3 td").evaluate_all("els => els.map(e => e.getBoundingClientRect().right)")
    assert rights and max(rights) <= width


@pytest.mark.parametrize(("width", "height"), [(390, 844), (320, 640)])
def test_the_home_pages_first_screen_says_what_the_toolkit_is_and_shows_three_ways_in(
    base_url: str, visit: Visit, width: int, height: int
) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{base_url}/")
    ways = page.get_by_role("navigation", name="Ways in")
    for name, path in (
        ("Read the five steps", "/learn/"),
        ("Score a concern", "/tools/triage-calculator/"),
        ("Fill in a template", "/appendices/"),
    ):
        link = ways.get_by_role("link", name=name)
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height and box["height"] >= 44, name
        assert link.evaluate("a => new URL(a.href).pathname") == path
    assert page.get_by_text(
        "For leaders and organisations involved in managing professional standards concerns"
    ).is_visible()
    ways.get_by_role("link", name="Score a concern").click()
    page.get_by_role("heading", level=1).filter(has_text="calculator").wait_for()
