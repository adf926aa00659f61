"""The triage risk calculator, used as readers use it: by label, moving about, and when things fail."""

from __future__ import annotations

import io
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import docx
import pytest
from playwright.sync_api import Browser, Worker, expect

from tests import fault_server
from tests.conftest import CHROMIUM_ARGS, MOUNTED, REAL_PYTHON, WORKER_PATH, Visit, score_one
from tests.test_quality import MATERIAL_KEYS

PAGE = "/tools/triage-calculator/"
READY = "The calculator is ready."
DESCRIBE = "The adverse consequence that might arise from the risk"
DRAFT = "lotus-draft:appendix-2"


def open_calculator(visit: Visit, base_url: str) -> object:
    page = visit.page
    page.goto(base_url + PAGE)
    page.get_by_text(READY).wait_for(timeout=60_000)
    return page


def result(page: object) -> str:
    return page.locator("#calc-result").inner_text()


def record_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def mark_document(page: object) -> None:
    page.evaluate("window.__same_document = true")


def same_document(page: object) -> bool:
    return page.evaluate("window.__same_document === true")


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
def test_moderate_and_likely_score_3_x_4_12_high_amber_in_any_domain(visit: Visit, base_url: str, domain: str) -> None:
    page = open_calculator(visit, base_url)
    score_one(page, domain, "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()
    assert "★ This risk" in page.locator("#risk-matrix td.calc-chosen").inner_text()
    assert page.locator("#risk-matrix td.calc-chosen").inner_text().endswith("high risk")
    assert page.locator("#calc-announce").inner_text() == "Score 12, high risk, Amber"
    assert visit.errors == []


def test_the_level_options_show_the_chosen_domains_descriptors(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label("Financial", exact=True).check()
    assert "Small loss or minor risk of claim." in page.locator("#consequence-group").inner_text()


def test_arriving_by_an_in_site_link_the_descriptors_and_score_work(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(base_url + "/transform/triage/")
    mark_document(page)
    page.locator("article").get_by_role("link", name="triage risk calculator").first.click()
    page.get_by_text(READY).wait_for(timeout=60_000)
    assert same_document(page), "the page was fully reloaded: instant navigation is off"
    page.get_by_label("Financial", exact=True).check()
    assert "Small loss or minor risk of claim." in page.locator("#consequence-group").inner_text()
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()
    assert visit.errors == []


def test_a_probability_chooses_the_likelihood(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label("Or give a probability (%)").fill("25")
    page.wait_for_function("document.querySelector('#risk-likelihood-4').checked")
    assert page.get_by_label("4 – Likely").is_checked()


@pytest.mark.parametrize("typed", ["150", "1,5", "0x10", "1" * 100_000])
def test_a_bad_probability_says_so_keeps_what_was_typed_and_leaves_no_stale_score(
    visit: Visit, base_url: str, typed: str
) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label(DESCRIBE).fill("Repeated prescribing errors")
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    field = page.get_by_label("Or give a probability (%)")
    field.fill(typed)
    error = page.locator("#risk-probability-error")
    error.wait_for()
    assert "The probability must be" in error.inner_text() and len(error.inner_text()) < 200
    assert field.input_value() == typed and field.get_attribute("aria-invalid") is not None
    assert not page.get_by_label("4 – Likely").is_checked()
    assert "Risk score" not in result(page) and "Not calculated" in result(page)
    assert page.locator("#risk-matrix td.calc-chosen").count() == 0
    assert page.get_by_label(DESCRIBE).input_value() == "Repeated prescribing errors"


def test_two_risks_give_the_overall_rating_of_the_higher_and_remove_is_exact(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    for number, (text, scored) in enumerate(
        [
            ("First risk", ("Financial", "2 – Minor", "2 – Unlikely")),
            ("Second risk", ("Management", "5 – Catastrophic", "4 – Likely")),
            ("Third risk", ("Financial", "1 – Negligible", "1 – Rare")),
        ],
        start=1,
    ):
        page.get_by_label(DESCRIBE).fill(text)
        score_one(page, *scored)
        page.get_by_text("(being entered)").wait_for()
        page.get_by_role("button", name="Add another risk").click()
        page.get_by_text(f"Risk {number} added").wait_for()
    overall = page.locator(".calc-overall").inner_text()
    assert "risk 2" in overall and "Catastrophic (5) x Likely (4) = 20: extreme risk (Red)" in overall
    page.get_by_role("button", name="Remove risk 1").dblclick()
    page.wait_for_function("!document.querySelector('#risk-summary').innerText.includes('First risk')")
    summary = page.locator("#risk-summary").inner_text()
    assert "Second risk" in summary and "Third risk" in summary
    page.get_by_role("button", name="Remove risk 1").click()
    page.wait_for_function("!document.querySelector('#risk-summary').innerText.includes('Second risk')")
    assert "Third risk" in page.locator("#risk-summary").inner_text()


def test_the_calculator_can_be_completed_with_the_keyboard_alone(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label(DESCRIBE).focus()
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
    page.get_by_label(DESCRIBE).fill(markup)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    assert markup in page.locator("#risk-summary").inner_text()
    page.get_by_label("Practitioner name").fill(markup)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    content = download.value.path().read_bytes()
    assert markup in record_text(content)
    assert alerts == []


def test_the_record_holds_every_risk_its_factor_notes_and_the_overall_rating(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label(DESCRIBE).fill("Unsafe prescribing")
    score_one(page, "Patient/public safety (physical/psychological harm)", "4 – Major", "3 – Possible")
    page.get_by_label("Level of insight").fill("Accepts the errors")
    page.get_by_label("Health", exact=True).fill("No concerns known")
    page.get_by_role("button", name="Add another risk").click()
    page.get_by_label(DESCRIBE).fill("Late claims")
    score_one(page, "Financial", "2 – Minor", "5 – Almost certain")
    page.get_by_label("Level of engagement").fill("Has not replied")
    page.get_by_text("Risk score 2 x 5 = 10").wait_for()
    summary = page.locator("#risk-summary").inner_text()
    assert "Accepts the errors" in summary and "Has not replied" in summary
    page.get_by_label("Practitioner name").fill("Dr A Example")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    text = record_text(download.value.path().read_bytes())
    for expected in (
        "Dr A Example",
        "Unsafe prescribing",
        "Patient/public safety (physical/psychological harm)",
        "4 – Major",
        "3 – Possible",
        "high risk (Amber)",
        "Accepts the errors",
        "No concerns known",
        "Late claims",
        "Financial",
        "2 – Minor",
        "5 – Almost certain",
        "Has not replied",
        "Risk 1: Major (4) x Possible (3) = 12: high risk (Amber)",
        "Overall rating (the highest score)",
        "Record made",
    ):
        assert expected in text, expected
    assert "4 x 3 = 12" in text  # Appendix 2's C x L = R, from the overall rating
    assert "Summary copied" not in text


def test_a_rating_set_by_hand_needs_a_reason_and_survives_later_changes(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    assert page.get_by_label("Amber", exact=True).is_checked() and page.get_by_label("Amber", exact=True).is_disabled()
    score_field = page.get_by_label("R (risk score)")
    assert score_field.input_value() == "12" and score_field.get_attribute("readonly") is not None
    page.get_by_label("Set the risk rating by hand").check()
    page.get_by_label("Red", exact=True).check()
    page.get_by_role("button", name="Download triage record (.docx)").click()
    page.get_by_text("Give your reason for setting the rating by hand").wait_for()
    page.get_by_label("Reason for setting the rating by hand").fill("Seen at PAG: risk to patients now")
    page.get_by_label("5 – Almost certain").check()
    page.get_by_text("Risk score 3 x 5 = 15").wait_for()
    assert page.get_by_label("Red", exact=True).is_checked()
    assert (
        page.get_by_label("C (consequence)").input_value(),
        page.get_by_label("L (likelihood)").input_value(),
        score_field.input_value(),
    ) == ("3", "5", "15")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    text = record_text(download.value.path().read_bytes())
    assert "Risk rating set by hand" in text and "Seen at PAG: risk to patients now" in text
    assert "✓ Red" in text and "3 x 5 = 15" in text


def test_in_page_links_only_scroll_and_keep_the_entries(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(
        base_url + "/transform/"
    )  # a real page first: a folder listing has no icon, so Chromium asks for /favicon.ico (404)
    page.goto(base_url + PAGE)
    page.get_by_text(READY).wait_for(timeout=60_000)
    mark_document(page)
    page.get_by_label(DESCRIBE).fill("Kept through links")
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_label("Practitioner name").fill("Dr Kept")
    page.locator(".md-sidebar--secondary").get_by_role("link", name="5. All risks for this concern").click()
    page.wait_for_function("location.hash === '#all-risks'")
    page.locator("h2#likelihood a.headerlink").click()
    page.wait_for_function("location.hash === '#likelihood'")
    page.locator("a.md-skip").focus()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    assert same_document(page), "the page was fetched again"
    assert page.get_by_label(DESCRIBE).input_value() == "Kept through links"
    assert page.get_by_label("Practitioner name").input_value() == "Dr Kept"
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    page.go_back()
    page.wait_for_function("location.hash === '#likelihood'")
    assert same_document(page) and page.get_by_label(DESCRIBE).input_value() == "Kept through links"
    assert visit.errors == []


def test_back_forward_and_reload_bring_the_entries_back_and_start_again_empties(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(base_url + "/transform/triage/")
    page.locator("article").get_by_role("link", name="triage risk calculator").first.click()
    page.get_by_text(READY).wait_for(timeout=60_000)
    page.get_by_label(DESCRIBE).fill("A risk to keep")
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_role("button", name="Add another risk").click()
    page.get_by_label("Or give a probability (%)").fill("30")
    page.get_by_label("Practitioner name").fill("Dr Back")
    page.go_back()
    page.get_by_role("heading", level=1, name=re.compile("3.3")).wait_for()
    page.go_forward()
    page.get_by_text("What you entered earlier in this tab has been kept").wait_for(timeout=10_000)
    assert page.get_by_label("Practitioner name").input_value() == "Dr Back"
    assert page.get_by_label("Or give a probability (%)").input_value() == "30"
    page.get_by_text("A risk to keep").wait_for()
    page.reload()
    page.get_by_text("What you entered earlier in this tab has been kept").wait_for(timeout=10_000)
    assert page.get_by_label("Practitioner name").input_value() == "Dr Back"
    page.get_by_text("A risk to keep").wait_for(timeout=30_000)
    page.get_by_role("button", name="Start again").click()
    assert page.get_by_label("Practitioner name").input_value() == ""
    assert "No risks yet" in page.locator("#risk-summary").inner_text()
    page.get_by_role("button", name="Undo").click()
    assert page.get_by_label("Practitioner name").input_value() == "Dr Back"
    assert visit.errors == []


def test_clear_all_offers_undo_and_a_saved_record_opens_again(visit: Visit, base_url: str, tmp_path: Path) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label(DESCRIBE).fill("Saved <b>&\"' risk — Łódź")
    score_one(page, "Management", "4 – Major", "4 – Likely")
    page.get_by_label("Level of support").fill("Isolated\nNo mentor")
    page.get_by_role("button", name="Add another risk").click()
    page.get_by_label("Practitioner name").fill("Dr Saved")
    page.get_by_label("Rationale").fill("Line one\nLine two")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    saved = tmp_path / "record.docx"
    download.value.save_as(saved)
    page.get_by_role("button", name="Clear all").click()
    page.get_by_text("Everything you entered has been cleared.").wait_for()
    assert page.get_by_label("Practitioner name").input_value() == ""
    not_a_record = tmp_path / "notes.txt"
    not_a_record.write_text("hello")
    page.get_by_label("Open a saved record (.docx)").set_input_files(not_a_record)
    page.get_by_text("is not a Word (.docx) record").wait_for()
    foreign = tmp_path / "other.docx"
    docx.Document().save(foreign)
    page.get_by_label("Open a saved record (.docx)").set_input_files(foreign)
    page.get_by_text("not a record made by this site").wait_for(timeout=30_000)
    assert page.get_by_label("Practitioner name").input_value() == ""
    page.get_by_label("Open a saved record (.docx)").set_input_files(saved)
    page.get_by_text("record.docx is open").wait_for(timeout=30_000)
    assert page.get_by_label("Practitioner name").input_value() == "Dr Saved"
    assert page.get_by_label("Rationale").input_value() == "Line one\nLine two"
    summary = page.locator("#risk-summary").inner_text()
    assert "Saved <b>&\"' risk — Łódź" in summary and "Isolated\nNo mentor" in summary.replace("Level of support: ", "")
    assert "Major (4) x Likely (4) = 16" in summary
    reopened = result(page)  # the box under "4. Risk score" gives the reopened record's rating, not "not calculated"
    assert (
        reopened.startswith("Overall rating of the 1 risk scored: risk 1, Major (4) x Likely (4) = 16")
        and "To score another" in reopened
    )


def test_what_is_kept_is_the_tab_draft_only_and_nothing_leaves(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    page.get_by_label(DESCRIBE).fill("Private detail")
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
    assert stored == {"local": [], "session": [DRAFT], "cookie": "", "databases": []}
    assert visit.other_hosts(base_url) == []


def test_a_double_click_on_download_makes_one_record(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    downloads: list[object] = []
    page.on("download", lambda item: downloads.append(item))
    page.get_by_role("button", name="Download triage record (.docx)").dblclick()
    page.get_by_text("has been downloaded").wait_for()
    page.get_by_role("button", name="Add another risk").dblclick()
    page.get_by_text("Risk 1 added").wait_for()
    assert len(downloads) == 1
    assert page.locator("#risk-summary tbody tr").count() == 1


def test_the_record_comes_as_opendocument_too(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as OpenDocument (.odt)").click()
    assert download.value.suggested_filename == "triage-record.odt"
    assert download.value.path().read_bytes().startswith(b"PK")


def test_printing_holds_every_answer_in_full_and_no_stale_status(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    long_answer = " ".join(f"word{n}" for n in range(600))
    page.get_by_label("Summary of Concern(s)").fill(long_answer)
    page.get_by_label("Level of insight").fill("Insight notes to print")
    page.get_by_role("button", name="Copy summary").click()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    copy = page.locator("#appendix-2-summary_of_concerns + .lotus-print-value")
    assert copy.is_visible() and copy.inner_text() == long_answer
    assert "Insight notes to print" in page.locator("#risk-summary").inner_text()
    assert not page.locator("#record-status").is_visible()
    for hidden in ("#risk-entry", ".md-header", ".md-sidebar--primary", "#download-record"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.pdf().startswith(b"%PDF")


# --- When things go wrong ------------------------------------------------------------------------

STARTED_OR_FAILED = "The calculator is ready.|The calculator could not start"


@pytest.mark.parametrize(
    ("fault", "path", "works"),
    [
        ("wrong-type", "pyodide.asm.wasm", True),
        ("truncated", "pyodide.asm.wasm", False),
        ("html", "pyodide.asm.wasm", False),
        ("silent", "pyodide.asm.wasm", False),
        ("missing", "lotus_tools.zip", False),
        ("missing", "pyodide.asm.wasm", False),
        ("missing", "python_stdlib.pyc.zip", False),
        ("html", "python_stdlib.pyc.zip", False),
        ("missing", "python-worker.js", False),
    ],
)
def test_every_start_failure_ends_in_words_within_the_limit_and_keeps_the_entries(
    site: Path, visit: Visit, fault: str, path: str, works: bool
) -> None:
    page = visit.page
    with fault_server.serve(site, {path: fault}) as base:
        page.goto(base + PAGE)
        page.get_by_label(DESCRIBE).fill("Typed while it starts")
        page.get_by_label("Practitioner name").fill("Dr Wait")
        score_one(page, "Financial", "3 – Moderate", "4 – Likely")
        started = time.monotonic()
        page.get_by_text(re.compile(STARTED_OR_FAILED)).wait_for(timeout=40_000)
        took = time.monotonic() - started
        status = page.locator("#calc-status").inner_text()
        if works:
            assert status == READY
            page.get_by_text("Risk score 3 x 4 = 12").wait_for()
        else:
            assert took < 25, f"the failure took {took:.0f} s to be told"
            assert "What you typed is kept" in status and "score by hand" in status
            assert "Traceback" not in status and "Failed to fetch" not in status
            assert page.get_by_role("button", name="Try again").is_visible()
            assert "Not calculated" in result(page)
        assert page.get_by_label(DESCRIBE).input_value() == "Typed while it starts"
        assert page.get_by_label("Practitioner name").input_value() == "Dr Wait"
        assert [error for error in visit.errors if "Uncaught" in error or error.startswith("page error")] == []


STOPPED = "the calculator's files stopped arriving (the site or the network did not answer)"
HEARD = """() => {
  const status = document.querySelector("#calc-status");
  window.__said = [status.textContent];
  new MutationObserver(() => window.__said.push(status.textContent))
    .observe(status, { childList: true, characterData: true, subtree: true });
}"""
"""Record every sentence the calculator's status shows, so a test can tell what it said on the way."""


@pytest.mark.parametrize("path", ["pyodide.asm.wasm", "python_stdlib.pyc.zip"])
def test_a_file_that_stops_arriving_mid_way_is_blamed_on_the_network_never_shown_as_a_slow_start(
    site: Path, visit: Visit, path: str
) -> None:
    page = visit.page
    with fault_server.serve(site, {path: "stalled"}) as base:
        page.goto(base + PAGE)
        page.wait_for_function(MOUNTED)
        page.evaluate(HEARD)
        page.get_by_label("Practitioner name").fill("Dr Stall")
        score_one(page, "Financial", "3 – Moderate", "4 – Likely")
        started = time.monotonic()
        page.get_by_text("The calculator could not start").wait_for(timeout=40_000)
        took = time.monotonic() - started
        status = page.locator("#calc-status").inner_text()
        assert STOPPED in status and "What you typed is kept" in status, status
        assert took < 35, f"the stall took {took:.0f} s to be told"
        said = page.evaluate("window.__said")
        assert not [sentence for sentence in said if "taking a while" in sentence or "every file is here" in sentence]
        assert any(urlsplit(url).path.endswith(path) for url in visit.requests), f"{path} was never asked for"
        assert page.get_by_role("button", name="Try again").is_visible()
        assert "Not calculated" in result(page)
        assert page.get_by_label("Practitioner name").input_value() == "Dr Stall"


RESTARTED = "The calculator restarted its Python; your entries are kept."


@pytest.mark.parametrize(
    "breaks",
    ["LOTUS-STUB-BROKEN", "LOTUS-STUB-HANG", "LOTUS-STUB-GONE"],
    ids=["the interpreter is broken", "a call never answers", "the worker is gone"],
)
def test_a_file_that_leaves_python_unusable_restarts_it_keeping_the_entries_and_the_next_download_works(
    visit: Visit, base_url: str, tmp_path: Path, breaks: str
) -> None:
    """The stub worker breaks as tests/stub_worker.js says on a file holding ``breaks``."""
    page = visit.page
    workers: list[Worker] = []
    page.on("worker", lambda worker: workers.append(worker))
    open_calculator(visit, base_url)
    page.get_by_label(DESCRIBE).fill("Kept through a restart")
    page.get_by_label("Practitioner name").fill("Dr Restart")
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(b"PK\x03\x04" + breaks.encode())
    page.get_by_label("Open a saved record (.docx)").set_input_files(hostile)
    expect(page.locator(".lotus-open-status")).to_have_text(
        f"{RESTARTED} Nothing on the page has changed.", timeout=30_000
    )
    expect(page.locator("#calc-status")).to_have_text(RESTARTED, timeout=30_000)
    pythons = [worker for worker in workers if worker.url.endswith(WORKER_PATH)]
    assert len(pythons) == 2, "a new worker should have started in place of the unusable one"
    assert page.get_by_label(DESCRIBE).input_value() == "Kept through a restart"
    assert page.get_by_label("Practitioner name").input_value() == "Dr Restart"
    assert page.get_by_label("3 – Moderate").is_checked() and page.get_by_label("4 – Likely").is_checked()
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()  # scored again, by the new Python
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    made = record_text(download.value.path().read_bytes())
    assert "Dr Restart" in made and "Kept through a restart" in made
    assert "has been downloaded" in page.locator("#record-status").inner_text()
    assert [error for error in visit.errors if error.startswith("page error")] == []


def test_try_again_really_starts_again(site: Path, visit: Visit) -> None:
    page = visit.page
    faults = {"lotus_tools.zip": "missing"}
    with fault_server.serve(site, faults) as base:
        page.goto(base + PAGE)
        page.get_by_text("The calculator could not start").wait_for(timeout=40_000)
        score_one(page, "Financial", "3 – Moderate", "4 – Likely")
        faults.clear()  # the host is fixed
        page.get_by_role("button", name="Try again").click()
        page.get_by_text(READY).wait_for(timeout=60_000)
        page.get_by_text("Risk score 3 x 4 = 12").wait_for()


def test_the_page_says_so_if_its_script_never_runs(site: Path, visit: Visit) -> None:
    page = visit.page
    with fault_server.serve(site, {"javascripts/components/calculator.js": "missing"}) as base:
        page.goto(base + PAGE)
        page.get_by_text("The calculator's script has not started").wait_for(state="visible", timeout=30_000)


def test_without_instant_navigation_the_entries_come_back_too(site: Path, visit: Visit) -> None:
    page = visit.page
    with fault_server.serve(site, worker="stub") as other_address:
        page.goto(other_address + "/transform/triage/")
        mark_document(page)
        page.locator("article").get_by_role("link", name="triage risk calculator").first.click()
        page.get_by_text(READY).wait_for(timeout=60_000)
        assert not same_document(page), "instant navigation should be off at an address the site was not built for"
        page.get_by_label(DESCRIBE).fill("Plain navigation")
        page.go_back()
        page.get_by_role("heading", level=1, name=re.compile("3.3")).wait_for()
        page.go_forward(wait_until="domcontentloaded")
        page.get_by_text("What you entered earlier in this tab has been kept").wait_for(timeout=10_000)
        assert page.get_by_label(DESCRIBE).input_value() == "Plain navigation"


def test_once_ready_the_record_is_made_offline(real_visit: Visit, base_url: str) -> None:
    page = open_calculator(real_visit, base_url)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    page.context.set_offline(True)
    page.get_by_label("Practitioner name").fill("Dr Offline")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    assert "Dr Offline" in record_text(download.value.path().read_bytes())
    page.context.set_offline(False)


def test_closing_asks_only_while_entries_are_not_downloaded(visit: Visit, base_url: str) -> None:
    page = open_calculator(visit, base_url)
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_label("Practitioner name").fill("Dr Unsaved")
    page.close(run_before_unload=True)
    if not asked:
        page.wait_for_event("dialog")
    assert asked == ["beforeunload"] and not page.is_closed()
    with page.expect_download():
        page.get_by_role("button", name="Download triage record (.docx)").click()
    page.get_by_text("has been downloaded").wait_for()
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert asked == ["beforeunload"]


@pytest.fixture
def profile(browser: Browser, tmp_path: Path) -> Iterator[Visit]:
    """A browser profile on disk, as a reader's is: its HTTP cache keeps the WebAssembly (a fresh Playwright context
    keeps only small files in memory), and its pages start real Pyodide."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
    )
    context.add_cookies([{**REAL_PYTHON, "domain": "127.0.0.1", "path": "/"}])
    page = context.pages[0] if context.pages else context.new_page()
    recorded = Visit(page, [], [], [])
    page.on("console", lambda message: recorded.errors.append(message.text) if message.type == "error" else None)
    try:
        yield recorded
    finally:
        context.close()


def test_after_a_first_use_the_calculator_starts_offline_from_this_device_and_nothing_came_twice(
    profile: Visit, base_url: str, site: Path
) -> None:
    page = profile.page
    asked: list[object] = []  # every request of the page, its Python worker and its service worker
    page.context.on("request", lambda request: asked.append(request))
    page = open_calculator(profile, base_url)
    kept = page.evaluate(
        """async () => {
            for (let tries = 0; tries < 240; tries += 1) {  // the copy is kept once Python has started
                const name = (await caches.keys()).find((n) => n.startsWith("lotus-"));
                const urls = name ? (await (await caches.open(name)).keys()).map((r) => r.url) : [];
                const registration = await navigator.serviceWorker.getRegistration();
                if (registration && registration.active && urls.some((url) => url.endsWith("pyodide.asm.wasm"))) return urls;
                await new Promise((resolve) => setTimeout(resolve, 250));
            }
            return [];
        }"""
    )
    assert all(url.startswith(base_url) for url in kept)
    assert any(url.endswith("pyodide.asm.wasm") for url in kept), kept
    assert any(url.endswith("/tools/triage-calculator/") for url in kept), kept
    assert not any(url.split("?")[0].endswith((".pdf", ".csv", "link-catalogue.json")) for url in kept), kept
    downloaded: dict[str, int] = {}
    for request in asked:
        if request.method == "GET" and request.url.startswith(base_url) and request.response():  # type: ignore[attr-defined]
            body = request.sizes()["responseBodySize"]  # type: ignore[attr-defined]
            downloaded[request.url] = downloaded.get(request.url, 0) + body  # type: ignore[attr-defined]
    twice = {
        url: size
        for url, size in downloaded.items()
        if urlsplit(url).path.endswith(".zip") or urlsplit(url).path.endswith(".wasm")
        if size > (site / unquote(urlsplit(url).path).lstrip("/")).stat().st_size
    }
    assert twice == {}, "downloaded more than once"
    assert any("python_stdlib.pyc.zip?v=" in url for url in downloaded) and any(
        "lotus_tools.zip?v=" in url for url in kept
    )
    page.context.set_offline(True)
    page.reload()
    page.get_by_text(READY).wait_for(timeout=60_000)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    assert download.value.path().read_bytes().startswith(b"PK")
    page.context.set_offline(False)
