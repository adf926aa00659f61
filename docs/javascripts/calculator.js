// The triage risk calculator: the reader's risks, scored by lotus_tools.core
// in the Python worker, and the Appendix 2 record filled from them.
// Everything the reader enters is kept as a draft in this tab (drafts.js),
// shared with the Appendix 2 page; nothing leaves the browser.
import { readContract } from "./contract.js";
import { applyValues, forgetDraft, formValues, loadDraft, offerUndo, saveDraft, showRestored } from "./drafts.js";
import { guardLeaving } from "./leave-guard.js";
import { python, restart } from "./python.js";
import { openRecords } from "./record-file.js";
import { SAVED_COPY, fillAndSave } from "./save-file.js";

const MB = 1024 * 1024;
let session = null;

function element(tag, content = "", attributes = {}) {
  const made = document.createElement(tag);
  if (content) made.textContent = content;
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  return made;
}

// A double click is one click: its second click may land on what the first re-rendered.
const single = (handler) => (event) => { if (event.detail <= 1) handler(event); };

function madeAt() {
  return new Date().toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" });
}

class Calculator {
  constructor(root, contract) {
    this.root = root;
    this.contract = contract;
    this.calc = contract.calculator;
    this.template = contract.templates[this.calc.record];
    this.form = root.querySelector(`form[data-lotus-template="${this.calc.record}"]`);
    this.entry = root.querySelector("#risk-entry");
    this.result = root.querySelector("#calc-result");
    this.summary = root.querySelector("#risk-summary");
    this.status = root.querySelector("#record-status");
    this.risks = [];
    this.nextId = 1;
    this.latest = null;
    this.sequence = 0;
    this.unsaved = false;
    this.busy = false;
    root.dataset.state = "starting";
    this.restore();
    this.showOverride();
    this.listen();
    this.start(python);
    this.releaseGuard = guardLeaving(() => this.root.isConnected && this.unsaved);
    this.stopOpening = openRecords(root.querySelector(`[data-lotus-open="${this.calc.record}"]`), {
      key: this.calc.record,
      appendix: this.template.appendix,
      pages: Object.fromEntries(Object.entries(contract.templates).map(([key, t]) => [key, t.page])),
      read: (bytes) => this.python.call("read_record", {}, { data: bytes }),
      restore: (answer) => this.opened(answer),
    });
  }

  // --- Python ---------------------------------------------------------------------------

  start(starter) {
    const blanks = Object.values(this.template.blank);
    this.python = starter(this.contract, blanks);
    if (this.unfollow) this.unfollow();
    this.unfollow = this.python.follow((p) => this.showStart(p));
    this.python.ready.then(() => this.update(), () => {});
  }

  showStart(p) {
    const status = this.root.querySelector("#calc-status");
    const bar = this.root.querySelector("#calc-progress");
    const retry = this.root.querySelector(".calc-retry");
    retry.hidden = p.state !== "failed";
    if (p.state === "starting") {
      this.root.dataset.state = "starting";
      status.textContent = `Starting the calculator: ${p.progress.stage} (${(p.progress.loaded / MB).toFixed(1)} MB so far). The first score takes a moment; you can start entering the risk now.`;
      bar.removeAttribute("value");
    } else if (p.state === "ready") {
      this.root.dataset.state = "ready";
      status.textContent = "The calculator is ready.";
    } else {
      this.root.dataset.state = "failed";
      status.textContent = `The calculator could not start: ${p.message}. What you typed is kept on this page. ` +
        "Meanwhile you can score by hand with the matrix below: consequence (Table 3) x likelihood (Table 1) = risk score.";
      this.result.replaceChildren(element("p", "Not calculated: the calculator has not started. Use the matrix below, or try again."));
    }
  }

  // --- Draft ----------------------------------------------------------------------------

  draft() {
    return {
      values: formValues(this.form),
      risks: this.risks,
      entry: formValues(this.entry),
      override: this.overrideOn() ? { on: true, reason: this.root.querySelector("#override-reason").value } : null,
      scored: this.scored().risks.map(({ id, ...risk }) => risk),
    };
  }

