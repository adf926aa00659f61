"""The page side's one pattern, as readers meet it: components mounted by data-lotus-module from the hooks their
renderers declared, storage that never pretends, the embed view's hold, and every page without JavaScript."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from lotus_tools.core import scales
from lotus_tools.core.risk import NPSA_2008
from lotus_tools.core.templates import TEMPLATES
from lotus_tools.publish import (
    calculator_page,
    catalogue,
    page_contract,
    pyodide_runtime,
    scoring_tables,
    template_pages,
    workbook_page,
)
from tests.conftest import MOUNTED, ROOT, Visit, recorded_visit, score_one, slow_start

SCRIPTS = ROOT / "docs" / "javascripts"
CALCULATOR = "/tools/triage-calculator/"
EXERCISE_PAGE = "/learn/four-elements/"
"""Its first exercise (1.3.i) asks four questions."""
READY = "The calculator is ready."
DESCRIBE = "The adverse consequence that might arise from the risk"
BLOCK_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, { get() { throw new DOMException("The site's storage is blocked.", "SecurityError"); } });
}
"""
FULL_STORAGE = """
Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
"""


def built(site: Path, path: str) -> str:
    return (site / path.strip("/") / "index.html").read_text(encoding="utf-8")


# --- Render: what each renderer declares, and what the page holds --------------------------------------------


def test_the_calculator_page_holds_each_element_its_contract_declares_once(site: Path) -> None:
    body = built(site, CALCULATOR)
    for ident in calculator_page.required_ids():
        assert len(re.findall(rf'\bid="{re.escape(ident)}"', body)) == 1, ident
    data = page_contract.contract([page_contract.CALCULATOR, "appendix-2"], CALCULATOR.strip("/") + "/", NPSA_2008)
    assert data is not None and data["calculator"]["elements"] == dict(calculator_page.ELEMENTS)


@pytest.mark.parametrize(
    "ident", ["calc-result", "risk-probability-error", "consequence-3-descriptor", "factor-insight"]
)
def test_a_renamed_element_stops_the_build_by_name(site: Path, ident: str) -> None:
    body = built(site, CALCULATOR).replace(f'id="{ident}"', f'id="{ident}-renamed"')
    data = page_contract.contract([page_contract.CALCULATOR, "appendix-2"], "tools/triage-calculator/", NPSA_2008)
    assert data is not None
    with pytest.raises(
        page_contract.ContractError, match=f"calculator: element #{ident} is missing from the calculator on the page"
    ):
        page_contract.check(body, data, "tools/triage-calculator/")


def test_an_element_left_outside_the_calculator_stops_the_build_by_name() -> None:
    """A renderer whose markup ends the calculator's root too early leaves the rest of its widget outside it."""
    blocks = (calculator_page.start, calculator_page.risk_form, calculator_page.result, calculator_page.guidance)
    more = (calculator_page.risks, calculator_page.override_form)
    inside = "".join(render() for render in (*blocks, *more)) + scoring_tables.risk_matrix(NPSA_2008)
    data = page_contract.contract([page_contract.CALCULATOR, "appendix-2"], "tools/triage-calculator/", NPSA_2008)
    assert data is not None
    whole = f'<div data-lotus-module="calculator">{inside}{calculator_page.actions()}</div>'
    page_contract.check(whole, data, "tools/triage-calculator/")
    early = f'<div data-lotus-module="calculator">{inside}</div>{calculator_page.actions()}'
    with pytest.raises(page_contract.ContractError, match="calculator: element #calc-actions is missing from"):
        page_contract.check(early, data, "tools/triage-calculator/")


@pytest.mark.parametrize(
    ("script", "declared"),
    [
        ("components/calculator.js", calculator_page.ELEMENTS),
        ("components/workbook.js", workbook_page.ELEMENTS),
        ("components/catalogue.js", catalogue.ELEMENTS),
    ],
)
def test_each_script_uses_only_the_elements_its_renderer_declared(script: str, declared: object) -> None:
    text = (SCRIPTS / script).read_text(encoding="utf-8")
    used = set(re.findall(r"\bel\.(\w+)", text)) | {f"{key}Error" for key in re.findall(r'showError\("(\w+)"', text)}
    assert used and used <= set(declared), used - set(declared)  # type: ignore[call-overload]
    assert "getElementById" not in text and 'querySelector("#' not in text


