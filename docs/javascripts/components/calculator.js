// The triage risk calculator: the reader's risks, scored by lotus_tools.core in
// the Python worker, and the Appendix 2 record filled from them. Its elements
// are the ones its renderer declared (publish/calculator_page.py), read from the
// page contract. Everything the reader enters is kept as a draft in this tab,
// shared with the Appendix 2 page; nothing leaves the browser.

import { Component } from "../lib/component.js";
import { byId, element, single } from "../lib/dom.js";
import { applyValues, forgetDraft, formValues, loadDraft, offerUndo, saveDraft, showRestored, tellKept } from "../lib/drafts.js";
import { fillAndSave, openSaved, SAVED_COPY } from "../lib/files.js";
import { guardLeaving } from "../lib/leave-guard.js";
import { python, RESTARTED, restart } from "../lib/python.js";

const MB = 1024 * 1024;
const NOT_KEPT = "download the triage record before you leave this page";

function madeAt() {
  return new Date().toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" });
}

/**
 * Each declared id's element, by its key.
 * @param {string} name
 * @param {Record<string, string>} ids
 * @param {HTMLElement} root
 * @returns {Record<string, HTMLElement>}
 */
function byKey(name, ids, root) {
  return Object.fromEntries(Object.entries(ids).map(([key, id]) => [key, byId(name, id, root)]));
}

export default class Calculator extends Component {
  /**
   * @param {HTMLElement} root
   * @param {any} contract
   * @param {string} name
   */
  constructor(root, contract, name) {
    super(root, contract, name);
    if (!contract?.calculator) throw new Error("calculator: the page has no calculator in its contract");
    this.calc = contract.calculator;
    this.names = this.calc.names;
    this.template = contract.templates[this.calc.record];
    this.el = this.find(this.calc.elements);
    this.form = byId(name, this.calc.form, root);
    this.descriptorSpans = byKey(name, this.calc.descriptorIds, root);
    this.likelihoodRadios = /** @type {Record<string, HTMLInputElement>} */ (byKey(name, this.calc.likelihoodIds, root));
    /** @type {Record<string, HTMLTextAreaElement>} */
    this.factorBoxes = Object.fromEntries(
      Object.entries(this.calc.factors).map(([key, factor]) => [
        key,
        /** @type {HTMLTextAreaElement} */ (byId(name, /** @type {any} */ (factor).id, root)),
      ]),
    );
    /** @type {any[]} */
    this.risks = [];
    this.nextId = 1;
    /** @type {any} */
    this.latest = null;
    /** How many risks a record holds, and the core's words for one more (from its last assessment). */
    this.most = { risks: Infinity, words: "" };
    this.sequence = 0;
    this.unsaved = false;
    this.busy = false;
    /** @type {import("../lib/python.js").Python} */
    this.python = /** @type {any} */ (null);
    /** @type {(() => void) | null} */
    this.unfollow = null;
    for (const part of ["start", "entry", "result", "risks", "override", "actions"]) this.el[part].hidden = false;
    this.form.hidden = false;
    root.dataset.state = "starting";
    this.restore();
    this.showOverride();
    this.listenAll();
    this.start(python);
    this.onStop(guardLeaving(() => this.root.isConnected && this.unsaved));
    this.onStop(() => this.unfollow?.());
    const zone = /** @type {HTMLElement | null} */ (root.querySelector(`[data-lotus-open="${this.calc.record}"]`));
    if (zone) {
      openSaved(this, zone, {
        key: this.calc.record,
        what: "record",
        pages: Object.fromEntries(Object.entries(contract.templates).map(([key, t]) => [key, /** @type {any} */ (t).page])),
        read: (bytes) => this.python.call("read_record", {}, { data: bytes }),
        restore: (answer) => this.opened(answer),
      });
    }
  }

  // --- Python ---------------------------------------------------------------------------

  /** @param {typeof python} starter */
  start(starter) {
    this.python = starter(this.contract, Object.values(this.template.blank));
    this.unfollow?.();
    this.unfollow = this.python.follow((p) => this.showStart(p));
  }

