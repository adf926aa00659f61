"""The hosting recipe: the built site served with exactly the headers the build writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lotus_tools.publish import hosting
from tests.conftest import Visit, _Handler, score_one, serve_folder
from tests.test_quality import site_pages

CSP_WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def watch_policy(page: Any) -> list[str]:
    """Record the page's policy refusals: ``window.__violations`` in the page, and the console's in the list returned."""
    page.add_init_script(CSP_WATCH)
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused


class _HeadersHandler(_Handler):
    rules: hosting.Rules = []

    def end_headers(self) -> None:
        for name, value in hosting.headers_for(self.rules, self.path.split("?")[0]):
            self.send_header(name, value)
        super().end_headers()


@pytest.fixture(scope="module")
def hosted(site: Path) -> Iterator[str]:
    """The built site served with its own ``_headers``."""
    handler_class = type(
        "Handler", (_HeadersHandler,), {"rules": hosting.parse_headers((site / "_headers").read_text())}
    )
    with serve_folder(site, handler_class) as address:
        yield address


def test_the_build_writes_the_recipe_headers(site: Path) -> None:
    rules = dict(hosting.parse_headers((site / "_headers").read_text()))
    everywhere = dict(rules["/*"])
    policy = everywhere["Content-Security-Policy"]
    assert policy.startswith(hosting.content_security_policy([]).split(";")[0])
    assert "'wasm-unsafe-eval'" in policy and "worker-src 'self'" in policy and "http" not in policy
    assert everywhere["X-Content-Type-Options"] == "nosniff"
    assert everywhere["Referrer-Policy"] == "no-referrer"


def test_every_page_works_under_the_policy(site: Path, hosted: str, visit: Visit) -> None:
    refused = watch_policy(visit.page)
    found = {}
    for path in site_pages(site):
        visit.page.goto(f"{hosted}/{path}", wait_until="networkidle")
        violations = visit.page.evaluate("window.__violations")
        if violations:
            found[path] = violations
    assert found == {}
    assert refused == []


def test_search_and_the_calculator_work_under_the_policy(hosted: str, real_visit: Visit) -> None:
    page = real_visit.page
    refused = watch_policy(page)
    page.goto(f"{hosted}/")
    page.get_by_role("heading", level=1).wait_for()
    page.keyboard.press("/")
    page.keyboard.type("burnout")
    page.locator(".md-search-result").get_by_role("link").first.wait_for(timeout=30_000)
    page.goto(f"{hosted}/tools/triage-calculator/")
    page.get_by_text("The calculator is ready.").wait_for(timeout=60_000)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()
    with page.expect_download():
        page.get_by_role("button", name="Download triage record (.docx)").click()
    assert page.evaluate("window.__violations") == []
    assert refused == []
