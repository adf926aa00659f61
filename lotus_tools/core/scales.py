"""Appendix 3's scoring guide as data: likelihood, contributory factors, consequence.

Every descriptor is the source's, word for word (Appendix 3, Tables 1-3).
Standard library only: this module also runs in the reader's browser (Pyodide).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Likelihood:
    """A row of Table 1: how likely the risk is to happen or recur."""

    level: int
    name: str
    description: str
    probability: str
    """The probability range as the source writes it, e.g. ``"10-50%"``."""
    lowest_percent: float
    highest_percent: float

    @property
    def label(self) -> str:
        """The level as the source's matrix labels it, e.g. ``"4 – Likely"``."""
        return f"{self.level} – {self.name}"


@dataclass(frozen=True)
class ContributoryFactor:
    """A row of Table 2: a factor to weigh when judging likelihood."""

    key: str
    name: str
    explanation: str


@dataclass(frozen=True)
class Domain:
    """A consequence domain of Table 3 (its "Consequence" column)."""

    key: str
    name: str


@dataclass(frozen=True)
class Consequence:
    """A consequence level of Table 3 with its descriptor in every domain."""

    level: int
    name: str
    descriptors: tuple[tuple[str, str], ...]
    """(domain key, descriptor) pairs, in the order of ``DOMAINS``."""

    @property
    def label(self) -> str:
        """The level as the source's matrix labels it, e.g. ``"3 – Moderate"``."""
        return f"{self.level} – {self.name}"

    def descriptor(self, domain: str) -> str:
        """The descriptor of this level in ``domain`` (a domain key)."""
        return dict(self.descriptors)[domain]


LIKELIHOOD_TITLE = "Table 1 – Guide to objectively evaluating the potential for Likelihood/Frequency of risk recurrence"
FACTORS_TITLE = (
    "Table 2 – Contributory factors for consideration when objectively evaluating "
    "the potential likelihood/frequency of risk recurrence"
)
CONSEQUENCE_TITLE = "Table 3 – Guide to objectively evaluate severity/consequence"
LIKELIHOOD_INSTRUCTION = (
    "If possible, score the likelihood by assigning a predicted frequency of occurrence of the adverse outcome. "
    "If this is not possible, assign a probability to the adverse outcome occurring within a given time frame, "
    "such as the lifetime of a project or a patient care episode. If it is not possible to determine a numerical "
    "probability, then use the probability descriptions to determine the most appropriate score."
)
"""Appendix 3's instruction 4, word for word: how to score the likelihood (frequency, probability or description)."""

LIKELIHOODS: tuple[Likelihood, ...] = (
    Likelihood(
        1, "Rare", "This will probably never happen/recur, or not expected to occur for years.", "<0.1%", 0.0, 0.1
    ),
    Likelihood(
        2,
        "Unlikely",
        "Do not expect this event to happen/recur but it is possible that it might do so.",
        "0.1-1%",
        0.1,
        1.0,
    ),
    Likelihood(3, "Possible", "Might happen or recur occasionally.", "1-10%", 1.0, 10.0),
    Likelihood(4, "Likely", "Will probably happen/recur, but it's not a persistent problem.", "10-50%", 10.0, 50.0),
    Likelihood(5, "Almost certain", "Will undoubtedly happen/recur, possibly frequent.", ">50%", 50.0, 100.0),
)

CONTRIBUTORY_FACTORS: tuple[ContributoryFactor, ...] = (
    ContributoryFactor(
        "insight",
        "Level of insight",
        "Does the practitioner understand and accept the deficiencies in performance? Is there evidence that "
        "the practitioner appreciates the impact of the issue/incident or potential for harm if not addressed?",
    ),
    ContributoryFactor("health", "Health", "Is there evidence of ill health or potential indicators of ill health?"),
    ContributoryFactor(
        "behaviours",
        "Behaviours",
        "Is there evidence of concerning behaviour, outside the standards outlined by regulatory body guidance "
        "or behaviours expected of the profession?",
    ),
    ContributoryFactor(
        "support",
        "Level of support",
        "Is the practitioner engaged with support agencies – defence union/local representative committee/support "
        "groups. Is the practitioner supported by friends/family/peers/mentor/supervisor or could they be isolated?",
    ),
    ContributoryFactor(
        "context",
        "Context of work",
        "Are they a locum/Partner/salaried? Are they working in a supportive and/or positive environment i.e., a "
        "training practice. Is the practice involved in any CQC action?",
    ),
    ContributoryFactor(
        "engagement",
        "Level of engagement",
        "Has the practitioner engaged with NHS England and NHS Improvement or other relevant agencies? Have they "
        "engaged with support agencies? Have they engaged with requests for information?",
    ),
)

DOMAINS: tuple[Domain, ...] = (
    Domain("safety", "Patient/public safety (physical/psychological harm)"),
    Domain("statutory", "Statutory duties/inspections"),
    Domain("financial", "Financial"),
    Domain("management", "Management"),
    Domain("professionalism", "Professionalism/conduct/reputation"),
)

