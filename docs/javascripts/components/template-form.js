// A template form (Appendices 2, 4 and 5) on its own page: what the reader
// types is kept as a draft in this tab (the Appendix 2 record is shared with the
// calculator); "Download filled copy" fills the blank template in the Python
// worker, and "Open a saved record" reads one back. Nothing leaves the browser.

import { Component } from "../lib/component.js";
import { single } from "../lib/dom.js";
import { applyValues, forgetDraft, formValues, loadDraft, offerUndo, saveDraft, showRestored, tellKept } from "../lib/drafts.js";
import { fillAndSave, openSaved, SAVED_COPY } from "../lib/files.js";
import { guardLeaving } from "../lib/leave-guard.js";
import { python } from "../lib/python.js";

const NOT_KEPT = "download a filled copy before you leave this page";

export default class TemplateForm extends Component {
  /**
   * @param {HTMLElement} form
   * @param {any} contract
   * @param {string} name
   */
  constructor(form, contract, name) {
    super(form, contract, name);
    this.form = form;
    this.key = form.dataset.lotusTemplate || "";
    this.template = contract?.templates?.[this.key];
    if (!this.template) throw new Error(`${name}: the page contract has no template "${this.key}"`);
    const status = form.querySelector(".lotus-form-status");
    if (!(status instanceof HTMLElement)) throw new Error(`${name}: the form's status line not found`);
    this.status = status;
    this.unsaved = false;
    this.busy = false;
    form.hidden = false;
    this.restore();
    this.ratingFromCalculator();
    for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (form.querySelectorAll("button[data-lotus-fill]"))) {
      button.hidden = false;
      this.listen(
        button,
        "click",
        single(() => this.download(button.dataset.lotusFill || "docx")),
      );
    }
    this.listen(form, "input", () => this.keep());
    this.listen(form, "change", () => this.keep());
    /** @type {HTMLElement[]} */
    this.letterParts = [...document.querySelectorAll(`[data-lotus-letter="${this.key}"] [data-field]`)].map(
      (part) => /** @type {HTMLElement} */ (part),
    );
    this.placeholders = this.letterParts.map((part) => part.textContent || "");
    this.listen(form, "input", () => this.showLetter());
    this.showLetter();
    this.listen(form, "reset", (event) => {
      event.preventDefault();
      this.clear();
    });
    this.onStop(guardLeaving(() => this.form.isConnected && this.unsaved));
    const zone = /** @type {HTMLElement | null} */ (document.querySelector(`[data-lotus-open="${this.key}"]`));
    if (zone) {
      openSaved(this, zone, {
        key: this.key,
        what: "record",
        pages: Object.fromEntries(Object.entries(contract.templates).map(([key, t]) => [key, /** @type {any} */ (t).page])),
        read: (bytes) => this.python().call("read_record", {}, { data: bytes }),
        restore: (answer) => this.opened(answer),
      });
    }
  }

  /** The letter above the form, as it will be sent: what is typed in place of each placeholder. */
  showLetter() {
    const values = formValues(this.form);
    this.letterParts.forEach((part, index) => {
      const typed = values[part.dataset.field || ""];
      part.textContent = typed ? typed : this.placeholders[index];
      part.classList.toggle("lotus-filled", Boolean(typed));
    });
  }

  /** Python starts on the first download or open, not on reading the page. */
  python() {
    return python(this.contract, Object.values(this.template.blank));
  }

  draft() {
    return { ...(loadDraft(this.template.draft) || {}), values: formValues(this.form) };
  }

  keep() {
    tellKept(this.form, saveDraft(this.template.draft, this.draft()), NOT_KEPT);
    this.unsaved = true;
  }

  restore() {
    const kept = loadDraft(this.template.draft);
    if (!kept?.values) return;
    applyValues(this.form, kept.values);
    if (Object.keys(kept.values).length) showRestored(this.form, () => this.clear());
  }

  /** The Appendix 2 rating is the calculator's while the tab's record has risks scored there. */
  ratingFromCalculator() {
    const kept = loadDraft(this.template.draft);
    const rating = this.form.querySelector(".lotus-rating");
    if (!rating || !this.contract.rating) return;
    const fromCalculator = Boolean(kept && Array.isArray(kept.scored) && kept.scored.length);
    for (const field of /** @type {NodeListOf<HTMLInputElement>} */ (rating.querySelectorAll("input"))) {
      if (field.type === "radio") field.disabled = fromCalculator;
      else field.readOnly = fromCalculator;
    }
    let note = rating.querySelector(".lotus-rating-note");
    if (fromCalculator && !note) {
      note = document.createElement("p");
      note.className = "lotus-hint lotus-rating-note";
      note.textContent = `Set by the triage calculator from the ${kept.scored.length} risk(s) scored there in this tab; change the risks or the rating on the calculator page.`;
      rating.querySelector("legend")?.after(note);
    }
  }

  /** @param {string} format */
  async download(format) {
    if (this.busy) return;
    this.busy = true;
    try {
      const kept = loadDraft(this.template.draft) || {};
      /** @type {Record<string, any>} */
      const request = { template: this.key, format, values: formValues(this.form) };
      if (Array.isArray(kept.scored) && kept.scored.length) {
        request.risks = kept.scored;
        request.policy = this.contract.policy;
        if (kept.override?.on) request.override = { colour: request.values.rating || "", reason: kept.override.reason };
      }
      const filled = (/** @type {string} */ blank) =>
        (new URL(blank).pathname.split("/").pop() || "").replace(/\.(docx|odt)$/, `-filled.${format}`);
      const saved = await fillAndSave(this.python(), "fill_record", request, this.template.blank[format], filled, this.status, {
        preparing: "Preparing your filled copy… (the first one takes a moment while Python starts)",
        failed: (message) =>
          `The filled copy could not be made: ${message} What you typed is kept. You can also download the blank template below and type into it.`,
        saved: (file) => `Your filled copy (${file}) has been downloaded. ${SAVED_COPY}`,
      });
      if (saved) this.unsaved = false;
    } finally {
      this.busy = false;
    }
  }

  /** @param {any} answer */
  opened(answer) {
    const before = formValues(this.form);
    applyValues(this.form, answer.values);
    this.showLetter();
    const kept = loadDraft(this.template.draft) || {};
    const risks = answer.risks?.length ? answer.risks : kept.risks || [];
    saveDraft(this.template.draft, { ...kept, values: formValues(this.form), risks, scored: risks, entry: {} });
    this.ratingFromCalculator();
    this.unsaved = false;
    offerUndo(this.status, "The saved record has been opened.", () => {
      applyValues(this.form, before);
      this.showLetter();
      this.keep();
    });
  }

  clear() {
    const before = formValues(this.form);
    if (!Object.keys(before).length) return;
    applyValues(this.form, {});
    this.showLetter();
    const kept = loadDraft(this.template.draft) || {};
    if (kept.scored?.length) saveDraft(this.template.draft, { ...kept, values: {} });
    else forgetDraft(this.template.draft);
    this.form.querySelector(".lotus-draft-notice")?.remove();
    this.unsaved = false;
    offerUndo(this.status, "The form has been cleared.", () => {
      applyValues(this.form, before);
      this.showLetter();
      this.keep();
    });
  }
}