def test_every_module_a_page_names_is_a_component_and_reading_pages_name_none(site: Path) -> None:
    named: dict[str, set[str]] = {}
    for page in site.rglob("index.html"):
        path = page.parent.relative_to(site).as_posix()
        for value in re.findall(r'data-lotus-module="([^"]*)"', page.read_text(encoding="utf-8")):
            named.setdefault(path, set()).update(value.split())
    every = set().union(*named.values())
    assert every == {path.stem for path in (SCRIPTS / "components").glob("*.js")} - {"embed"}
    assert "introduction/foreword" not in named and "references" not in named
    assert named["tools/triage-calculator"] == {"calculator"}
    assert named["appendices/outcome-letter-template"] == {template_pages.MODULE}


def test_the_template_forms_ship_hidden_with_a_sentence_for_a_browser_without_javascript() -> None:
    for template in TEMPLATES.values():
        form = template_pages.form(template)
        assert re.search(r"<form [^>]*\bhidden>", form), template.key
        assert (
            f'<noscript><p class="lotus-js-needed lotus-site-words">{template_pages.NEEDS_JAVASCRIPT}</p></noscript>'
            in form
        )
    assert "<noscript>" not in template_pages.form(TEMPLATES["appendix-2"], on_its_page=False)
    for render in (calculator_page.risk_form, calculator_page.result, calculator_page.risks, calculator_page.actions):
        assert re.match(r"\s*<div id=\"[a-z-]+\"[^>]*\bhidden\b", render()), render.__name__


# --- Loading: only what a page holds ------------------------------------------------------------------------


def components_loaded(visit: Visit) -> set[str]:
    return {url.rsplit("/", 1)[1].split("?")[0] for url in visit.requests if "/javascripts/components/" in url}


