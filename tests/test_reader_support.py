"""Where a reader turns: help now on the pages about mental health, a contact, the release and build date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from lotus_tools.publish import reader_support
from tests.conftest import Visit

HELP_PAGES = {
    "optimise/impact-of-investigations/",
    "transform/supporting-mental-health/",
    "strengthen/compassion-fatigue/",
    "appendices/mental-health-support/",
}


def test_the_help_box_is_on_exactly_the_pages_about_mental_health_with_the_three_routes(site: Path) -> None:
    found = set()
    for page in site.rglob("index.html"):
        body = page.read_text(encoding="utf-8")
        if "lotus-help-now" in body:
            found.add(page.parent.relative_to(site).as_posix() + "/")
            box = body.split('<aside class="admonition lotus-help-now', 1)[1].split("</aside>", 1)[0]
            assert "If you need help now" in box and "999" in box
            assert 'href="https://111.nhs.uk/"' in box and 'href="tel:116123"' in box
            assert 'href="https://www.practitionerhealth.nhs.uk/"' in box
    assert found == HELP_PAGES


def test_every_page_names_the_release_and_build_date_and_where_to_report_a_problem(site: Path) -> None:
    for path in ("", "learn/four-elements/", "tools/triage-calculator/", "about/accessibility/"):
        body = (site / path / "index.html").read_text(encoding="utf-8")
        assert re.search(r"Site release \d+\.\d+\.\d+, built \d{1,2} [A-Z][a-z]+ \d{4}\.", body), path
        assert 'href="mailto:england.contactus@nhs.net"' in body, path
    statement = (site / "about/accessibility/index.html").read_text(encoding="utf-8")
    assert "To report a problem with this site" in statement and 'href="tel:03003112233"' in statement
    credits = (site / "about/credits/index.html").read_text(encoding="utf-8")
    assert "does not state a licence" in credits


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({}, "extra.help_now: list the routes to help now"),
        ({"help_now": "Samaritans"}, "extra.help_now: list the routes"),
        ({"help_now": [{"name": "X", "how": "call"}]}, "needs a 'href'"),
        (
            {"help_now": [{"name": "X", "how": "call", "href": "javascript:alert(1)"}]},
            "must start with tel: or https://",
        ),
    ],
)
def test_a_bad_help_now_setting_is_a_sentence_naming_mkdocs_yml(extra: dict, words: str) -> None:
    with pytest.raises(PluginError) as raised:
        reader_support.help_routes(extra)
    assert str(raised.value).startswith("mkdocs.yml, extra.help_now") and words in str(raised.value)


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({}, "say whom readers write to"),
        ({"contact": {"name": "X"}}, "needs an 'email'"),
        ({"contact": {"name": "X", "email": "not an address"}}, "is not an email address"),
    ],
)
def test_a_bad_contact_is_a_sentence_naming_mkdocs_yml(extra: dict, words: str) -> None:
    with pytest.raises(PluginError) as raised:
        reader_support.contact(extra)
    assert str(raised.value).startswith("mkdocs.yml, extra.contact") and words in str(raised.value)


def test_copy_link_controls_are_at_least_24_px_on_a_phone(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{base_url}/learn/four-elements/")
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('.lotus-copy-link')].filter(e => e.checkVisibility())"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert sizes and all(width >= 24 and height >= 24 for width, height in sizes), sizes
