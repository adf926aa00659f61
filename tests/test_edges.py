"""Edges nobody had tried (issue 25, item 8): each tried as a reader or a platform would meet it, and kept."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Download, Locator, Page, Route
from playwright.sync_api import Error as PlaywrightError

from lotus_tools.core import record
from lotus_tools.core.limits import MOST_RISKS
from tests.conftest import MOUNTED, Visit, score_one, serve_folder
from tests.test_calculator import DESCRIBE, DRAFT, PAGE, READY, open_calculator
from tests.test_scorm import SCORM_AGAIN

# --- 1. The SCORM launch page: finding the platform, and what the platform hands back -----------------------

STEP_1_PAGES = 5
SCORM_12_SUSPEND_DATA = 4096
"""Characters SCORM 1.2 allows in ``cmi.suspend_data`` (CMIString4096); scorm-again takes up to 64,000."""
HOSTILE_HOST = """<!doctype html><html lang="en"><title>Learning platform</title>
<script src="scorm12.min.js"></script>
<script>
window.API = new Scorm12API({autocommit: false, logLevel: 5});
API.loadFromJSON({suspend_data: SEED});
window.read = [];
window.written = [];
const get = API.LMSGetValue.bind(API);
API.LMSGetValue = (element) => {
  const value = get(element);
  if (element === "cmi.suspend_data") read.push(value);
  return value;
};
const set = API.LMSSetValue.bind(API);
API.LMSSetValue = (element, value) => {
  if (element === "cmi.suspend_data") written.push(value);
  return set(element, value);
};
</script>
<iframe title="Course" src="package/launch.html" width="1200" height="800"></iframe></html>"""


@pytest.fixture
def scorm_folder(site: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The Step 1 package unpacked beside scorm-again, served; a test writes its own platform page there."""
    with zipfile.ZipFile(site / "downloads" / "scorm" / "lotus-step-1-learn.zip") as archive:
        archive.extractall(tmp_path / "package")
    shutil.copy(SCORM_AGAIN, tmp_path / "scorm12.min.js")
    with serve_folder(tmp_path) as address:
        yield tmp_path, address


@pytest.mark.parametrize(
    ("kept", "opened"),
    [
        ("[" + ",".join(["1"] * 3000) + "]", 1),  # past 4,096 characters, and page 2 over and over
        ("this is not JSON {", 0),
        ('{"0": true, "1": true}', 0),  # JSON, not a list
        ("12", 0),
        ("null", 0),
        ('["0", "1", null, 1.5, true, {}]', 0),  # a list of things that are not page numbers
        ("[-1, -2, 5, 6, 99, 9007199254740993, 1e308, 2]", 1),  # pages the package lacks, and page 3
        ("[0, 1, 2, 3, 4, 0, 4]", STEP_1_PAGES),
    ],
)
def test_hostile_suspend_data_still_opens_the_course_counts_right_and_writes_back_at_most_4096_characters(
    scorm_folder: tuple[Path, str], visit: Visit, kept: str, opened: int
) -> None:
    folder, address = scorm_folder
    (folder / "index.html").write_text(HOSTILE_HOST.replace("SEED", json.dumps(kept)), encoding="utf-8")
    page = visit.page
    page.goto(f"{address}/")
    course = page.frame_locator('iframe[title="Course"]')
    first = min(opened + 1, STEP_1_PAGES)  # the first page not yet opened is shown, and so counted
    course.get_by_text(f"{first} of {STEP_1_PAGES} pages opened.").wait_for()
    assert page.evaluate("read[0]") == kept  # what the course was handed
    course.frame_locator("#page").get_by_role("heading", level=1).wait_for()
    buttons = course.locator("#pages button")
    assert buttons.count() == STEP_1_PAGES
    for index in range(STEP_1_PAGES):
        buttons.nth(index).click()
        course.locator(f"#pages li:nth-child({index + 1}) button.opened").wait_for()
    course.get_by_text(f"{STEP_1_PAGES} of {STEP_1_PAGES} pages opened. Course complete.").wait_for()
    assert page.evaluate("API.LMSGetValue('cmi.core.lesson_status')") == "completed"
    written = page.evaluate("written")
    assert written, "the course never recorded its progress"
    assert max(len(value) for value in written) <= SCORM_12_SUSPEND_DATA
    assert sorted(json.loads(written[-1])) == list(range(STEP_1_PAGES))
    assert [error for error in visit.errors if "page error" in error] == []


