"""For trainers: every linkable part's address stays, the catalogue narrows and copies, and downloads as CSV/JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from mkdocs.structure.toc import AnchorLink

from lotus_tools.publish.catalogue import Entry, parts
from tests.conftest import PORT, ROOT, Visit

ANCHORS = ROOT / "tests" / "fixtures" / "anchors.txt"


def promised(*, aliases: bool = True) -> list[str]:
    """The promised addresses; an alias's line says so after the address, and the catalogue lists the part
    by its new address instead."""
    lines = [line for line in ANCHORS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [line.split()[0] for line in lines if aliases or "(alias of #" not in line]


def test_every_promised_address_still_lands_on_its_part(site: Path) -> None:
    """Removing or renaming an anchor fails here, unless an alias (an element with the old id) keeps it."""
    gone = []
    for address in promised():
        path, _, anchor = address.partition("#")
        page = site / path.lstrip("/") / "index.html"
        if not page.is_file() or (anchor and f'id="{anchor}"' not in page.read_text(encoding="utf-8")):
            gone.append(address)
    assert gone == [], "these addresses no longer land: keep each with an alias, see tests/fixtures/anchors.txt"


def test_parts_are_parsed_whatever_the_order_of_their_attributes_and_the_markup_inside() -> None:
    """What regular expressions over the HTML missed: a single-quoted id, classes in another order or with one
    more, a permalink whose attributes come the other way round, markup inside a title."""
    page = (
        "<h2 id='why-it-matters' class='lotus'>Why <em>it</em> matters<sup>3</sup>"
        '<a href="#why-it-matters" class="headerlink" title="Link to this section">¶</a></h2>'
        '<figure class="lotus-figure" id="figure-9-1"><img src="a.png" alt=""><figcaption>Figure 9.1: '
        '<a href="#x">The <code>flywheel</code></a><sup><a href="#ref-4">4</a></sup></figcaption></figure>'
        '<div id="exercise-9-1" class="exercise admonition lotus-x">\n<p class="admonition-title" id="t">'
        "Exercise 9.1 — Reflection for &amp; by Teams</p><p>Think.</p></div>"
        '<h3 id="not-in-the-contents">Raw</h3><figure id="table-9-2"><table></table></figure>'
        '<h4 id="too-deep">Deep</h4>'
    )
    toc = [AnchorLink("Why it matters", "why-it-matters", 2)]
    toc[0].children = [AnchorLink("Too &amp; deep", "too-deep", 4)]
    assert parts("/p/", page, toc, "9.9 A page") == [
        Entry("Section", "Why it matters", "/p/#why-it-matters"),
        Entry("Figure", "Figure 9.1: The flywheel", "/p/#figure-9-1"),
        Entry("Exercise", "9.9 A page — Exercise 9.1: Reflection for & by Teams", "/p/#exercise-9-1"),
        Entry("Table", "table-9-2", "/p/#table-9-2"),
    ]


def test_the_catalogue_downloads_list_every_part_with_its_full_address(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "downloads/link-catalogue.csv").read_text(encoding="utf-8"))))
    listed = json.loads((site / "downloads/link-catalogue.json").read_text(encoding="utf-8"))
    assert rows == listed
    base = f"http://127.0.0.1:{PORT}"
    addresses = {row["address"].removeprefix(base) for row in rows}
    assert set(promised(aliases=False)) <= addresses and all(row["address"].startswith(base + "/") for row in rows)
    assert {row["kind"] for row in rows} == {"Page", "Section", "Exercise", "Table", "Figure"}
    exercises = [row for row in rows if row["kind"] == "Exercise"]
    assert len(exercises) == 23
    assert all(row["title"].startswith(f"{row['section']} — Exercise ") for row in exercises)
    steps = [row["step"] for row in rows if row["step"].startswith("Step")]
    assert list(dict.fromkeys(steps)) == [
        f"Step {n}: {name}" for n, name in enumerate(["Learn", "Optimise", "Transform", "Utilise", "Strengthen"], 1)
    ]


def test_the_catalogue_page_is_grouped_by_step(site: Path) -> None:
    page = (site / "about/link-catalogue/index.html").read_text(encoding="utf-8")
    assert re.findall(r"<h2[^>]*>(Step \d: \w+)", page) == [
        "Step 1: Learn",
        "Step 2: Optimise",
        "Step 3: Transform",
        "Step 4: Utilise",
        "Step 5: Strengthen",
    ]


def test_the_catalogue_narrows_as_a_trainer_types_and_copies_all_shown(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(f"{base_url}/about/link-catalogue/")
    page.get_by_label("Show", exact=True).select_option("Exercise")
    page.get_by_text("23 links shown.").wait_for()
    page.get_by_label("Filter the catalogue").fill("burnout")
    page.get_by_text("1 link shown.").wait_for()
    page.get_by_role("button", name="Copy all shown").click()
    page.locator("#lotus-catalogue-count").get_by_text("copied").wait_for()
    assert page.locator("#lotus-catalogue-count").inner_text() == "1 link copied, one a line."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert (
        copied
        == f"5.2 How to avoid Compassion Fatigue, Burnout and how to nurture self-compassion? — Exercise 5.2: Reflection for Teams and Individuals – {base_url}/strengthen/compassion-fatigue/#exercise-5-2"
    )
    assert page.locator(".lotus-catalogue-step:not([hidden])").count() == 1


def test_an_opened_link_marks_its_target_and_heading_links_show_on_focus(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(f"{base_url}/learn/four-elements/")
    page.goto(f"{base_url}/strengthen/compassion-fatigue/#figure-5-2")
    page.locator("#figure-5-2.lotus-target").wait_for(state="attached")
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{base_url}/learn/four-elements/#exercise-1-3-t")
    outline = page.evaluate("getComputedStyle(document.getElementById('exercise-1-3-t')).outlineStyle")
    assert outline == "solid"
    link = page.locator("h2 a.headerlink").first
    link.focus()
    assert page.evaluate("(e) => getComputedStyle(e).opacity", link.element_handle()) == "1"
