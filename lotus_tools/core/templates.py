"""The toolkit's template forms (Appendices 2, 4 and 5) as data, each label written once.

The page's HTML form (``render_forms``), the blank .docx and .odt (``forms``)
and the filled .docx (``record``) are all made from these definitions. Text is
the source's, word for word; ``**bold**`` and ``*italic*`` mark its emphasis.
Standard library only: this module also runs in the reader's browser (Pyodide).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, assert_never

KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
"""A field key: also a Word bookmark name, so at most 40 letters, digits and underscores."""

EXTENT = "_"
"""How the name of a part's extent starts: Word hides a bookmark named so, and no field key starts so."""
EXTENT_NAME = re.compile(rf"^{EXTENT}[a-z0-9_]{{1,39}}$")

RATING_COLOURS: tuple[tuple[str, str], ...] = (("Green", "4CAF50"), ("Amber", "FFC107"), ("Red", "F44336"))
"""Appendix 2's risk-rating boxes and the colours the source gives them."""
RATING_NOTE = "rating_note"
"""The place under Appendix 2's risk score where a record says how its rating was set, if set by hand: a place
in the documents, not a field of the form."""


@dataclass(frozen=True)
class Field:
    """One thing to fill in, with a stable key.

    ``placeholder`` is the source's stand-in text where the answer goes inside
    running text (a letter's ``[Insert name]``); table fields have none and an
    empty cell instead.
    """

    key: str
    label: str
    hint: str = ""
    long: bool = False
    placeholder: str = ""
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for key in (self.key, *(self.choice_key(choice) for choice in self.choices)):
            if not KEY.match(key):
                raise ValueError(f"Field key {key!r} must be lower-case letters, digits and '_', at most 40.")

    def choice_key(self, choice: str) -> str:
        """The key marking one choice of a choice field, e.g. ``rating_amber``."""
        return f"{self.key}_{choice.lower()}"


@dataclass(frozen=True)
class Note:
    """A paragraph of the template's own text."""

    text: str


@dataclass(frozen=True)
class Numbered:
    """One label with numbered answers ("Documents Reviewed: 1. 2. 3.")."""

    label: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Rating:
    """Appendix 2's risk rating: Green/Amber/Red boxes over "C x L = R"."""

    label: str
    band: Field
    consequence: Field
    likelihood: Field
    score: Field
    signs: tuple[str, str] = ("x", "=")
    """The source's "x =" between the consequence, the likelihood and the score."""


Item = Field | Numbered | Rating


@dataclass(frozen=True)
class Fields:
    """A group of items, under a legend where the source gives one.

    ``columns``: labels across, one row of answers below (Clinical Review);
    ``rows``: a label beside each answer; ``stacked``: each label above its answer.
    """

    legend: str
    items: tuple[Item, ...]
    layout: Literal["columns", "rows", "stacked"] = "rows"
    heading: bool = False
    """Whether ``legend`` is a heading (a short title) rather than an instruction."""


@dataclass(frozen=True)
class GridRow:
    """A row of Table 1: one or two questions and the outcome to record."""

    questions: tuple[Field, ...]
    outcome: Field | None


@dataclass(frozen=True)
class Grid:
    """Appendix 4's Table 1: questions in two columns, outcomes in a third."""

    ident: str
    caption: str
    headings: tuple[str, str]
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class FactorTable:
    """Appendix 4's Table 2: the London Protocol's factor types and influencing factors."""

    ident: str
    caption: str
    citation: str
    headings: tuple[str, str]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Line:
    """A paragraph of a letter: text and fields in reading order."""

    parts: tuple[str | Field, ...]
    style: Literal["body", "strong", "address", "signature", "close"] = "body"
    """``address``: the reference block; ``signature``: the name, after room to sign; ``close``: lines under it."""


@dataclass(frozen=True)
class Part:
    """A heading over the blocks that follow (the workbook's steps at level 1, its exercises at level 2)."""

    title: str
    level: Literal[1, 2] = 1
    extent: str = ""
    """If given, the name of the part's extent in the documents, from its heading to the next heading of its
    level or above, so that a copy may leave it out (the workbook's unanswered exercises): it starts with
    :data:`EXTENT`, and is a hidden bookmark around the part in Word and a section in OpenDocument."""

    def __post_init__(self) -> None:
        if self.extent and not EXTENT_NAME.match(self.extent):
            raise ValueError(f"A part's extent {self.extent!r} must be '_' then at most 39 letters, digits and '_'.")


