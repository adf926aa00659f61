"""An author's mistake stops ``mkdocs build`` with a sentence naming the file and the fix, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def build(tmp_path: Path, page: str = "# A page\n", extra: dict[str, object] | None = None) -> str:
    """Build a one-page site with the project's configuration; what the author sees (stdout and stderr)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": "docs",
        "nav": ["index.md"],
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / "lotus_tools" / "publish" / "hooks.py")],
        "extra": extra or {},
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert process.returncode != 0, "the build should have stopped"
    said = process.stdout + process.stderr
    assert "Traceback" not in said
    return said


def test_an_unknown_marker_names_the_page_and_the_known_blocks(tmp_path: Path) -> None:
    said = build(tmp_path, "# A page\n\n<!-- lotus: risk-matrx -->\n")
    assert "ERROR   -  index.md, line 3: there is no generated block '<!-- lotus: risk-matrx -->'." in said
    assert "The names are: " in said and "risk-matrix" in said and "likelihood-table" in said


@pytest.mark.parametrize(
    "marker",
    [
        "<!-- lotus: Risk-Matrix -->",
        "<!--  lotus: risk-matrix -->",
        "<!-- lotus:  risk-matrix -->",
        "    <!-- lotus: risk-matrix -->",
        "<!-- lotus:risk-matrix -->",
        "<!--lotus:x-->",
        "Text first <!-- lotus: risk-matrix -->",
        "<!-- LOTUS: risk-matrix -->",
    ],
    ids=[
        "capitals",
        "double space before",
        "double space after",
        "indented",
        "no space",
        "no spaces",
        "mid-line",
        "upper",
    ],
)
def test_a_near_miss_marker_says_what_a_marker_looks_like(tmp_path: Path, marker: str) -> None:
    said = build(tmp_path, f"# A page\n\n{marker}\n")
    assert (
        f"index.md, line 3: '{marker[marker.index('<!--') :]}' looks like a generated block but is not written as one."
        in said
    )
    assert "exactly as '<!-- lotus: NAME -->'" in said


def test_an_unknown_external_resource_names_the_page_and_the_data_file(tmp_path: Path) -> None:
    said = build(tmp_path, "# A page\n\nSee [the guide](ext:no-such-guide).\n")
    assert "index.md: there is no external resource 'ext:no-such-guide'." in said
    assert "lotus_tools/publish/data/external-links.yml" in said


A_BAND = "A band looks like {name: high risk, colour: Amber, min: 8, max: 12, guidance: What to do at this level.}"


@pytest.mark.parametrize(
    ("bands", "sentence"),
    [
        ([], "The risk-band policy needs at least one band; it has none."),
        ("low", "The risk bands must be a list of bands; it was 'low'."),
        (
            [{"name": "all", "colour": "Purple", "min": 1, "max": 25}],
            "The band 'all' has colour 'Purple'; a colour must be one of Green, Amber, Red.",
        ),
        (
            [
                {"name": "low", "colour": "Green", "min": 1, "max": 12},
                {"name": "high", "colour": "Red", "min": 16, "max": 25},
            ],
            "The risk-band policy is not valid: no band holds the score(s) 15.",
        ),
        (
            [{"name": "all", "colour": "Green", "min": "1", "max": 25}],
            "Each risk band needs a name, a colour, and a min and a max score as whole numbers; "
            "the band 'all' has min '1' and max 25.",
        ),
        (
            [{"name": "all", "colour": "Green", "min": 1, "max": 25, "guidance": 3}],
            "The guidance of the band 'all' must be text; it was 3.",
        ),
        (
            [{"name": "all", "color": "Green", "min": 1, "max": 25}],
            "Each risk band needs a name, a colour, and a min and a max score as whole numbers",
        ),
    ],
    ids=["empty", "not a list", "colour", "gap", "min as text", "guidance not text", "color spelt"],
)
def test_a_bad_risk_band_policy_points_at_mkdocs_yml(tmp_path: Path, bands: object, sentence: str) -> None:
    said = build(tmp_path, extra={"risk_bands": bands})
    assert f"ERROR   -  mkdocs.yml, extra.risk_bands: {sentence}" in said
    assert A_BAND in said


def test_a_rebuild_under_serve_reads_the_link_data_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config.defaults import MkDocsConfig

    from lotus_tools.publish import hooks, links

    data = tmp_path / "external-links.yml"
    data.write_text("- {id: guide, text: The guide, where: 1.1, url: null}\n", encoding="utf-8")
    monkeypatch.setattr(links, "DATA", data)
    config = MkDocsConfig()
    config.load_dict({"site_name": "t"})
    hooks.on_config(config)
    assert links.resolve("[the guide](ext:guide)") == "the guide"
    data.write_text("- {id: guide, text: The guide, where: 1.1, url: 'https://example.org/'}\n", encoding="utf-8")
    hooks.on_config(config)  # what `mkdocs serve` runs on each rebuild
    assert links.resolve("[the guide](ext:guide)") == "[the guide](https://example.org/)"
    links.resources.cache_clear()