  /**
   * The start in words; each time Python becomes ready (at first, or restarted), the risk is scored.
   * @param {import("../lib/python.js").Python} p
   */
  showStart(p) {
    const { status, progress, retry } = this.el;
    retry.hidden = p.state !== "failed";
    const again = p.restarted ? `${RESTARTED} ` : "";
    if (p.state === "starting") {
      this.root.dataset.state = "starting";
      const so = `${(p.progress.loaded / MB).toFixed(1)} MB so far`;
      status.textContent = p.progress.slow
        ? `${again}Starting Python: this device is taking a while (every file is here, ${so}). You can go on entering the risk; the score will appear when it is ready.`
        : `${again}Starting the calculator: ${p.progress.stage} (${so}). The first score takes a moment; you can start entering the risk now.`;
      progress.removeAttribute("value");
    } else if (p.state === "ready") {
      status.textContent = p.restarted ? RESTARTED : "The calculator is ready.";
      if (this.root.dataset.state === "ready") return;
      this.root.dataset.state = "ready";
      this.update();
    } else {
      this.root.dataset.state = "failed";
      status.textContent =
        `The calculator could not start: ${p.message}. What you typed is kept on this page. ` +
        "Meanwhile you can score by hand with the matrix below: consequence (Table 3) x likelihood (Table 1) = risk score.";
      this.el.result.replaceChildren(
        element("p", {}, "Not calculated: the calculator has not started. Use the matrix below, or try again."),
      );
    }
  }

  // --- Draft ----------------------------------------------------------------------------

  draft() {
    return {
      values: formValues(this.form),
      risks: this.risks,
      entry: formValues(this.el.entry),
      override: this.overrideOn() ? { on: true, reason: this.reasonBox().value } : null,
      scored: this.scored().risks.map(({ id, ...risk }) => risk),
    };
  }

  keep() {
    tellKept(this.root, saveDraft(this.template.draft, this.draft()), NOT_KEPT);
    this.unsaved = true;
  }

  restore() {
    const kept = loadDraft(this.template.draft);
    if (!kept) return;
    this.apply(kept);
    const hasEntries = Object.keys(kept.values || {}).length || (kept.risks || []).length || Object.keys(kept.entry || {}).length;
    if (hasEntries) showRestored(this.root, () => this.clearAll());
  }

  /** @param {any} kept */
  apply(kept) {
    this.risks = Array.isArray(kept.risks) ? kept.risks.map((/** @type {any} */ risk) => ({ ...risk, id: this.nextId++ })) : [];
    applyValues(this.form, kept.values || {});
    applyValues(this.el.entry, kept.entry || {});
    /** @type {HTMLInputElement} */ (this.el.overrideOn).checked = Boolean(kept.override?.on);
    this.reasonBox().value = kept.override?.reason || "";
    this.showDescriptors();
    this.showOverride();
  }

  // --- Events ---------------------------------------------------------------------------

  listenAll() {
    const { el } = this;
    this.listen(el.entry, "change", (event) => {
      if (event.target.name === this.names.domain) this.showDescriptors();
      if (event.target.name === this.names.likelihood) this.clearProbability();
    });
    this.listen(el.probability, "input", () => this.probabilityChanged());
    this.listen(this.root, "input", () => this.changed());
    this.listen(this.root, "change", () => this.changed());
    this.listen(el.overrideOn, "change", () => this.showOverride());
    this.listen(
      el.addRisk,
      "click",
      single(() => this.addRisk()),
    );
    this.listen(
      el.clear,
      "click",
      single(() => this.clearAll()),
    );
    this.listen(
      el.copy,
      "click",
      single(() => this.copySummary()),
    );
    this.listen(
      el.print,
      "click",
      single(() => window.print()),
    );
    this.listen(
      el.downloadDocx,
      "click",
      single(() => this.download("docx")),
    );
    this.listen(
      el.downloadOdt,
      "click",
      single(() => this.download("odt")),
    );
    this.listen(
      el.tryAgain,
      "click",
      single(() => this.start(restart)),
    );
    this.listen(this.form, "reset", (event) => event.preventDefault());
    const reset = /** @type {HTMLElement | null} */ (this.form.querySelector("button[type=reset]"));
    if (reset) reset.hidden = true;
    this.listen(
      el.summary,
      "click",
      single((event) => {
        const button = event.target instanceof Element && event.target.closest("button[data-remove]");
        if (button instanceof HTMLElement) this.removeRisk(Number(button.dataset.remove));
      }),
    );
  }