def test_a_package_framed_by_a_site_of_another_origin_says_there_is_no_platform_and_shows_its_pages(
    scorm_folder: tuple[Path, str], visit: Visit, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A parent frame of another origin cannot be read (the browser throws on ``parent.API``): that is no platform."""
    _, address = scorm_folder
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "index.html").write_text(
        f'<!doctype html><html lang="en"><title>Another site</title><script>window.API = {{}};</script>'
        f'<iframe title="Course" src="{address}/package/launch.html" width="1200" height="800"></iframe></html>',
        encoding="utf-8",
    )
    with serve_folder(elsewhere) as other:
        page = visit.page
        page.goto(f"{other}/")
        course = page.frame_locator('iframe[title="Course"]')
        course.get_by_text("Progress is not being recorded: no learning platform was found.").wait_for()
        course.get_by_text(f"1 of {STEP_1_PAGES} pages opened.").wait_for()
        course.frame_locator("#page").get_by_role("heading", level=1).wait_for()
        assert course.locator("#pages button").count() == STEP_1_PAGES
    assert [error for error in visit.errors if "page error" in error] == []


def test_a_package_opened_alone_from_a_window_of_another_origin_says_there_is_no_platform(
    scorm_folder: tuple[Path, str], visit: Visit, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Opened in a new window by a page of another origin: ``window.opener`` is there but cannot be read."""
    _, address = scorm_folder
    elsewhere = tmp_path_factory.mktemp("opener")
    (elsewhere / "index.html").write_text(
        f'<!doctype html><html lang="en"><title>Another site</title>'
        f'<a href="{address}/package/launch.html" target="_blank" rel="opener">Open the course</a></html>',
        encoding="utf-8",
    )
    with serve_folder(elsewhere) as other:
        page = visit.page
        page.goto(f"{other}/")
        with page.context.expect_page() as opened:
            page.get_by_role("link", name="Open the course").click()
        course = opened.value
        course.get_by_text("Progress is not being recorded: no learning platform was found.").wait_for()
        course.frame_locator("#page").get_by_role("heading", level=1).wait_for()
        assert course.evaluate("window.opener !== null")


@pytest.mark.parametrize(
    "api",
    [
        '{version: "2.1", name: "a charting library"}',  # something else that happens to be called API
        '{LMSInitialize() { throw new Error("The platform is down."); }}',
    ],
)
def test_a_window_api_that_is_not_a_working_platform_is_no_platform_and_the_pages_show(
    scorm_folder: tuple[Path, str], visit: Visit, api: str
) -> None:
    folder, address = scorm_folder
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="en"><title>A page</title><script>window.API = {api};</script>'
        '<iframe title="Course" src="package/launch.html" width="1200" height="800"></iframe></html>',
        encoding="utf-8",
    )
    page = visit.page
    page.goto(f"{address}/")
    course = page.frame_locator('iframe[title="Course"]')
    course.get_by_text("Progress is not being recorded: no learning platform was found.").wait_for()
    course.frame_locator("#page").get_by_role("heading", level=1).wait_for()
    course.locator("#pages button").nth(1).click()
    course.get_by_text(f"2 of {STEP_1_PAGES} pages opened.").wait_for()
    assert [error for error in visit.errors if "page error" in error] == []


# --- 2. Storms: clicks, double clicks and Back/Forward, faster than any reader ---------------------------------

