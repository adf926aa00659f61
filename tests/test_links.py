"""External resources: one address each, null addresses shown as plain text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from lotus_tools.publish import links

SOURCE = Path(__file__).parent / "fixtures" / "source.txt"


def test_a_known_address_becomes_a_link() -> None:
    known = next(r for r in links.resources().values() if r.url)
    assert links.resolve(f"See [{known.text}](ext:{known.id}).") == f"See [{known.text}]({known.url})."


def test_a_null_address_leaves_plain_text() -> None:
    unknown = links.unaddressed()[0]
    assert links.resolve(f"See [the video](ext:{unknown.id}).") == "See the video."


def test_an_unknown_id_stops_the_build() -> None:
    with pytest.raises(PluginError, match="ext:no-such-thing"):
        links.resolve("[x](ext:no-such-thing)", "page.md")


def test_every_resource_is_named_in_the_source() -> None:
    source = SOURCE.read_text(encoding="utf-8").replace("\\(", "(").replace("\\)", ")")
    normal = " ".join(source.split())
    missing = [r.id for r in links.resources().values() if " ".join(r.text.split()) not in normal]
    assert missing == []


def test_every_resource_is_used_by_a_page() -> None:
    """The template downloads of Appendices 2, 4 and 5 are this site's own generated files instead."""
    docs = Path(__file__).parent.parent / "docs"
    used = {
        m
        for page in docs.rglob("*.md")
        for m in re.findall(r"\]\(ext:([a-z0-9-]+)\)", page.read_text(encoding="utf-8"))
    }
    own_downloads = {r.id for r in links.resources().values() if r.where.endswith("(download)")}
    assert sorted(set(links.resources()) - used - own_downloads) == []


def test_no_page_links_to_nothing(site: Path) -> None:
    empty = re.compile(r"""<a\b[^>]*\bhref=(["'])(#?)\1""")
    offending = [str(p.relative_to(site)) for p in site.rglob("*.html") if empty.search(p.read_text(encoding="utf-8"))]
    assert offending == []


def test_maintainers_list_names_every_unaddressed_resource(site: Path) -> None:
    page = (site / "about" / "missing-addresses" / "index.html").read_text(encoding="utf-8")
    for resource in links.unaddressed():
        assert f"<code>{resource.id}</code>" in page
