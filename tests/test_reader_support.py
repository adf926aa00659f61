"""Where a reader turns: help now on the pages about mental health, a contact, the release and build date."""

from __future__ import annotations

import datetime
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

import pytest
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, expect

from lotus_tools.publish import reader_support, whole_toolkit
from tests.conftest import ROOT, Visit
from tests.test_quality import _axe

HELP_PAGES = {
    "optimise/impact-of-investigations/",
    "transform/supporting-mental-health/",
    "strengthen/compassion-fatigue/",
    "appendices/mental-health-support/",
}
"""The pages about mental health (2.2, 3.2), burnout and compassion fatigue (5.2), and Appendix 1."""
ROUTES = {
    "999": "tel:999",
    "111": "tel:111",
    "111.nhs.uk": "https://111.nhs.uk/",
    "116 123": "tel:116123",
    "practitionerhealth.nhs.uk": "https://www.practitionerhealth.nhs.uk/",
}
"""The help box's links a reader follows, by their words: the three routes and 999."""
FOOTER_PAGES = ("", "learn/four-elements/", "transform/supporting-mental-health/", "tools/triage-calculator/")
RELEASE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_the_help_box_is_on_exactly_the_pages_about_mental_health_in_the_sites_words(site: Path) -> None:
    found = set()
    for page in site.rglob("index.html"):
        body = page.read_text(encoding="utf-8")
        if "lotus-help-now" in body:
            found.add(page.parent.relative_to(site).as_posix() + "/")
            assert '<aside class="admonition lotus-help-now lotus-site-words"' in body
    assert found == HELP_PAGES | {whole_toolkit.PAGE}  # the printable whole toolkit holds those pages


@pytest.mark.parametrize("path", sorted(HELP_PAGES))
def test_the_help_box_shows_the_three_routes_as_links_to_call_or_visit(base_url: str, visit: Visit, path: str) -> None:
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}/{path}")
    box = page.get_by_role("complementary", name="If you need help now")
    expect(box).to_be_visible()
    for name in ("NHS 111", "Samaritans", "NHS Practitioner Health"):
        expect(box.get_by_role("listitem").filter(has_text=name)).to_be_visible()
    for words, href in ROUTES.items():
        expect(box.get_by_role("link", name=words, exact=True)).to_have_attribute("href", href)
    assert box.evaluate("e => e.getBoundingClientRect().right") <= 390


def test_appendix_1_says_why_some_services_have_no_link(site: Path) -> None:
    body = (site / "appendices/mental-health-support/index.html").read_text(encoding="utf-8")
    line = re.search(
        r'<p class="lotus-site-words">The toolkit names these services without their web addresses.*?</p>', body
    )
    assert line and 'href="../../about/missing-addresses/"' in line[0]


def test_the_footer_shows_the_release_and_build_date_on_every_kind_of_page(base_url: str, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{base_url}/")
    built = datetime.date.fromisoformat(page.locator(".md-footer-meta time").get_attribute("datetime") or "")
    assert (datetime.datetime.now(datetime.UTC).date() - built).days in (0, 1)  # the session's build, maybe at midnight
    words = f"Site release {RELEASE}, built {built.day} {built:%B %Y}."
    for path in FOOTER_PAGES:
        page.goto(f"{base_url}/{path}")
        footer = page.locator(".md-footer-meta")
        expect(footer).to_contain_text(words)
        expect(footer.locator("time")).to_have_attribute("datetime", built.isoformat())
        expect(footer.get_by_role("link", name="england.contactus@nhs.net")).to_have_attribute(
            "href", "mailto:england.contactus@nhs.net"
        )
        expect(footer.get_by_role("link", name="accessibility statement")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Next: ")).click()  # instant navigation keeps the footer
    expect(page.locator(".md-footer-meta")).to_contain_text(words)


def test_the_accessibility_statement_gives_the_contact(base_url: str, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{base_url}/about/accessibility/")
    contact = page.locator("article .lotus-contact")
    expect(contact).to_contain_text("To report a problem with this site")
    expect(contact.get_by_role("link", name="england.contactus@nhs.net")).to_have_attribute(
        "href", "mailto:england.contactus@nhs.net"
    )
    expect(contact.get_by_role("link", name="0300 311 22 33")).to_have_attribute("href", "tel:03003112233")


def test_the_credits_say_plainly_that_no_licence_is_stated_and_whom_to_ask(site: Path) -> None:
    credits = " ".join((site / "about/credits/index.html").read_text(encoding="utf-8").split())
    assert "The toolkit does not state a licence" in credits
    assert "ask its publisher, the NHS England North West System Improvement and Professional Standards" in credits
    assert "This site’s own words and code" in credits or "This site's own words and code" in credits


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("learn/four-elements/", ".lotus-copy-link"),
        ("about/link-catalogue/", ".lotus-copy-link"),
        ("transform/supporting-mental-health/", ".headerlink"),
    ],
)
def test_copy_link_controls_are_at_least_24_px_and_visible_on_a_touch_phone(
    browser: Browser, base_url: str, path: str, selector: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/{path}")
        assert page.evaluate("matchMedia('(hover: none)').matches")
        controls = page.locator(f"article {selector}")
        expect(controls.first).to_be_visible()
        boxes = controls.evaluate_all(
            """all => all.filter(e => e.checkVisibility()).map(e => {
                const r = e.getBoundingClientRect();
                return [r.width, r.height, Number(getComputedStyle(e).opacity)]; })"""
        )
        assert boxes and all(w >= 24 and h >= 24 and opacity == 1 for w, h, opacity in boxes), boxes
    finally:
        context.close()


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({}, "extra.help_now: list the routes to help now"),
        ({"help_now": "Samaritans"}, "extra.help_now: list the routes"),
        ({"help_now": [{"name": "X", "how": "to talk"}]}, "give 'X' a phone number (phone) or a web address (web)"),
        ({"help_now": [{"how": "to talk", "phone": "1"}]}, "each entry needs a 'name'"),
        (
            {"help_now": [{"name": "X", "how": "to talk", "href": "tel:1"}]},
            "a route has 'href', which the site does not use",
        ),
        ({"help_now": [{"name": "X", "how": "to talk", "phone": "tel:116123"}]}, "must be digits, in groups"),
        ({"help_now": [{"name": "X", "how": "to talk", "web": "javascript:alert(1)"}]}, "must start with https://"),
        ({"help_now": [{"name": "X", "how": "to talk", "web": "http://111.nhs.uk/"}]}, "must start with https://"),
    ],
)
def test_a_bad_help_now_setting_is_a_sentence_naming_mkdocs_yml(extra: dict[str, Any], words: str) -> None:
    with pytest.raises(PluginError) as raised:
        reader_support.help_routes(extra)
    assert str(raised.value).startswith("mkdocs.yml, extra.help_now") and words in str(raised.value)