  changed() {
    this.keep();
    this.update();
  }

  /** @returns {HTMLTextAreaElement} */
  reasonBox() {
    return /** @type {HTMLTextAreaElement} */ (this.el.overrideReason);
  }

  showDescriptors() {
    const domain = this.checked(this.names.domain);
    for (const [level, span] of Object.entries(this.descriptorSpans)) {
      span.textContent = domain ? this.calc.descriptors[level][domain] : "Choose a domain to see what this level means in it.";
    }
  }

  showOverride() {
    const on = this.overrideOn();
    this.el.overrideReasonField.hidden = !on;
    for (const radio of this.ratingRadios()) radio.disabled = !on;
    for (const part of ["consequence", "likelihood", "score"]) this.ratingField(part).readOnly = true;
  }

  /** @returns {HTMLInputElement[]} */
  ratingRadios() {
    return [...this.form.querySelectorAll(`input[name="${this.contract.rating.band}"]`)].map(
      (radio) => /** @type {HTMLInputElement} */ (radio),
    );
  }

  /**
   * @param {string} part
   * @returns {HTMLInputElement}
   */
  ratingField(part) {
    const field = this.form.querySelector(`[name="${this.contract.rating[part]}"]`);
    if (!(field instanceof HTMLInputElement)) throw new Error(`calculator: the record's field "${this.contract.rating[part]}" not found`);
    return field;
  }

  overrideOn() {
    return /** @type {HTMLInputElement} */ (this.el.overrideOn).checked;
  }

  /** @param {string} name */
  checked(name) {
    const input = /** @type {HTMLInputElement | null} */ (this.el.entry.querySelector(`input[name="${name}"]:checked`));
    return input ? input.value : null;
  }

  /**
   * @param {"probability" | "overrideReason"} key
   * @param {string} message
   */
  showError(key, message) {
    const error = this.el[`${key}Error`];
    error.hidden = !message;
    error.textContent = message ? `Error: ${message}` : "";
    this.el[key].toggleAttribute("aria-invalid", Boolean(message));
  }

  clearProbability() {
    /** @type {HTMLInputElement} */ (this.el.probability).value = "";
    this.showError("probability", "");
  }

  async probabilityChanged() {
    const field = /** @type {HTMLInputElement} */ (this.el.probability);
    const typed = field.value;
    for (const radio of Object.values(this.likelihoodRadios)) radio.checked = false;
    if (!typed.trim()) {
      this.showError("probability", "");
      this.changed();
      return;
    }
    const answer = await this.python.call("likelihood_for_probability", { probability: typed });
    if (field.value !== typed) return;
    if (!answer.ok) {
      this.showError("probability", answer.message || "");
    } else {
      this.showError("probability", "");
      this.likelihoodRadios[String(answer.level)].checked = true;
    }
    this.changed();
  }

  // --- Risks ----------------------------------------------------------------------------

  currentEntry() {
    /** @type {Record<string, string>} */
    const factors = {};
    for (const [key, box] of Object.entries(this.factorBoxes)) if (box.value.trim()) factors[key] = box.value;
    const consequence = this.checked(this.names.consequence);
    const likelihood = this.checked(this.names.likelihood);
    return {
      description: /** @type {HTMLTextAreaElement} */ (this.el.description).value,
      domain: this.checked(this.names.domain),
      consequence: consequence && Number(consequence),
      likelihood: likelihood && Number(likelihood),
      factors,
    };
  }

  /** @param {ReturnType<Calculator["currentEntry"]>} entry */
  missing(entry) {
    const missing = [];
    if (!entry.domain) missing.push("a consequence domain");
    if (!entry.consequence) missing.push("a consequence level");
    if (!entry.likelihood) {
      missing.push(this.el.probability.hasAttribute("aria-invalid") ? "a likelihood (the probability is not valid)" : "a likelihood");
    }
    return missing;
  }

  scored() {
    const entry = this.currentEntry();
    const complete = this.missing(entry).length === 0;
    return { entry, complete, risks: complete ? [...this.risks, entry] : [...this.risks] };
  }

