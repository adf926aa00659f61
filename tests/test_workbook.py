"""The reflection workbook: the exercises' questions collected once, answered on the page, kept as the
reader chooses, gathered on My workbook, downloaded as .docx/.odt and opened again."""

from __future__ import annotations

import base64
import functools
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from odf import opendocument, teletype
from odf import text as odf_text
from playwright.sync_api import Browser, expect

from lotus_tools.core import record, workbook
from lotus_tools.core.templates import EXTENT
from lotus_tools.core.worker_api import call
from lotus_tools.publish import documents, workbook_page
from lotus_tools.publish import workbook as built_workbook
from tests import template_source
from tests.conftest import MOUNTED, ROOT, Visit, recorded_visit, slow_start
from tests.test_quality import MATERIAL_KEYS, _axe

STORE = built_workbook.STORE
OPENING = "Opening your saved workbook…"
PAGES = ("learn/four-elements/", "transform/triage/", "strengthen/empathy-trap/")
TRICKY = "<b>&\"' 東京 — ünïcode\nsecond line"
SOURCE = ROOT / "tests" / "fixtures" / "source.txt"
KEYS = ROOT / "tests" / "fixtures" / "workbook-keys.txt"
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_AUDIENCE = re.compile(r"^[A-Z][a-z]+(?:/[A-Z][a-z]+)?: ")
"""A paragraph of an exercise addressed to one audience: "Team: ...", "Teams/Organisations: ..."."""
_NAV = re.compile(r"^(?:- )?(?:\*\*)?\[?\d+\.\d+ ")
"""The old layout's list of section links, or the next section's heading: an exercise has ended."""


@functools.cache
def exercises() -> tuple[built_workbook.Exercise, ...]:
    """The exercises as the build collects them, from mkdocs.yml's navigation."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return built_workbook.collect(get_navigation(get_files(config), config))


def blank() -> bytes:
    return documents.docx_bytes(built_workbook.template(exercises()))


def _clean(text: str) -> str:
    return template_source.normalise(template_source.plain(_LINK.sub(r"\1", text)))


@dataclass(frozen=True)
class Asked:
    """What one exercise of the source asks: its questions in order, and the lead-ins that only introduce some."""

    questions: tuple[str, ...]
    leads: tuple[str, ...]


@functools.cache
def asked() -> dict[str, Asked]:
    """Every exercise of the source text, by id, read from its list items, their sub-items and its paragraphs
    for one audience ("Team: ..."). A line followed by lines it introduces is a lead-in, a question as well only
    where it ends in "?"; an exercise that lists nothing asks in prose, for one answer."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    found = {}
    for number, line in enumerate(lines):
        label = re.match(r"\s*Exercise (\d+(?:\.\d+)*(?:\.[a-z])?)", line)
        if not label:
            continue
        parts: list[tuple[str, str]] = []
        blanks = 0
        for following in lines[number + 1 :]:
            blanks = blanks + 1 if not following.strip() else 0
            if blanks == 3 or "TRY THIS" in following or _NAV.match(following):
                break
            item = re.match(r"^( ?)- (.+)$", following.rstrip())
            if item:
                parts.append(("sub" if item[1] else "item", _clean(item[2])))
            elif _AUDIENCE.match(following):
                parts.append(("audience", _clean(following)))
        questions, leads = [], []
        for index, (kind, text) in enumerate(parts):
            after = parts[index + 1][0] if index + 1 < len(parts) else ""
            introduces = (kind, after) in {("item", "sub"), ("audience", "item")}
            if introduces:
                leads.append(text)
            if not introduces or text.endswith("?"):
                questions.append(text)
        found["exercise-" + label[1].replace(".", "-")] = Asked(
            tuple(questions) or (built_workbook.WHOLE,), tuple(lead for lead in leads if not lead.endswith("?"))
        )
    return found


def test_every_question_the_source_asks_has_its_answer_box_in_the_sources_order() -> None:
    """Among them the sub-questions of 1.4.t and 3.2, the Team questions of 5.2 and 5.5 and the Teams task of 5.4."""
    collected = {e.ident: tuple(_clean(item["question"]) for item in e.answers()) for e in exercises()}
    assert len(asked()) == 23 and set(collected) == set(asked())
    wrong = {ident: collected[ident] for ident, source in asked().items() if collected[ident] != source.questions}
    assert wrong == {}