THREE_RISKS = [
    ("First risk", ("Financial", "2 – Minor", "2 – Unlikely")),
    ("Second risk", ("Management", "5 – Catastrophic", "4 – Likely")),
    ("Third risk", ("Statutory duties/inspections", "1 – Negligible", "1 – Rare")),
]
KEPT = "What you entered earlier in this tab has been kept"


def summary_descriptions(page: Page) -> list[str]:
    """The adverse consequences in the summary table, in order (the one being entered included)."""
    return page.locator("#risk-summary tbody td[data-label='Adverse consequence']").all_inner_texts()


def draft(page: Page) -> dict:
    return json.loads(page.evaluate(f"sessionStorage.getItem({json.dumps(DRAFT)}) || 'null'"))


def test_thirty_clicks_on_add_another_risk_add_the_one_risk_entered_and_a_burst_on_remove_removes_one(
    visit: Visit, base_url: str
) -> None:
    page = open_calculator(visit, base_url)
    add = page.get_by_role("button", name="Add another risk")
    for number, (text, scored) in enumerate(THREE_RISKS, start=1):
        page.get_by_label(DESCRIBE).fill(text)
        score_one(page, *scored)
        page.get_by_text("(being entered)").wait_for()
        for _ in range(30):  # thirty separate clicks, each one the reader's
            add.click()
        page.get_by_text(re.compile(rf"Risk {number} added|Before adding another risk")).wait_for()
        page.wait_for_function(
            "n => document.querySelectorAll('#risk-summary tbody tr').length === n "
            "&& !document.querySelector('#risk-summary').innerText.includes('(being entered)')",
            arg=number,
        )
        assert summary_descriptions(page) == [t for t, _ in THREE_RISKS[:number]]
    assert "Before adding another risk, choose a consequence domain" in page.locator("#add-risk-message").inner_text()
    page.get_by_role("button", name="Remove risk 2").click(click_count=3)  # a burst: one gesture, one removal
    page.wait_for_function("!document.querySelector('#risk-summary').innerText.includes('Second risk')")
    page.get_by_role("button", name="Remove risk 1").dblclick()
    page.wait_for_function("!document.querySelector('#risk-summary').innerText.includes('First risk')")
    assert summary_descriptions(page) == ["Third risk"]
    assert [risk["description"] for risk in draft(page)["risks"]] == ["Third risk"]
    assert visit.errors == []


COUNT_FILES = """
window.__files = 0;
const made = URL.createObjectURL.bind(URL);
URL.createObjectURL = (blob) => { window.__files += 1; return made(blob); };
"""
"""Counts, in the page, every file it hands the reader (lib/files.js makes each one an object URL)."""


def files_made(page: Page) -> int:
    """Once the record's status has settled (no record being prepared), how many files the page has handed over."""
    page.wait_for_function(
        "document.querySelector('#record-status').innerText.includes('has been downloaded')"
        " && !document.querySelector('#record-status').innerText.includes('Preparing')"
    )
    return int(page.evaluate("window.__files"))


def test_thirty_clicks_on_download_make_only_whole_records_and_a_burst_makes_one(visit: Visit, base_url: str) -> None:
    """Chromium may hold back a file when a page hands over several within a moment (its guard against a site
    downloading many files), which the page cannot see: so the files are counted as the page hands them over."""
    page = visit.page
    page.add_init_script(COUNT_FILES)
    page = open_calculator(visit, base_url)
    page.get_by_label(DESCRIBE).fill("Stormy risk")
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    page.get_by_label("Practitioner name").fill("Dr Storm")
    downloads: list[Download] = []
    page.on("download", lambda download: downloads.append(download))
    button = page.get_by_role("button", name="Download triage record (.docx)")
    with page.expect_download():
        for _ in range(30):  # thirty separate clicks: a record each at most (a click while one is made adds none)
            button.click()
    made = files_made(page)
    assert 1 <= made <= 30
    for download in downloads:  # each a whole record of what the reader entered
        saved = record.read(download.path().read_bytes())
        assert saved.values["practitioner_name"] == "Dr Storm"
        assert [risk["description"] for risk in saved.risks] == ["Stormy risk"]
    button.click(click_count=30)  # one gesture of thirty clicks: one record
    assert files_made(page) == made + 1
    button.dblclick()
    assert files_made(page) == made + 2
    assert page.get_by_label("Practitioner name").input_value() == "Dr Storm"
    assert summary_descriptions(page) == ["Stormy risk"]
    assert visit.errors == []


