"""An author's mistake stops the build with a sentence that names the file and the fix, never a traceback."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from lotus_tools.core.risk import NPSA_2008
from lotus_tools.publish import compiled_stdlib, links, policy, pyodide_runtime, reader_support, shortcodes
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
