"""The reflection workbook, built from the exercises on the pages.

The toolkit's "TRY THIS" exercises are written once, as exercise blocks in the
pages' Markdown. At build time they are collected in navigation order; each
exercise on its page gets its questions and answer keys as a data attribute
(read by ``docs/javascripts/workbook.js``), the My workbook page lists them all,
and the blank workbook .docx and .odt are written by the templates' document
writers, with a place for each answer named by ``core.workbook.answer_key``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count, groupby

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from lotus_tools.core import workbook
from lotus_tools.core.templates import EXTENT, Field, Fields, Note, Part, Template, plain
from lotus_tools.publish import documents

PAGE = "tools/workbook/"
TITLE = "My L.O.T.U.S. reflection workbook"
WHOLE = "Your reflections"
"""The one question of an exercise whose source asks in prose, without a list of questions."""
APPRAISER = "appraiser_comments"
STORE = "lotus-workbook"
"""The answers are kept under this name in the tab's ``sessionStorage``, or the device's ``localStorage`` if chosen."""
_BLOCK = re.compile(
    r"^/// exercise \| (?P<title>[^\n]+)\n    attrs: \{id: (?P<ident>exercise-[a-z0-9-]+)\}\n(?P<body>.*?)^///$",
    re.M | re.S,
)
_LINE = re.compile(r"^(?P<indent> *)(?P<item>- |\d+\. )?(?P<text>\S.*)$")
_AUDIENCE = re.compile(r"^\*\*[^*]+:\*\* ")
"""A paragraph for one audience, ``**Team:** ...``: a question, or the lead-in to the list after it."""
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_DIV = re.compile(r'<div class="admonition exercise" id="(?P<ident>exercise-[a-z0-9-]+)">')


@dataclass(frozen=True)
class Question:
    """One line an exercise asks, or a lead-in to some: a list item, a sub-item, or an audience's paragraph."""

    text: str
    key: str
    """Its answer's key; empty for a lead-in shown as text, which only introduces the questions ``within``."""
    within: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Exercise:
    ident: str
    """Its anchor, e.g. ``exercise-1-3-i``."""
    title: str
    step: str
    """The navigation section it is in, e.g. ``Step 1: Learn``."""
    url: str
    """Its page's address in the site, e.g. ``learn/four-elements/``."""
    questions: tuple[Question, ...]

    @property
    def team(self) -> bool:
        return self.ident.endswith("-t")

    def walk(self) -> Iterator[Question]:
        """Every question and lead-in, in reading order."""
        return _walk(self.questions)

    def answers(self) -> list[dict[str, str]]:
        """Each question with the key its answer is kept and written under."""
        return [{"key": question.key, "question": question.text} for question in self.walk() if question.key]


def _walk(questions: tuple[Question, ...]) -> Iterator[Question]:
    for question in questions:
        yield question
        yield from _walk(question.within)


def _text(markdown: str) -> str:
    return plain(_LINK.sub(r"\1", markdown)).strip()


@dataclass
class _Line:
    """A question or lead-in as it is read, before it is known whether it introduces others."""

    text: str
    number: tuple[int, ...]
    within: list[_Line] = field(default_factory=list)

    def question(self, ident: str) -> Question:
        asks = not self.within or self.text.endswith("?")
        key = workbook.answer_key(ident, *self.number) if asks else ""
        return Question(_text(self.text), key, tuple(line.question(ident) for line in self.within))


def _questions(ident: str, body: str) -> tuple[Question, ...]:
    """An exercise's list items (a sub-item under its item), and its audiences' paragraphs, each with the items
    after it. Keys never change: the n-th item's is ``n``, a sub-item's adds its own number, and an audience's
    paragraph takes a number after the items'; a lead-in keeps its number unused. The exercise's own text
    around them asks nothing of its own; if it lists nothing, it asks in prose, for one answer (:data:`WHOLE`)."""
    lines = [match for match in map(_LINE.match, body.splitlines()) if match]
    items = sum(1 for line in lines if line["item"] and not line["indent"])
    item_numbers, audience_numbers = count(1), count(items + 1)
    top: list[_Line] = []
    audience: _Line | None = None
    item: _Line | None = None
    for line in lines:
        if line["item"] and line["indent"] and item:
            item.within.append(_Line(line["text"], (*item.number, len(item.within) + 1)))
        elif line["item"]:
            item = _Line(line["text"], (next(item_numbers),))
            (audience.within if audience else top).append(item)
        elif _AUDIENCE.match(line["text"]):
            audience = _Line(line["text"], (next(audience_numbers),))
            top.append(audience)
        else:
            audience = None
    found = tuple(line.question(ident) for line in top)
    return found or (Question(WHOLE, workbook.answer_key(ident, 1)),)


