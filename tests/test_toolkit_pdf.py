"""The whole toolkit as one printable page and one PDF: every part in the navigation's order, the source's every
sentence, bookmarks, links that lead somewhere, page numbers, and links to it from the home page and each step."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import Destination

from lotus_tools.core import scales
from lotus_tools.core.risk import NPSA_2008
from lotus_tools.publish import toolkit_pdf, whole_toolkit
from tests import source_coverage
from tests.conftest import PORT, ROOT
from tests.test_content import PARTS

TOOLKIT_PARTS = (
    "Introduction",
    "Step 1: Learn",
    "Step 2: Optimise",
    "Step 3: Transform",
    "Step 4: Utilise",
    "Step 5: Strengthen",
    "Conclusion",
    "References",
    "Appendices",
)
"""The navigation's entries that hold the toolkit's text: all of it goes into the PDF, in this order."""
ALSO_PRINTED = ("about/editorial-notes.md",)
"""The one page of the site's own that the PDF carries: where its text differs from the source, and why."""
STEP_INDEXES = ("learn", "optimise", "transform", "utilise", "strengthen")
MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 18 * MM, 20 * MM
"""The paper's margins (``lotus_tools/publish/data/toolkit-pdf.css``): what is printed in them is not the text."""
LIST_MARKER = re.compile(r"\s*(?:\d{1,2}\.|[a-z]\.|•|◦|▪)\s*")
"""A list item's number or bullet, printed on its own."""


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!ENV`` values are left as their defaults."""


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def _nav_pages(entries: list[Any]) -> Iterator[str]:
    for entry in entries:
        if isinstance(entry, str):
            yield entry
        else:
            for value in entry.values():
                yield from _nav_pages(value) if isinstance(value, list) else [value]


def printed_pages() -> list[str]:
    """The Markdown files that belong in the PDF, in the navigation's order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    pages: list[str] = []
    for entry in config["nav"]:
        title, value = next(iter(entry.items()))
        found = list(_nav_pages(value if isinstance(value, list) else [value]))
        pages += found if title in TOOLKIT_PARTS else [page for page in found if page in ALSO_PRINTED]
    return pages