  async update() {
    const sequence = ++this.sequence;
    const { entry, complete, risks } = this.scored();
    const { result } = this.el;
    if (!complete) {
      result.replaceChildren(element("p", {}, `Not calculated yet: to see the risk score, choose ${this.missing(entry).join(", ")}.`));
      result.removeAttribute("data-band");
      this.el.announce.textContent = "";
      this.markMatrix(null);
    } else if (this.python.state !== "ready" && this.python.state !== "failed") {
      result.replaceChildren(element("p", {}, "The first score takes a moment while the calculator starts; it will appear here."));
    }
    if (!risks.length) {
      this.latest = null;
      this.render(complete);
      return;
    }
    if (this.python.state !== "ready") return;
    const answer = await this.python.call("assess", { risks: risks.map(({ id, ...risk }) => risk), policy: this.contract.policy });
    if (sequence !== this.sequence) return;
    if (!answer.ok) {
      result.replaceChildren(element("p", { class: "calc-error" }, `Not calculated: ${answer.message}`));
      return;
    }
    this.latest = answer;
    this.most = { risks: answer.most_risks, words: answer.too_many };
    if (complete) this.showScore(answer.risks[answer.risks.length - 1]);
    else this.showOverall(answer, this.missing(entry));
    this.render(complete);
  }

  /** @param {any} current */
  showScore(current) {
    const score = `Risk score ${current.consequence.level} x ${current.likelihood.level} = ${current.score}: ${current.band.label}`;
    this.el.result.replaceChildren(
      element("p", { class: "calc-score" }, score),
      element(
        "p",
        {},
        `${current.consequence.name} (${current.consequence.level}) consequence x ${current.likelihood.name} (${current.likelihood.level}) likelihood, ${current.domain.name}.`,
      ),
    );
    this.el.result.dataset.band = current.band.colour.toLowerCase();
    this.el.announce.textContent = `Score ${current.score}, ${current.band.name}, ${current.band.colour}`;
    this.markMatrix(current);
    const band = this.contract.policy.find((/** @type {any} */ b) => b.name === current.band.name);
    const { guidance } = this.el;
    guidance.hidden = !band?.guidance;
    guidance.textContent = band?.guidance
      ? `Your organisation's guidance for ${band.name} (${band.colour}, scores ${band.min} to ${band.max}): ${band.guidance}`
      : "";
  }

  /**
   * With no risk being scored, the box under "4. Risk score" gives the concern's overall rating, so that a reopened
   * record shows its score at once.
   * @param {any} answer
   * @param {string[]} missing
   */
  showOverall(answer, missing) {
    const overall = answer.risks[answer.overall];
    const count = answer.risks.length;
    this.el.result.replaceChildren(
      element(
        "p",
        { class: "calc-score" },
        `Overall rating of the ${count} ${count === 1 ? "risk" : "risks"} scored: risk ${answer.overall + 1}, ${overall.summary}`,
      ),
      element("p", {}, `To score another risk, choose ${missing.join(", ")}.`),
    );
    this.el.result.dataset.band = overall.band.colour.toLowerCase();
  }

  /** @param {any} current */
  markMatrix(current) {
    for (const cell of /** @type {NodeListOf<HTMLElement>} */ (this.el.matrix.querySelectorAll("td[data-likelihood]"))) {
      const chosen =
        Boolean(current) &&
        Number(cell.dataset.likelihood) === current.likelihood.level &&
        Number(cell.dataset.consequence) === current.consequence.level;
      cell.classList.toggle("calc-chosen", chosen);
      const marker = cell.querySelector(".calc-marker");
      if (chosen && !marker) cell.prepend(element("span", { class: "calc-marker" }, "★ This risk: "));
      if (!chosen && marker) marker.remove();
    }
  }

  /** @param {any} risk */
  factorNotes(risk) {
    return Object.entries(risk.factors || {}).map(([key, notes]) => `${this.calc.factors[key]?.name ?? key}: ${notes}`);
  }

