"""The template forms (Appendices 2, 4, 5) as readers move: links, Back and Forward, reload, saved records."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from lotus_tools.core.templates import TEMPLATES
from tests.conftest import Visit, score_one

KEYS = tuple(TEMPLATES)
KEPT = "What you entered earlier in this tab has been kept"


def first_two_text_fields(key: str) -> list[str]:
    return [f"#{key}-{field.key}" for field in TEMPLATES[key].fields() if not field.choices][:2]


def open_template(visit: Visit, base_url: str, key: str) -> object:
    page = visit.page
    page.goto(f"{base_url}/appendices/{TEMPLATES[key].slug}/")
    page.get_by_role("heading", level=1).wait_for()
    return page


@pytest.mark.parametrize("key", KEYS)
def test_links_back_forward_and_reload_keep_what_was_typed(visit: Visit, base_url: str, key: str) -> None:
    page = open_template(visit, base_url, key)
    page.evaluate("window.__same_document = true")
    fields = first_two_text_fields(key)
    for number, selector in enumerate(fields):
        page.locator(selector).fill(f"Typed <b>&\"' {number}— Łódź")
    page.locator(".md-sidebar--secondary").get_by_role("link", name="Download template").click()
    page.wait_for_function("location.hash === '#download-template'")
    page.locator("h2#download-template a.headerlink").click()
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("body").press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__same_document === true"), "an in-page link fetched the page again"
    assert page.locator(fields[0]).input_value() == "Typed <b>&\"' 0— Łódź"
    page.locator(".md-sidebar--primary").get_by_role("link", name="Privacy notice").click()
    page.get_by_role("heading", level=1, name="Privacy notice").wait_for()
    page.go_back()
    page.get_by_text(KEPT).wait_for(timeout=10_000)
    page.go_forward()
    page.go_back()
    page.get_by_text(KEPT).wait_for(timeout=10_000)
    assert [page.locator(s).input_value() for s in fields] == [f"Typed <b>&\"' {n}— Łódź" for n in range(2)]
    page.reload()
    page.get_by_text(KEPT).wait_for(timeout=10_000)
    assert page.locator(fields[1]).input_value() == "Typed <b>&\"' 1— Łódź"
    page.get_by_role("button", name="Start again").click()
    assert page.locator(fields[0]).input_value() == ""
    page.get_by_role("button", name="Undo").click()
    assert page.locator(fields[0]).input_value() == "Typed <b>&\"' 0— Łódź"
    assert visit.errors == []


@pytest.mark.parametrize("key", KEYS)
def test_a_downloaded_copy_opens_again_and_other_files_change_nothing(
    visit: Visit, base_url: str, key: str, tmp_path: Path
) -> None:
    page = open_template(visit, base_url, key)
    values = {}
    for field in TEMPLATES[key].fields():
        if field.choices:
            page.locator(f"#{key}-form input[name='{field.key}']").last.check()
            values[field.key] = field.choices[-1]
        else:
            values[field.key] = f"{field.key} <b>&\"' 東京" + ("\nline two" if field.long else "")
            page.locator(f"#{key}-{field.key}").fill(values[field.key])
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download filled copy (.docx)").click()
    saved = tmp_path / "mine.docx"
    download.value.save_as(saved)
    page.get_by_role("button", name="Clear the form").click()
    page.get_by_text("The form has been cleared.").wait_for()
    first = next(f for f in TEMPLATES[key].fields() if not f.choices)
    assert page.locator(f"#{key}-{first.key}").input_value() == ""
    other_key = next(k for k in KEYS if k != key)
    from lotus_tools.publish import documents

    other = tmp_path / "other.docx"
    other.write_bytes(documents.docx_bytes(TEMPLATES[other_key]))
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a record")
    foreign = tmp_path / "foreign.docx"
    docx.Document().save(foreign)
    control = page.get_by_label("Open a saved record (.docx)")
    status = page.locator(f"[data-lotus-open='{key}'] .lotus-open-status")
    for file, words in (
        (text_file, "is not a Word (.docx) record"),
        (foreign, "not a record made by this site"),
        (other, "record of another template"),
    ):
        control.set_input_files(file)
        status.get_by_text(words).wait_for(timeout=60_000)
        assert "Nothing on the page has changed" in status.inner_text()
        assert page.locator(f"#{key}-{first.key}").input_value() == ""
    control.set_input_files(saved)
    status.get_by_text("mine.docx is open").wait_for(timeout=30_000)
    for field in TEMPLATES[key].fields():
        if field.choices:
            assert page.locator(f"#{key}-form input[name='{field.key}'][value='{field.choices[-1]}']").is_checked()
        else:
            assert page.locator(f"#{key}-{field.key}").input_value() == values[field.key], field.key
    assert visit.other_hosts(base_url) == []


def test_the_appendix_2_page_and_the_calculator_share_one_record(visit: Visit, base_url: str) -> None:
    page = open_template(visit, base_url, "appendix-2")
    page.get_by_label("Practitioner Name").fill("Dr Shared")
    page.locator("article").get_by_role("link", name="triage risk calculator").first.click()
    page.get_by_text("The calculator is ready.").wait_for(timeout=60_000)
    assert page.get_by_label("Practitioner name").input_value() == "Dr Shared"
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    page.get_by_label("Registration Number").fill("GMC 7654321")
    page.get_by_role("article").get_by_role("link", name="Appendix 2 template").click()
    page.get_by_role("heading", level=1, name="Appendix 2", exact=False).wait_for()
    assert page.get_by_label("Registration Number").input_value() == "GMC 7654321"
    assert page.get_by_label("R (risk score)").input_value() == "12"
    assert page.get_by_label("Amber", exact=True).is_checked() and page.get_by_label("Amber", exact=True).is_disabled()
    page.get_by_text("Set by the triage calculator").wait_for()
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download filled copy (.docx)").click()
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(
        [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert "Dr Shared" in text and "GMC 7654321" in text and "Moderate (3) x Likely (4) = 12" in text
