"""The triage risk calculator's widget, rendered at build time from ``scales``, and the hooks it declares.

The page works through Appendix 3's instructions: define the risk, choose its
consequence (domain and level) and its likelihood (level or probability), then
read the score. Labels and descriptors come from :mod:`lotus_tools.core.scales`.
Every element the page script needs is named once here (:data:`ELEMENTS`, the
radio :data:`NAMES`, and the per-level ids of :func:`hooks`); the renderers
write those ids and the page contract carries the same declaration, so the
script never guesses an id. Everything that needs JavaScript ships ``hidden``
and is shown by the calculator component.
"""

from __future__ import annotations

from html import escape
from types import MappingProxyType
from typing import Any

from lotus_tools.core import scales
from lotus_tools.publish import scoring_tables

MODULE = "calculator"
"""The component that mounts the widget (``docs/javascripts/components/calculator.js``)."""

ELEMENTS = MappingProxyType(
    {
        "start": "calc-start",
        "status": "calc-status",
        "progress": "calc-progress",
        "retry": "calc-retry",
        "tryAgain": "calc-try-again",
        "entry": "risk-entry",
        "description": "risk-description",
        "probability": "risk-probability",
        "probabilityError": "risk-probability-error",
        "result": "calc-result",
        "announce": "calc-announce",
        "guidance": "calc-guidance",
        "risks": "calc-risks",
        "addRisk": "add-risk",
        "addRiskMessage": "add-risk-message",
        "summary": "risk-summary",
        "override": "rating-override",
        "overrideOn": "override-on",
        "overrideReasonField": "calc-override-reason",
        "overrideReason": "override-reason",
        "overrideReasonError": "override-reason-error",
        "actions": "calc-actions",
        "downloadDocx": "download-record",
        "downloadOdt": "download-record-odt",
        "print": "print-record",
        "copy": "copy-summary",
        "clear": "clear-all",
        "recordStatus": "record-status",
        "matrix": scoring_tables.MATRIX_ID,
    }
)
"""Each element the calculator's script uses, by the name the script knows it by, and its id on the page."""

NAMES = MappingProxyType({"domain": "risk-domain", "consequence": "risk-consequence", "likelihood": "risk-likelihood"})
"""The radio groups, by the name the script knows them by."""


def _descriptor_id(level: int) -> str:
    return f"consequence-{level}-descriptor"


def _likelihood_id(level: int) -> str:
    return f"{NAMES['likelihood']}-{level}"


def _factor_id(key: str) -> str:
    return f"factor-{key}"


def hooks() -> dict[str, Any]:
    """The calculator's declared DOM hooks, as the page contract carries them."""
    return {
        "elements": dict(ELEMENTS),
        "names": dict(NAMES),
        "descriptorIds": {str(c.level): _descriptor_id(c.level) for c in scales.CONSEQUENCES},
        "likelihoodIds": {str(row.level): _likelihood_id(row.level) for row in scales.LIKELIHOODS},
        "factors": {f.key: {"id": _factor_id(f.key), "name": f.name} for f in scales.CONTRIBUTORY_FACTORS},
    }


def required_ids() -> list[str]:
    """Every id :func:`hooks` declares: each must stand exactly once on the calculator's page."""
    declared = hooks()
    return [
        *declared["elements"].values(),
        *declared["descriptorIds"].values(),
        *declared["likelihoodIds"].values(),
        *(factor["id"] for factor in declared["factors"].values()),
    ]


def _radio(name: str, value: str, label: str, detail: str = "", detail_id: str = "") -> str:
    """A radio named by its short label alone; what the level means is its description, read after the name."""
    ident = f"{name}-{value}"
    if not detail:
        return (
            f'<div class="calc-option"><input type="radio" id="{ident}" name="{name}" value="{escape(value)}">'
            f' <label for="{ident}"><strong>{escape(label)}</strong></label></div>'
        )
    described = detail_id or f"{ident}-detail"
    return (
        f'<div class="calc-option"><input type="radio" id="{ident}" name="{name}" value="{escape(value)}" '
        f'aria-describedby="{described}"> <span class="calc-option-text"><label for="{ident}"><strong>'
        f'{escape(label)}</strong></label> <span class="calc-option-detail" id="{described}">{detail}</span></span></div>'
    )