  /** @param {boolean} editing */
  render(editing) {
    const rows = this.latest ? this.latest.risks : [];
    if (!rows.length) {
      this.el.summary.replaceChildren(element("p", {}, "No risks yet. Risks you score appear here; add as many as the concern needs."));
      this.fillRating(null);
      return;
    }
    const body = rows.map((/** @type {any} */ risk, /** @type {number} */ index) => {
      const entered = editing && index === rows.length - 1;
      const notes = element("td", { "data-label": "Contributory factors" });
      for (const line of this.factorNotes(risk)) notes.append(element("p", {}, line));
      if (!notes.childNodes.length) notes.textContent = "None";
      const action = element("td", { class: "calc-action" });
      if (!entered) {
        action.append(
          element(
            "button",
            { type: "button", class: "md-button lotus-button-warning", "data-remove": String(this.risks[index].id) },
            `Remove risk ${index + 1}`,
          ),
        );
      }
      const row = element("tr");
      row.append(
        this.riskHeading(index, entered),
        element("td", { "data-label": "Adverse consequence" }, risk.description || "(no description)"),
        element("td", { "data-label": "Score and band" }, `${risk.domain.name}: ${risk.summary}`),
        notes,
        action,
      );
      return row;
    });
    const headRow = element("tr");
    for (const heading of ["Risk", "Adverse consequence", "Score and band (C x L = R)", "Contributory factors"]) {
      headRow.append(element("th", { scope: "col" }, heading));
    }
    headRow.append(element("th", { scope: "col", class: "calc-action" }, "Action"));
    const head = element("thead");
    head.append(headRow);
    const tbody = element("tbody");
    tbody.append(...body);
    const table = element("table");
    table.append(head, tbody);
    const overall = rows[this.latest.overall];
    const parts = [
      element("p", { class: "calc-overall" }, `Overall rating (the highest score): risk ${this.latest.overall + 1}, ${overall.summary}`),
    ];
    const byHand = this.overrideOn() ? formValues(this.form)[this.contract.rating.band] : "";
    if (byHand) {
      parts.push(
        element(
          "p",
          { class: "calc-overall" },
          `Risk rating set by hand: ${byHand}, in place of ${overall.band.colour}. Reason: ${this.reasonBox().value || "(not given yet)"}`,
        ),
      );
    }
    this.el.summary.replaceChildren(...parts, table);
    this.fillRating(overall);
  }

  /**
   * "Risk 2", and on the screen only, "(being entered)": the record and its printout hold every risk scored.
   * @param {number} index
   * @param {boolean} entered
   */
  riskHeading(index, entered) {
    const heading = element("th", { scope: "row" }, `Risk ${index + 1}`);
    if (entered) heading.append(element("span", { class: "calc-screen-only" }, " (being entered)"));
    return heading;
  }

  /** @param {any} overall */
  fillRating(overall) {
    this.ratingField("consequence").value = overall ? String(overall.consequence.level) : "";
    this.ratingField("likelihood").value = overall ? String(overall.likelihood.level) : "";
    this.ratingField("score").value = overall ? String(overall.score) : "";
    if (!this.overrideOn()) {
      for (const radio of this.ratingRadios()) radio.checked = Boolean(overall) && radio.value === overall.band.colour;
    }
    if (loadDraft(this.template.draft)) saveDraft(this.template.draft, this.draft());
  }

  addRisk() {
    const entry = this.currentEntry();
    const missing = this.missing(entry);
    if (missing.length) {
      this.el.addRiskMessage.textContent = `Before adding another risk, choose ${missing.join(", ")} for this one.`;
      return;
    }
    if (this.risks.length >= this.most.risks) {
      this.el.addRiskMessage.textContent = `This risk was not added. ${this.most.words} What you entered for it is kept.`;
      return;
    }
    this.risks.push({ ...entry, id: this.nextId++ });
    this.el.addRiskMessage.textContent = `Risk ${this.risks.length} added. Enter the next risk.`;
    applyValues(this.el.entry, {});
    this.clearProbability();
    this.showDescriptors();
    this.changed();
    this.el.description.focus();
  }

  /** @param {number} id */
  removeRisk(id) {
    const index = this.risks.findIndex((risk) => risk.id === id);
    if (index < 0) return;
    this.risks.splice(index, 1);
    this.el.addRiskMessage.textContent = `Risk ${index + 1} removed.`;
    this.changed();
    this.el.addRisk.focus();
  }

