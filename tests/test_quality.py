"""Site-wide gates over every built page: accessibility, privacy, links, search, print, weight."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, expect

from lotus_tools.publish import pyodide_runtime
from tests.conftest import MOUNTED, ROOT, Visit

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
TOOL_PAGES = ("tools/triage-calculator/", "tools/workbook/")
WHOLE_TOOLKIT = "whole-toolkit/"
"""The whole toolkit on one printable page: out of the sitemap and the search index (it repeats every page)."""
MAX_PAGE_BYTES = 470_000
"""Uncompressed, as the test server sends them; hosts send the .gz copies (make bench: about 92 KB for the home page)."""
# Material's own preferences, the only keys it may write (see the privacy notice).
MATERIAL_KEYS = re.compile(r"^(/|[^.]*\.)?__(palette|search|tabs|consent)$")


def site_pages(site: Path) -> list[str]:
    """Every page path the build lists in its sitemap, e.g. ``learn/four-elements/``."""
    tree = ET.parse(site / "sitemap.xml")
    locations = [loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    return [urlsplit(loc).path.lstrip("/") for loc in locations]


def _axe(page: object) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)",
        WCAG_TAGS,
    )
    return violations


def test_the_sitemap_lists_every_page(site: Path) -> None:
    built = {str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html") if "assets" not in p.parts}
    built = {"" if p == "./" else p for p in built}
    assert built - {"404/", WHOLE_TOOLKIT} == set(site_pages(site))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_on_any_page(site: Path, base_url: str, visit: Visit, scheme: str) -> None:
    visit.page.emulate_media(color_scheme=scheme)
    found = {}
    for path in [*site_pages(site), WHOLE_TOOLKIT]:
        visit.page.goto(f"{base_url}/{path}", wait_until="load")
        violations = _axe(visit.page)
        if violations:
            found[path] = violations
    assert found == {}


def test_no_accessibility_violation_in_the_calculator_with_results(base_url: str, visit: Visit) -> None:
    page = visit.page
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{base_url}/tools/triage-calculator/")
        page.get_by_text("The calculator is ready.").wait_for(timeout=60_000)
        page.get_by_label("Financial", exact=True).check()
        page.get_by_label("3 – Moderate").check()
        page.get_by_label("Or give a probability (%)").fill("150")
        page.get_by_text("The probability must be from 0 to 100 percent").wait_for()
        page.get_by_label("4 – Likely").check()
        page.get_by_text("Risk score 3 x 4 = 12").wait_for()
        page.get_by_role("button", name="Add another risk").click()
        page.get_by_text(re.compile(r"Risk \d added")).wait_for()  # the second pass finds the first's draft kept
        assert _axe(page) == [], scheme


@pytest.mark.parametrize(
    "path",
    [
        "tools/triage-calculator/",
        "appendices/triage-template/",
        "appendices/lessons-learnt-template/",
        "appendices/outcome-letter-template/",
        "tools/workbook/",
    ],
)
def test_every_tool_control_is_reachable_by_tab_with_a_visible_focus(base_url: str, visit: Visit, path: str) -> None:
    page = visit.page
    page.goto(f"{base_url}/{path}")
    page.get_by_role("heading", level=1).wait_for()
    page.wait_for_function(MOUNTED)
    controls = page.evaluate(
        """() => [...document.querySelectorAll('article :is(input, textarea, button)')]
            .filter(e => e.checkVisibility() && !e.disabled)
            .filter(e => e.type !== 'radio' || e === document.querySelector(`input[name="${e.name}"]`))
            .map((e, i) => e.id || (e.id = `control-${i}`))"""
    )
    assert controls
    reached: set[str] = set()
    page.get_by_role("heading", level=1).click()
    for _ in range(600):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                return {id: e.id, visible: s.outlineStyle !== 'none' && s.outlineWidth !== '0px' || s.boxShadow !== 'none'}; }"""
        )
        if state["id"] in controls:
            assert state["visible"], f"no visible focus on #{state['id']}"
            reached.add(state["id"])
        if reached == set(controls):
            break
    assert sorted(set(controls) - reached) == []