def test_a_page_loads_only_the_components_it_holds(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(base_url + "/introduction/foreword/", wait_until="networkidle")
    assert components_loaded(visit) == set()
    assert not any("python-worker" in url or f"/{pyodide_runtime.SITE_PATH}/" in url for url in visit.requests)
    page.goto(base_url + EXERCISE_PAGE, wait_until="networkidle")
    assert components_loaded(visit) == {"exercise.js"}
    page.goto(base_url + CALCULATOR)
    page.get_by_text(READY).wait_for()
    assert components_loaded(visit) == {"exercise.js", "calculator.js"}
    assert visit.errors == []


def test_a_broken_component_is_said_in_words_and_the_others_still_work(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.route("**/javascripts/components/exercise.js", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(base_url + "/about/link-catalogue/")
    page.get_by_label("Filter the catalogue").fill("triage")
    page.get_by_text(re.compile(r"^\d+ links shown\.$")).wait_for()
    page.goto(base_url + EXERCISE_PAGE)
    page.get_by_text("This part of the page could not start in your browser").first.wait_for()
    assert page.get_by_role("button", name="Answer this exercise").count() == 0


# --- Without JavaScript -------------------------------------------------------------------------------------


@pytest.fixture
def no_script(browser: Browser) -> Iterator[Page]:
    with recorded_visit(browser, java_script_enabled=False) as recorded:
        yield recorded.page


def said_without_javascript(page: Page) -> list[str]:
    """The page's visible <noscript> sentences (Playwright's text search does not look inside <noscript>)."""
    sentences = page.locator("noscript > p")
    return [sentences.nth(i).inner_text() for i in range(sentences.count()) if sentences.nth(i).is_visible()]


def visible_controls(page: Page, scope: str) -> list[str]:
    return page.locator(f"{scope} :is(button, input, textarea, select, progress):visible").evaluate_all(
        "els => els.map(e => e.outerHTML.slice(0, 80))"
    )


def test_without_javascript_the_calculator_shows_the_guide_the_matrix_and_the_blank_record(
    no_script: Page, base_url: str
) -> None:
    page = no_script
    page.goto(base_url + CALCULATOR)
    [sentence] = said_without_javascript(page)
    assert sentence.startswith("The calculator needs JavaScript, which is off in this browser.")
    assert not page.get_by_text("Starting the calculator").is_visible()
    assert not page.get_by_text("script has not started").is_visible()
    assert visible_controls(page, ".lotus-calculator") == []
    assert page.locator("#risk-matrix").is_visible()
    assert page.get_by_role("link", name="Download template (.docx)").is_visible()
    guide = "Appendix 3: Guide to likelihood/severity score for triage assessment"
    assert page.locator("article").get_by_role("link", name=guide).is_visible()


@pytest.mark.parametrize("template", list(TEMPLATES.values()), ids=lambda template: template.key)
def test_without_javascript_each_template_page_says_so_once_and_offers_the_blank(
    no_script: Page, base_url: str, template: object
) -> None:
    page = no_script
    page.goto(f"{base_url}/appendices/{template.slug}/")  # type: ignore[attr-defined]
    assert said_without_javascript(page) == [template_pages.NEEDS_JAVASCRIPT]
    assert visible_controls(page, "article") == []
    assert page.get_by_role("link", name="Download template (.docx)").is_visible()
    assert page.get_by_role("link", name="Download template (.odt)").is_visible()


def test_without_javascript_the_reading_pages_tables_and_catalogue_read_as_they_are(
    no_script: Page, base_url: str
) -> None:
    page = no_script
    page.goto(base_url + "/appendices/risk-scoring-guide/")
    assert page.locator("#risk-matrix").is_visible()
    assert page.get_by_role("table").count() >= 4
    page.goto(base_url + "/about/link-catalogue/")
    assert page.locator("#lotus-catalogue").get_by_role("link").count() > 100
    assert visible_controls(page, "article") == []
    page.goto(base_url + "/tools/workbook/")
    [sentence] = said_without_javascript(page)
    assert sentence.startswith("Answering the exercises on the page needs JavaScript")
    assert page.get_by_role("link", name=re.compile(r"Download the blank workbook|\.docx")).first.is_visible()


# --- Storage that never pretends ----------------------------------------------------------------------------


def open_exercise(page: Page, base_url: str) -> str:
    page.goto(base_url + EXERCISE_PAGE)
    block = page.locator(".admonition.exercise[data-workbook]").first
    block.get_by_role("button", name="Answer this exercise").click()
    return block.get_attribute("id") or ""


@pytest.mark.parametrize(
    ("script", "why"), [(BLOCK_STORAGE, "its settings block site storage"), (FULL_STORAGE, "is full")]
)
def test_a_browser_that_keeps_nothing_says_so_beside_the_answers_and_loses_nothing_on_the_way(
    visit: Visit, base_url: str, script: str, why: str
) -> None:
    page = visit.page
    page.add_init_script(script)
    ident = open_exercise(page, base_url)
    page.locator(f"#{ident} textarea").first.fill("Kept on the page only")
    warning = page.locator(f"#{ident} .lotus-storage-warning")
    warning.wait_for()
    assert why in warning.inner_text() and "download your workbook" in warning.inner_text()
    assert page.get_by_text("Your answer is kept in this browser.").count() == 0
    page.locator(f"#{ident}").get_by_role("link", name="My workbook: all your answers").click()
    page.get_by_text("1 of 23 exercises answered.").wait_for()
    assert "is not keeping what you type" in page.locator(".lotus-workbook-tools .lotus-storage-warning").inner_text()
    page.goto(base_url + CALCULATOR)
    page.get_by_label(DESCRIBE).fill("Typed where nothing is kept")
    calculator_warning = page.locator(".lotus-calculator > .lotus-storage-warning")
    calculator_warning.wait_for()
    assert "download the triage record" in calculator_warning.inner_text()
    # The theme's own inline script reads localStorage outside a try, so a browser that blocks storage shows its
    # error; the site's scripts add none.
    assert [error for error in visit.errors if "storage is blocked" not in error] == []


def stored_answers(page: Page, area: str) -> dict[str, str]:
    return json.loads(page.evaluate(f"{area}.getItem('lotus-workbook') || '{{\"answers\": {{}}}}'"))["answers"]


def test_two_tabs_agree_where_answers_are_kept_and_undo_keeps_what_the_other_typed(visit: Visit, base_url: str) -> None:
    first = visit.page
    ident = open_exercise(first, base_url)
    first.locator(f"#{ident}").get_by_label("Keep my answers on this device").check()
    first.locator(f"#{ident} textarea").first.fill("Typed in the first tab")
    second = first.context.new_page()
    second.goto(base_url + EXERCISE_PAGE)  # its answers are there, so the boxes open by themselves
    assert second.locator(f"#{ident} textarea").first.input_value() == "Typed in the first tab"
    assert second.locator(f"#{ident}").get_by_label("Keep my answers on this device").is_checked()
    first.locator(f"#{ident} textarea").nth(1).fill("Heard by the second tab")
    second.wait_for_function(f"document.querySelectorAll('#{ident} textarea')[1].value === 'Heard by the second tab'")
    # Forget in the first tab; the second types a new answer; Undo in the first keeps both.
    first.locator(f"#{ident}").get_by_role("button", name="Forget my answers").click()
    second.wait_for_function(f"document.querySelector('#{ident} textarea').value === ''")
    second.locator(f"#{ident}").get_by_label("Keep my answers on this device").check()
    second.locator(f"#{ident} textarea").nth(2).fill("Typed in between")
    first.get_by_role("button", name="Undo").click()
    kept = stored_answers(first, "localStorage")
    assert set(kept.values()) == {"Typed in the first tab", "Heard by the second tab", "Typed in between"}
    # Unticking in one tab: the other hears it, unticks, and keeps its answers in its own tab.
    second.locator(f"#{ident}").get_by_label("Keep my answers on this device").uncheck()
    first.wait_for_function(f"!document.getElementById('{ident}-device').checked")
    first.locator(f"#{ident}").get_by_text("Another tab stopped keeping your answers on this device").wait_for()
    assert stored_answers(first, "localStorage") == {}
    assert set(stored_answers(first, "sessionStorage").values()) == set(kept.values())
    first.locator(f"#{ident} textarea").first.fill("Still kept in the first tab")
    assert "Still kept in the first tab" in stored_answers(first, "sessionStorage").values()
    assert visit.errors == []


# --- The embed view holds -----------------------------------------------------------------------------------


@pytest.mark.parametrize("hash_", ["#%E0%A4%A", "#%", "#exercise-1-3-i%zz", "#" + "x" * 3000])
def test_the_embed_view_survives_any_hash(visit: Visit, base_url: str, hash_: str) -> None:
    page = visit.page
    page.goto(f"{base_url}{EXERCISE_PAGE}?embed{hash_}")
    page.get_by_role("link", name="Open in the full toolkit").wait_for()
    outside = page.locator(".md-content__inner a[href]:not([href^='#'])")
    assert outside.count() > 3
    assert set(outside.evaluate_all("links => links.map(link => link.target)")) == {"_blank"}
    assert visit.errors == []


def test_the_embed_view_sends_links_a_component_adds_later_out_of_the_frame(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(f"{base_url}{EXERCISE_PAGE}?embed")
    page.get_by_role("button", name="Answer this exercise").first.click()
    later = page.get_by_role("link", name="My workbook: all your answers").first
    later.wait_for()
    page.wait_for_function("[...document.querySelectorAll('.lotus-answers a')].every(a => a.target === '_blank')")
    assert later.get_attribute("rel") == "noopener"


# --- A slow start is progress, never a network failure -----------------------------------------------------


def test_a_slow_start_after_every_file_arrived_is_shown_as_progress_not_blamed_on_the_network(
    browser: Browser, base_url: str
) -> None:
    with recorded_visit(browser, [slow_start(download_ms=500, start_ms=17_000)]) as visit:
        page = visit.page
        page.goto(base_url + CALCULATOR)
        score_one(page, "Financial", "3 – Moderate", "4 – Likely")
        page.get_by_text("this device is taking a while").wait_for(timeout=15_000)
        status = page.locator("#calc-status")
        assert "network" not in status.inner_text() and "stopped" not in status.inner_text()
        page.get_by_text(READY).wait_for(timeout=30_000)
        page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()
        assert visit.errors == []


def test_the_contract_is_one_element_written_from_what_the_blocks_declared(site: Path) -> None:
    body = built(site, "/appendices/lessons-learnt-template/")
    found = re.findall(r'data-contract="([^"]*)"', body)
    assert len(found) == 1
    assert set(json.loads(html.unescape(found[0]))["templates"]) == {"appendix-4"}


# --- Names a screen reader reads ----------------------------------------------------------------------------


def test_headings_radios_and_fields_have_names_that_read_well(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(base_url + CALCULATOR)
    page.wait_for_function(MOUNTED)
    tree = page.locator("article").aria_snapshot()
    assert '- heading "1. Define the risk" [level=2]' in tree
    assert "Link to this section: 1. Define the risk" in tree  # the permalink keeps its own name
    assert not re.search(r'heading "[^"]*Link to this section', tree)
    assert '- radio "3 – Moderate"' in tree
    page.get_by_label("Financial", exact=True).check()
    moderate = page.get_by_role("radio", name="3 – Moderate", exact=True)
    described = moderate.get_attribute("aria-describedby") or ""
    assert page.locator(f"#{described}").inner_text() == dict(scales.consequence(3).descriptors)["financial"]
    page.goto(base_url + "/appendices/lessons-learnt-template/")
    page.wait_for_function(MOUNTED)
    form = page.locator("form.lotus-form").aria_snapshot()
    names = re.findall(r'- textbox "([^"]*)"', form)
    assert len(names) > 10 and len(names) == len(set(names)), [name for name in names if names.count(name) > 1]
    assert "↓" not in form