Block = Note | Fields | Grid | FactorTable | Line | Part


@dataclass(frozen=True)
class Template:
    """One of the toolkit's templates."""

    key: str
    """``appendix-N``: how the browser's ``fill_record`` names it."""
    slug: str
    """Its page's file name in ``docs/appendices/``, e.g. ``triage-template``."""
    appendix: int
    title: str
    blocks: tuple[Block, ...]
    letter: bool = False

    def __post_init__(self) -> None:
        keys = [key for f in self.fields() for key in (f.key, *(f.choice_key(c) for c in f.choices))]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"The {self.key} template repeats the field keys {', '.join(repeated)}.")

    @property
    def place(self) -> str:
        """Where the template stands in the toolkit, for its documents' description."""
        return f"Appendix {self.appendix}" if self.appendix else "a reader's reflections on its exercises"

    def fields(self) -> Iterator[Field]:
        """Every fillable field, in reading order."""
        for block in self.blocks:
            match block:
                case Fields():
                    for item in block.items:
                        yield from _item_fields(item)
                case Grid():
                    for row in block.rows:
                        yield from row.questions
                        if row.outcome:
                            yield row.outcome
                case Line():
                    yield from (part for part in block.parts if isinstance(part, Field))
                case Note() | FactorTable() | Part():
                    pass
                case _:
                    assert_never(block)


def _item_fields(item: Item) -> Iterator[Field]:
    match item:
        case Field():
            yield item
        case Numbered():
            yield from item.fields
        case Rating():
            yield from (item.band, item.consequence, item.likelihood, item.score)
        case _:
            assert_never(item)


_IF_YES = "Yes/No (If yes, please give further details on any identified concerns)"

TRIAGE = Template(
    key="appendix-2",
    slug="triage-template",
    appendix=2,
    title="Initial triage and review template for risk stratification used by NHSE SIPS team when performance concerns are raised",
    blocks=(
        Fields(
            "Clinical Review",
            (
                Field("discipline", "Discipline"),
                Field("practitioner_name", "Practitioner Name"),
                Field("registration_number", "Registration Number"),
                Field("practice_details", "Practice Details", hint="*(if available/applicable)*"),
            ),
            layout="columns",
            heading=True,
        ),
        Fields(
            "To be completed by the professional advisor as appointed by NHS England Northwest:",
            (
                Field("reviewer_name", "Name of Reviewer"),
                Field("review_date", "Date of Review", hint="XX/XX/XXXX"),
                Field(
                    "conflict_of_interest",
                    "Declaration for Conflict of Interest",
                    hint="Yes/No e.g. I declare that I know of no conflict(s) of interest regarding this "
                    "practitioner or matters arising regarding the concerns raised.",
                    long=True,
                ),
                Field(
                    "summary_of_concerns",
                    "Summary of Concern(s)",
                    hint="Please give a brief overview of the case background and the concerns raised.",
                    long=True,
                ),
                Numbered(
                    "Documents Reviewed",
                    tuple(Field(f"document_{n}", f"{n}.") for n in (1, 2, 3)),
                ),
                Field("safeguarding_concerns", "Safeguarding Concern(s)", hint=_IF_YES, long=True),
                Field(
                    "health_concerns",
                    "Are there any potential health concerns regarding this practitioner?",
                    hint=_IF_YES,
                    long=True,
                ),
                Rating(
                    "Risk Rating (with score)",
                    band=Field("rating", "Risk Rating", choices=tuple(name for name, _ in RATING_COLOURS)),
                    consequence=Field("consequence", "C (consequence)"),
                    likelihood=Field("likelihood", "L (likelihood)"),
                    score=Field("score", "R (risk score)"),
                ),
                Field("rationale", "Rationale", hint="e.g. Potential breach of GMC, GMP and dishonesty", long=True),
                Field(
                    "case_recommendation",
                    "Case Recommendation",
                    hint="e.g. Ask PAG to consider interviewing the practitioner and undertake a record review of....",
                    long=True,
                ),
                Field(
                    "additional_recommendations",
                    "Any Additional Recommendations",
                    hint="e.g. Ask for the performers reflections and include for PAG.",
                    long=True,
                ),
            ),
        ),
    ),
)