def _fieldset(legend: str, hint: str, options: list[str], ident: str) -> str:
    return (
        f'<fieldset id="{ident}" aria-describedby="{ident}-hint"><legend>{escape(legend)}</legend>'
        f'<p class="calc-hint" id="{ident}-hint">{escape(hint)}</p>{"".join(options)}'
        f'<p class="calc-error" id="{ident}-error" hidden></p></fieldset>'
    )


def start() -> str:
    """How Python's start is going, a way to try again, and what to do if the script never runs."""
    e = ELEMENTS
    return (
        f'<div class="calc-start" id="{e["start"]}" hidden>'
        f'<p id="{e["status"]}" class="calc-status" role="status">Starting the calculator…</p>'
        f'<progress id="{e["progress"]}" max="100" aria-label="Starting the calculator"></progress>'
        f'<p class="calc-retry" id="{e["retry"]}" hidden>'
        f'<button type="button" class="md-button" id="{e["tryAgain"]}">Try again</button></p></div>'
        '<p class="calc-slow">The calculator\'s script has not started. Reload the page to try again. Meanwhile you '
        "can score by hand with the matrix below: consequence x likelihood = risk score.</p>"
    )


def risk_form() -> str:
    """Steps 1-3: define the risk, its consequence and its likelihood (shown by the script)."""
    e, n = ELEMENTS, NAMES
    domains = [_radio(n["domain"], d.key, d.name) for d in scales.DOMAINS]
    consequences = [
        _radio(
            n["consequence"],
            str(c.level),
            f"{c.level} – {c.name}",
            "Choose a domain to see what this level means in it.",
            _descriptor_id(c.level),
        )
        for c in scales.CONSEQUENCES
    ]
    likelihoods = [
        _radio(
            n["likelihood"],
            str(row.level),
            f"{row.level} – {row.name}",
            escape(f"{row.description} Probability {row.probability}"),
        )
        for row in scales.LIKELIHOODS
    ]
    factors = "\n".join(
        f'<div class="calc-field"><label for="{_factor_id(f.key)}">{escape(f.name)}</label>'
        f'<p class="calc-hint" id="{_factor_id(f.key)}-hint">{escape(f.explanation)}</p>'
        f'<textarea id="{_factor_id(f.key)}" name="{_factor_id(f.key)}" rows="2" '
        f'aria-describedby="{_factor_id(f.key)}-hint"></textarea></div>'
        for f in scales.CONTRIBUTORY_FACTORS
    )
    return f"""<div id="{e["entry"]}" hidden markdown="1">
<h2 id="define-the-risk">1. Define the risk</h2>
<div class="calc-field"><label for="{e["description"]}">The adverse consequence that might arise from the risk</label>
<p class="calc-hint" id="{e["description"]}-hint">Appendix 3, instruction 1: define the risk(s) explicitly in terms of adverse consequence(s) that might arise from the risk.</p>
<textarea id="{e["description"]}" name="description" rows="3" aria-describedby="{e["description"]}-hint"></textarea></div>
<h2 id="consequence">2. Consequence</h2>
{_fieldset("Consequence domain", "Which kind of harm is this risk about? (Table 3)", domains, "domain-group")}
{_fieldset("Consequence level", "How severe would the adverse consequence be? (Table 3)", consequences, "consequence-group")}
<h2 id="likelihood">3. Likelihood</h2>
<p class="calc-hint">Appendix 3, instruction 4: {escape(scales.LIKELIHOOD_INSTRUCTION)}</p>
{_fieldset("Likelihood", "How likely is it to happen or recur? (Table 1)", likelihoods, "likelihood-group")}
<div class="calc-field"><label for="{e["probability"]}">Or give a probability (%)</label>
<p class="calc-hint lotus-site-words" id="{e["probability"]}-hint">Type it as a number of percent from 0 to 100; the calculator chooses the likelihood level from it.</p>
<input type="text" inputmode="decimal" id="{e["probability"]}" name="probability" autocomplete="off" aria-describedby="{e["probability"]}-hint {e["probabilityError"]}">
<p class="calc-error" id="{e["probabilityError"]}" hidden></p></div>
<h3 id="contributory-factors">Contributory factors (optional notes)</h3>
<p>Table 2: factors to consider when judging the likelihood of the risk recurring.</p>
{factors}
</div>
"""


