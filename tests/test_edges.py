"""Edges nobody had tried (issue 25, item 8): each tried as a reader or a platform would meet it, and kept."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Visit, serve_folder
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
