// One exercise on its page: a link a trainer can copy, "Answer this exercise"
// with a box under each question, and "Show alone" for a meeting or a
// worksheet. The questions and keys come from the build (data-workbook on the
// exercise, publish/workbook.py); the answers are kept by lib/answers.js.

import { Answers } from "../lib/answers.js";
import { Component } from "../lib/component.js";
import { copyButton } from "../lib/copy.js";
import { element } from "../lib/dom.js";
import { offerUndo, tellKept } from "../lib/drafts.js";

const PRIVACY =
  "Your answers stay in this browser: in this tab only, unless you tick “Keep my answers on this device”. Nothing is sent anywhere.";
const NOT_KEPT = "download your workbook from My workbook before you leave";
const KEPT = "Your answer is kept in this browser.";

export default class Exercise extends Component {
  /**
   * @param {HTMLElement} block
   * @param {any} contract
   * @param {string} name
   */
  constructor(block, contract, name) {
    super(block, contract, name);
    document.documentElement.classList.remove("lotus-team-mode"); // a new page never opens in team mode
    this.addCopyLink();
    const data = JSON.parse(block.dataset.workbook || "null");
    if (!data) throw new Error(`${name}: #${block.id} has no workbook data`);
    this.answers = new Answers(data.store);
    const panelId = `${block.id}-answers`;
    this.toggle = element(
      "button",
      { type: "button", class: "md-button lotus-answers-toggle", "aria-expanded": "false", "aria-controls": panelId },
      "Answer this exercise",
    );
    this.panel = element("div", { id: panelId, class: "lotus-answers", hidden: "" });
    this.status = element("p", { class: "lotus-answers-status", role: "status" });
    this.panel.append(element("p", { class: "lotus-privacy" }, PRIVACY));
    /** @type {HTMLTextAreaElement[]} */
    this.boxes = data.answers.map((/** @type {{ key: string, question: string }} */ { key, question }, /** @type {number} */ index) => {
      const field = element("div", { class: "lotus-field" });
      const id = `${block.id}-answer-${index + 1}`;
      const box = /** @type {HTMLTextAreaElement} */ (element("textarea", { id, rows: "4", "data-answer": key }));
      field.append(element("label", { for: id }, question), box);
      this.panel.append(field);
      this.listen(box, "input", () => this.typed(box));
      return box;
    });
    this.device = /** @type {HTMLInputElement} */ (element("input", { type: "checkbox", id: `${block.id}-device` }));
    const label = element("label");
    label.append(this.device, document.createTextNode(" Keep my answers on this device"));
    const deviceLine = element("p", { class: "lotus-keep-device" });
    deviceLine.append(label);
    this.listen(this.device, "change", () => this.tell(this.answers.keepOn(this.device.checked)));
    const links = element("p", { class: "lotus-answers-links" });
    const forget = element("button", { type: "button", class: "md-button lotus-button-warning" }, "Forget my answers");
    this.listen(forget, "click", () => this.forget());
    links.append(
      this.teamButton(),
      document.createTextNode(" "),
      element("a", { href: data.workbook }, "My workbook: all your answers"),
      document.createTextNode(" "),
      forget,
    );
    this.panel.append(deviceLine, links, this.status);
    this.listen(this.toggle, "click", () => {
      const shown = this.panel.hidden;
      this.open(shown);
      if (shown) this.boxes[0]?.focus();
    });
    const actions = element("p", { class: "lotus-answers-actions lotus-site-words" });
    actions.append(this.toggle);
    const wrapper = element("div", { class: "lotus-site-words lotus-answers-wrapper" });
    wrapper.append(actions, this.panel);
    block.append(wrapper);
    this.onStop(() => wrapper.remove());
    this.onStop(
      this.answers.watch((kept, moved) => {
        this.fill(kept);
        if (moved)
          this.status.textContent = "Another tab stopped keeping your answers on this device: this tab keeps them in the tab only.";
      }),
    );
    this.fill(this.answers.kept());
    this.tell(this.answers.state());
    if (this.boxes.some((box) => box.value.trim())) this.open(true);
  }

  addCopyLink() {
    const title = this.root.querySelector(":scope > .admonition-title, :scope > summary");
    if (!title || title.querySelector(".lotus-copy-link")) return;
    const button = copyButton(new URL(`#${this.root.id}`, location.href).href, "Copy link to this exercise");
    title.append(document.createTextNode(" "), button);
    this.onStop(() => button.remove());
  }

  /** @param {import("../lib/answers.js").Kept} kept */
  fill({ answers, device }) {
    for (const box of this.boxes) if (document.activeElement !== box) box.value = answers[box.dataset.answer || ""] || "";
    this.device.checked = device;
  }

  /** @param {HTMLTextAreaElement} box */
  typed(box) {
    const kept = this.answers.answer(box.dataset.answer || "", box.value);
    this.tell(kept);
    if (kept.ok && this.status.textContent !== KEPT) this.status.textContent = KEPT;
  }

  /** @param {import("../lib/storage.js").Kept} kept */
  tell(kept) {
    tellKept(this.panel, kept, NOT_KEPT);
  }

  /** @param {boolean} shown */
  open(shown) {
    this.panel.hidden = !shown;
    this.toggle.setAttribute("aria-expanded", String(shown));
    this.toggle.textContent = shown ? "Hide my answers" : "Answer this exercise";
  }

  forget() {
    const before = this.answers.forget();
    this.fill(this.answers.kept());
    offerUndo(this.status, "All your workbook answers are forgotten, in every exercise.", () => {
      this.tell(this.answers.restore(before));
      this.fill(this.answers.kept());
    });
  }

  /**
   * Shown alone: one exercise on the screen in large type, to project in a team meeting, or printed as a
   * worksheet (the page's title and address, the questions, room to write); Escape or the button ends it.
   */
  teamButton() {
    const button = element(
      "button",
      { type: "button", class: "md-button lotus-team-button", "aria-pressed": "false" },
      "Show alone: meeting or worksheet",
    );
    const root = document.documentElement;
    const onKey = (/** @type {KeyboardEvent} */ event) => {
      if (event.key === "Escape") show(false);
    };
    const show = (/** @type {boolean} */ on) => {
      root.classList.toggle("lotus-team-mode", on);
      this.root.classList.toggle("lotus-team-exercise", on);
      button.setAttribute("aria-pressed", String(on));
      button.textContent = on ? "Back to the page" : "Show alone: meeting or worksheet";
      if (on) {
        document.addEventListener("keydown", onKey);
        this.root.scrollIntoView();
      } else {
        document.removeEventListener("keydown", onKey);
        button.focus();
      }
    };
    this.listen(button, "click", () => show(!root.classList.contains("lotus-team-mode")));
    this.onStop(() => document.removeEventListener("keydown", onKey));
    return button;
  }
}