def exercises_of(markdown: str, step: str, url: str) -> list[Exercise]:
    """The exercises in one page's Markdown, each with what it asks."""
    return [
        Exercise(match["ident"], _text(match["title"]), step, url, _questions(match["ident"], match["body"]))
        for match in _BLOCK.finditer(markdown)
    ]


def collect(nav: Navigation) -> tuple[Exercise, ...]:
    """Every exercise of the site, in navigation order."""
    found: list[Exercise] = []
    for page in nav.pages:
        if isinstance(page, Page):
            markdown = page.file.content_string
            found += exercises_of(markdown, page.parent.title if page.parent else "", page.url)
    return tuple(found)


def _runs(questions: tuple[Question, ...]) -> Iterator[Question | str | None]:
    """``questions`` in reading order for a document: each question; a lead-in's text where the run of answer
    boxes it heads starts, and None where that run ends."""
    for question in questions:
        yield question if question.key else question.text
        yield from _runs(question.within)
        if not question.key:
            yield None


def _blocks(exercise: Exercise) -> Iterator[Part | Fields | Note]:
    """An exercise in the workbook: its title, then its answer boxes in runs, each under the lead-in it follows."""
    yield Part(exercise.title, level=2, extent=EXTENT + exercise.ident.replace("-", "_"))
    legend, run = "", list[Field]()
    for step in (*_runs(exercise.questions), None):
        if isinstance(step, Question):
            run.append(Field(step.key, step.text, long=True))
            continue
        if run:
            yield Fields(legend, tuple(run), layout="stacked")
        elif legend:
            yield Note(legend)
        legend, run = step or "", []


def template(exercises: tuple[Exercise, ...]) -> Template:
    """The workbook as a template: the date, a heading per step, each exercise's questions, room for an appraiser.
    Each step and exercise is an extent, so that a workbook of only the answered exercises leaves the rest out."""
    blocks: list[Fields | Part | Note] = [Fields("", (Field(workbook.DATE, "Date downloaded"),))]
    for number, (step, group) in enumerate(groupby(exercises, key=lambda exercise: exercise.step), start=1):
        blocks.append(Part(step, extent=f"{EXTENT}step_{number}"))
        for exercise in group:
            blocks += _blocks(exercise)
    blocks.append(Part("For an appraiser or supervisor"))
    blocks.append(Fields("", (Field(APPRAISER, "Comments", long=True),), layout="stacked"))
    return Template(workbook.KEY, "my-reflections", 0, TITLE, tuple(blocks))


def downloads(exercises: tuple[Exercise, ...]) -> tuple[documents.Download, documents.Download]:
    return documents.downloads(template(exercises))


def annotate(page_html: str, exercises: tuple[Exercise, ...], here: str) -> str:
    """``page_html`` (of the page at ``here``) with each exercise carrying its questions, answer keys and store."""
    known = {exercise.ident: exercise for exercise in exercises}

    def add(match: re.Match[str]) -> str:
        exercise = known.get(match["ident"])
        if exercise is None:
            return match[0]
        data = {"store": STORE, "workbook": get_relative_url(PAGE, here), "answers": exercise.answers()}
        payload = html.escape(json.dumps(data, ensure_ascii=False), quote=True)
        return f'{match[0][:-1]} data-lotus-module="exercise" data-workbook="{payload}">'

    return _DIV.sub(add, page_html)


def _item(question: Question) -> str:
    """A question and its answer's place, or a lead-in as text, with the questions within it."""
    text = html.escape(question.text)
    own = (
        f'<p class="lotus-question">{text}</p><p class="lotus-answer" data-answer="{question.key}">Not answered yet.</p>'
        if question.key
        else f'<p class="lotus-lead">{text}</p>'
    )
    within = f"<ol>{''.join(map(_item, question.within))}</ol>" if question.within else ""
    return f"<li>{own}{within}</li>"


def page(exercises: tuple[Exercise, ...]) -> str:
    """The My workbook page's list: every exercise by step, its questions and a place for each answer."""
    parts = []
    for step, group in groupby(exercises, key=lambda exercise: exercise.step):
        parts.append(f"<h2>{html.escape(step)}</h2>")
        for exercise in group:
            link = get_relative_url(exercise.url, PAGE) + f"#{exercise.ident}"
            parts.append(
                f'<section class="lotus-workbook-exercise" data-exercise="{exercise.ident}">'
                f'<h3><a href="{html.escape(link)}">{html.escape(exercise.title)}</a></h3>'
                f"<ol>{''.join(map(_item, exercise.questions))}</ol></section>"
            )
    return f'<div class="lotus-workbook lotus-site-words" id="lotus-workbook">{"".join(parts)}</div>'