  keep() {
    saveDraft(this.template.draft, this.draft());
    this.unsaved = true;
  }

  restore() {
    const kept = loadDraft(this.template.draft);
    if (!kept) return;
    this.apply(kept);
    const hasEntries = Object.keys(kept.values || {}).length || (kept.risks || []).length || Object.keys(kept.entry || {}).length;
    if (hasEntries) showRestored(this.root, () => this.clearAll());
  }

  apply(kept) {
    this.risks = Array.isArray(kept.risks) ? kept.risks.map((risk) => ({ ...risk, id: this.nextId++ })) : [];
    applyValues(this.form, kept.values || {});
    applyValues(this.entry, kept.entry || {});
    this.root.querySelector("#override-on").checked = Boolean(kept.override && kept.override.on);
    this.root.querySelector("#override-reason").value = (kept.override && kept.override.reason) || "";
    this.showDescriptors();
    this.showOverride();
  }

  // --- Events ---------------------------------------------------------------------------

  listen() {
    const root = this.root;
    this.entry.addEventListener("change", (event) => {
      if (event.target.name === "risk-domain") this.showDescriptors();
      if (event.target.name === "risk-likelihood") this.clearProbability();
    });
    this.entry.addEventListener("input", (event) => {
      if (event.target.id === "risk-probability") this.probabilityChanged();
    });
    root.addEventListener("input", () => this.changed());
    root.addEventListener("change", () => this.changed());
    root.querySelector("#override-on").addEventListener("change", () => this.showOverride());
    root.querySelector("#add-risk").addEventListener("click", single(() => this.addRisk()));
    root.querySelector("#clear-all").addEventListener("click", single(() => this.clearAll()));
    root.querySelector("#copy-summary").addEventListener("click", single(() => this.copySummary()));
    root.querySelector("#print-record").addEventListener("click", single(() => window.print()));
    for (const button of root.querySelectorAll("button[data-format]")) {
      button.addEventListener("click", single(() => this.download(button.dataset.format)));
    }
    root.querySelector("[data-lotus-retry]").addEventListener("click", single(() => this.start(restart)));
    this.form.addEventListener("reset", (event) => event.preventDefault());
    this.form.querySelector("button[type=reset]").hidden = true;
    this.summary.addEventListener("click", single((event) => {
      const button = event.target.closest("button[data-remove]");
      if (button) this.removeRisk(Number(button.dataset.remove));
    }));
  }

  changed() {
    this.keep();
    this.update();
  }

  showDescriptors() {
    const domain = this.checked("risk-domain");
    for (const [level, byDomain] of Object.entries(this.calc.descriptors)) {
      const span = this.root.querySelector(`#consequence-${level}-descriptor`);
      if (span) span.textContent = domain ? byDomain[domain] : "Choose a domain to see what this level means in it.";
    }
  }

  showOverride() {
    const on = this.overrideOn();
    this.root.querySelector(".calc-override-reason").hidden = !on;
    for (const radio of this.form.querySelectorAll(`input[name="${this.contract.rating.band}"]`)) radio.disabled = !on;
    for (const part of ["consequence", "likelihood", "score"]) {
      const field = this.form.querySelector(`[name="${this.contract.rating[part]}"]`);
      field.readOnly = true;
    }
  }

  overrideOn() {
    return this.root.querySelector("#override-on").checked;
  }

  checked(name) {
    const input = this.entry.querySelector(`input[name="${name}"]:checked`);
    return input ? input.value : null;
  }

  showError(id, message) {
    const error = this.root.querySelector(`#${id}-error`);
    const field = this.root.querySelector(`#${id}`);
    error.hidden = !message;
    error.textContent = message ? `Error: ${message}` : "";
    field.toggleAttribute("aria-invalid", Boolean(message));
  }

  clearProbability() {
    this.root.querySelector("#risk-probability").value = "";
    this.showError("risk-probability", "");
  }