LESSONS_LEARNT = Template(
    key="appendix-4",
    slug="lessons-learnt-template",
    appendix=4,
    title="Lessons Learnt and System Improvement Review Template",
    blocks=(
        Note("To be completed for professional concern cases presented at PAG."),
        Fields(
            "",
            (
                Field("case_id", "Case ID:"),
                Field("pag_date", "Professional Advisory Group-PAG date:"),
            ),
        ),
        Note("Step 1: Reflection- See **Table 1** and **Table 2** for individual/team reflections and discussions."),
        Fields(
            "",
            (
                Field(
                    "background",
                    "Step 2: Background and summary of case.",
                    hint="Please Refer to Case XXX PAG document summary (helps avoid duplication). "
                    "Additional information if any can be captured here.",
                    long=True,
                ),
            ),
            layout="stacked",
        ),
        Fields(
            "Step 3: Documentation - Please document your response under 1-3 below:",
            (
                Field("lessons_learnt", "1. What is the learning from this/ key lessons learnt?", long=True),
                Field(
                    "contributory_factors",
                    "2. What contributory factors were noted and how did they contribute? (See Table 2)",
                    long=True,
                ),
                Field(
                    "improvement_actions",
                    "3. What actions for learning and improvement/system solutions can be enabled to mitigate?",
                    long=True,
                ),
            ),
            layout="stacked",
        ),
        Grid(
            ident="table-1",
            caption="Table 1: Reflection points",
            headings=("Reflection points", "Outcome"),
            rows=(
                GridRow(
                    (
                        Field("supposed_to_happen", "What was supposed to happen?", long=True),
                        Field("what_happened", "What happened?", long=True),
                    ),
                    Field("agreed_facts", "Agreed facts", long=True),
                ),
                GridRow(
                    (
                        Field("why_difference", "Why was there a difference?", long=True),
                        Field("what_to_learn", "What can we learn from this?", long=True),
                    ),
                    Field("shared_opinions_learning", "Shared Opinions", long=True),
                ),
                GridRow(
                    (
                        Field(
                            "factors_noted",
                            "What factors were noted as contributory?",
                            hint="See Appendix 1 The L.O.T.U.S. Compassionate Leadership Framework and Toolkit",
                            long=True,
                        ),
                        Field("mitigating_actions", "What actions/solutions can help mitigate?", long=True),
                    ),
                    Field("shared_opinions_actions", "Shared Opinions", long=True),
                ),
                GridRow(
                    (
                        Field(
                            "share_learning_with",
                            "Who could we share the learning and system solutions/improvement opportunities with?",
                            long=True,
                        ),
                    ),
                    None,
                ),
            ),
        ),
        FactorTable(
            ident="table-2",
            caption="Table 2: Framework of Contributory Factors, The London Protocol",
            citation="Sally Taylor Adams & Charles Vincent, *System Analysis of Clinical Incidents*",
            headings=("Factor Types", "Contributory Influencing Factor"),
            rows=(
                (
                    "Patient Factors",
                    (
                        "Condition (complexity & seriousness)",
                        "Language and communication",
                        "Personality and social factors",
                    ),
                ),
                (
                    "Task and Technology Factors",
                    (
                        "Task design and clarity of structure",
                        "Availability and use of protocols",
                        "Availability and accuracy of test results",
                        "Decision-making aids",
                    ),
                ),
                (
                    "Individual (staff) Factors",
                    ("Knowledge and skills", "Competence", "Physical and mental health"),
                ),
                (
                    "Team Factors",
                    (
                        "Verbal communication",
                        "Written communication",
                        "Supervision and seeking help",
                        "Team structure (congruence, consistency, leadership, etc)",
                    ),
                ),
                (
                    "Work Environmental Factors",
                    (
                        "Staffing levels and skills mix",
                        "Workload and shift patterns",
                        "Design, availability and maintenance of equipment",
                        "Administrative and managerial support",
                        "Environment Physical",
                    ),
                ),
                (
                    "Organisational & Management Factors",
                    (
                        "Financial resources & constraints",
                        "Organisational structure",
                        "Policy, standards and goals",
                        "Safety culture and priorities",
                    ),
                ),
                (
                    "Institutional Context Factors",
                    (
                        "Economic and regulatory context",
                        "National health service executive",
                        "Links with external organisations",
                    ),
                ),
            ),
        ),
    ),
)

