"""The blank .docx and .odt of each template, and the template pages: complete, editable, reproducible."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from odf import opendocument, teletype
from odf import table as odf_table
from odf import text as odf_text
from playwright.sync_api import expect

from lotus_tools.core.templates import RATING_NOTE, TEMPLATES, Field, Fields, Template
from lotus_tools.publish import document_layout, documents, template_pages
from tests import source_coverage, template_source
from tests.conftest import Visit
from tests.template_source import normalise, plain
from tests.test_calculator import RESTARTED

ROOT = Path(__file__).resolve().parent.parent
KEYS = tuple(TEMPLATES)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def docx_text(content: bytes) -> str:
    """A .docx's paragraphs and table cells, one string."""
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return normalise(" ".join(parts))


def odt_text(content: bytes) -> str:
    """An .odt's headings and paragraphs (table cells' included), one string."""
    document = opendocument.load(io.BytesIO(content))
    elements = document.getElementsByType(odf_text.H) + document.getElementsByType(odf_text.P)
    return normalise(" ".join(teletype.extractText(element) for element in elements))


def expected(key: str) -> list[str]:
    """The source's strings a document of the template must hold (a letter carries no title)."""
    strings = [plain(s) for s in template_source.strings(key)]
    return strings[1:] if TEMPLATES[key].letter else strings


@pytest.mark.parametrize("key", KEYS)
def test_the_blank_docx_opens_and_holds_every_label_hint_and_factor(key: str) -> None:
    content = documents.docx_bytes(TEMPLATES[key])
    text = docx_text(content)
    assert [s for s in expected(key) if s not in text] == []
    document = docx.Document(io.BytesIO(content))
    assert document.core_properties.title == TEMPLATES[key].title
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4


@pytest.mark.parametrize("key", KEYS)
def test_the_blank_odt_opens_and_holds_every_label_hint_and_factor(key: str) -> None:
    content = documents.odt_bytes(TEMPLATES[key])
    assert [s for s in expected(key) if s not in odt_text(content)] == []
    document = opendocument.load(io.BytesIO(content))
    assert document.getMediaType() == "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize("key", ["appendix-2", "appendix-4"])
def test_forms_are_tables_with_a_heading(key: str) -> None:
    document = docx.Document(io.BytesIO(documents.docx_bytes(TEMPLATES[key])))
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.paragraphs[0].text == TEMPLATES[key].title
    assert len(document.tables) == sum(isinstance(b, Fields) for b in TEMPLATES[key].blocks) + (key == "appendix-4") * 2
    odt = opendocument.load(io.BytesIO(documents.odt_bytes(TEMPLATES[key])))
    assert len(odt.getElementsByType(odf_text.H)) >= 1


def test_the_letter_is_a_letter_with_its_placeholders() -> None:
    document = docx.Document(io.BytesIO(documents.docx_bytes(TEMPLATES["appendix-5"])))
    assert document.tables == []
    lines = [p.text for p in document.paragraphs]
    assert lines[0] == "Enquiries to: [Insert name]" and lines[-1] == "NHS England"
    assert document.paragraphs[0].alignment is not None  # the reference block is set to the right


@pytest.mark.parametrize("key", KEYS)
def test_each_field_has_one_bookmarked_place_in_the_blank_docx(key: str) -> None:
    xml = zipfile.ZipFile(io.BytesIO(documents.docx_bytes(TEMPLATES[key]))).read("word/document.xml").decode()
    names = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>', xml)
    fields = list(TEMPLATES[key].fields())
    record_only = [RATING_NOTE] if key == "appendix-2" else []  # where a record says the rating was set by hand
    assert sorted(names) == sorted(
        [*record_only, *(n for f in fields for n in ([f.choice_key(c) for c in f.choices] or [f.key]))]
    )
    for field in fields:
        if not field.choices:
            between = re.search(rf'w:name="{field.key}"/>(.*?)<w:bookmarkEnd', xml)
            assert between is not None
            assert re.sub(r"<[^>]+>", "", between[1]) == field.placeholder  # an empty cell, or the letter's stand-in


def place_names(key: str) -> list[str]:
    """Every name a field's place goes by: its key, or one per choice (``rating_green``)."""
    return [n for f in TEMPLATES[key].fields() for n in ([f.choice_key(c) for c in f.choices] or [f.key])]