def test_a_lead_in_that_only_introduces_questions_is_shown_as_text_without_a_box_of_its_own() -> None:
    shown = {e.ident: tuple(_clean(q.text) for q in e.walk() if not q.key) for e in exercises()}
    assert {ident: source.leads for ident, source in asked().items() if source.leads} == {
        ident: leads for ident, leads in shown.items() if leads
    }
    assert shown["exercise-1-4-t"] == ("Your organisation's top leadership/board's behaviours:",)


_PARAGRAPHS = {
    "docx": ("word/document.xml", {"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"}),
    "odt": ("content.xml", {f"{{urn:oasis:names:tc:opendocument:xmlns:text:1.0}}{tag}" for tag in ("p", "h")}),
}


def paragraphs(package: bytes, form: str) -> list[str]:
    """The text of every paragraph and heading of a .docx or .odt, in document order, in tables too."""
    part, tags = _PARAGRAPHS[form]
    root = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(package)).read(part))
    return ["".join(element.itertext()) for element in root.iter() if element.tag in tags]


@pytest.mark.parametrize("form", ["docx", "odt"])
def test_the_blank_workbook_holds_every_exercises_lead_ins_and_questions_in_order(form: str) -> None:
    blanks = {download.path.rsplit(".", 1)[1]: download.content for download in built_workbook.downloads(exercises())}
    found = paragraphs(blanks[form], form)
    for exercise in exercises():
        at = found.index(exercise.title)
        for question in exercise.walk():
            at = found.index(question.text, at + 1)


def test_the_23_exercises_are_collected_in_the_toolkits_order_with_their_questions() -> None:
    found = exercises()
    assert len(found) == 23
    numbers = [tuple(e.title.split(" ")[1].split(".")) for e in found]
    assert numbers[0] == ("1", "2", "i") and numbers[-1] == ("5", "5")
    assert [e.step for e in found][0] == "Step 1: Learn" and found[-1].step == "Step 5: Strengthen"
    keys = [item["key"] for e in found for item in e.answers()]
    assert len(keys) == len(set(keys)) and all(re.fullmatch(r"exercise_[a-z0-9_]+_\d+", key) for key in keys)
    text = (ROOT / "tests" / "fixtures" / "source.txt").read_text(encoding="utf-8")
    source = template_source.normalise(template_source.plain(re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)))
    for exercise in found:
        for question in exercise.walk():
            if question.text != built_workbook.WHOLE:
                assert template_source.normalise(question.text) in source, question


def test_the_blank_workbook_has_a_place_for_every_answer_and_the_date() -> None:
    document = docx.Document(io.BytesIO(blank()))
    names = {mark.get(docx.oxml.ns.qn("w:name")) for mark in document.element.iter(docx.oxml.ns.qn("w:bookmarkStart"))}
    keys = {item["key"] for e in exercises() for item in e.answers()}
    assert keys | {workbook.DATE, built_workbook.APPRAISER} == {name for name in names if name[0] != EXTENT}
    extents = {"_" + e.ident.replace("-", "_") for e in exercises()} | {f"_step_{n}" for n in range(1, 6)}
    assert {name for name in names if name[0] == EXTENT} == extents
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[:2] == [built_workbook.TITLE, "Step 1: Learn"] and "Step 5: Strengthen" in headings