@pytest.mark.parametrize(
    "extra",
    [
        {"help_now": [{"name": "X", "how": "to talk", "k" * 5000: 1}]},
        {"help_now": [{"name": "X" * 5000, "how": "to talk"}]},
        {"help_now": [{"name": "X", "how": "to talk", "phone": "1" * 5000 + "x"}]},
    ],
    ids=["a long unknown key", "a long name", "a long phone number"],
)
def test_a_message_about_help_now_quotes_only_a_little_of_it(extra: dict[str, Any]) -> None:
    with pytest.raises(PluginError) as raised:
        reader_support.help_routes(extra)
    assert len(str(raised.value)) < 300, str(raised.value)[:400]


def test_a_route_is_read_as_written_and_a_number_yaml_reads_as_an_integer_still_dials() -> None:
    routes = reader_support.help_routes({"help_now": [{"name": "NHS 111", "how": "for help", "phone": 111}]})
    assert routes == (reader_support.HelpRoute("NHS 111", "for help", "111", ""),)
    box = reader_support.help_now_box(routes)
    assert '<strong>NHS 111</strong>, for help: call <a href="tel:111">111</a>.' in box


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({}, "say whom readers write to"),
        ({"contact": {"name": "X"}}, "needs an 'email'"),
        ({"contact": {"name": "X", "email": "not an address"}}, "is not an email address"),
        ({"contact": {"name": "X", "email": "a@nhs.net", "phone": "tel:0300"}}, "'tel:0300' must be digits, in groups"),
        ({"contact": {"name": "X", "email": "a@nhs.net", "phone": ["0300"]}}, "must be digits, in groups"),
    ],
)
def test_a_bad_contact_is_a_sentence_naming_mkdocs_yml(extra: dict[str, Any], words: str) -> None:
    with pytest.raises(PluginError) as raised:
        reader_support.contact(extra)
    assert str(raised.value).startswith("mkdocs.yml, extra.contact") and words in str(raised.value)


def test_the_release_is_the_projects_and_source_date_epoch_fixes_the_build_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026, 00:00 UTC
    release = reader_support.release()
    assert (release.version, release.built, release.built_words) == (
        RELEASE,
        datetime.date(2026, 1, 1),
        "1 January 2026",
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_on_a_touch_phone_where_permalinks_always_show(
    browser: Browser, base_url: str, scheme: Literal["light", "dark"]
) -> None:
    """The site-wide axe test runs at desktop size with a mouse; this one where there is no hover."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, color_scheme=scheme
    )
    try:
        page = context.new_page()
        found = {}
        for path in [*sorted(HELP_PAGES), "about/accessibility/", "about/credits/"]:
            page.goto(f"{base_url}/{path}")
            violations = _axe(page)
            if violations:
                found[path] = violations
        assert found == {}
    finally:
        context.close()