STEP_BACK_AND_FORWARD = """async (rounds) => {
  window.__before = document.querySelector("h1");
  for (let round = 0; round < rounds; round += 1) {
    await navigation.back().committed;  // the address has changed; the page it names has not come yet
    await navigation.forward().committed;
  }
}"""
"""Back then Forward, each as soon as the last changed the address: a reader pressing them faster than pages come.
(Playwright's own go_back reads the history's position first, and in a storm can act on a stale one.)"""
OTHER = "/transform/triage/"


def shown_page(page: Page) -> tuple[str, str]:
    """The address, and the page the theme shows there, once its components have mounted."""
    page.wait_for_function(MOUNTED)
    return tuple(page.evaluate("[location.pathname, document.querySelector('h1').textContent.replace('¶', '')]"))


def test_a_storm_of_back_and_forward_shows_the_page_at_its_address_and_keeps_exactly_what_was_entered(
    visit: Visit, base_url: str
) -> None:
    page = visit.page
    page.goto(base_url + OTHER)
    page.locator("article").get_by_role("link", name="triage risk calculator").first.click()
    page.get_by_text(READY).wait_for(timeout=60_000)
    for text, scored in THREE_RISKS[:2]:
        page.get_by_label(DESCRIBE).fill(text)
        score_one(page, *scored)
        page.get_by_role("button", name="Add another risk").click()
    page.get_by_label(DESCRIBE).fill("Being entered")
    page.get_by_label("Financial", exact=True).check()
    held: list[Route] = []
    page.context.route(f"{base_url}{OTHER}", lambda route: held.append(route))  # slow to come: held till released
    for round_ in range(1, 4):
        page.get_by_label("Practitioner name").fill(f"Dr Storm {round_}")  # typed, and the reader is off at once
        page.evaluate(STEP_BACK_AND_FORWARD, 3)
        assert held, "the storm never asked for the other page"
        while held:  # the other page comes at last, long after the reader came back
            with contextlib.suppress(PlaywrightError):  # the theme may have given up on it (aborted)
                held.pop().continue_()
        page.wait_for_function("document.querySelector('h1') !== window.__before")  # a page was shown again
        assert shown_page(page) == (PAGE, "Triage risk calculator")
        assert page.get_by_label("Practitioner name").input_value() == f"Dr Storm {round_}"
    page.context.unroute(f"{base_url}{OTHER}")
    page.wait_for_function("document.querySelectorAll('#risk-summary tbody tr').length === 2")
    assert page.get_by_label(DESCRIBE).input_value() == "Being entered"
    assert page.get_by_label("Financial", exact=True).is_checked()
    assert summary_descriptions(page) == ["First risk", "Second risk"]
    assert page.locator(".lotus-calculator").count() == 1 and page.locator(".lotus-draft-notice").count() <= 1
    kept = draft(page)
    assert kept["values"]["practitioner_name"] == "Dr Storm 3"
    assert [risk["description"] for risk in kept["risks"]] == ["First risk", "Second risk"]
    page.reload()
    page.get_by_text(KEPT).wait_for(timeout=10_000)
    assert page.get_by_label("Practitioner name").input_value() == "Dr Storm 3"
    assert visit.errors == []


# --- 3. Two tabs on the same Appendix 2 record --------------------------------------------------------------

APPENDIX_2 = "/appendices/triage-template/"


def field(page: Page, key: str) -> Locator:
    return page.locator(f"#appendix-2-{key}")


def filled_copy(page: Page) -> dict[str, str]:
    """The answers in the filled copy this tab downloads, read back by the core."""
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download filled copy (.docx)").click()
    return record.read(download.value.path().read_bytes()).values