def test_every_answer_key_ever_given_still_names_a_question_or_is_moved_to_one() -> None:
    """Saved workbooks and kept answers still open whole: no key is reused, a lead-in's old key is moved."""
    promised = [line for line in KEYS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    keys = [item["key"] for e in exercises() for item in e.answers()]
    assert sorted(keys) == sorted(set(keys)) and set(keys) <= set(promised)
    assert {key: workbook.MOVED.get(key, key) for key in promised if workbook.MOVED.get(key, key) not in keys} == {}
    assert set(workbook.MOVED) <= set(promised) - set(keys)
    assert workbook.MOVED["exercise_1_4_t_1"] == workbook.answer_key("exercise-1-4-t", 1, 1)


def renamed(package: bytes, old: str, new: str) -> bytes:
    """A .docx with its bookmark ``old`` renamed ``new``, as a blank of an earlier release named it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == record.DOCUMENT:
                data = data.replace(f'w:name="{old}"'.encode(), f'w:name="{new}"'.encode())
            target.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize("form", ["docx", "odt"])
def test_an_answer_kept_under_a_lead_ins_old_key_is_written_and_read_under_its_first_question(form: str) -> None:
    template = built_workbook.template(exercises())
    empty = documents.docx_bytes(template) if form == "docx" else documents.odt_bytes(template)
    new = workbook.MOVED["exercise_3_2_3"]
    filled = workbook.fill(empty, {"exercise_3_2_3": "About the letter", new: "Scope to improve"}, "today", form)
    both = [p for p in paragraphs(filled, form) if "About the letter" in p]
    assert len(both) == 1 and both[0].index("About the letter") < both[0].index("Scope to improve")
    if form == "docx":
        assert workbook.read(filled) == {new: "About the letter\n\nScope to improve"}
        saved_before = renamed(workbook.fill(empty, {new: "About the letter"}, "today"), new, "exercise_3_2_3")
        assert workbook.read(saved_before) == {new: "About the letter"}


@pytest.mark.parametrize("form", ["docx", "odt"])
def test_answers_are_written_in_order_with_any_text_intact_and_read_back(form: str) -> None:
    found = exercises()
    answers = {found[0].answers()[0]["key"]: TRICKY, found[-1].answers()[-1]["key"]: "Last answer"}
    template = built_workbook.template(found)
    empty = documents.docx_bytes(template) if form == "docx" else documents.odt_bytes(template)
    filled = workbook.fill(empty, answers, "28 November 2026", form)
    if form == "docx":
        assert workbook.read(filled) == answers
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(filled)).paragraphs)
        cells = [c.text for t in docx.Document(io.BytesIO(filled)).tables for r in t.rows for c in r.cells]
        text += "\n".join(cells)
    else:
        document = opendocument.load(io.BytesIO(filled))
        text = "\n".join(teletype.extractText(p) for p in document.getElementsByType(odf_text.P))
    assert "<b>&\"' 東京 — ünïcode" in text and "28 November 2026" in text
    first, last = found[0].answers()[0]["question"], found[-1].answers()[-1]["question"]
    assert text.index(first) < text.index("<b>&") < text.index(last) < text.index("Last answer")


def test_the_worker_refuses_what_is_not_a_workbook_answer_in_words() -> None:
    empty = blank()
    for request, words in (
        ({"answers": {"practitioner_name": "x"}}, "is not the name of an exercise question"),
        ({"answers": {"exercise_9_9_1": "x"}}, "has no question 'exercise_9_9_1'"),
        ({"answers": {"exercise_1_2_i_1": 5}}, "must be text"),
        ({"answers": "text"}, "must map each question"),
        ({"answers": {}, "format": "pdf"}, "can be made as docx or odt"),
    ):
        answer = json.loads(call("fill_workbook", json.dumps(request), empty))
        assert answer["ok"] is False and words in answer["message"], answer
    from lotus_tools.core.templates import TEMPLATES

    triage = documents.docx_bytes(TEMPLATES["appendix-2"])
    answer = json.loads(call("read_workbook", "{}", triage))
    assert answer["ok"] is False and "not a workbook made by this site" in answer["message"]
    assert json.loads(call("read_workbook", "{}", b"PK broken"))["message"].startswith(record.NOT_A_RECORD[:20])


# --- In the browser -----------------------------------------------------------------------


def answer_on(page, path: str, base_url: str, text: str) -> str:
    """Open the first exercise on ``path``, answer its first question; the exercise's id."""
    page.goto(f"{base_url}/{path}")
    block = page.locator(".admonition.exercise[data-workbook]").first
    block.get_by_role("button", name="Answer this exercise").click()
    box = block.locator("textarea").first
    box.fill(text)
    return block.get_attribute("id") or ""


def stored(page) -> dict[str, list[str]]:
    """What the site keeps in the browser, beyond the theme's own preferences."""
    kept = page.evaluate("() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})")
    return {area: [key for key in keys if not MATERIAL_KEYS.match(key)] for area, keys in kept.items()}


def test_answers_are_kept_in_the_tab_through_links_back_and_reload_and_gone_in_a_new_tab(
    visit: Visit, base_url: str
) -> None:
    page = visit.page
    idents = [answer_on(page, path, base_url, f"Answer {n} {TRICKY}") for n, path in enumerate(PAGES)]
    page.go_back()
    page.locator(f"#{idents[1]} textarea").first.wait_for()
    assert page.locator(f"#{idents[1]} textarea").first.input_value() == f"Answer 1 {TRICKY}"
    page.go_forward()
    page.locator(f"#{idents[2]} textarea").first.wait_for()
    assert page.locator(f"#{idents[2]} textarea").first.input_value() == f"Answer 2 {TRICKY}"
    page.go_back()
    page.locator(f"#{idents[1]} textarea").first.wait_for()
    page.reload()
    assert page.locator(f"#{idents[1]} textarea").first.input_value() == f"Answer 1 {TRICKY}"
    page.locator(f"#{idents[1]}").get_by_role("link", name="My workbook: all your answers").click()
    page.get_by_text("3 of 23 exercises answered.").wait_for()
    for n, ident in enumerate(idents):
        key = workbook.answer_key(ident, 1)
        assert page.locator(f'[data-answer="{key}"]').inner_text() == f"Answer {n} {TRICKY}"
    assert stored(page) == {"local": [], "session": [STORE]}
    other = page.context.new_page()
    other.goto(f"{base_url}/tools/workbook/")
    other.get_by_text("0 of 23 exercises answered.").wait_for()
    assert visit.other_hosts(base_url) == [] and visit.errors == []


def test_kept_on_this_device_they_reach_a_new_tab_until_forgotten(visit: Visit, base_url: str) -> None:
    page = visit.page
    ident = answer_on(page, PAGES[0], base_url, "Kept on this device")
    page.locator(f"#{ident}").get_by_label("Keep my answers on this device").check()
    assert stored(page) == {"local": [STORE], "session": []}
    other = page.context.new_page()
    other.goto(f"{base_url}/{PAGES[0]}")
    assert other.locator(f"#{ident} textarea").first.input_value() == "Kept on this device"
    other.locator(f"#{ident}").get_by_role("button", name="Forget my answers").click()
    other.get_by_text("All your workbook answers are forgotten").wait_for()
    assert stored(other) == {"local": [], "session": []}
    page.reload()
    assert page.locator(f"#{ident} textarea").first.input_value() == ""
    page.goto(f"{base_url}/tools/workbook/")
    page.get_by_text("0 of 23 exercises answered.").wait_for()


def test_the_workbook_downloads_and_opens_again_on_a_fresh_page(visit: Visit, base_url: str, tmp_path: Path) -> None:
    page = visit.page
    idents = [answer_on(page, path, base_url, f"Answer {n} {TRICKY}") for n, path in enumerate(PAGES)]
    page.goto(f"{base_url}/tools/workbook/")
    page.get_by_text("3 of 23 exercises answered.").wait_for()
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download my workbook (.docx)").click()
        page.locator("#lotus-workbook-status").get_by_text("has been downloaded").wait_for(timeout=90_000)
    saved = tmp_path / "mine.docx"
    download.value.save_as(saved)
    assert workbook.read(saved.read_bytes()) == {
        workbook.answer_key(ident, 1): f"Answer {n} {TRICKY}" for n, ident in enumerate(idents)
    }
    page.get_by_role("button", name="Forget my answers").click()
    page.get_by_text("0 of 23 exercises answered.").wait_for()
    fresh = page.context.new_page()
    fresh.goto(f"{base_url}/tools/workbook/")
    fresh.wait_for_function(MOUNTED)  # a reader cannot pick a file before then: the control ships hidden
    fresh.get_by_label("Open a saved workbook (.docx)").set_input_files(saved)
    fresh.get_by_text("3 of 23 exercises answered.").wait_for(timeout=60_000)
    key = workbook.answer_key(idents[2], 1)
    assert fresh.locator(f'[data-answer="{key}"]').inner_text() == f"Answer 2 {TRICKY}"
    assert visit.other_hosts(base_url) == []


def test_no_accessibility_violation_with_the_answer_boxes_open(visit: Visit, base_url: str) -> None:
    page = visit.page
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        answer_on(page, PAGES[0], base_url, "An answer")
        assert _axe(page) == [], scheme
        page.goto(f"{base_url}/tools/workbook/")
        page.get_by_text("1 of 23 exercises answered.").wait_for()
        assert _axe(page) == [], scheme
        page.evaluate("() => sessionStorage.clear()")


def test_the_answer_boxes_work_from_the_keyboard(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(f"{base_url}/{PAGES[0]}")
    button = page.locator(".admonition.exercise .lotus-answers-toggle").first
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"
    page.keyboard.type("Typed by keyboard")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"
    assert button.get_attribute("aria-expanded") == "true"


def test_a_team_exercise_shows_alone_for_a_meeting_and_escape_brings_the_page_back(visit: Visit, base_url: str) -> None:
    page = visit.page
    page.goto(f"{base_url}/learn/four-elements/")
    team = page.locator("#exercise-1-3-t")
    team.get_by_role("button", name="Answer this exercise").click()
    team.get_by_role("button", name="Show alone: meeting or worksheet").click()
    assert page.locator(".md-header").is_hidden() and page.locator("#exercise-1-3-i").is_hidden()
    assert team.locator("textarea").first.is_visible()
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('#exercise-1-3-t')).fontSize)")
    assert size >= 24
    team.locator("textarea").first.fill("The team's note")
    page.keyboard.press("Escape")
    assert page.locator(".md-header").is_visible() and page.locator("#exercise-1-3-i").is_visible()
    assert page.evaluate("() => document.activeElement.textContent") == "Show alone: meeting or worksheet"
    team.get_by_role("button", name="Show alone: meeting or worksheet").click()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert page.locator(".lotus-print-header").is_visible() and page.locator("#exercise-1-3-i").is_hidden()