def test_no_page_contacts_another_host_or_stores_anything_but_preferences(
    site: Path, base_url: str, visit: Visit
) -> None:
    stored: dict[str, list[str]] = {}
    for path in [*site_pages(site), WHOLE_TOOLKIT]:
        visit.page.goto(f"{base_url}/{path}", wait_until="networkidle")
        keys = visit.page.evaluate(
            "() => [...Object.keys(localStorage), ...Object.keys(sessionStorage), ...(document.cookie ? ['cookie'] : [])]"
        )
        unexpected = [key for key in keys if not MATERIAL_KEYS.match(key)]
        if unexpected:
            stored[path] = unexpected
    assert visit.other_hosts(base_url) == []
    # Leaving the calculator page while Python still loads cancels its downloads: not a failure.
    assert [failure for failure in visit.failures if "ERR_ABORTED" not in failure] == []
    assert stored == {}


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    ids: dict[Path, set[str]] = {}

    def anchors(file: Path) -> set[str]:
        if file not in ids:
            ids[file] = set(re.findall(r'\bid="([^"]+)"', file.read_text(encoding="utf-8")))
        return ids[file]

    broken = []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        url = "/" + str(page.relative_to(site)).replace("index.html", "")
        for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', text):
            href = html.unescape(href)
            if href in ("", "#"):
                broken.append(f"{url}: empty link")
                continue
            target = urlsplit(urljoin(url, href))
            if target.scheme and target.scheme not in ("http", "https") or target.netloc:
                continue
            file = site / unquote(target.path).lstrip("/")
            if file.is_dir() or target.path.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{url}: {href}")
            elif target.fragment and file.suffix == ".html" and target.fragment not in anchors(file):
                broken.append(f"{url}: {href} (no such anchor)")
    assert broken == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("triage", ["3.3 How do you incorporate", "Triage risk calculator"]),
        ("burnout", ["5.2 How to avoid Compassion Fatigue"]),
        ("radical candour", ["5.3 What is Radical Candour"]),
        ("London Protocol", ["Appendix 4"]),
        ("amber", ["Triage risk calculator", "Appendix 3"]),
        ("letter", ["Appendix 5"]),
    ],
)
def test_search_finds_the_right_pages(base_url: str, visit: Visit, query: str, expected: list[str]) -> None:
    page = visit.page
    page.goto(f"{base_url}/")
    page.get_by_role("heading", level=1).wait_for()
    page.locator(".md-search__input").click()  # as a reader goes to the search box
    expect(page.locator(".md-search-result__meta")).to_have_text(
        "Type to start searching", timeout=30_000
    )  # index ready
    page.keyboard.type(query)
    results = page.locator(".md-search-result")
    for title in expected:
        expect(results, f"searching {query!r} did not list {title!r}").to_contain_text(title, timeout=30_000)


def test_every_page_is_in_the_search_index(site: Path) -> None:
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert sorted(set(site_pages(site)) - indexed) == []


def test_printing_a_section_keeps_its_whole_text_without_the_site_chrome(
    base_url: str, visit: Visit, site: Path
) -> None:
    page = visit.page
    page.goto(f"{base_url}/transform/supporting-mental-health/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    article = page.locator("article").inner_text()
    assert "Table 3.2" in article and "Exercise 3.2" in article
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_every_reading_page_is_light_and_never_loads_pyodide(site: Path, base_url: str, browser: Browser) -> None:
    heavy = {}
    for path in site_pages(site):
        if path in TOOL_PAGES:
            continue
        context = browser.new_context()
        page = context.new_page()
        sizes: list[tuple[str, int]] = []
        page.on(
            "requestfinished",
            lambda request, found=sizes: found.append((request.url, request.sizes()["responseBodySize"])),
        )
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
        context.close()
        total = sum(size for _, size in sizes)
        pyodide = [url for url, _ in sizes if f"/{pyodide_runtime.SITE_PATH}/" in url or "lotus_tools.zip" in url]
        if total > MAX_PAGE_BYTES or pyodide:
            heavy[path] = (total, pyodide)
    assert heavy == {}