def test_two_tabs_on_one_record_each_keep_their_own_and_a_tab_opened_from_one_starts_from_a_copy(
    visit: Visit, base_url: str
) -> None:
    first = visit.page
    first.goto(base_url + APPENDIX_2)
    field(first, "practitioner_name").fill("Dr First")
    second = first.context.new_page()  # a second tab: its own draft (sessionStorage is per tab)
    second.goto(base_url + APPENDIX_2)
    second.wait_for_function(MOUNTED)
    assert field(second, "practitioner_name").input_value() == ""
    assert second.get_by_text(KEPT).count() == 0
    field(second, "practitioner_name").fill("Dr Second")
    field(second, "reviewer_name").fill("Reviewer Two")
    field(first, "registration_number").fill("GMC 1111111")  # the first types on while the second does
    # A tab opened from the first (as "Duplicate" does) starts with a copy of the first tab's draft.
    with first.context.expect_page() as opened:
        first.evaluate("window.open(location.href)")
    third = opened.value
    third.get_by_text(KEPT).wait_for(timeout=10_000)
    assert field(third, "practitioner_name").input_value() == "Dr First"
    assert field(third, "registration_number").input_value() == "GMC 1111111"
    field(third, "practitioner_name").fill("Dr Third")
    field(first, "summary_of_concerns").fill("Typed in the first after the third was opened")
    for tab in (first, second, third):
        tab.reload()
        tab.wait_for_function(MOUNTED)
    expected = {
        first: {
            "practitioner_name": "Dr First",
            "registration_number": "GMC 1111111",
            "summary_of_concerns": "Typed in the first after the third was opened",
        },
        second: {"practitioner_name": "Dr Second", "reviewer_name": "Reviewer Two"},
        third: {"practitioner_name": "Dr Third", "registration_number": "GMC 1111111"},
    }
    for tab, values in expected.items():
        shown = {key: field(tab, key).input_value() for key in ("practitioner_name", "registration_number")}
        shown |= {key: field(tab, key).input_value() for key in ("reviewer_name", "summary_of_concerns")}
        assert {key: value for key, value in shown.items() if value} == values
        assert {key: value for key, value in filled_copy(tab).items() if key in shown} == values
    assert visit.errors == []


# --- 4. A hundred risks, and the most a record holds --------------------------------------------------------

ADD_RISKS = """([first, last]) => {
  const choose = (name, value) => document.querySelector(`input[name="${name}"][value="${value}"]`).click();
  const domains = ["safety", "statutory", "financial", "management", "professionalism"];
  for (let n = first; n <= last; n += 1) {
    const description = document.getElementById("risk-description");
    description.value = `Risk number ${n}`;
    description.dispatchEvent(new Event("input", { bubbles: true }));
    choose("risk-domain", domains[n % 5]);
    choose("risk-consequence", String(1 + (n % 5)));
    choose("risk-likelihood", String(1 + ((n * 3) % 7) % 5));
    document.getElementById("add-risk").click();
  }
}"""
"""Risks ``first`` to ``last`` entered and added as a reader does, by the same fields and button, one after another."""


def rows_shown(page: Page, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('#risk-summary tbody tr').length === n", arg=count, timeout=60_000
    )


