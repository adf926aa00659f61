"""The toolkit's text on the site: pages, exercises, tables, figures and prose, against the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import source_coverage

SOURCE_LINES = source_coverage.SOURCE.read_text(encoding="utf-8").splitlines()

# Stretches of the source (1-based line numbers, inclusive) and the part of the site they make.
PARTS = {
    "introduction and Step 1 Learn": (1, 676),
    "Step 2 Optimise": (677, 1047),
    "Step 3 Transform": (1048, 1326),
    "Step 4 Utilise": (1327, 1708),
    "Step 5 Strengthen and Conclusion": (1709, 2342),
    "References and Appendix 1": (2343, 2446),
    "Appendix 3": (2487, 2620),
    "Appendices 6, 7 and 8": (2723, len(SOURCE_LINES)),
}


def _numbers(pattern: str) -> list[str]:
    found: list[str] = []
    for line in SOURCE_LINES:
        match = re.match(pattern, line.strip().strip("*").strip())
        if match and match[1] not in found:
            found.append(match[1])
    return found


def exercise_ids() -> list[str]:
    """Every exercise of the source: the "Exercise N" label that follows each TRY THIS."""
    ids = []
    for index, line in enumerate(SOURCE_LINES):
        if "TRY THIS" not in line:
            continue
        following = "\n".join(SOURCE_LINES[index : index + 8])
        match = re.search(r"Exercise\s+(\d+(?:\.\d+)*(?:\.[a-z])?)", following)
        assert match, f"no exercise number after the TRY THIS at line {index + 1}"
        ids.append("exercise-" + match[1].replace(".", "-"))
    return ids


def figure_ids() -> list[str]:
    return ["figure-" + n.replace(".", "-") for n in _numbers(r"^Figure (\d+(?:\.\d+)*):?\s")]


def table_ids() -> list[str]:
    return ["table-" + n.replace(".", "-") for n in _numbers(r"^Table (\d+\.\d+(?:\.\d+)*):\s")]


def built_ids(site: Path) -> set[str]:
    return {m for page in site.rglob("*.html") for m in re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8"))}


def test_the_source_has_the_exercises_we_expect() -> None:
    assert len(exercise_ids()) == len(set(exercise_ids())) == 23


@pytest.mark.parametrize("kind", ["exercise", "figure", "table"])
def test_every_numbered_part_has_its_anchor(site: Path, kind: str) -> None:
    expected = {"exercise": exercise_ids, "figure": figure_ids, "table": table_ids}[kind]()
    assert expected, kind
    assert sorted(set(expected) - built_ids(site)) == []


def test_every_exercise_is_an_exercise_block(site: Path) -> None:
    blocks = {
        m
        for page in site.rglob("*.html")
        for m in re.findall(r'<div class="admonition exercise" id="([^"]+)"', page.read_text(encoding="utf-8"))
    }
    assert sorted(set(exercise_ids()) - blocks) == []


@pytest.mark.parametrize("part", PARTS)
def test_every_sentence_of_the_source_is_on_the_site(site: Path, part: str) -> None:
    first, last = PARTS[part]
    result = source_coverage.coverage(site, first, last)
    missing = "\n".join(result.missing)
    assert result.share == 1.0, f"{len(result.missing)} sentences of {part} are missing:\n{missing}"


def test_the_link_catalogue_lists_every_exercise_table_and_figure(site: Path) -> None:
    page = (site / "about" / "link-catalogue" / "index.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'<a href="[^"#]*#([^"]+)"', page))
    expected = set(exercise_ids()) | set(figure_ids()) | set(table_ids())
    assert sorted(expected - listed) == []


def test_every_exercise_has_a_copy_link_control(base_url: str, visit) -> None:
    page = visit.page
    page.goto(f"{base_url}/learn/what-is-compassion/")
    button = page.locator("#exercise-1-2-i").get_by_role("button", name="Copy link to this exercise")
    button.focus()
    page.keyboard.press("Enter")
    page.locator("#exercise-1-2-i").get_by_role("status").filter(has_text="#exercise-1-2-i").wait_for(timeout=5_000)


def test_the_home_pages_summary_of_who_the_toolkit_is_for_names_everyone_its_third_group_includes() -> None:
    """Source: "3 Leaders ... who uphold professional standards and system improvement, including:" a. and b."""
    start = SOURCE_LINES.index("Who is this toolkit for?")
    third = next(i for i in range(start, len(SOURCE_LINES)) if SOURCE_LINES[i].startswith("- 3 "))
    included = [re.sub(r"^\s*- [a-z]\. ", "", line).rstrip(".") for line in SOURCE_LINES[third + 1 : third + 3]]
    home = " ".join((Path(__file__).resolve().parent.parent / "docs" / "index.md").read_text(encoding="utf-8").split())
    summary = home[home.index("[Who is this toolkit for?]") :].lower()
    assert len(included) == 2 and [group for group in included if group.lower() not in summary] == []