  async probabilityChanged() {
    const field = this.root.querySelector("#risk-probability");
    const typed = field.value;
    for (const radio of this.entry.querySelectorAll('input[name="risk-likelihood"]')) radio.checked = false;
    if (!typed.trim()) { this.showError("risk-probability", ""); this.changed(); return; }
    const answer = await this.python.call("likelihood_for_probability", { probability: typed });
    if (field.value !== typed) return;
    if (!answer.ok) {
      this.showError("risk-probability", answer.message);
    } else {
      this.showError("risk-probability", "");
      this.root.querySelector(`#risk-likelihood-${answer.level}`).checked = true;
    }
    this.changed();
  }

  // --- Risks ----------------------------------------------------------------------------

  currentEntry() {
    const factors = {};
    for (const key of this.calc.factors) {
      const notes = this.root.querySelector(`#factor-${key}`).value;
      if (notes.trim()) factors[key] = notes;
    }
    const consequence = this.checked("risk-consequence");
    const likelihood = this.checked("risk-likelihood");
    return {
      description: this.root.querySelector("#risk-description").value,
      domain: this.checked("risk-domain"),
      consequence: consequence && Number(consequence),
      likelihood: likelihood && Number(likelihood),
      factors,
    };
  }

  missing(entry) {
    const missing = [];
    if (!entry.domain) missing.push("a consequence domain");
    if (!entry.consequence) missing.push("a consequence level");
    if (!entry.likelihood) missing.push(this.root.querySelector("#risk-probability").getAttribute("aria-invalid") !== null
      ? "a likelihood (the probability is not valid)" : "a likelihood");
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
    if (!complete) {
      this.result.replaceChildren(element("p", `Not calculated yet: to see the risk score, choose ${this.missing(entry).join(", ")}.`));
      this.result.removeAttribute("data-band");
      this.root.querySelector("#calc-announce").textContent = "";
      this.markMatrix(null);
    } else if (this.python.state !== "ready" && this.python.state !== "failed") {
      this.result.replaceChildren(element("p", "The first score takes a moment while the calculator starts; it will appear here."));
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
      this.result.replaceChildren(element("p", `Not calculated: ${answer.message}`, { class: "calc-error" }));
      return;
    }
    this.latest = answer;
    if (complete) this.showScore(answer.risks[answer.risks.length - 1]);
    this.render(complete);
  }

  showScore(current) {
    const score = `Risk score ${current.consequence.level} x ${current.likelihood.level} = ${current.score}: ${current.band.label}`;
    this.result.replaceChildren(
      element("p", score, { class: "calc-score" }),
      element("p", `${current.consequence.name} (${current.consequence.level}) consequence x ${current.likelihood.name} (${current.likelihood.level}) likelihood, ${current.domain.name}.`),
    );
    this.result.dataset.band = current.band.colour.toLowerCase();
    this.root.querySelector("#calc-announce").textContent = `Score ${current.score}, ${current.band.name}, ${current.band.colour}`;
    this.markMatrix(current);
    const band = this.contract.policy.find((b) => b.name === current.band.name);
    const guidance = this.root.querySelector("#calc-guidance");
    guidance.hidden = !(band && band.guidance);
    guidance.textContent = band && band.guidance ? `Your organisation's guidance for ${band.name} (${band.colour}, scores ${band.min} to ${band.max}): ${band.guidance}` : "";
  }

  markMatrix(current) {
    for (const cell of this.root.querySelectorAll("#risk-matrix td[data-likelihood]")) {
      const chosen = Boolean(current) &&
        Number(cell.dataset.likelihood) === current.likelihood.level &&
        Number(cell.dataset.consequence) === current.consequence.level;
      cell.classList.toggle("calc-chosen", chosen);
      const marker = cell.querySelector(".calc-marker");
      if (chosen && !marker) cell.prepend(element("span", "★ This risk: ", { class: "calc-marker" }));
      if (!chosen && marker) marker.remove();
    }
  }