def test_a_hundred_risks_are_listed_recorded_and_reopened_and_past_the_most_a_record_holds_a_sentence_says_so(
    visit: Visit, base_url: str, tmp_path: Path
) -> None:
    page = open_calculator(visit, base_url)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_label(DESCRIBE).fill("Risk number 1")
    page.get_by_role("button", name="Add another risk").click()
    page.evaluate(ADD_RISKS, [2, 100])
    page.get_by_text("Risk 100 added. Enter the next risk.").wait_for()
    rows_shown(page, 100)
    names = [f"Risk number {n}" for n in range(1, 101)]
    assert summary_descriptions(page) == names
    assert "Overall rating (the highest score)" in page.locator("#risk-summary").inner_text()
    page.get_by_label("Practitioner name").fill("Dr Hundred")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    saved = tmp_path / "hundred.docx"
    download.value.save_as(saved)
    assert [risk["description"] for risk in record.read(saved.read_bytes()).risks] == names
    page.get_by_role("button", name="Clear all").click()
    page.get_by_text("Everything you entered has been cleared.").wait_for()
    rows_shown(page, 0)
    page.get_by_label("Open a saved record (.docx)").set_input_files(saved)
    page.get_by_text("hundred.docx is open").wait_for(timeout=30_000)
    rows_shown(page, 100)
    assert summary_descriptions(page) == names
    assert page.get_by_label("Practitioner name").input_value() == "Dr Hundred"
    # On to the most a record holds, and one more.
    page.evaluate(ADD_RISKS, [101, MOST_RISKS])
    page.get_by_text(f"Risk {MOST_RISKS} added. Enter the next risk.").wait_for()
    rows_shown(page, MOST_RISKS)
    page.get_by_label(DESCRIBE).fill("One too many")
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    limit = f"A record holds at most {MOST_RISKS} risks"
    page.locator("#calc-result").get_by_text(limit).wait_for()
    page.get_by_role("button", name="Add another risk").click()
    page.locator("#add-risk-message").get_by_text(limit).wait_for()
    assert "was not added" in page.locator("#add-risk-message").inner_text()
    assert len(draft(page)["risks"]) == MOST_RISKS
    page.get_by_role("button", name="Download triage record (.docx)").click()
    page.locator("#record-status").get_by_text(limit).wait_for()
    assert page.get_by_label(DESCRIBE).input_value() == "One too many"  # nothing the reader typed is lost
    page.get_by_role("button", name="Remove risk 1", exact=True).click()  # one fewer: the page carries on
    rows_shown(page, MOST_RISKS)  # the one being entered is listed again
    page.get_by_text("(being entered)").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download triage record (.docx)").click()
    kept = record.read(download.value.path().read_bytes()).risks
    assert len(kept) == MOST_RISKS and kept[-1]["description"] == "One too many"
    assert visit.errors == []


# --- 5. Text from anywhere: right-to-left, combining marks, emoji, joiners, a lone surrogate ------------------

PASTED = {
    "rtl": "خطر على المرضى ‏(تجربة)‏ — סיכון למטופלים",
    "combining": "Zoe\u0308 e\u0301 n\u0303 Z\u0324\u0354\u0367\u0311\u0313",
    "emoji": "👩🏽\u200d⚕️ 🏳️\u200d🌈 👨\u200d👩\u200d👧\u200d👦 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "joiners": "zero\u200bwidth\u200cnon\u200djoiner\u2060word\ufeffjoiner \u202eoverride\u202c",
}
LONE = ("half ", " a pair ", " end")
"""Typed with a lone high surrogate and a lone low one between the pieces (as a broken paste leaves them)."""
LONE_JS = r"'half \ud800 a pair \udc00 end'"
LONE_IN_RECORD = "\ufffd".join(LONE)
"""Decided: a lone surrogate is not text, and no document can hold it; the core writes U+FFFD in its place,
the replacement character a browser already shows for it, so the record reads as the page looked, and the
reader is told nothing. The tab's draft keeps exactly what was typed."""

PLACES = {
    "calculator": (
        PAGE,
        {
            "rtl": "#appendix-2-practitioner_name",
            "combining": "#appendix-2-summary_of_concerns",
            "emoji": "#factor-insight",
        },
        ("joiners", "#appendix-2-rationale"),
        "#risk-description",
        "Download triage record (.docx)",
    ),
    "template form": (
        "/appendices/lessons-learnt-template/",
        {"rtl": "#appendix-4-case_id", "combining": "#appendix-4-background", "emoji": "#appendix-4-lessons_learnt"},
        ("joiners", "#appendix-4-pag_date"),
        "#appendix-4-what_happened",
        "Download filled copy (.docx)",
    ),
}


