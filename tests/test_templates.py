"""The template definitions hold every label, hint and factor of the source's templates, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lotus_tools.core import templates
from lotus_tools.core.templates import (
    TEMPLATES,
    FactorTable,
    Field,
    Fields,
    Grid,
    Line,
    Note,
    Numbered,
    Rating,
    Run,
    Template,
    runs,
)
from tests import template_source
from tests.template_source import normalise, plain

ROOT = Path(__file__).resolve().parent.parent
KEYS = tuple(TEMPLATES)


def _labelled(field: Field) -> list[str]:
    found = [field.label, *field.choices]
    if field.hint:
        found += [field.hint, f"{field.label} {field.hint}"]
    return found


def defined(template: Template) -> set[str]:
    """Every text of the definition in the shapes the source lays them out (a label with its hint, a row)."""
    found = [template.title]
    for block in template.blocks:
        if isinstance(block, Note):
            found.append(block.text)
        elif isinstance(block, Fields):
            found.append(block.legend)
            for item in block.items:
                if isinstance(item, Field):
                    found += _labelled(item)
                elif isinstance(item, Numbered):
                    found += [item.label, " ".join(f.label for f in item.fields)]
                elif isinstance(item, Rating):
                    found += [item.label, *item.band.choices, " ".join(item.signs)]
        elif isinstance(block, Grid):
            found += [block.caption, *block.headings]
            for row in block.rows:
                for field in row.questions:
                    found += _labelled(field)
                if row.outcome:
                    found.append(f"{row.outcome.label} ↓")
        elif isinstance(block, FactorTable):
            found += [block.caption, block.citation, *block.headings]
            for kind, factors in block.rows:
                found += [kind, " ".join(factors)]
        elif isinstance(block, Line):
            found.append("".join(p.placeholder if isinstance(p, Field) else p for p in block.parts))
    return {normalise(plain(text)) for text in found if text}


@pytest.mark.parametrize("key", KEYS)
def test_every_label_hint_and_line_of_the_source_is_defined(key: str) -> None:
    missing = [text for text in map(plain, template_source.strings(key)) if text not in defined(TEMPLATES[key])]
    assert missing == []


@pytest.mark.parametrize("key", KEYS)
def test_nothing_is_defined_that_the_source_does_not_say(key: str) -> None:
    source = plain(template_source.text(key))
    extra = sorted(text for text in defined(TEMPLATES[key]) if text not in source)
    assert extra == []


def test_the_templates_are_appendices_2_4_and_5_titled_as_the_source() -> None:
    assert [(t.key, t.appendix) for t in TEMPLATES.values()] == [
        ("appendix-2", 2),
        ("appendix-4", 4),
        ("appendix-5", 5),
    ]
    for key, template in TEMPLATES.items():
        assert template.title == template_source.strings(key)[0]


def test_every_london_protocol_factor_is_listed_once() -> None:
    table = next(b for b in templates.LESSONS_LEARNT.blocks if isinstance(b, FactorTable))
    kinds = [kind for kind, _ in table.rows]
    factors = [factor for _, listed in table.rows for factor in listed]
    assert len(kinds) == 7 and len(set(kinds)) == 7
    assert len(factors) == 26 and len(set(factors)) == 26
    assert not re.search(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]|<sup>", table.citation)  # the source gives no citation mark here
    assert "Taylor-Adams and Charles Vincent" in (ROOT / "docs" / "references.md").read_text(encoding="utf-8")


def test_the_form_only_labels_use_the_toolkits_words() -> None:
    """Labels the source does not lay out as labels (the score, the letter's places) come from its text."""
    whole = normalise(template_source.SOURCE.read_text(encoding="utf-8"))
    rating = next(i for b in templates.TRIAGE.blocks if isinstance(b, Fields) for i in b.items if isinstance(i, Rating))
    for field in (rating.consequence, rating.likelihood, rating.score):
        assert field.label in whole
    letter = " ".join(template_source.strings("appendix-5"))
    for field in templates.OUTCOME_LETTER.fields():
        assert field.placeholder in letter
        assert all(word.lower() in letter.lower() for word in field.label.split())


@pytest.mark.parametrize("key", KEYS)
def test_field_keys_are_unique_bookmark_names(key: str) -> None:
    fields = list(TEMPLATES[key].fields())
    names = [name for f in fields for name in (f.key, *(f.choice_key(c) for c in f.choices))]
    assert len(names) == len(set(names))
    assert all(templates.KEY.match(name) for name in names)


def test_the_triage_record_has_the_calculators_keys() -> None:
    keys = [f.key for f in templates.TRIAGE.fields()]
    assert {"practitioner_name", "registration_number", "rating", "consequence", "likelihood", "score"} <= set(keys)
    rating = next(f for f in templates.TRIAGE.fields() if f.choices)
    assert rating.choices == ("Green", "Amber", "Red")


def test_a_bad_key_or_a_repeated_key_is_refused() -> None:
    with pytest.raises(ValueError, match="lower-case"):
        Field("Bad Key", "Label")
    with pytest.raises(ValueError, match="repeats the field keys a"):
        Template("appendix-9", "x", 9, "T", (Fields("", (Field("a", "A"), Field("a", "B"))),))


def test_emphasis_marks_become_runs() -> None:
    assert runs("See **Table 1** and *this*.") == [
        Run("See "),
        Run("Table 1", bold=True),
        Run(" and "),
        Run("this", italic=True),
        Run("."),
    ]
    assert templates.plain("a **b** *c*") == "a b c"