CONSEQUENCES: tuple[Consequence, ...] = (
    Consequence(
        1,
        "Negligible",
        (
            (
                "safety",
                "Minimal injury requiring no/minimal intervention or treatment and no time off work (patient safety).",
            ),
            ("statutory", "No or minimal impact or breach of guidance."),
            ("financial", "Insignificant evidence of financial loss and risk of claim remote."),
            ("management", "Minor infringement of process/systems with no enduring consequence."),
            (
                "professionalism",
                "No risk of media coverage, minimal/negligible impact on maintaining trust and reputation.",
            ),
        ),
    ),
    Consequence(
        2,
        "Minor",
        (
            (
                "safety",
                "Minor injury or illness, first aid treatment may be needed. Minor implications for patient safety if "
                "unresolved. No residual harm or disability. Overall treatment.",
            ),
            ("statutory", "Limited evidence of breach in statutory legislation."),
            ("financial", "Small loss or minor risk of claim."),
            (
                "management",
                "Single failure to meet internal standards. Low level complaint, resolved by commissioning organisation "
                "or provider.",
            ),
            (
                "professionalism",
                "Minor impact on maintaining trust; isolated evidence of dishonesty. Minor breach of Professional ethics "
                "(measured through respect for profession, others, and patients). Media involvement unlikely. Local "
                "media coverage – short-term reduction in public confidence Elements of public expectation not being met",
            ),
        ),
    ),
    Consequence(
        3,
        "Moderate",
        (
            (
                "safety",
                "Moderate injury requiring professional intervention but with no residual disability/harm. May affect a "
                "small group of patients. Results in regulator complaint. May result in a structured improvement action "
                "plan for performer. May require clinical supervision.",
            ),
            (
                "statutory",
                "Single breach in statutory duties. Practitioner challenging external recommendations/improvement notice.",
            ),
            ("financial", "Limited evidence of financial mismanagement of NHS funds."),
            (
                "management",
                "Complaint(s) investigation may result in referral to Practitioner Performance Team and may require "
                "external review. Moderate infringement of process/systems. May be isolated complaint.",
            ),
            (
                "professionalism",
                "Major impact on maintaining trust; evidence of dishonesty: Major breach of Professional ethics (measured "
                "through respect for profession, others, and patients). Local media coverage – loss public confidence "
                "(short – medium term).",
            ),
        ),
    ),
    Consequence(
        4,
        "Major",
        (
            (
                "safety",
                "Mismanagement of patient care with long-term effects. Major injury leading to long-term "
                "incapacity/disability. Significant risk to patient safety if unresolved. Required urgent acute "
                "admission. Will require clinical supervision.",
            ),
            (
                "statutory",
                "Multiple breach in statutory duties – Improvement notices. Practitioner not acting on/engaging with "
                "regulatory body actions/recommendations.",
            ),
            ("financial", "Evidence of financial mismanagement of NHS funds, NHS fraud investigations/findings."),
            (
                "management",
                "Multiple/similar complaints and will require external review. Significant infringement of process/systems.",
            ),
            (
                "professionalism",
                "Major impact on maintaining trust; evidence of professional dishonesty. Major breach of Professional "
                "ethics (measured through respect for profession, others, and patients). National media involvement "
                "likely. Risk to corporate reputation if not acted upon. Significant and long-term loss of public "
                "confidence.",
            ),
        ),
    ),
    Consequence(
        5,
        "Catastrophic",
        (
            (
                "safety",
                "Incident leading to death. Multiple permanent injuries or irreversible health effects. An event which "
                "impacts on a large number of patients or a one-off isolated incident.",
            ),
            (
                "statutory",
                "Practitioner specific root cause of severely critical report – prosecution – multiple breaches in "
                "statutory duty.",
            ),
            (
                "financial",
                "Evidence of significant financial mismanagement of NHS funds, NHS fraud investigations/findings.",
            ),
            (
                "management",
                "Significant and immediate infringement of process/systems which results in loss of critical service "
                "and/or risk to service users.",
            ),
            (
                "professionalism",
                "May result in urgent action by regulator. Major criminal investigation/charges. Catastrophic impact on "
                "maintaining trust – evidence of system wide dishonesty by professionals. Catastrophic breach of "
                "professional ethics (measured through disrespect for profession, others, and patients). National media "
                "coverage inevitable. Total loss of public confidence.",
            ),
        ),
    ),
)

LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)


def likelihood(level: int) -> Likelihood:
    """The Table 1 row of ``level`` (1-5); callers validate first."""
    return LIKELIHOODS[level - 1]


def consequence(level: int) -> Consequence:
    """The Table 3 level ``level`` (1-5); callers validate first."""
    return CONSEQUENCES[level - 1]


def domain(key: str) -> Domain:
    """The Table 3 domain with ``key``; callers validate first."""
    return next(d for d in DOMAINS if d.key == key)