def paste(page: Page, selector: str, text: str) -> None:
    page.locator(selector).focus()
    page.keyboard.insert_text(text)  # as a paste puts it in: one input event


def field_key(selector: str) -> str:
    """The record's field key of a form field's selector: ``#appendix-2-rationale`` -> ``rationale``."""
    return selector.split("-", 2)[-1]


def value_is(page: Page, selector: str, js_text: str) -> bool:
    """Compared in the page: a lone surrogate cannot cross to Python as it is."""
    return page.evaluate(f"document.querySelector({json.dumps(selector)}).value === {js_text}")


@pytest.mark.parametrize("where", PLACES)
def test_text_from_anywhere_survives_the_draft_the_record_and_the_reopen(
    visit: Visit, base_url: str, tmp_path: Path, where: str
) -> None:
    address, fields, (joiners, joiners_at), lone_at, download_name = PLACES[where]
    page = visit.page
    page.goto(base_url + address)
    page.wait_for_function(MOUNTED)
    if where == "calculator":
        page.get_by_text(READY).wait_for(timeout=60_000)
    for kind, selector in {**fields, joiners: joiners_at}.items():
        paste(page, selector, PASTED[kind])
    page.evaluate(
        f"""() => {{
            const box = document.querySelector({json.dumps(lone_at)});
            box.value = {LONE_JS};
            box.dispatchEvent(new Event("input", {{ bubbles: true }}));
        }}"""
    )
    if where == "calculator":
        score_one(page, "Financial", "3 – Moderate", "4 – Likely")
        page.get_by_text("Risk score 3 x 4 = 12").wait_for()
        assert LONE_IN_RECORD in page.locator("#risk-summary").inner_text()  # as the core scored it
        assert PASTED["emoji"] in page.locator("#risk-summary").inner_text()
    page.reload()
    page.get_by_text(KEPT).wait_for(timeout=10_000)
    for kind, selector in {**fields, joiners: joiners_at}.items():
        assert page.locator(selector).input_value() == PASTED[kind], kind
    assert value_is(page, lone_at, LONE_JS), "the draft did not keep the lone surrogates as typed"
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=download_name).click()
    saved = tmp_path / "record.docx"
    download.value.save_as(saved)
    found = record.read(saved.read_bytes())
    for kind, selector in {**fields, joiners: joiners_at}.items():
        if selector.startswith("#appendix-"):
            assert found.values[field_key(selector)] == PASTED[kind], kind
    if where == "calculator":
        assert found.risks[0]["description"] == LONE_IN_RECORD
        assert found.risks[0]["factors"] == {"insight": PASTED["emoji"]}
    else:
        assert found.values[field_key(lone_at)] == LONE_IN_RECORD
    text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs) + "".join(
        cell.text for table in docx.Document(str(saved)).tables for row in table.rows for cell in row.cells
    )
    assert PASTED["rtl"] in text and PASTED["emoji"] in text and LONE_IN_RECORD in text  # Word's reader agrees
    clear = "Clear all" if where == "calculator" else "Clear the form"
    page.get_by_role("button", name=clear).click()
    page.get_by_label("Open a saved record (.docx)").set_input_files(saved)
    page.get_by_text("record.docx is open").wait_for(timeout=30_000)
    for kind, selector in {**fields, joiners: joiners_at}.items():
        if selector.startswith("#appendix-"):
            assert page.locator(selector).input_value() == PASTED[kind], kind
    if where == "calculator":  # the risk comes back as a scored risk, its factor notes with it
        page.locator("#risk-summary").get_by_text("Overall rating").wait_for()
        summary = page.locator("#risk-summary").inner_text()
        assert LONE_IN_RECORD in summary and PASTED["emoji"] in summary
    else:
        assert page.locator(lone_at).input_value() == LONE_IN_RECORD
    assert page.locator(".lotus-form-status, #record-status").filter(has_text="could not").count() == 0
    assert visit.errors == []


# --- 6. A damaged copy in the service worker's cache --------------------------------------------------------

