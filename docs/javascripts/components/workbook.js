// The My workbook page: progress, every answer, "Keep my answers on this
// device", download, print, open a saved workbook, and forget. Its elements
// are the ones publish/workbook_page.py declared, read from the page contract.

import { Answers, answeredCount } from "../lib/answers.js";
import { Component } from "../lib/component.js";
import { single } from "../lib/dom.js";
import { offerUndo, tellKept } from "../lib/drafts.js";
import { fillAndSave, openSaved } from "../lib/files.js";
import { python } from "../lib/python.js";

const NOT_KEPT = "download your workbook before you leave this page";
const OPENING = "Opening your saved workbook…";

export default class Workbook extends Component {
  /**
   * @param {HTMLElement} root
   * @param {any} contract
   * @param {string} name
   */
  constructor(root, contract, name) {
    super(root, contract, name);
    if (!contract?.workbook) throw new Error(`${name}: the page has no workbook in its contract`);
    this.workbook = contract.workbook;
    this.el = this.find(this.workbook.elements);
    this.answers = new Answers(this.workbook.store);
    this.busy = false;
    /** Whether a saved workbook is being opened: the count would read as its outcome until it is. */
    this.opening = false;
    this.el.tools.hidden = false;
    const device = /** @type {HTMLInputElement} */ (this.el.device);
    this.listen(device, "change", () => {
      this.tell(this.answers.keepOn(device.checked));
      this.show();
    });
    this.listen(
      this.el.saveDocx,
      "click",
      single(() => this.save("docx")),
    );
    this.listen(
      this.el.saveOdt,
      "click",
      single(() => this.save("odt")),
    );
    this.listen(
      this.el.print,
      "click",
      single(() => window.print()),
    );
    this.listen(
      this.el.forget,
      "click",
      single(() => this.forget()),
    );
    this.onStop(this.answers.watch(() => this.show()));
    const zone = /** @type {HTMLElement | null} */ (root.querySelector(`[data-lotus-open="${this.workbook.key}"]`));
    if (zone) {
      openSaved(this, zone, {
        key: this.workbook.key,
        what: "workbook file",
        pages: {},
        read: (bytes) => this.python().call("read_workbook", {}, { data: bytes }),
        restore: (found) => this.opened(found),
        busy: (on) => {
          this.opening = on;
          this.show();
        },
      });
    }
    this.show();
  }

  python() {
    return python(this.contract, Object.values(this.workbook.blank));
  }

  show() {
    const { answers, device } = this.answers.kept();
    /** @type {HTMLInputElement} */ (this.el.device).checked = device;
    for (const place of /** @type {NodeListOf<HTMLElement>} */ (this.root.querySelectorAll("[data-answer]"))) {
      const text = answers[place.dataset.answer || ""] || "";
      place.textContent = text.trim() ? text : "Not answered yet.";
      place.classList.toggle("lotus-unanswered", !text.trim());
    }
    this.el.progress.textContent = this.opening
      ? OPENING
      : `${answeredCount(this.workbook.exercises, answers)} of ${this.workbook.exercises.length} exercises answered.`;
    this.tell(this.answers.state());
  }

  /** @param {import("../lib/storage.js").Kept} kept */
  tell(kept) {
    tellKept(this.el.tools, kept, NOT_KEPT);
  }

  /** @param {string} format */
  async save(format) {
    if (this.busy) return;
    this.busy = true;
    const request = {
      format,
      exercises: this.chosen(),
      answers: this.answers.kept().answers,
      made: new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }),
    };
    try {
      await fillAndSave(
        this.python(),
        "fill_workbook",
        request,
        this.workbook.blank[format],
        () => `my-lotus-workbook.${format}`,
        this.el.status,
        {
          preparing: "Preparing your workbook… (the first one takes a moment while Python starts)",
          failed: (message) => `Your workbook could not be made: ${message} Your answers are kept.`,
          saved: (file) => `Your workbook (${file}) has been downloaded. Open it on this page again to carry on.`,
        },
      );
    } finally {
      this.busy = false;
      /** Whether a saved workbook is being opened: the count would read as its outcome until it is. */
      this.opening = false;
    }
  }

  /** Which exercises the download holds: the value of the reader's choice (the renderer checks the first). */
  chosen() {
    const checked = /** @type {HTMLInputElement | null} */ (this.el.exercises.querySelector("input:checked"));
    return checked ? checked.value : "";
  }

  forget() {
    const before = this.answers.forget();
    this.show();
    offerUndo(this.el.status, "All your workbook answers are forgotten.", () => {
      this.tell(this.answers.restore(before));
      this.show();
    });
  }

  /** @param {any} found */
  opened(found) {
    const before = this.answers.kept();
    this.tell(this.answers.keep({ ...before.answers, ...found.answers }, before.device));
    this.show();
    offerUndo(this.el.status, `${Object.keys(found.answers).length} answers from the saved workbook are filled in.`, () => {
      this.tell(this.answers.keep(before.answers, before.device));
      this.show();
    });
  }
}