  factorNotes(risk) {
    const names = {};
    for (const key of this.calc.factors) names[key] = this.root.querySelector(`label[for="factor-${key}"]`).textContent;
    return Object.entries(risk.factors || {}).map(([key, notes]) => `${names[key]}: ${notes}`);
  }

  render(editing) {
    const rows = this.latest ? this.latest.risks : [];
    if (!rows.length) {
      this.summary.replaceChildren(element("p", "No risks yet. Risks you score appear here; add as many as the concern needs."));
      this.fillRating(null);
      return;
    }
    const body = rows.map((risk, index) => {
      const entered = editing && index === rows.length - 1;
      const row = element("tr");
      const notes = element("td");
      for (const line of this.factorNotes(risk)) notes.append(element("p", line));
      if (!notes.childNodes.length) notes.textContent = "None";
      const action = element("td");
      if (!entered) {
        action.append(element("button", `Remove risk ${index + 1}`, {
          type: "button", class: "md-button lotus-button-warning", "data-remove": String(this.risks[index].id),
        }));
      }
      notes.dataset.label = "Contributory factors";
      row.append(
        element("th", `Risk ${index + 1}${entered ? " (being entered)" : ""}`, { scope: "row" }),
        element("td", risk.description || "(no description)", { "data-label": "Adverse consequence" }),
        element("td", `${risk.domain.name}: ${risk.summary}`, { "data-label": "Score and band" }),
        notes,
        action,
      );
      return row;
    });
    const table = element("table");
    const head = element("thead");
    const headRow = element("tr");
    for (const heading of ["Risk", "Adverse consequence", "Score and band (C x L = R)", "Contributory factors", "Action"]) {
      headRow.append(element("th", heading, { scope: "col" }));
    }
    head.append(headRow);
    const tbody = element("tbody");
    tbody.append(...body);
    table.append(head, tbody);
    const overall = rows[this.latest.overall];
    this.summary.replaceChildren(
      element("p", `Overall rating (the highest score): risk ${this.latest.overall + 1}, ${overall.summary}`, { class: "calc-overall" }),
      table,
    );
    this.fillRating(overall);
  }

  fillRating(overall) {
    const keys = this.contract.rating;
    const set = (part, value) => { this.form.querySelector(`[name="${keys[part]}"]`).value = value; };
    set("consequence", overall ? String(overall.consequence.level) : "");
    set("likelihood", overall ? String(overall.likelihood.level) : "");
    set("score", overall ? String(overall.score) : "");
    if (!this.overrideOn()) {
      for (const radio of this.form.querySelectorAll(`input[name="${keys.band}"]`)) {
        radio.checked = Boolean(overall) && radio.value === overall.band.colour;
      }
    }
    if (loadDraft(this.template.draft)) saveDraft(this.template.draft, this.draft());
  }

  addRisk() {
    const entry = this.currentEntry();
    const missing = this.missing(entry);
    const message = this.root.querySelector("#add-risk-message");
    if (missing.length) {
      message.textContent = `Before adding another risk, choose ${missing.join(", ")} for this one.`;
      return;
    }
    this.risks.push({ ...entry, id: this.nextId++ });
    message.textContent = `Risk ${this.risks.length} added. Enter the next risk.`;
    applyValues(this.entry, {});
    this.clearProbability();
    this.showDescriptors();
    this.changed();
    this.root.querySelector("#risk-description").focus();
  }

  removeRisk(id) {
    const index = this.risks.findIndex((risk) => risk.id === id);
    if (index < 0) return;
    this.risks.splice(index, 1);
    this.root.querySelector("#add-risk-message").textContent = `Risk ${index + 1} removed.`;
    this.changed();
    this.root.querySelector("#add-risk").focus();
  }

  // --- The record -----------------------------------------------------------------------

  request(format) {
    const { risks } = this.scored();
    const values = formValues(this.form);
    for (const part of Object.values(this.contract.rating)) delete values[part];
    const request = { template: this.calc.record, format, values, made: madeAt(), policy: this.contract.policy };
    if (risks.length) {
      request.risks = risks.map(({ id, ...risk }) => risk);
      if (this.overrideOn()) {
        request.override = { colour: formValues(this.form)[this.contract.rating.band] || "", reason: this.root.querySelector("#override-reason").value };
      }
    }
    return request;
  }

