"""An author's mistake stops the build with a sentence that names the file and the fix, never a traceback."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from lotus_tools.core.risk import NPSA_2008
from lotus_tools.publish import (
    compiled_stdlib,
    links,
    policy,
    pyodide_runtime,
    reader_support,
    shortcodes,
    toolkit_pdf,
)
from tests.conftest import ROOT, site_build

CONTEXT = shortcodes.Context(policy=NPSA_2008)


@pytest.mark.parametrize(
    "line",
    [
        "<!-- lotus: Risk-Matrix -->",
        "<!-- lotus:  risk-matrix -->",
        "  <!-- lotus: risk-matrix -->",
        "<!--lotus:risk-matrix-->",
        "<!-- LOTUS: risk-matrix -->",
        "Text <!-- lotus: risk-matrix -->",
    ],
)
def test_a_near_miss_marker_stops_the_build_and_says_how_to_write_it(line: str) -> None:
    with pytest.raises(PluginError, match="exactly '<!-- lotus: NAME -->'") as raised:
        shortcodes.expand(f"# Page\n\n{line}\n", CONTEXT, "appendices/page.md")
    assert str(raised.value).startswith("appendices/page.md: ")


def test_an_unknown_marker_names_the_page_and_the_blocks_there_are() -> None:
    with pytest.raises(PluginError) as raised:
        shortcodes.expand("<!-- lotus: risk-matrx -->\n", CONTEXT, "tools/x.md")
    assert "tools/x.md: there is no generated block called 'risk-matrx'" in str(raised.value)
    assert "risk-matrix" in str(raised.value)


def _build(tmp_path: Path, page: str, extra: str = "") -> subprocess.CompletedProcess[str]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: Test\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\ntheme: {{name: material}}\n"
        f"hooks: [{ROOT / 'lotus_tools' / 'publish' / 'hooks.py'}]\n{extra}",
        encoding="utf-8",
    )
    return site_build("-f", str(config), timeout=300)


@pytest.mark.parametrize(
    ("page", "extra", "words"),
    [
        ("<!-- lotus: no-such-block -->\n", "", "index.md: there is no generated block called 'no-such-block'"),
        (
            "# Page\n",
            "extra: {risk_bands: [{name: all, colour: Purple, min: 1, max: 25}]}\n",
            "mkdocs.yml, extra.risk_bands: ",
        ),
    ],
    ids=["a page's mistake", "a mistake in mkdocs.yml"],
)
def test_the_build_stops_with_a_sentence_and_no_traceback(tmp_path: Path, page: str, extra: str, words: str) -> None:
    """Two real builds prove the sentence reaches the terminal; the checks below call what the hooks call."""
    result = _build(tmp_path, page, extra)
    assert result.returncode != 0
    assert words in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def _expand(page: str, extra: dict[str, object] | None = None) -> object:
    return shortcodes.expand(page, shortcodes.Context(policy=NPSA_2008, extra=extra or {}), "index.md")


@pytest.mark.parametrize(
    ("step", "words"),
    [
        (
            lambda: links.resolve("[A video](ext:no-such-video)\n", "index.md"),
            "index.md: no external resource has the id 'ext:no-such-video'",
        ),
        (lambda: _expand("<!-- lotus: help-now -->\n"), "mkdocs.yml, extra.help_now: list the routes to help now"),
        (
            lambda: reader_support.help_routes(
                {"help_now": [{"name": "Samaritans", "how": "to talk", "href": "tel:116123"}]}
            ),
            "mkdocs.yml, extra.help_now: a route has 'href', which the site does not use; a route has name, how",
        ),
        (lambda: _expand("<!-- lotus: contact -->\n"), "mkdocs.yml, extra.contact: say whom readers write to"),
        (
            lambda: reader_support.contact({"contact": {"name": "NHS England", "email": "not-an-address"}}),
            "mkdocs.yml, extra.contact: 'not-an-address' is not an email address.",
        ),
        (
            lambda: policy.risk_policy({"risk_bands": [{"name": "all", "colour": "Purple", "min": 1, "max": 25}]}),
            "colour must be one of Green, Amber, Red",
        ),
        (
            lambda: policy.risk_policy({"risk_bands": [{"name": "low", "colour": "Green", "min": 1, "max": 9}]}),
            "no band holds the score(s) 10, 12",
        ),
    ],
    ids=[
        "unknown resource",
        "no help_now",
        "a help_now route's unknown key",
        "no contact",
        "a bad contact",
        "a colour",
        "a gap",
    ],
)
def test_each_author_mistake_is_a_sentence_naming_the_file(step: Callable[[], object], words: str) -> None:
    with pytest.raises(PluginError) as raised:
        step()
    assert words in str(raised.value)


# --- In process: the functions the hooks call ----------------------------------------------------------------


def test_no_risk_bands_is_the_npsa_grading() -> None:
    assert policy.risk_policy({}) is NPSA_2008
    custom = [{"name": "all", "colour": "Red", "min": 1, "max": 25}]
    assert policy.risk_policy({"risk_bands": custom}).as_config() == custom


@pytest.mark.parametrize(
    ("bands", "words"),
    [
        (None, "mkdocs.yml, extra.risk_bands: it is there but empty"),
        ([], "mkdocs.yml, extra.risk_bands: The risk-band policy needs at least one band."),
        ([{"name": "  ", "colour": "Red", "min": 1, "max": 25}], "mkdocs.yml, extra.risk_bands: Each risk band needs"),
    ],
    ids=["bare risk_bands:", "no bands", "a band without a name"],
)
def test_a_policy_the_site_cannot_use_is_refused_naming_mkdocs_yml(bands: object, words: str) -> None:
    with pytest.raises(PluginError) as raised:
        policy.risk_policy({"risk_bands": bands})
    assert words in str(raised.value)
    assert "remove extra.risk_bands to use the NPSA 2008 grading" in str(raised.value)


def test_a_missing_pyodide_is_a_sentence_saying_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pyodide_runtime, "PYODIDE_PACKAGE", tmp_path / "node_modules" / "pyodide")
    for step in (lambda: pyodide_runtime.copy_pyodide(tmp_path / "site"), compiled_stdlib.pyodide_version):
        with pytest.raises(PluginError) as raised:
            step()
        assert str(raised.value) == (
            "Pyodide's files are missing from node_modules/pyodide: run `npm ci` (or `make setup`) first."
        )


# --- Links written in HTML: MkDocs checks only Markdown's -------------------------------------------------------


def _build_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: dict[str, str]) -> Path:
    """A strict build of a small toolkit (a home page and one step), in this process, as ``make build`` runs it."""
    monkeypatch.setattr(toolkit_pdf, "CACHE", tmp_path / "cache")  # its PDF is not the real toolkit's
    docs = tmp_path / "docs"
    for path, text in {"index.md": "# Home\n", "learn/page.md": "# A page\n", **pages}.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: Test\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\ntheme: {{name: material, font: false}}\n"
        f"hooks: [{ROOT / 'lotus_tools' / 'publish' / 'hooks.py'}]\n"
        "plugins: [search, {print-site: {print_page_basename: whole-toolkit, add_table_of_contents: false}}]\n"
        'nav: [index.md, {"Step 1: Learn": [learn/page.md]}]\n',
        encoding="utf-8",
    )
    with config.open(encoding="utf-8") as file:
        mkdocs_build.build(load_config(file, strict=True))
    return tmp_path / "site"


@pytest.mark.parametrize(
    ("page", "text", "words"),
    [
        ("index.md", '<a href="missing/">x</a>\n', "index.md: the link 'missing/' leads to nothing on this site"),
        ("learn/page.md", '<a href="../nowhere.md">x</a>\n', "learn/page.md: the link '../nowhere.md' leads to"),
        ("learn/page.md", '<p><a href="../index.md">Home</a></p>\n', "learn/page.md: the link '../index.md' leads"),
        ("index.md", '<img src="figure.png" alt="A figure">\n', "index.md: the link 'figure.png' leads to nothing"),
        (
            "index.md",
            '<a href="downloads/lotus-toolkit.pd">PDF</a>\n',
            "(from this page it is /downloads/lotus-toolkit.pd)",
        ),
    ],
    ids=["a missing folder", "a missing page's source", "a page's source, not converted", "an image", "a near miss"],
)
def test_a_link_in_html_that_leads_nowhere_stops_the_strict_build_naming_the_page_and_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str, text: str, words: str
) -> None:
    with pytest.raises(Abort) as raised:
        _build_in_process(tmp_path, monkeypatch, {page: f"# A page\n\n{text}"})
    assert isinstance(raised.value.__context__, PluginError)
    assert words in str(raised.value.__context__)


def test_html_links_to_pages_and_to_the_downloads_written_after_them_build_and_each_leads_to_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = [
        "downloads/lotus-toolkit.pdf",
        "downloads/scorm/lotus-step-1-learn.zip",
        "downloads/scorm/lotus-whole-toolkit.zip",
        "downloads/link-catalogue.csv",
        "downloads/link-catalogue.json",
        "downloads/appendix-2-triage-template.docx",
        "downloads/workbook-my-reflections.odt",
    ]
    elsewhere = ["https://www.england.nhs.uk/", "mailto:someone@example.org", "tel:111", "#top", "?embed"]
    home = "".join(
        f'<a href="{address}">x</a>\n' for address in [*downloads, "learn/page/", "whole-toolkit/", *elsewhere]
    )
    step = '<a href="../../">Home</a> <a href="../../downloads/lotus-toolkit.pdf">PDF</a> <a href="./">here</a>\n'
    site = _build_in_process(
        tmp_path, monkeypatch, {"index.md": f"# Home\n\n{home}", "learn/page.md": f"# A page\n\n{step}"}
    )
    assert [address for address in [*downloads, "whole-toolkit/index.html"] if not (site / address).is_file()] == []
