// The triage risk calculator page: the reader's entries, scored by lotus_tools
// in a Pyodide worker. Nothing typed leaves the page or is stored.
import { guardLeaving, hasEntries } from "./leave-guard.js";
import { startPython } from "./python.js";
import { saveFile } from "./save-file.js";

const RECORD = "appendix-2"; // the Appendix 2 triage template's key in lotus_tools.templates
let session = null;

function readJson(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

function text(tag, content, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = content;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function checkedValue(root, name) {
  const input = root.querySelector(`input[name="${name}"]:checked`);
  return input ? input.value : null;
}

function showError(root, id, message) {
  const error = root.querySelector(`#${id}-error`);
  const field = root.querySelector(`#${id}`);
  if (!error) return;
  error.hidden = !message;
  error.textContent = message ? `Error: ${message}` : "";
  if (field && field.matches("input, textarea")) field.toggleAttribute("aria-invalid", Boolean(message));
}

class Calculator {
  constructor(root) {
    this.root = root;
    this.descriptors = readJson("lotus-descriptors");
    this.policy = readJson("lotus-policy");
    this.saved = [];
    this.latest = null;
    this.status = root.querySelector("#calc-status");
    this.result = root.querySelector("#calc-result");
    this.summary = root.querySelector("#risk-summary");
    this.python = startPython({ onProgress: (p) => this.progress(p) });
    this.python.ready.then(
      () => { this.setStatus("The calculator is ready.", "ready"); this.update(); },
      (error) => this.failed(error),
    );
    this.listen();
    this.releaseGuard = guardLeaving(() => this.root.isConnected && (this.saved.length > 0 || hasEntries(this.root)));
  }

  setStatus(message, state) {
    this.status.textContent = message;
    this.root.dataset.state = state;
  }

  progress({ step, of, text: what }) {
    this.setStatus(`Starting the calculator… step ${step} of ${of}: ${what}.`, "loading");
    const bar = this.root.querySelector("#calc-progress");
    if (bar) { bar.max = of; bar.value = step - 1; }
  }

  failed(error) {
    this.setStatus(
      "The calculator could not start in this browser, so it cannot score risks here " +
      `(${error.message}). It needs JavaScript and WebAssembly. The scoring guide and the ` +
      "risk matrix on this page still work: score a risk by hand as Appendix 3 says, C x L = R.",
      "failed",
    );
    this.result.replaceChildren(text("p", "Scores cannot be calculated in this browser."));
  }

  listen() {
    const root = this.root;
    root.addEventListener("change", (event) => {
      if (event.target.name === "domain") this.showDescriptors();
      if (["domain", "consequence", "likelihood"].includes(event.target.name)) {
        if (event.target.name === "likelihood") this.clearProbability();
        this.update();
      }
    });
    root.querySelector("#risk-probability").addEventListener("input", () => this.probabilityChanged());
    root.querySelector("#add-risk").addEventListener("click", () => this.addRisk());
    root.querySelector("#clear-all").addEventListener("click", () => this.clearAll());
    root.querySelector("#copy-summary").addEventListener("click", () => this.copySummary());
    root.querySelector("#print-record").addEventListener("click", () => window.print());
    root.querySelector("#download-record").addEventListener("click", () => this.download());
    this.summary.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-remove]");
      if (!button) return;
      this.saved.splice(Number(button.dataset.remove), 1);
      this.update();
      root.querySelector("#add-risk").focus();
    });
  }

  showDescriptors() {
    const domain = checkedValue(this.root, "domain");
    for (const [level, byDomain] of Object.entries(this.descriptors)) {
      const span = this.root.querySelector(`#consequence-${level}-descriptor`);
      if (span && domain) span.textContent = byDomain[domain];
    }
  }

  clearProbability() {
    const field = this.root.querySelector("#risk-probability");
    if (field.value) field.value = "";
    showError(this.root, "risk-probability", "");
  }

  async probabilityChanged() {
    const raw = this.root.querySelector("#risk-probability").value.trim();
    if (!raw) { showError(this.root, "risk-probability", ""); return; }
    await this.python.ready.catch(() => null);
    const cleaned = raw.replace(/%$/, "").trim();
    const number = cleaned === "" ? NaN : Number(cleaned);
    const answer = await this.python.callJson("likelihood_for_probability", {
      probability: Number.isFinite(number) ? number : raw,
    });
    if (this.root.querySelector("#risk-probability").value.trim() !== raw) return;
    if (!answer.ok) {
      showError(this.root, "risk-probability", answer.message);
      return;
    }
    showError(this.root, "risk-probability", "");
    this.root.querySelector(`#likelihood-${answer.level}`).checked = true;
    this.update();
  }

  currentEntry() {
    const root = this.root;
    const factors = {};
    for (const area of root.querySelectorAll("textarea[name^='factor-']")) {
      if (area.value.trim()) factors[area.name.slice("factor-".length)] = area.value;
    }
    const consequence = checkedValue(root, "consequence");
    const likelihood = checkedValue(root, "likelihood");
    return {
      description: root.querySelector("#risk-description").value,
      domain: checkedValue(root, "domain"),
      consequence: consequence && Number(consequence),
      likelihood: likelihood && Number(likelihood),
      factors,
    };
  }

  missingChoices(entry) {
    const missing = [];
    if (!entry.domain) missing.push("a consequence domain");
    if (!entry.consequence) missing.push("a consequence level");
    if (!entry.likelihood) missing.push("a likelihood");
    return missing;
  }

  async update() {
    const entry = this.currentEntry();
    const missing = this.missingChoices(entry);
    const risks = missing.length ? [...this.saved] : [...this.saved, entry];
    if (missing.length) {
      this.result.replaceChildren(text("p", `To see the risk score, choose ${missing.join(", ")}.`));
      this.markMatrix(null);
    }
    if (!risks.length) { this.latest = null; this.renderSummary(); return; }
    if (this.root.dataset.state !== "ready") return;
    const answer = await this.python.callJson("assess", { risks, policy: this.policy });
    if (!answer.ok) {
      this.result.replaceChildren(text("p", `Error: ${answer.message}`, { class: "calc-error" }));
      return;
    }
    this.latest = { ...answer, editing: !missing.length };
    if (!missing.length) {
      const current = answer.risks[answer.risks.length - 1];
      this.result.replaceChildren(
        text("p", `Risk score ${current.consequence.level} x ${current.likelihood.level} = ${current.score}: ${current.band.label}`, { class: "calc-score" }),
        text("p", `${current.consequence.name} (${current.consequence.level}) consequence x ${current.likelihood.name} (${current.likelihood.level}) likelihood, ${current.domain}.`),
      );
      this.result.dataset.band = current.band.colour.toLowerCase();
      this.markMatrix(current);
    }
    this.renderSummary();
  }

  markMatrix(current) {
    for (const cell of document.querySelectorAll("#risk-matrix td[data-likelihood]")) {
      const chosen = Boolean(current) &&
        Number(cell.dataset.likelihood) === current.likelihood.level &&
        Number(cell.dataset.consequence) === current.consequence.level;
      cell.classList.toggle("calc-chosen", chosen);
      const marker = cell.querySelector(".calc-marker");
      if (chosen && !marker) cell.prepend(text("span", "★ This risk: ", { class: "calc-marker" }));
      if (!chosen && marker) marker.remove();
    }
  }

  renderSummary() {
    const rows = this.latest ? this.latest.risks : [];
    const body = [];
    rows.forEach((risk, index) => {
      const editing = this.latest.editing && index === rows.length - 1;
      const row = document.createElement("tr");
      row.append(
        text("th", `Risk ${index + 1}${editing ? " (being entered)" : ""}`, { scope: "row" }),
        text("td", risk.description || "(no description)"),
        text("td", risk.summary),
      );
      const action = document.createElement("td");
      if (!editing) {
        action.append(text("button", `Remove risk ${index + 1}`, { type: "button", "data-remove": String(index), class: "md-button" }));
      }
      row.append(action);
      body.push(row);
    });
    if (!body.length) {
      this.summary.replaceChildren(text("p", "No risks yet. Risks you score appear here; add as many as the concern needs."));
      this.fillRating(null);
      return;
    }
    const overall = rows[this.latest.overall];
    const table = document.createElement("table");
    const head = document.createElement("thead");
    const headRow = document.createElement("tr");
    for (const heading of ["Risk", "Adverse consequence", "Score and band", "Action"]) headRow.append(text("th", heading, { scope: "col" }));
    head.append(headRow);
    const tbody = document.createElement("tbody");
    tbody.append(...body);
    table.append(head, tbody);
    this.summary.replaceChildren(
      text("p", `Overall rating (the highest score): risk ${this.latest.overall + 1}, ${overall.summary}`, { class: "calc-overall" }),
      table,
    );
    this.fillRating(overall);
  }

  fillRating(overall) {
    const root = this.root;
    const set = (id, value) => { const field = root.querySelector(`#${id}`); if (field) field.value = value; };
    set(`${RECORD}-likelihood`, overall ? String(overall.likelihood.level) : "");
    set(`${RECORD}-consequence`, overall ? String(overall.consequence.level) : "");
    set(`${RECORD}-score`, overall ? String(overall.score) : "");
    for (const radio of root.querySelectorAll(`#${RECORD}-form input[name='rating']`)) {
      radio.checked = Boolean(overall) && radio.value === overall.band.colour;
    }
  }

  async addRisk() {
    const entry = this.currentEntry();
    const missing = this.missingChoices(entry);
    const message = this.root.querySelector("#add-risk-message");
    if (missing.length) {
      message.textContent = `Before adding another risk, choose ${missing.join(", ")} for this one.`;
      return;
    }
    this.saved.push(entry);
    message.textContent = `Risk ${this.saved.length} added. Enter the next risk.`;
    for (const field of this.root.querySelectorAll("#risk-entry textarea, #risk-entry input[type=text]")) field.value = "";
    for (const radio of this.root.querySelectorAll("#risk-entry input[type=radio]")) radio.checked = false;
    showError(this.root, "risk-probability", "");
    await this.update();
    this.root.querySelector("#risk-description").focus();
  }

  summaryText() {
    const lines = ["Triage risk assessment (L.O.T.U.S. Appendix 3)"];
    if (this.latest) {
      this.latest.risks.forEach((risk, index) => {
        lines.push(`Risk ${index + 1}: ${risk.description || "(no description)"}`);
        lines.push(`  ${risk.domain}: ${risk.summary}`);
      });
      const overall = this.latest.risks[this.latest.overall];
      lines.push(`Overall rating: ${overall.summary}`);
    } else {
      lines.push("No risks scored yet.");
    }
    return lines.join("\n");
  }

  async copySummary() {
    const status = this.root.querySelector("#record-status");
    try {
      await navigator.clipboard.writeText(this.summaryText());
      status.textContent = "Summary copied.";
    } catch {
      status.textContent = "Your browser did not allow copying. Select the summary on the page and copy it instead.";
    }
  }

  recordValues() {
    const values = {};
    for (const [key, value] of new FormData(this.root.querySelector(`#${RECORD}-form`))) {
      if (typeof value === "string" && value.trim()) values[key] = value;
    }
    return values;
  }

  async download() {
    const status = this.root.querySelector("#record-status");
    status.textContent = "Preparing your triage record…";
    try {
      await this.python.ready;
      const response = await fetch(this.root.dataset.blankRecord);
      if (!response.ok) throw new Error(`the blank template could not be loaded (${response.status})`);
      const blank = await response.arrayBuffer();
      const bytes = await this.python.call("fill_record", RECORD, blank, JSON.stringify(this.recordValues()));
      saveFile(bytes, "triage-record.docx");
      status.textContent = "Your triage record (triage-record.docx) has been downloaded.";
    } catch (error) {
      status.textContent = `The triage record could not be made: ${error.message}`;
    }
  }

  clearAll() {
    for (const field of this.root.querySelectorAll("textarea, input[type=text], input[type=date]")) field.value = "";
    for (const radio of this.root.querySelectorAll("input[type=radio]")) radio.checked = false;
    this.root.querySelector(`#${RECORD}-form`).reset();
    this.saved = [];
    this.latest = null;
    showError(this.root, "risk-probability", "");
    this.root.querySelector("#add-risk-message").textContent = "";
    this.root.querySelector("#record-status").textContent = "Everything you entered has been cleared.";
    this.update();
  }

  stop() {
    this.releaseGuard();
    this.python.stop();
  }
}

function mount() {
  const root = document.getElementById("lotus-calculator");
  if (session && session.root === root) return;
  if (session) { session.stop(); session = null; }
  if (root) session = new Calculator(root);
}

if (typeof document$ !== "undefined") document$.subscribe(mount);
else mount();
