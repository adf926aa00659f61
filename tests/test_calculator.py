"""The triage risk calculator, used as a reader would: labels, roles and visible text."""

from __future__ import annotations

import io
import re

import docx
import pytest

from tests.conftest import Visit
from tests.test_quality import MATERIAL_KEYS

PAGE = "/tools/triage-calculator/"
READY = "The calculator is ready."


def open_calculator(visit: Visit, base_url: str) -> object:
    page = visit.page
    page.goto(base_url + PAGE)
    page.get_by_text(READY).wait_for(timeout=60_000)
    return page


def score_one(page: object, domain: str, consequence: str, likelihood: str) -> None:
    page.get_by_label(domain, exact=True).check()
    page.get_by_label(consequence).check()
    page.get_by_label(likelihood).check()


def result(page: object) -> str:
    return page.locator("#calc-result").inner_text()


@pytest.mark.parametrize(
    "domain",
    [
        "Patient/public safety (physical/psychological harm)",
        "Statutory duties/inspections",
        "Financial",
        "Management",
        "Professionalism/conduct/reputation",
    ],
)
def test_likely_and_moderate_score_12_high_amber_in_any_domain(visit: Visit, base_url: str, domain: str) -> None:
    page = open_calculator(visit, base_url)
    score_one(page, domain, "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()
    assert "★ This risk" in page.locator("#risk-matrix td.calc-chosen").inner_text()
    assert page.locator("#risk-matrix td.calc-chosen").inner_text().endswith("high risk")


def test_the_level_options_show_the_chosen_domains_descriptors(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label("Financial", exact=True).check()
    assert "Small loss or minor risk of claim." in page.locator("#consequence-group").inner_text()


def test_a_probability_chooses_the_likelihood(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label("Or give a probability (%)").fill("25")
    page.wait_for_function("document.querySelector('#likelihood-4').checked")
    assert page.get_by_label("4 – Likely").is_checked()


def test_a_probability_over_100_says_so_and_keeps_what_was_typed(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label("The adverse consequence that might arise from the risk").fill("Repeated prescribing errors")
    field = page.get_by_label("Or give a probability (%)")
    field.fill("150")
    page.get_by_text("The probability must be from 0 to 100 percent").wait_for()
    assert field.input_value() == "150"
    assert field.get_attribute("aria-invalid") is not None
    assert page.get_by_label("The adverse consequence that might arise from the risk").input_value() == "Repeated prescribing errors"


def test_two_risks_give_the_overall_rating_of_the_higher(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label("The adverse consequence that might arise from the risk").fill("First risk")
    score_one(page, "Financial", "2 – Minor", "2 – Unlikely")
    page.get_by_text("Risk score 2 x 2 = 4: moderate risk (Green)").wait_for()
    page.get_by_role("button", name="Add another risk").click()
    page.get_by_text("Risk 1 added").wait_for()
    page.get_by_label("The adverse consequence that might arise from the risk").fill("Second risk")
    score_one(page, "Management", "5 – Catastrophic", "4 – Likely")
    page.get_by_text("Risk score 4 x 5 = 20: extreme risk (Red)").wait_for()
    overall = page.locator(".calc-overall").inner_text()
    assert "risk 2" in overall and "= 20: extreme risk (Red)" in overall
    page.get_by_role("button", name="Remove risk 1").click()
    page.wait_for_function("!document.querySelector('#risk-summary').innerText.includes('First risk')")
    assert "Second risk" in page.locator("#risk-summary").inner_text()


def test_the_calculator_can_be_completed_with_the_keyboard_alone(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label("The adverse consequence that might arise from the risk").focus()
    page.keyboard.type("Keyboard risk")
    legend = "document.activeElement.closest('fieldset')?.querySelector('legend').textContent"
    for group, choice in (("Consequence domain", 1), ("Consequence level", 2), ("Likelihood", 3)):
        for _ in range(5):  # past the headings' permalinks
            page.keyboard.press("Tab")
            if page.evaluate(legend) == group:
                break
        assert page.evaluate(legend) == group
        for _ in range(choice):
            page.keyboard.press("ArrowDown")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()
    assert page.get_by_label("Statutory duties/inspections").is_checked()


def test_typed_markup_is_shown_as_text_and_stored_escaped(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    markup = "<script>alert(1)</script>"
    page.get_by_label("The adverse consequence that might arise from the risk").fill(markup)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    assert markup in page.locator("#risk-summary").inner_text()
    page.get_by_label("Practitioner name").fill(markup)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    content = download.value.path().read_bytes()
    assert b"<script>" not in content.replace(b"<script", b"")  # sanity: raw tags are never in the XML
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert markup in text
    assert alerts == []


def test_the_downloaded_record_holds_the_entries_and_the_score(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    score_one(page, "Professionalism/conduct/reputation", "4 – Major", "3 – Possible")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()
    page.get_by_label("Practitioner name").fill("Dr A Example")
    page.get_by_label("Registration number").fill("GMC 1234567")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    text += "\n".join(p.text for p in document.paragraphs)
    assert "Dr A Example" in text and "GMC 1234567" in text
    assert re.search(r"\b12\b", text)


def test_no_other_host_and_nothing_stored_after_a_full_use(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label("The adverse consequence that might arise from the risk").fill("Private detail")
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    page.get_by_label("Practitioner name").fill("Private name")
    with page.expect_download():
        page.get_by_role("button", name="Download triage record (.docx)").click()
    stored = page.evaluate(
        """async () => ({
            local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie,
            databases: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
        })"""
    )
    stored["local"] = [key for key in stored["local"] if not MATERIAL_KEYS.match(key)]
    assert stored == {"local": [], "session": [], "cookie": "", "databases": []}
    assert visit.other_hosts(base_url) == []


def test_a_blocked_wasm_file_is_explained_in_words(visit: Visit, base_url: str) -> None:
    visit.page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    visit.page.goto(base_url + PAGE)
    visit.page.get_by_text("The calculator could not start in this browser").wait_for(timeout=60_000)
    assert visit.page.locator("#risk-matrix").is_visible()


def test_instant_navigation_into_the_page_works(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(base_url + "/appendices/risk-scoring-guide/")
    page.evaluate("window.__same_document = true")
    page.locator("article").get_by_role("link", name="triage risk calculator").first.click()
    page.get_by_text(READY).wait_for(timeout=60_000)
    assert page.evaluate("window.__same_document === true"), "the page was fully reloaded"
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()


def test_leaving_with_entries_asks_first_and_staying_keeps_them(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label("The adverse consequence that might arise from the risk").fill("Unsaved risk")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Privacy notice").click()
    assert asked and "Leave this page?" in asked[0]
    assert page.url.endswith(PAGE)
    assert page.get_by_label("The adverse consequence that might arise from the risk").input_value() == "Unsaved risk"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Privacy notice").click()
    page.get_by_role("heading", name="Privacy notice", level=1).wait_for()


def test_the_print_view_holds_the_risks_and_the_record_not_the_form(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    page.get_by_label("Practitioner name").fill("Dr Print")
    page.emulate_media(media="print")
    assert page.locator("#risk-summary").is_visible()
    assert page.get_by_label("Practitioner name").is_visible()
    for hidden in ("#risk-entry", ".md-header", ".md-sidebar--primary", "#download-record"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.pdf().startswith(b"%PDF")
