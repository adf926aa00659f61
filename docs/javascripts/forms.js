// The template forms (Appendices 2, 4 and 5): what the reader types is kept
// as a draft in this tab (the Appendix 2 record is shared with the
// calculator); "Download filled copy" fills the blank template in the Python
// worker, and "Open a saved record" reads one back. Nothing leaves the browser.
import { readContract } from "./contract.js";
import { applyValues, forgetDraft, formValues, loadDraft, offerUndo, saveDraft, showRestored } from "./drafts.js";
import { guardLeaving } from "./leave-guard.js";
import { python } from "./python.js";
import { openRecords } from "./record-file.js";
import { SAVED_COPY, fillAndSave } from "./save-file.js";

let mounted = [];

class TemplateForm {
  constructor(form, contract) {
    this.form = form;
    this.contract = contract;
    this.key = form.dataset.lotusTemplate;
    this.template = contract.templates[this.key];
    this.status = form.querySelector(".lotus-form-status");
    this.unsaved = false;
    this.busy = false;
    this.restore();
    this.ratingFromCalculator();
    for (const button of form.querySelectorAll("button[data-lotus-fill]")) {
      button.hidden = false;
      button.addEventListener("click", () => this.download(button.dataset.lotusFill));
    }
    form.addEventListener("input", () => this.keep());
    form.addEventListener("change", () => this.keep());
    form.addEventListener("reset", (event) => { event.preventDefault(); this.clear(); });
    this.releaseGuard = guardLeaving(() => this.form.isConnected && this.unsaved);
    const zone = document.querySelector(`[data-lotus-open="${this.key}"]`);
    this.stopOpening = zone ? openRecords(zone, {
      key: this.key,
      appendix: this.template.appendix,
      pages: Object.fromEntries(Object.entries(contract.templates).map(([key, t]) => [key, t.page])),
      read: (bytes) => this.python().call("read_record", {}, { data: bytes }),
      restore: (answer) => this.opened(answer),
    }) : () => {};
  }

  // Python starts on the first download or open, not on reading the page.
  python() {
    return python(this.contract, Object.values(this.template.blank));
  }

  draft() {
    const kept = loadDraft(this.template.draft) || {};
    return { ...kept, values: formValues(this.form) };
  }

  keep() {
    saveDraft(this.template.draft, this.draft());
    this.unsaved = true;
  }

  restore() {
    const kept = loadDraft(this.template.draft);
    if (!kept || !kept.values) return;
    applyValues(this.form, kept.values);
    if (Object.keys(kept.values).length) showRestored(this.form, () => this.clear());
  }

  // The Appendix 2 rating is the calculator's while the tab's record has risks scored there.
  ratingFromCalculator() {
    const kept = loadDraft(this.template.draft);
    const rating = this.form.querySelector(".lotus-rating");
    if (!rating || !this.contract.rating) return;
    const fromCalculator = Boolean(kept && Array.isArray(kept.scored) && kept.scored.length);
    for (const field of rating.querySelectorAll("input")) {
      if (field.type === "radio") field.disabled = fromCalculator;
      else field.readOnly = fromCalculator;
    }
    let note = rating.querySelector(".lotus-rating-note");
    if (fromCalculator && !note) {
      note = document.createElement("p");
      note.className = "lotus-hint lotus-rating-note";
      note.textContent = `Set by the triage calculator from the ${kept.scored.length} risk(s) scored there in this tab; change the risks or the rating on the calculator page.`;
      rating.querySelector("legend").after(note);
    }
  }

  async download(format) {
    if (this.busy) return;
    this.busy = true;
    try {
      const kept = loadDraft(this.template.draft) || {};
      const request = { template: this.key, format, values: formValues(this.form) };
      if (Array.isArray(kept.scored) && kept.scored.length) {
        request.risks = kept.scored;
        request.policy = this.contract.policy;
        if (kept.override && kept.override.on) request.override = { colour: request.values.rating || "", reason: kept.override.reason };
      }
      const filled = (blank) => new URL(blank).pathname.split("/").pop().replace(/\.(docx|odt)$/, `-filled.${format}`);
      const saved = await fillAndSave(this.python(), "fill_record", request, this.template.blank[format], filled, this.status, {
        preparing: "Preparing your filled copy… (the first one takes a moment while Python starts)",
        failed: (message) => `The filled copy could not be made: ${message} What you typed is kept. You can also download the blank template below and type into it.`,
        saved: (name) => `Your filled copy (${name}) has been downloaded. ${SAVED_COPY}`,
      });
      if (saved) this.unsaved = false;
    } finally {
      this.busy = false;
    }
  }

  opened(answer) {
    const before = formValues(this.form);
    applyValues(this.form, answer.values);
    const kept = loadDraft(this.template.draft) || {};
    const risks = answer.risks && answer.risks.length ? answer.risks : kept.risks || [];
    saveDraft(this.template.draft, { ...kept, values: formValues(this.form), risks, scored: risks, entry: {} });
    this.ratingFromCalculator();
    this.unsaved = false;
    offerUndo(this.status, "The saved record has been opened.", () => { applyValues(this.form, before); this.keep(); });
  }

  clear() {
    const before = formValues(this.form);
    if (!Object.keys(before).length) return;
    applyValues(this.form, {});
    const kept = loadDraft(this.template.draft) || {};
    if (kept.scored && kept.scored.length) saveDraft(this.template.draft, { ...kept, values: {} });
    else forgetDraft(this.template.draft);
    this.form.querySelector(".lotus-draft-notice")?.remove();
    this.unsaved = false;
    offerUndo(this.status, "The form has been cleared.", () => { applyValues(this.form, before); this.keep(); });
  }

  stop() {
    this.releaseGuard();
    this.stopOpening();
  }
}

function mount() {
  const forms = [...document.querySelectorAll("form[data-lotus-template]")].filter((form) => !form.closest("#lotus-calculator"));
  if (mounted.length && mounted.every((item) => forms.includes(item.form))) return;
  for (const item of mounted) item.stop();
  mounted = [];
  const contract = readContract();
  if (!contract) return;
  mounted = forms.map((form) => new TemplateForm(form, contract));
}

if (typeof document$ !== "undefined") document$.subscribe(mount);
else mount();