  async download(format) {
    if (this.busy) return;
    const reason = this.root.querySelector("#override-reason");
    if (this.overrideOn() && !reason.value.trim()) {
      this.showError("override-reason", "Give your reason for setting the rating by hand; the record will show it.");
      reason.focus();
      return;
    }
    if (this.overrideOn() && !formValues(this.form)[this.contract.rating.band]) {
      this.showError("override-reason", "Choose the Green, Amber or Red box you are setting by hand.");
      return;
    }
    this.showError("override-reason", "");
    this.busy = true;
    try {
      const saved = await fillAndSave(this.python, "fill_record", this.request(format), this.template.blank[format], () => `triage-record.${format}`, this.status, {
        preparing: "Preparing your triage record…",
        failed: (message) => `The triage record could not be made: ${message}`,
        saved: (name) => `Your triage record (${name}) has been downloaded. ${SAVED_COPY}`,
      });
      if (saved) this.unsaved = false;
    } finally {
      this.busy = false;
    }
  }

  opened(answer) {
    const before = this.draft();
    this.apply({ values: answer.values, risks: answer.risks, entry: {}, override: answer.override ? { on: true, reason: answer.override.reason } : null });
    if (answer.override) {
      for (const radio of this.form.querySelectorAll(`input[name="${this.contract.rating.band}"]`)) radio.checked = radio.value === answer.override.colour;
    }
    this.keep();
    this.unsaved = false;
    this.update();
    offerUndo(this.status, "The saved record has been opened.", () => { this.apply(before); this.changed(); });
  }

  summaryText() {
    const lines = ["Triage risk assessment (L.O.T.U.S. Appendix 3: C x L = R)"];
    if (!this.latest) return [...lines, "No risks scored yet."].join("\n");
    this.latest.risks.forEach((risk, index) => {
      lines.push(`Risk ${index + 1}: ${risk.description || "(no description)"}`);
      lines.push(`  ${risk.domain.name}: ${risk.summary}`);
      for (const note of this.factorNotes(risk)) lines.push(`  ${note}`);
    });
    lines.push(`Overall rating (the highest score): ${this.latest.risks[this.latest.overall].summary}`);
    if (this.overrideOn()) {
      lines.push(`Risk rating set by hand: ${formValues(this.form)[this.contract.rating.band] || "(none chosen)"}. Reason: ${this.root.querySelector("#override-reason").value}`);
    }
    return lines.join("\n");
  }

  async copySummary() {
    try {
      await navigator.clipboard.writeText(this.summaryText());
      this.status.textContent = "Summary copied.";
    } catch {
      this.status.textContent = "Your browser did not allow copying. Select the summary on the page and copy it instead.";
    }
  }

  clearAll() {
    const before = this.draft();
    const empty = Object.keys(before.values).length === 0 && before.risks.length === 0 && Object.keys(before.entry).length === 0;
    if (empty) return;
    this.apply({ values: {}, risks: [], entry: {}, override: null });
    this.clearProbability();
    this.root.querySelector("#add-risk-message").textContent = "";
    this.root.querySelector(":scope > .lotus-draft-notice")?.remove();
    forgetDraft(this.template.draft);
    this.unsaved = false;
    this.update();
    offerUndo(this.status, "Everything you entered has been cleared.", () => { this.apply(before); this.changed(); });
  }

  stop() {
    this.releaseGuard();
    this.stopOpening();
    if (this.unfollow) this.unfollow();
  }
}

function mount() {
  const root = document.getElementById("lotus-calculator");
  if (session && session.root === root) return;
  if (session) { session.stop(); session = null; }
  const contract = readContract();
  if (root && contract && contract.calculator) session = new Calculator(root, contract);
}

if (typeof document$ !== "undefined") document$.subscribe(mount);
else mount();