def test_every_exercise_prints_alone_as_a_one_page_worksheet_with_room_to_write(visit: Visit, base_url: str) -> None:
    """A trainer prints any of the 23 exercises for a workshop: one sheet each, every question with its box."""
    page = visit.page
    too_long = {}
    for exercise in exercises():
        page.goto(f"{base_url}/{exercise.url}")
        box = page.locator(f"#{exercise.ident}")
        box.get_by_role("button", name="Answer this exercise").click()
        box.get_by_role("button", name="Show alone: meeting or worksheet").click()
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        boxes = box.locator("textarea")
        assert boxes.count() == len(exercise.answers())
        assert min(boxes.evaluate_all("all => all.map(e => e.getBoundingClientRect().height)")) >= 40
        pages = len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4")))
        if pages != 1:
            too_long[exercise.ident] = pages
        page.emulate_media(media="screen")
        page.keyboard.press("Escape")
    assert too_long == {}


def texts(package: bytes, form: str) -> list[str]:
    """Every paragraph's text of a .docx (read by python-docx, tables too) or .odt (read by odfpy, headings too)."""
    if form == "docx":
        document = docx.Document(io.BytesIO(package))
        cells = [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
        return [p.text for p in document.paragraphs] + cells
    loaded = opendocument.load(io.BytesIO(package))
    return [teletype.extractText(p) for kind in (odf_text.P, odf_text.H) for p in loaded.getElementsByType(kind)]


def chosen() -> tuple[list[built_workbook.Exercise], dict[str, str]]:
    """Three exercises in two steps, one of them a team exercise with a lead-in, each with one answer."""
    found = {e.ident: e for e in exercises()}
    picked = [found["exercise-1-2-i"], found["exercise-1-4-t"], found["exercise-5-5"]]
    return picked, {e.answers()[-1]["key"]: f"Answer to {e.title}" for e in picked}


@pytest.mark.parametrize("form", ["docx", "odt"])
def test_an_answered_only_workbook_holds_only_the_answered_exercises_with_their_steps(form: str) -> None:
    template = built_workbook.template(exercises())
    empty = documents.docx_bytes(template) if form == "docx" else documents.odt_bytes(template)
    picked, answers = chosen()
    found = texts(workbook.fill(empty, answers, "today", form, workbook.ANSWERED), form)
    assert [e.title for e in exercises() if e.title in found] == [e.title for e in picked]
    for exercise in picked:
        assert {q.text for q in exercise.walk()} <= set(found)
    others = {q.text for e in exercises() if e not in picked for q in e.walk()}
    ours = {q.text for e in picked for q in e.walk()}
    assert others & set(found) <= ours
    assert set(answers.values()) <= {line for text in found for line in text.split("\n")}
    steps = {e.step for e in exercises()}
    assert sorted(steps & set(found)) == ["Step 1: Learn", "Step 5: Strengthen"]
    assert {built_workbook.TITLE, "Date downloaded", "today", "For an appraiser or supervisor"} <= set(found)
    every = texts(workbook.fill(empty, answers, "today", form, workbook.ALL), form)
    assert [e.title for e in exercises() if e.title in every] == [e.title for e in exercises()]
    if form == "docx":
        saved = workbook.fill(empty, answers, "today", form, workbook.ANSWERED)
        assert workbook.read(saved) == answers


def test_the_worker_makes_the_workbook_the_page_chose_and_refuses_an_empty_one_in_words() -> None:
    picked, answers = chosen()
    for choice, titles in ((workbook.ANSWERED, [e.title for e in picked]), (workbook.ALL, None)):
        answer = json.loads(call("fill_workbook", json.dumps({"answers": answers, "exercises": choice}), blank()))
        assert answer["ok"] is True, answer
        found = texts(base64.b64decode(answer["file"]), "docx")
        assert [e.title for e in exercises() if e.title in found] == (titles or [e.title for e in exercises()])
    older = json.loads(call("fill_workbook", json.dumps({"answers": answers}), blank()))
    assert len([e for e in exercises() if e.title in texts(base64.b64decode(older["file"]), "docx")]) == 23
    for request, words in (
        ({"answers": {}, "exercises": workbook.ANSWERED}, "You have not answered any exercise yet"),
        ({"answers": answers, "exercises": "some"}, "can hold only the exercises you answered or all of them"),
    ):
        answer = json.loads(call("fill_workbook", json.dumps(request), blank()))
        assert answer["ok"] is False and words in answer["message"], answer


def test_the_download_holds_only_the_answered_exercises_unless_all_are_chosen_from_the_keyboard(
    visit: Visit, base_url: str, tmp_path: Path
) -> None:
    page = visit.page
    idents = {answer_on(page, path, base_url, f"Answer {n}") for n, path in enumerate(PAGES)}
    page.goto(f"{base_url}/tools/workbook/")
    page.get_by_text("3 of 23 exercises answered.").wait_for()
    labels = workbook_page.exercise_choices(len(exercises()))
    choice = page.get_by_role("group", name=workbook_page.EXERCISES_LEGEND)
    assert choice.get_by_role("radio", name=labels[workbook.ANSWERED]).is_checked()

    def downloaded() -> list[str]:
        with page.expect_download(timeout=30_000) as download:
            page.get_by_role("button", name="Download my workbook (.docx)").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        page.locator("#lotus-workbook-status").get_by_text("has been downloaded").wait_for()
        found = texts(saved.read_bytes(), "docx")
        return [exercise.ident for exercise in exercises() if exercise.title in found]

    assert downloaded() == [exercise.ident for exercise in exercises() if exercise.ident in idents]
    choice.get_by_role("radio", name=labels[workbook.ANSWERED]).focus()
    page.keyboard.press("ArrowDown")
    assert choice.get_by_role("radio", name=labels[workbook.ALL]).is_checked()
    assert downloaded() == [exercise.ident for exercise in exercises()]
    assert visit.errors == []


def test_while_a_saved_workbook_opens_the_count_says_so_and_then_gives_the_real_count(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    """Python's start takes seconds: meanwhile "0 of 23 exercises answered" would read as a failed open."""
    _, answers = chosen()
    saved = tmp_path / "mine.docx"
    saved.write_bytes(workbook.fill(blank(), answers, "today"))
    with recorded_visit(browser, [slow_start(start_ms=4_000)]) as visit:
        page = visit.page
        page.goto(f"{base_url}/tools/workbook/")
        page.wait_for_function(MOUNTED)
        progress = page.locator("#lotus-workbook-progress")
        assert progress.inner_text() == "0 of 23 exercises answered."
        page.get_by_label("Open a saved workbook (.docx)").set_input_files(saved)
        expect(progress).to_have_text(OPENING, timeout=2_000)
        page.get_by_text("mine.docx is open").wait_for(timeout=30_000)
        assert progress.inner_text() == "3 of 23 exercises answered."
        assert visit.errors == []