@pytest.mark.parametrize("key", KEYS)
def test_each_field_place_is_one_bookmark_pair_in_one_paragraph_in_both_formats(key: str) -> None:
    """The fillers of both formats find each field by a bookmark named after its key, within one paragraph."""
    names = place_names(key)
    word = zipfile.ZipFile(io.BytesIO(documents.docx_bytes(TEMPLATES[key]))).read("word/document.xml").decode()
    odf = zipfile.ZipFile(io.BytesIO(documents.odt_bytes(TEMPLATES[key]))).read("content.xml").decode()
    for xml, start, end, paragraph in (
        (word, r'<w:bookmarkStart w:id="(\d+)" w:name="{}"/>', r'<w:bookmarkEnd w:id="{}"/>', "w:p"),
        (odf, r'<text:bookmark-start text:name="{}"/>', r'<text:bookmark-end text:name="{}"/>', "text:p"),
    ):
        for name in names:
            opened = list(re.finditer(start.format(re.escape(name)), xml))
            assert len(opened) == 1, (key, name, len(opened))
            closing = end.format(opened[0][1] if paragraph == "w:p" else re.escape(name))
            assert len(re.findall(closing, xml)) == 1, (key, name)
            closed = re.compile(closing).search(xml, opened[0].end())
            assert closed is not None, (key, name)
            between = xml[opened[0].end() : closed.start()]
            assert f"<{paragraph}>" not in between and f"<{paragraph} " not in between, (key, name)
            assert f"</{paragraph}>" not in between, (key, name)
            before = xml[: opened[0].start()]
            assert before.rfind(f"<{paragraph}") > before.rfind(f"</{paragraph}>"), (key, name)


_BUILD = "import hashlib, sys; from lotus_tools.publish import documents; " + (
    "sys.stdout.write(' '.join(hashlib.sha256(d.content).hexdigest() for d in documents.site_downloads()))"
)