def built_title(site: Path, page: str) -> str:
    """The title (first heading) of a built page, as its reader sees it."""
    address = page.removesuffix(".md").removesuffix("index").strip("/")
    text = (site / address / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    assert heading, page
    return html.unescape(re.sub(r"<[^>]+>", "", heading[1])).replace("¶", "").strip()


@pytest.fixture(scope="module")
def pdf(site: Path) -> PdfReader:
    return PdfReader(site / toolkit_pdf.PATH)


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """Every bookmark as (level, title, page number), in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, str(item.title), (reader.get_destination_page_number(item) or 0) + 1))

    walk(reader.outline, 1)
    return found


def _page_text(page: Any, height: float) -> tuple[str, str]:
    """One page's reading text, without superscript citation marks, and the words in its margins."""
    text: list[str] = []
    margins: list[str] = []
    last = [0.0, 0.0]  # the last text's baseline (from the foot of the page) and size

    def visit(chunk: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scaled = size * abs(cm[3])
        if y < BOTTOM_MARGIN or y > height - TOP_MARGIN:
            margins.append(chunk)
        elif LIST_MARKER.fullmatch(chunk):
            pass  # a list's number or bullet, which the pages' HTML does not hold as text either
        elif not (scaled < last[1] and 0 < y - last[0] < last[1]):  # not smaller and raised: not a citation
            text.append(chunk if abs(y - last[0]) < 1 else f"\n{chunk}")  # a new line is a new word
            last[:] = [y, scaled]

    page.extract_text(visitor_text=visit)
    return "".join(text), " ".join("".join(margins).split())


@cache
def _printed(path: Path) -> tuple[str, tuple[str, ...]]:
    """The PDF's reading text (without superscript citation marks), and the words in each page's margins."""
    reader = PdfReader(path)
    height = float(reader.pages[0].mediabox.height)
    pages = [_page_text(page, height) for page in reader.pages]
    return " ".join(text for text, _ in pages), tuple(margins for _, margins in pages)


def test_the_printable_page_is_built_with_unique_ids_and_its_contents_first(site: Path) -> None:
    page = (site / whole_toolkit.PAGE / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    contents = re.search(r'<nav class="lotus-contents".*?</nav>', page, re.S)
    assert contents, "no contents list"
    listed = [html.unescape(t) for t in re.findall(r'<a href="#[^"]+">([^<]+)</a>', contents[0])]
    assert listed == [built_title(site, p) for p in printed_pages()]
    assert "generate_toc()" not in page  # the contents are written, not copied by a script


def test_the_outline_has_every_part_of_the_toolkit_in_the_navigations_order(site: Path, pdf: PdfReader) -> None:
    marks = outline(pdf)
    parts = [title for level, title, _ in marks if level <= 2 and title != whole_toolkit.CONTENTS_TITLE]
    expected = [built_title(site, page) for page in printed_pages()]
    assert [title for title in parts if title in expected] == expected
    top = [title for level, title, _ in marks if level == 1]
    assert re.match(
        r"Welcome and introduction, L\.O\.T\.U\.S\. Step 1: Learn, .*Step 2: Optimise, .*Step 3: Transform, "
        r".*Step 4: Utilise, .*Step 5: Strengthen, Conclusion, References, Appendices, ",
        ", ".join(top[1:]),
    )
    numbered = [m[1] for _, title, _ in marks if (m := re.match(r"(\d\.\d) ", title))]
    source = source_coverage.SOURCE.read_text(encoding="utf-8").splitlines()
    sections = list(dict.fromkeys(m[1] for line in source if (m := re.match(r"(\d\.\d) \S", line))))
    assert numbered == sections
    start = next(n for n, (level, title, _) in enumerate(marks) if (level, title) == (1, "Appendices"))
    end = next(n for n, (level, _, _) in enumerate(marks) if n > start and level == 1)
    appendices = [
        int(m[1]) for level, title, _ in marks[start:end] if level == 2 and (m := re.match(r"Appendix (\d+):", title))
    ]
    assert appendices == list(range(1, 9))
    pages = [page for _, _, page in marks]
    assert pages == sorted(pages), "a bookmark points back to an earlier page"


@pytest.mark.parametrize("part", PARTS)
def test_the_pdf_holds_every_sentence_of_the_source(site: Path, part: str) -> None:
    text = source_coverage.normalise(_printed(site / toolkit_pdf.PATH)[0])
    first, last = PARTS[part]
    missing = [s for s in source_coverage.source_sentences(first, last) if source_coverage.normalise(s) not in text]
    assert missing == [], f"{len(missing)} sentences of {part} are not in the PDF:\n" + "\n".join(missing)


def test_every_link_inside_the_pdf_leads_to_a_place_in_it_and_the_others_to_the_site(pdf: PdfReader) -> None:
    names = set(pdf.named_destinations)
    inside, broken, outside = 0, [], []
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            action = link.get("/A") or {}
            target = link.get("/Dest") or action.get("/D")
            if target is not None:
                inside += 1
                resolved = isinstance(target, Destination) or (str(target) in names) or isinstance(target, list)
                if not resolved:
                    broken.append(f"page {number}: {target}")
            elif "/URI" in action:
                outside.append(str(action["/URI"]))
    assert broken == []
    assert inside > 300, f"only {inside} links inside the PDF"  # the contents, 102 citations, cross-references
    assert outside and all(url.startswith(("https://", "http://", "mailto:", "tel:")) for url in outside)
    own = [url for url in outside if url.startswith(toolkit_pdf.printed_address(f"http://127.0.0.1:{PORT}/"))]
    assert own, "no link to the site's own pages (the calculator, the downloads)"
    assert not [url for url in outside if "file:" in url or "whole-toolkit" in url]


def test_every_page_but_the_cover_has_its_number_and_the_text_is_selectable_a4(site: Path, pdf: PdfReader) -> None:
    _, margins = _printed(site / toolkit_pdf.PATH)
    total = len(pdf.pages)
    assert total > 50
    unnumbered = [n for n, words in enumerate(margins, start=1) if n > 1 and f"Page {n} of {total}" not in words]
    assert unnumbered == []
    box = pdf.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (210, 297)
    assert "L.O.T.U.S. Compassionate Leadership Framework and Toolkit" in " ".join(pdf.pages[0].extract_text().split())


def test_the_pdf_never_prints_the_sites_chrome(site: Path) -> None:
    text, _ = _printed(site / toolkit_pdf.PATH)
    chrome = ["Skip to content", "Back to top", "Type to start searching", "Switch to dark mode", "Previous", "Next"]
    chrome += ["remain their authors'", "Made with"]  # the footer's copyright line and generator
    assert [words for words in chrome if words in text] == []


@pytest.mark.parametrize("page", ["", *(f"{step}/" for step in STEP_INDEXES)])
def test_the_home_page_and_each_step_link_the_pdf_with_its_size_in_the_sites_words(site: Path, page: str) -> None:
    text = (site / page / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<p class="lotus-site-words lotus-toolkit-pdf">.*?</p>', text, re.S)
    assert link, f"/{page} has no link to the PDF"
    href = re.search(r'href="([^"]+)"', link[0])
    assert href and (site / page / href[1]).resolve() == (site / toolkit_pdf.PATH).resolve()
    size = toolkit_pdf.size_words((site / toolkit_pdf.PATH).stat().st_size)
    assert f"(PDF, {size})" in re.sub(r"<[^>]+>", "", link[0])
    assert toolkit_pdf.SIZE_MARK not in text


def test_the_pdf_is_printed_again_only_when_what_it_is_printed_from_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(toolkit_pdf, "CACHE", tmp_path / "cache")
    site = tmp_path / "site"
    (site / "whole-toolkit").mkdir(parents=True)
    (site / "style.css").write_text("h1 { color: #005eb8 }", encoding="utf-8")
    body = (
        f'{whole_toolkit.PRINTABLE[0]}<h1 id="a">Welcome</h1><p><a href="#a">Back</a></p>{whole_toolkit.PRINTABLE[1]}'
    )
    (site / "whole-toolkit" / "index.html").write_text(
        f'<html><head><link rel="stylesheet" href="../style.css"></head><body>{body}</body></html>', encoding="utf-8"
    )
    first = toolkit_pdf.write(site, "https://example.org/lotus/", "The toolkit")
    again = toolkit_pdf.write(site, "https://example.org/lotus/", "The toolkit")
    assert first.seconds > 0 and again.seconds == 0 and again.size == first.size
    (site / "style.css").write_text("h1 { color: #212b32 }", encoding="utf-8")
    restyled = toolkit_pdf.write(site, "https://example.org/lotus/", "The toolkit")
    assert restyled.seconds > 0
    assert len(list((tmp_path / "cache").glob("*.pdf"))) == 1
    elsewhere = toolkit_pdf.write(site, "https://intranet.example.nhs.uk/lotus/", "The toolkit")
    back = toolkit_pdf.write(site, "https://example.org/lotus/", "The toolkit")
    assert elsewhere.seconds > 0 and back.seconds == 0  # a build for another address keeps this one's PDF
    assert PdfReader(site / toolkit_pdf.PATH).outline[0].title == "Welcome"


def test_the_cover_names_the_toolkit_its_publisher_and_the_release_and_date_it_was_printed_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The cover as the print-site plugin renders it, from the build's configuration once the hooks have set it."""
    from mkdocs.config import load_config
    from mkdocs_print_site_plugin.renderer import Renderer

    from lotus_tools.publish import hooks, reader_support

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 1 December 2026
    config = hooks.on_config(load_config(str(ROOT / "mkdocs.yml")))
    cover = Renderer({}, config, str(whole_toolkit.COVER))._cover_page()
    paragraphs = re.sub(r"<[^>]+>", " ", re.sub(r"<(?!/?p\b)[^>]+>", "", cover))
    text = " ".join(html.unescape(paragraphs).split())
    release = reader_support.release()
    assert text == (
        "The L.O.T.U.S. Compassionate Leadership Framework and Toolkit "
        "For leaders and organisations involved in managing professional standards concerns "
        "NHS England North West, System Improvement and Professional Standards (SIPS) team "
        f"Printed from this site's release {release.version}, built 1 December 2026."
    )
    assert '<time datetime="2026-12-01">1 December 2026</time>' in cover


def _page_words(pdf: PdfReader) -> list[str]:
    """Each page's text with single spaces, a line that wrapped after a slash joined again."""
    return [" ".join(page.extract_text().split()).replace("/ ", "/") for page in pdf.pages]


def test_the_matrix_in_the_pdf_breaks_no_heading_or_band_inside_a_word(pdf: PdfReader) -> None:
    [matrix] = [text for text in _page_words(pdf) if "Likelihood Severity" in text]
    labels = [c.label for c in scales.CONSEQUENCES] + [lk.label for lk in scales.LIKELIHOODS]
    words = {word for text in labels + [band.name for band in NPSA_2008.bands] for word in text.split()}
    assert sorted(words - set(matrix.split())) == []


def test_the_rows_of_table_3_a_page_break_carries_over_still_say_their_level(pdf: PdfReader) -> None:
    pages = _page_words(pdf)
    missing, found = [], 0
    for level in scales.CONSEQUENCES:
        for _, descriptor in level.descriptors:
            text = " ".join(descriptor.split())
            on = [number for number, page in enumerate(pages) if text in page]
            found += len(on)
            missing += [(number + 1, level.label) for number in on if level.label not in pages[number].split(text)[0]]
    assert found == sum(len(level.descriptors) for level in scales.CONSEQUENCES) and missing == []
