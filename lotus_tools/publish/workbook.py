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
from dataclasses import dataclass
from itertools import groupby

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from lotus_tools.core import workbook
from lotus_tools.core.templates import Field, Fields, Part, Template, plain
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
_QUESTION = re.compile(r"^(?:- |\d+\. )(?P<text>.+)$", re.M)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_DIV = re.compile(r'<div class="admonition exercise" id="(?P<ident>exercise-[a-z0-9-]+)">')


@dataclass(frozen=True)
class Exercise:
    ident: str
    """Its anchor, e.g. ``exercise-1-3-i``."""
    title: str
    step: str
    """The navigation section it is in, e.g. ``Step 1: Learn``."""
    url: str
    """Its page's address in the site, e.g. ``learn/four-elements/``."""
    questions: tuple[str, ...]

    @property
    def team(self) -> bool:
        return self.ident.endswith("-t")

    def answers(self) -> list[dict[str, str]]:
        """Each question with the key its answer is kept and written under."""
        return [
            {"key": workbook.answer_key(self.ident, number), "question": question}
            for number, question in enumerate(self.questions, start=1)
        ]


def _text(markdown: str) -> str:
    return plain(_LINK.sub(r"\1", markdown)).strip()


def exercises_of(markdown: str, step: str, url: str) -> list[Exercise]:
    """The exercises in one page's Markdown, each with its listed questions (or one, if it asks in prose)."""
    return [
        Exercise(
            match["ident"],
            _text(match["title"]),
            step,
            url,
            tuple(_text(q["text"]) for q in _QUESTION.finditer(match["body"])) or (WHOLE,),
        )
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


def template(exercises: tuple[Exercise, ...]) -> Template:
    """The workbook as a template: the date, a heading per step, each exercise's questions, room for an appraiser."""
    blocks: list[Fields | Part] = [Fields("", (Field(workbook.DATE, "Date downloaded"),))]
    for step, group in groupby(exercises, key=lambda exercise: exercise.step):
        blocks.append(Part(step))
        for exercise in group:
            answers = tuple(Field(item["key"], item["question"], long=True) for item in exercise.answers())
            blocks.append(Fields(exercise.title, answers, layout="stacked", heading=True))
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


def page(exercises: tuple[Exercise, ...]) -> str:
    """The My workbook page's list: every exercise by step, its questions and a place for each answer."""
    parts = []
    for step, group in groupby(exercises, key=lambda exercise: exercise.step):
        parts.append(f"<h2>{html.escape(step)}</h2>")
        for exercise in group:
            link = get_relative_url(exercise.url, PAGE) + f"#{exercise.ident}"
            questions = "".join(
                f'<li><p class="lotus-question">{html.escape(item["question"])}</p>'
                f'<p class="lotus-answer" data-answer="{item["key"]}">Not answered yet.</p></li>'
                for item in exercise.answers()
            )
            parts.append(
                f'<section class="lotus-workbook-exercise" data-exercise="{exercise.ident}">'
                f'<h3><a href="{html.escape(link)}">{html.escape(exercise.title)}</a></h3>'
                f"<ol>{questions}</ol></section>"
            )
    return f'<div class="lotus-workbook lotus-site-words" id="lotus-workbook">{"".join(parts)}</div>'