def result() -> str:
    """Step 4's score, in words, and the short live region that announces it."""
    e = ELEMENTS
    return (
        f'<div id="{e["result"]}" class="calc-result" hidden><p>To see the risk score, choose a consequence domain, '
        "a consequence level and a likelihood.</p></div>"
        f'<p id="{e["announce"]}" class="lotus-visually-hidden" aria-live="polite"></p>'
    )


def guidance() -> str:
    """Where the organisation's guidance for the score's band is shown."""
    return f'<p id="{ELEMENTS["guidance"]}" hidden></p>'


def risks() -> str:
    """Step 5: every risk of the concern, and the button that adds another."""
    e = ELEMENTS
    return (
        f'<div id="{e["risks"]}" hidden>'
        f'<p><button type="button" id="{e["addRisk"]}" class="md-button">Add another risk</button> '
        f'<span id="{e["addRiskMessage"]}" role="status"></span></p>'
        f'<div id="{e["summary"]}" class="calc-summary"><p>No risks yet. Risks you score appear here; add as many '
        "as the concern needs.</p></div></div>"
    )


OVERRIDE_REASON = "Reason for setting the rating by hand"


def override_form() -> str:
    """Setting the record's risk rating by hand: a choice, and the reason the record will give."""
    e = ELEMENTS
    return (
        f'<fieldset class="calc-override" id="{e["override"]}" aria-describedby="{e["override"]}-hint" hidden>'
        "<legend>Setting the risk rating by hand</legend>"
        f'<p class="calc-hint" id="{e["override"]}-hint">The record’s risk rating is the overall rating above '
        "(C, L and R of the highest-scoring risk). If your judgement differs, set the Green, Amber or Red box "
        "yourself and say why: the record shows both.</p>"
        f'<div class="calc-option"><input type="checkbox" id="{e["overrideOn"]}" name="override_on"> '
        f'<label for="{e["overrideOn"]}">Set the risk rating by hand</label></div>'
        f'<div class="calc-field calc-override-reason" id="{e["overrideReasonField"]}" hidden>'
        f'<label for="{e["overrideReason"]}">{OVERRIDE_REASON}</label>'
        f'<textarea id="{e["overrideReason"]}" name="override_reason" rows="3" '
        f'aria-describedby="{e["overrideReasonError"]}"></textarea>'
        f'<p class="calc-error" id="{e["overrideReasonError"]}" hidden></p></div></fieldset>'
    )


def actions() -> str:
    """Download, print, copy and clear: the record's actions, and where they report."""
    e = ELEMENTS
    return (
        f'<div id="{e["actions"]}" hidden>'
        f'<p class="calc-actions"><button type="button" id="{e["downloadDocx"]}" class="md-button md-button--primary">'
        "Download triage record (.docx)</button> "
        f'<button type="button" id="{e["downloadOdt"]}" class="md-button">Download as OpenDocument (.odt)</button> '
        f'<button type="button" id="{e["print"]}" class="md-button">Print</button> '
        f'<button type="button" id="{e["copy"]}" class="md-button">Copy summary</button></p>'
        f'<p class="calc-actions"><button type="button" id="{e["clear"]}" class="md-button lotus-button-warning">'
        "Clear all</button></p>"
        f'<p id="{e["recordStatus"]}" class="lotus-status" role="status"></p></div>'
    )