def test_the_documents_are_byte_identical_build_to_build() -> None:
    first, second = (
        subprocess.run([sys.executable, "-c", _BUILD], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    )
    assert first == second
    assert first.split() == [hashlib.sha256(d.content).hexdigest() for d in documents.site_downloads()]


@pytest.mark.parametrize("item", documents.site_downloads(), ids=lambda d: d.path)
def test_no_build_time_in_the_files_or_their_metadata(item: documents.Download) -> None:
    package = zipfile.ZipFile(io.BytesIO(item.content))
    assert {info.date_time for info in package.infolist()} == {FIXED_TIME}
    if item.path.endswith(".docx"):
        core = package.read("docProps/core.xml").decode()
        assert "dcterms:created" not in core and "dcterms:modified" not in core
        assert "python-docx" not in core
    else:
        assert package.infolist()[0].filename == "mimetype"
        assert package.infolist()[0].compress_type == zipfile.ZIP_STORED
        meta = package.read("meta.xml").decode()
        assert "<dc:date" not in meta and "creation-date" not in meta


def test_download_sizes_are_given_in_kilobytes() -> None:
    for item in documents.site_downloads():
        kind = "Word" if item.path.endswith(".docx") else "OpenDocument"
        assert item.size == f"{kind}, {max(1, round(len(item.content) / 1024))} KB"


def test_the_page_html_escapes_the_definitions_text() -> None:
    risky = Template("appendix-9", "risky", 9, 'T <b>&"', (Fields('<i>"', (Field("a", "<script>", hint="&amp;"),)),))
    page = template_pages.form(risky)
    assert "<script>" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "&amp;amp;" in page


# --- The built site ------------------------------------------------------------------------


def page(site: Path, key: str) -> str:
    return (site / "appendices" / TEMPLATES[key].slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", KEYS)
def test_the_page_has_a_labelled_control_for_every_field(site: Path, key: str) -> None:
    body = page(site, key)
    form = re.search(rf'<form class="lotus-form" id="{key}-form"[^>]*>', body)
    assert form is not None and 'method="dialog"' in form[0] and 'autocomplete="off"' in form[0]
    for field in TEMPLATES[key].fields():
        controls = re.findall(rf'<(?:input|textarea) [^>]*name="{field.key}"[^>]*>', body)
        assert len(controls) == max(1, len(field.choices)), field.key
        for control in controls:
            ident = re.search(r'id="([^"]+)"', control)[1]
            assert f'<label for="{ident}"' in body
            for described in re.findall(r'aria-describedby="([^"]+)"', control):
                assert all(f'id="{ref}"' in body for ref in described.split())
        if field.hint:
            assert f'aria-describedby="{key}-{field.key}-hint' in body


@pytest.mark.parametrize("key", KEYS)
def test_the_page_shows_the_whole_template_from_the_source(site: Path, key: str) -> None:
    text = source_coverage.page_text(page(site, key))
    first, last = template_source.line_numbers(key)
    # The export flattens the nested risk-rating table into one line ("Green Amber Red x =")
    # before giving its cells one by one; the cells are checked below.
    rating = {"green", "amber", "red", "x"}
    sentences = [
        s
        for s in source_coverage.source_sentences(first, last)
        if not set(source_coverage.normalise(s).split()) <= rating
    ]
    strings = [source_coverage.normalise(s) for s in template_source.strings(key)]
    missing = [s for s in sentences if source_coverage.normalise(s) not in text]
    missing += [s for s in strings if re.search("[a-z]", s) and s not in text]
    assert missing == []


@pytest.mark.parametrize("key", KEYS)
def test_the_page_links_both_downloads_with_their_sizes(site: Path, key: str) -> None:
    body = page(site, key)
    for item in documents.downloads(TEMPLATES[key]):
        extension = item.path.rsplit(".", 1)[1]
        link = rf'<a data-lotus-blank="{key}" href="../../{item.path}">Download template \(.{extension}\)</a> \({item.size}\)'
        assert re.search(link, body)
        assert (site / item.path).read_bytes() == item.content


def test_the_lessons_learnt_tables_can_be_linked_and_cite_the_london_protocol(site: Path) -> None:
    body = page(site, "appendix-4")
    assert '<figure class="lotus-table lotus-form-grid" id="table-1">' in body
    assert re.search(r'<figure class="lotus-table" id="table-2">\s*<figcaption>Table 2:', body)
    table = re.search(r'<figure class="lotus-table" id="table-2">.*?</figure>', body, re.S)
    assert table is not None and table[0].count("<li>") == 26
    assert "Sally Taylor Adams &amp; Charles Vincent" in table[0]
    assert "<sup>" not in table[0]  # the source gives no citation mark here


def test_the_calculator_page_holds_the_same_triage_record(site: Path) -> None:
    body = (site / "tools" / "triage-calculator" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<form [^>]*\bid="appendix-2-form"', body)
    for field in TEMPLATES["appendix-2"].fields():
        assert f'name="{field.key}"' in body
    for ident in ("likelihood", "consequence", "score", "rating-amber"):
        assert f'id="appendix-2-{ident}"' in body
    contract = json.loads(html.unescape(re.search(r'data-contract="([^"]*)"', body)[1]))
    assert contract["templates"]["appendix-2"]["blank"]["docx"].startswith(
        "../../downloads/appendix-2-triage-template.docx?v="
    )
    assert contract["rating"] == {
        "band": "rating",
        "consequence": "consequence",
        "likelihood": "likelihood",
        "score": "score",
    }


# --- In the browser ------------------------------------------------------------------------


def test_a_filled_copy_holds_what_was_typed_and_nothing_leaves_the_page(visit: Visit, base_url: str) -> None:
    browser_page = visit.page
    browser_page.goto(base_url + "/appendices/triage-template/")
    typed = {"Practitioner Name": "Dr <b>&\"' Example", "Summary of Concern(s)": "First line\nSecond line"}
    for label, value in typed.items():
        browser_page.get_by_label(label).fill(value)
    browser_page.get_by_label("Amber").check()
    browser_page.get_by_label("R (risk score)").fill("12")
    with browser_page.expect_download(timeout=90_000) as download:
        browser_page.get_by_role("button", name="Download filled copy (.docx)").click()
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert typed["Practitioner Name"] in cells and typed["Summary of Concern(s)"] in cells
    assert "✓ Amber" in cells and "x  = 12" in [cell.strip() for cell in cells]
    browser_page.get_by_text(
        "Your filled copy (appendix-2-triage-template-filled.docx) has been downloaded."
    ).wait_for()
    browser_page.get_by_role("button", name="Clear the form").click()
    assert browser_page.get_by_label("Practitioner Name").input_value() == ""
    stored = browser_page.evaluate(
        "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])"
    )
    assert "Example" not in stored and "Second line" not in stored
    assert visit.other_hosts(base_url) == []


def test_a_file_that_leaves_python_unusable_keeps_the_form_and_the_next_copy_is_made(
    visit: Visit, base_url: str, tmp_path: Path
) -> None:
    """The template form's Python is the calculator's (lib/python.js): restarted in place, as there."""
    page = visit.page
    page.goto(base_url + "/appendices/triage-template/")
    page.get_by_label("Practitioner Name").fill("Dr Kept")
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(b"PK\x03\x04LOTUS-STUB-BROKEN")
    page.get_by_label("Open a saved record (.docx)").set_input_files(hostile)
    expect(page.locator(".lotus-open-status")).to_have_text(
        f"{RESTARTED} Nothing on the page has changed.", timeout=30_000
    )
    assert page.get_by_label("Practitioner Name").input_value() == "Dr Kept"
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Download filled copy (.docx)").click()
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    assert "Dr Kept" in [cell.text for table in document.tables for row in table.rows for cell in row.cells]


@pytest.mark.parametrize("key", KEYS)
def test_every_field_filled_on_the_page_is_in_the_downloaded_copy(visit: Visit, base_url: str, key: str) -> None:
    template = TEMPLATES[key]
    page = visit.page
    page.goto(f"{base_url}/appendices/{template.slug}/")
    expected = []
    for number, field in enumerate(template.fields()):
        if field.choices:
            control = page.locator(f"#{key}-form input[name='{field.key}']").last
            assert control.evaluate("e => e.labels.length") == 1
            control.check()
            continue
        value = f"Entry {number} <b>&\"' {field.key}" if number == 0 else f"Entry {number} for {field.key}"
        control = page.locator(f"#{key}-{field.key}")
        assert control.evaluate("e => e.labels.length") == 1, field.key
        control.fill(value)
        expected.append(value)
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download filled copy (.docx)").click()
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(
        [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert [value for value in expected if value not in text] == []
    assert visit.other_hosts(base_url) == []


@dataclasses.dataclass(frozen=True)
class _Unhandled:
    """A block type no output knows."""

    text: str = "New kind of block"


@pytest.mark.parametrize(
    "output",
    [
        pytest.param(lambda t: list(t.fields()), id="fields"),
        pytest.param(document_layout.layout, id="layout"),
        pytest.param(lambda t: documents._Word(t).build(), id="docx"),
        pytest.param(lambda t: documents._Odt(t).build(), id="odt"),
        pytest.param(lambda t: template_pages._Form(t).body(), id="form"),
    ],
)
def test_a_block_type_no_output_handles_stops_the_build(output: Callable[[Template], object]) -> None:
    """Adding a block type without handling it fails loudly, instead of dropping out of a file or page."""
    template = dataclasses.replace(TEMPLATES["appendix-2"])
    object.__setattr__(template, "blocks", (*template.blocks, _Unhandled()))
    with pytest.raises(AssertionError):
        output(template)


@pytest.mark.parametrize("item", [_Unhandled()], ids=["item"])
def test_an_item_type_no_output_handles_stops_the_build(item: object) -> None:
    block = Fields("Legend", (item,))  # type: ignore[arg-type]
    template = dataclasses.replace(TEMPLATES["appendix-2"])
    object.__setattr__(template, "blocks", (block,))
    for output in (lambda: list(template.fields()), lambda: document_layout.layout(template)):
        with pytest.raises(AssertionError):
            output()
    with pytest.raises(AssertionError):
        template_pages._Form(template).body()


def test_both_files_have_the_same_tables_shape() -> None:
    """The .docx and .odt come from one layout: the same tables with the same number of rows and columns."""
    for template in TEMPLATES.values():
        word = docx.Document(io.BytesIO(documents.docx_bytes(template)))
        odt = opendocument.load(io.BytesIO(documents.odt_bytes(template)))
        odf_tables = odt.getElementsByType(odf_table.Table)
        assert len(word.tables) == len(odf_tables), template.key
        for word_table, odf_grid in zip(word.tables, odf_tables, strict=True):
            rows = odf_grid.getElementsByType(odf_table.TableRow)
            assert len(word_table.rows) == len(rows)
            for row in rows:
                places = row.getElementsByType(odf_table.TableCell) + row.getElementsByType(odf_table.CoveredTableCell)
                assert len(places) == len(word_table.columns)


def test_each_table_cell_is_shaded_at_most_once() -> None:
    """A merged label cell carries one shading, not one per merged cell (Word shows only the first)."""
    for template in TEMPLATES.values():
        xml = zipfile.ZipFile(io.BytesIO(documents.docx_bytes(template))).read("word/document.xml").decode()
        for properties in re.findall(r"<w:tcPr>.*?</w:tcPr>", xml):
            assert properties.count("<w:shd") <= 1