KEPT_FOR_OFFLINE = """async (ending) => {
  for (let tries = 0; tries < 240; tries += 1) {  // the copy is kept once Python has started
    const name = (await caches.keys()).find((n) => n.startsWith("lotus-"));
    const urls = name ? (await (await caches.open(name)).keys()).map((r) => r.url) : [];
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration && registration.active && urls.some((url) => url.split("?")[0].endsWith(ending))) return name;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}"""
"""Waits (polling the state, at most a minute) until the service worker is active and its copy holds ``ending``."""
DAMAGE = """async ([name, ending, damage]) => {
  const cache = await caches.open(name);
  const key = (await cache.keys()).find((request) => request.url.split("?")[0].endsWith(ending));
  const good = await (await cache.match(key)).arrayBuffer();
  const body = damage === "truncated"
    ? good.slice(0, Math.floor(good.byteLength / 3))
    : new TextEncoder().encode("<!doctype html><html><body>Sign in to the hospital Wi-Fi</body></html>");
  const type = damage === "truncated" ? "application/wasm" : "text/html";
  await cache.put(key, new Response(body, { headers: { "Content-Type": type } }));
  return key.url;
}"""
"""Puts a damaged copy in place of the kept file ending ``ending``: cut to a third, or a captive portal's page."""
MENDED = """async ([name, ending]) => {
  const cache = await caches.open(name);
  const key = (await cache.keys()).find((request) => request.url.split("?")[0].endsWith(ending));
  return Boolean((await cache.match(key)).headers.get("last-modified"));
}"""
"""Whether the kept file ending ``ending`` is the site's again (a damaged copy put in its place has no date)."""


@pytest.mark.parametrize(
    ("ending", "damage"),
    [
        ("pyodide.asm.wasm", "truncated"),
        ("pyodide.asm.wasm", "html"),
        ("python_stdlib.pyc.zip", "html"),
        ("lotus_tools.zip", "truncated"),
    ],
)
def test_a_damaged_copy_kept_for_offline_ends_in_words_keeps_the_entries_and_online_it_recovers(
    real_visit: Visit, base_url: str, ending: str, damage: str
) -> None:
    page = open_calculator(real_visit, base_url)
    name = page.evaluate(KEPT_FOR_OFFLINE, ending)
    assert name, "the service worker never kept the calculator's files"
    page.get_by_label(DESCRIBE).fill("Typed before the copy was damaged")
    page.get_by_label("Practitioner name").fill("Dr Offline")
    damaged = page.evaluate(DAMAGE, [name, ending, damage])
    assert damaged.split("?")[0].endswith(ending)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.clearBrowserCache")  # days later: the browser's own cache has let the files go
    page.context.set_offline(True)
    page.reload()
    started = time.monotonic()
    page.get_by_text(re.compile(f"{READY}|The calculator could not start")).wait_for(timeout=30_000)
    took = time.monotonic() - started
    status = page.locator("#calc-status").inner_text()
    assert "could not start" in status, f"the damaged {ending} was not used: {status}"
    assert "What you typed is kept" in status and "Traceback" not in status and "Failed to fetch" not in status
    assert took < 30
    assert page.get_by_label(DESCRIBE).input_value() == "Typed before the copy was damaged"
    assert page.get_by_label("Practitioner name").input_value() == "Dr Offline"
    page.context.set_offline(False)
    page.get_by_role("button", name="Try again").click()
    page.get_by_text(READY).wait_for(timeout=60_000)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    page.wait_for_function(MENDED, arg=[name, ending], polling=250, timeout=30_000)  # the copy took the network's
    # The kept copy is whole again: offline, another day, the calculator starts.
    cdp.send("Network.clearBrowserCache")
    page.context.set_offline(True)
    page.reload()
    page.get_by_text(re.compile(f"{READY}|The calculator could not start")).wait_for(timeout=60_000)
    assert page.locator("#calc-status").inner_text() == READY
    assert page.get_by_label("Practitioner name").input_value() == "Dr Offline"
    page.context.set_offline(False)
