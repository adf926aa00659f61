"""The triage risk calculator's form, rendered at build time from ``scales``.

The page works through Appendix 3's instructions: define the risk, choose its
consequence (domain and level) and its likelihood (level or probability), then
read the score. Labels and descriptors come from :mod:`lotus_tools.core.scales`;
the page's script gets the band policy and descriptors from the page contract
(:mod:`lotus_tools.publish.page_contract`).
"""

from __future__ import annotations

from html import escape

from lotus_tools.core import scales


def _radio(name: str, value: str, label: str, detail: str = "", detail_id: str = "") -> str:
    ident = f"{name}-{value}"
    extra = f' <span class="calc-option-detail" id="{detail_id}">{detail}</span>' if detail_id or detail else ""
    return (
        f'<div class="calc-option"><input type="radio" id="{ident}" name="{name}" value="{escape(value)}">'
        f' <label for="{ident}"><strong>{escape(label)}</strong>{extra}</label></div>'
    )


def _fieldset(legend: str, hint: str, options: list[str], ident: str) -> str:
    return (
        f'<fieldset id="{ident}" aria-describedby="{ident}-hint"><legend>{escape(legend)}</legend>'
        f'<p class="calc-hint" id="{ident}-hint">{escape(hint)}</p>{"".join(options)}'
        f'<p class="calc-error" id="{ident}-error" hidden></p></fieldset>'
    )


def risk_form() -> str:
    """Steps 1-3: define the risk, its consequence and its likelihood."""
    domains = [_radio("risk-domain", d.key, d.name) for d in scales.DOMAINS]
    consequences = [
        _radio(
            "risk-consequence",
            str(c.level),
            f"{c.level} – {c.name}",
            "Choose a domain to see what this level means in it.",
            f"consequence-{c.level}-descriptor",
        )
        for c in scales.CONSEQUENCES
    ]
    likelihoods = [
        _radio(
            "risk-likelihood",
            str(row.level),
            f"{row.level} – {row.name}",
            escape(f"{row.description} Probability {row.probability}"),
        )
        for row in scales.LIKELIHOODS
    ]
    factors = "".join(
        f'<div class="calc-field"><label for="factor-{f.key}">{escape(f.name)}</label>'
        f'<p class="calc-hint" id="factor-{f.key}-hint">{escape(f.explanation)}</p>'
        f'<textarea id="factor-{f.key}" name="factor-{f.key}" rows="2" aria-describedby="factor-{f.key}-hint"></textarea></div>'
        for f in scales.CONTRIBUTORY_FACTORS
    )
    return f"""
<h2 id="define-the-risk">1. Define the risk</h2>
<div class="calc-field"><label for="risk-description">The adverse consequence that might arise from the risk</label>
<p class="calc-hint" id="risk-description-hint">Appendix 3, instruction 1: define the risk(s) explicitly in terms of adverse consequence(s) that might arise from the risk.</p>
<textarea id="risk-description" name="description" rows="3" aria-describedby="risk-description-hint"></textarea></div>
<h2 id="consequence">2. Consequence</h2>
{_fieldset("Consequence domain", "Which kind of harm is this risk about? (Table 3)", domains, "domain-group")}
{_fieldset("Consequence level", "How severe would the adverse consequence be? (Table 3)", consequences, "consequence-group")}
<h2 id="likelihood">3. Likelihood</h2>
{_fieldset("Likelihood", "How likely is it to happen or recur? (Table 1)", likelihoods, "likelihood-group")}
<div class="calc-field"><label for="risk-probability">Or give a probability (%)</label>
<p class="calc-hint" id="risk-probability-hint">Appendix 3, instruction 4: assign a probability to the adverse outcome occurring within a given time frame. <span class="lotus-site-words">Type it as a number of percent from 0 to 100; the calculator chooses the likelihood level from it.</span></p>
<input type="text" inputmode="decimal" id="risk-probability" name="probability" autocomplete="off" aria-describedby="risk-probability-hint risk-probability-error">
<p class="calc-error" id="risk-probability-error" hidden></p></div>
<h3 id="contributory-factors">Contributory factors (optional notes)</h3>
<p>Table 2: factors to consider when judging the likelihood of the risk recurring.</p>
{factors}
"""


OVERRIDE_REASON = "Reason for setting the rating by hand"


def override_form() -> str:
    """Setting the record's risk rating by hand: a choice, and the reason the record will give."""
    return (
        '<fieldset class="calc-override" id="rating-override" aria-describedby="rating-override-hint">'
        "<legend>Setting the risk rating by hand</legend>"
        '<p class="calc-hint" id="rating-override-hint">The record’s risk rating is the overall rating above '
        "(C, L and R of the highest-scoring risk). If your judgement differs, set the Green, Amber or Red box "
        "yourself and say why: the record shows both.</p>"
        '<div class="calc-option"><input type="checkbox" id="override-on" name="override_on"> '
        '<label for="override-on">Set the risk rating by hand</label></div>'
        '<div class="calc-field calc-override-reason" hidden>'
        f'<label for="override-reason">{OVERRIDE_REASON}</label>'
        '<textarea id="override-reason" name="override_reason" rows="3" aria-describedby="override-reason-error"></textarea>'
        '<p class="calc-error" id="override-reason-error" hidden></p></div></fieldset>'
    )