  // --- The record -----------------------------------------------------------------------

  /** @param {string} format */
  request(format) {
    const { risks } = this.scored();
    const values = formValues(this.form);
    for (const part of Object.values(this.contract.rating)) delete values[/** @type {string} */ (part)];
    /** @type {Record<string, unknown>} */
    const request = { template: this.calc.record, format, values, made: madeAt(), policy: this.contract.policy };
    if (risks.length) {
      request.risks = risks.map(({ id, ...risk }) => risk);
      if (this.overrideOn())
        request.override = { colour: formValues(this.form)[this.contract.rating.band] || "", reason: this.reasonBox().value };
    }
    return request;
  }

  /** @param {string} format */
  async download(format) {
    if (this.busy) return;
    if (this.overrideOn() && !this.reasonBox().value.trim()) {
      this.showError("overrideReason", "Give your reason for setting the rating by hand; the record will show it.");
      this.reasonBox().focus();
      return;
    }
    if (this.overrideOn() && !formValues(this.form)[this.contract.rating.band]) {
      this.showError("overrideReason", "Choose the Green, Amber or Red box you are setting by hand.");
      return;
    }
    this.showError("overrideReason", "");
    this.busy = true;
    try {
      const saved = await fillAndSave(
        this.python,
        "fill_record",
        this.request(format),
        this.template.blank[format],
        () => `triage-record.${format}`,
        this.el.recordStatus,
        {
          preparing: "Preparing your triage record…",
          failed: (message) => `The triage record could not be made: ${message}`,
          saved: (file) => `Your triage record (${file}) has been downloaded. ${SAVED_COPY}`,
        },
      );
      if (saved) this.unsaved = false;
    } finally {
      this.busy = false;
    }
  }

  /** @param {any} answer */
  opened(answer) {
    const before = this.draft();
    this.apply({
      values: answer.values,
      risks: answer.risks,
      entry: {},
      override: answer.override ? { on: true, reason: answer.override.reason } : null,
    });
    if (answer.override) {
      for (const radio of this.ratingRadios()) radio.checked = radio.value === answer.override.colour;
    }
    this.keep();
    this.unsaved = false;
    this.update();
    offerUndo(this.el.recordStatus, "The saved record has been opened.", () => {
      this.apply(before);
      this.changed();
    });
  }

  summaryText() {
    const lines = ["Triage risk assessment (L.O.T.U.S. Appendix 3: C x L = R)"];
    if (!this.latest) return [...lines, "No risks scored yet."].join("\n");
    this.latest.risks.forEach((/** @type {any} */ risk, /** @type {number} */ index) => {
      lines.push(`Risk ${index + 1}: ${risk.description || "(no description)"}`);
      lines.push(`  ${risk.domain.name}: ${risk.summary}`);
      for (const note of this.factorNotes(risk)) lines.push(`  ${note}`);
    });
    lines.push(`Overall rating (the highest score): ${this.latest.risks[this.latest.overall].summary}`);
    if (this.overrideOn()) {
      lines.push(
        `Risk rating set by hand: ${formValues(this.form)[this.contract.rating.band] || "(none chosen)"}. Reason: ${this.reasonBox().value}`,
      );
    }
    return lines.join("\n");
  }

  async copySummary() {
    try {
      await navigator.clipboard.writeText(this.summaryText());
      this.el.recordStatus.textContent = "Summary copied.";
    } catch {
      this.el.recordStatus.textContent = "Your browser did not allow copying. Select the summary on the page and copy it instead.";
    }
  }

  clearAll() {
    const before = this.draft();
    const empty = Object.keys(before.values).length === 0 && before.risks.length === 0 && Object.keys(before.entry).length === 0;
    if (empty) return;
    this.apply({ values: {}, risks: [], entry: {}, override: null });
    this.clearProbability();
    this.el.addRiskMessage.textContent = "";
    this.root.querySelector(":scope > .lotus-draft-notice")?.remove();
    forgetDraft(this.template.draft);
    this.unsaved = false;
    this.update();
    offerUndo(this.el.recordStatus, "Everything you entered has been cleared.", () => {
      this.apply(before);
      this.changed();
    });
  }
}