OUTCOME_LETTER = Template(
    key="appendix-5",
    slug="outcome-letter-template",
    appendix=5,
    title="Template used to keep practitioner updated regarding outcome of PAG/PSG formal discussions",
    letter=True,
    blocks=(
        Line(("Enquiries to: ", Field("enquiries_to", "Enquiries to", placeholder="[Insert name]")), "address"),
        Line(("Contact no: ", Field("contact_number", "Contact no", placeholder="[Insert contact number]")), "address"),
        Line(("Email: ", Field("email", "Email", placeholder="[Insert email]")), "address"),
        Line(("Our Ref: ", Field("our_ref", "Our Ref", placeholder="[Insert LARC number]")), "address"),
        Line(("Date: ", Field("date", "Date", placeholder="Insert date")), "address"),
        Line(("Private and Confidential",), "strong"),
        Line(("Dear Dr ", Field("practitioner_name", "Dear Dr", placeholder="[insert name]"))),
        Line(("Re: Performance Advisory Group (PAG) outcome",), "strong"),
        Line(
            (
                "Further to NHS England letter dated ",
                Field("earlier_letter_date", "NHS England letter dated", placeholder="xxxxx"),
                ", we are now writing to confirm that PAG has reviewed your case.",
            )
        ),
        Line(
            (
                "The Group considered ",
                Field("group_considered", "The Group considered", placeholder="xxxxx", long=True),
                " and instructed ",
                Field(
                    "decision",
                    "The Group instructed",
                    placeholder="[insert decision, rationale, and actions here]",
                    long=True,
                ),
                ".",
            )
        ),
        Line(("I will write to you shortly with further details of your investigator and the Terms of Reference.",)),
        Line(
            (
                "PAG have requested an occupational health report to fully understand if there are any health "
                "concerns that may impact your ability to work. If you consent to the contents of the report being "
                "shared with NHS England it will be shared with the PAG members, clinical advisor, and case manager "
                "only and will be managed with the strictest confidence.",
            )
        ),
        Line(
            (
                "We appreciate that occupational health assessments are personal in nature, but we encourage all "
                "practitioners to share information with us as it often helps provide further context to the cases "
                "and what action is most appropriate. Should you not provide consent then PAG members will have to "
                "decide without full knowledge of any health implications on our clinical practice.",
            )
        ),
        Line(
            (
                "We understand that this must be a stressful time for you and encourage you to contact your defence "
                "organisation and LMC/LDCL/OC for support. Contact details are available in the support information "
                "provided in our first letter to you.",
            )
        ),
        Line(
            (
                "Please do not send any correspondence to the office address as the offices are not manned "
                "currently. Please contact the case manager directly if you require any assistance.",
            )
        ),
        Line(("Yours sincerely",)),
        Line((Field("signatory_name", "Name", placeholder="NAME"),), "signature"),
        Line((Field("job_title", "Job title", placeholder="[Insert job title]"), ", Medical Directorate"), "close"),
        Line(("NHS England",), "close"),
    ),
)

TEMPLATES: dict[str, Template] = {t.key: t for t in (TRIAGE, LESSONS_LEARNT, OUTCOME_LETTER)}


_EMPHASIS = re.compile(r"\*\*(?P<bold>.+?)\*\*|\*(?P<italic>.+?)\*")


@dataclass(frozen=True)
class Run:
    """A stretch of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


def runs(text: str) -> list[Run]:
    """Split ``**bold**`` and ``*italic*`` marks out of a definition's text."""
    found: list[Run] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            found.append(Run(text[position : match.start()]))
        found.append(Run(match["bold"], bold=True) if match["bold"] else Run(match["italic"], italic=True))
        position = match.end()
    if position < len(text):
        found.append(Run(text[position:]))
    return found


def plain(text: str) -> str:
    """A definition's text without its emphasis marks."""
    return "".join(run.text for run in runs(text))
