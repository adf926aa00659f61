"""Search: the words readers type find their pages, and the index stays off a page until the reader searches."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, Request, expect

from lotus_tools.publish import search_forms
from tests.conftest import Visit

INDEX = "/search/search_index.json"

WORDS = {
    # The words: inflections the toolkit's text does not use, and a colour it shows in brackets.
    "letters": ["Appendix 5: Template used to keep practitioner updated"],
    "triaging": ["3.3 How do you incorporate a compassionate approach to initial triage"],
    "amber": ["Triage risk calculator", "Appendix 3: Guide to likelihood/severity score"],
    # Our own: a plural, two past tenses of words the text has in another form.
    "outcomes": ["Appendix 5: Template used to keep practitioner updated"],
    "fatigued": ["5.2 How to avoid Compassion Fatigue"],
    "concerned": ["2.3 What is the role of compassion in performance concerns?", "3.3 How do you incorporate"],
    # Prefix search as the reader types stays.
    "triag": ["3.3 How do you incorporate a compassionate approach to initial triage"],
    "lett": ["Appendix 5: Template used to keep practitioner updated"],
}


def test_a_word_has_its_inflections_and_only_those() -> None:
    assert search_forms.forms("triage") == {"triages", "triaged", "triaging"}
    assert search_forms.forms("letter") == {"letters", "lettered", "lettering"}
    assert search_forms.forms("policy") >= {"policies"}
    assert search_forms.forms("concerns") >= {"concern", "concerned", "concerning"}
    assert "triageds" not in search_forms.forms("triaged")  # an inflection is not inflected again
    assert search_forms.forms("the") == set() and search_forms.forms("1.2.i") == set()
    assert {search_forms.stem(word) for word in ("triage", "triaged", "triaging", "triages")} == {"triag"}


def test_a_section_gains_only_the_forms_a_prefix_search_would_miss() -> None:
    index = {
        "config": {"separator": r"[\s\-]+", "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "a/", "title": "Initial triage", "text": "<p>Send the <em>letter</em>, then the letters.</p>"},
            {"location": "b/", "title": "Outcome", "text": "<p>One letter (Amber).</p>"},
        ],
    }
    first, second = search_forms.add_forms(index)["docs"]
    assert first["title_forms"] == "initialed initialing initials triaged triages triaging"
    assert "forms" not in first  # "letter" is found by "letters"'s prefix; "send" has no other form on the site
    assert second["title_forms"] == "outcomed outcomes outcoming" and second["forms"] == "letters"
    fields = index["config"]["fields"]
    assert isinstance(fields, dict) and fields["title_forms"] == fields["title"] and fields["forms"] == fields["text"]


def test_the_built_index_carries_the_forms(site: Path) -> None:
    index = json.loads((site / INDEX.lstrip("/")).read_text(encoding="utf-8"))
    assert set(search_forms.FIELDS) <= set(index["config"]["fields"])
    appendix5 = next(doc for doc in index["docs"] if doc["location"] == "appendices/outcome-letter-template/")
    assert "letters" in appendix5.get("forms", "").split()


def _open_search(page: Page) -> None:
    page.locator(".md-search__input").click()  # as a reader goes to the search box
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=30_000)


def _search(page: Page, word: str) -> None:
    """Clear the box, then enter the word with one key-up (the theme searches on key-up): what is listed next
    is what this word finds, never what its first letters found on the way."""
    page.locator(".md-search__input").press("Control+A")
    page.keyboard.press("Backspace")
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    page.keyboard.insert_text(word)
    page.keyboard.press("End")


def test_the_words_readers_type_find_their_pages(base_url: str, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{base_url}/")
    _open_search(page)
    results = page.locator(".md-search-result")
    for word, titles in WORDS.items():
        _search(page, word)
        for title in titles:
            expect(results, f"searching {word!r} did not list {title!r}").to_contain_text(title, timeout=30_000)


def test_the_index_comes_only_when_the_reader_opens_search_through_the_held_request(
    base_url: str, visit: Visit
) -> None:
    """head.js holds back the theme's XMLHttpRequest for the index; were the theme to fetch it another way
    (fetch(), a worker), it would come with the page and this fails."""
    page = visit.page
    asked: list[Request] = []
    page.on("request", lambda request: asked.append(request) if request.url.endswith(INDEX) else None)
    page.goto(f"{base_url}/learn/four-elements/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.dataset.lotusSearchHeld") == "yes"
    assert asked == [], "a reading page fetched the search index before the reader searched"
    _open_search(page)
    _search(page, "amber")
    expect(page.locator(".md-search-result")).to_contain_text("Appendix 3", timeout=30_000)
    assert [request.resource_type for request in asked] == ["xhr"]
