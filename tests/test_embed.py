"""The embed view: shown in a frame on a site listed in extra.embed_origins, refused everywhere else."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from mkdocs.exceptions import PluginError

from lotus_tools.publish import hosting
from tests.conftest import ROOT, Visit, _free_port, score_one, serve_folder, site_build
from tests.test_hosting import _HeadersHandler


@pytest.fixture(scope="module")
def platforms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """A learning platform allowed to frame the site, one that is not, and the site built to allow the first."""
    allowed_dir, other_dir = tmp_path_factory.mktemp("allowed"), tmp_path_factory.mktemp("other")
    servers = contextlib.ExitStack()
    allowed_url = servers.enter_context(serve_folder(allowed_dir))
    other_url = servers.enter_context(serve_folder(other_dir))
    folder = tmp_path_factory.mktemp("embed")
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
        f"hooks: [{ROOT / 'lotus_tools' / 'publish' / 'hooks.py'}]\nwatch: [{ROOT / 'lotus_tools'}]\n"
        f"theme: {{name: material, custom_dir: {ROOT / 'overrides'}}}\n"
        f"extra: {{embed_origins: ['{allowed_url}']}}\n",
        encoding="utf-8",
    )
    site_dir = folder / "site"
    port = _free_port()
    built = site_build("-f", str(config), "--site-dir", str(site_dir), LOTUS_SITE_URL=f"http://127.0.0.1:{port}/")
    assert built.returncode == 0, built.stderr[-3000:]
    rules = hosting.parse_headers((site_dir / "_headers").read_text(encoding="utf-8"))
    handler = type("Handler", (_HeadersHandler,), {"rules": rules})
    site_url = servers.enter_context(serve_folder(site_dir, handler, port))
    frames = (
        f'<iframe title="Exercise" src="{site_url}/learn/four-elements/?embed#exercise-1-3-i" width="800" height="600"></iframe>'
        f'<iframe title="Calculator" src="{site_url}/tools/triage-calculator/?embed" width="800" height="1200"></iframe>'
    )
    for directory in (allowed_dir, other_dir):
        (directory / "index.html").write_text(f"<!doctype html><title>Course</title>{frames}", encoding="utf-8")
    with servers:
        yield allowed_url, other_url, site_url


def test_the_policy_names_only_the_listed_platforms(platforms: tuple[str, str, str]) -> None:
    allowed, _, site = platforms
    assert f"frame-ancestors {allowed};" in hosting.content_security_policy([], frame_ancestors=(allowed,)) + ";"
    assert "frame-ancestors 'none'" in hosting.content_security_policy([])


def test_an_allowed_platform_shows_one_exercise_and_a_working_calculator(
    platforms: tuple[str, str, str], visit: Visit
) -> None:
    allowed, _, site = platforms
    page = visit.page
    page.goto(f"{allowed}/")
    exercise = page.frame_locator('iframe[title="Exercise"]')
    exercise.locator("#exercise-1-3-i").wait_for()
    assert exercise.locator(".md-header").is_hidden() and exercise.locator("#exercise-1-3-t").is_hidden()
    link = exercise.get_by_role("link", name="Open in the full toolkit")
    assert link.get_attribute("href") == f"{site}/learn/four-elements/#exercise-1-3-i"
    calculator = page.frame_locator('iframe[title="Calculator"]')
    calculator.get_by_text("The calculator is ready.").wait_for(timeout=60_000)
    score_one(calculator, "Financial", "3 – Moderate", "4 – Likely")
    calculator.get_by_text("Risk score 3 x 4 = 12").wait_for()
    assert calculator.locator(".md-sidebar--primary").is_hidden()


def test_any_other_site_is_refused(platforms: tuple[str, str, str], visit: Visit) -> None:
    _, other, site = platforms
    page = visit.page
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(f"{other}/", wait_until="load")
    page.wait_for_function("document.querySelectorAll('iframe').length === 2")
    frames = [frame for frame in page.frames if frame != page.main_frame]
    assert len(frames) == 2
    for frame in frames:
        assert not frame.url.startswith(site) or frame.locator("#exercise-1-3-i, .lotus-calculator").count() == 0
    assert any("frame-ancestors" in message for message in refused), refused


@pytest.mark.parametrize(
    ("origins", "words"),
    [
        ("https://x.example", "mkdocs.yml, extra.embed_origins: List the sites"),
        (["x.example"], "'x.example' is not an origin"),
        (["https://x.example/path"], "is not an origin"),
    ],
)
def test_a_bad_embed_origin_is_a_sentence_naming_mkdocs_yml(origins: object, words: str) -> None:
    with pytest.raises(PluginError) as raised:
        hosting.embed_origins({"embed_origins": origins})
    assert words in str(raised.value)
