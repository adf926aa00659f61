// The link catalogue for trainers: type to narrow it, choose a kind, copy one
// link, or copy every link shown as a plain list ("title – address", one a
// line). A page shown only as the heading of its matching parts is not itself a
// link shown. Its elements are the ones publish/catalogue.py declared.

import { Component } from "../lib/component.js";
import { copyButton, copyText } from "../lib/copy.js";

/** @param {HTMLElement} list */
function shownLines(list) {
  return [...list.querySelectorAll("li[data-kind], li[data-shown]")]
    .filter((item) => item.checkVisibility())
    .map((item) => {
      const link = /** @type {HTMLAnchorElement} */ (item.querySelector(":scope > a"));
      return `${(link.textContent || "").trim()} – ${link.href}`;
    });
}

/** @param {number} count */
const links = (count) => `${count} ${count === 1 ? "link" : "links"}`;

export default class Catalogue extends Component {
  /**
   * @param {HTMLElement} root
   * @param {any} contract
   * @param {string} name
   */
  constructor(root, contract, name) {
    super(root, contract, name);
    if (!contract?.catalogue) throw new Error(`${name}: the page has no catalogue in its contract`);
    this.el = this.find(contract.catalogue.elements);
    this.filter = /** @type {HTMLInputElement} */ (this.el.filter);
    this.kind = /** @type {HTMLSelectElement} */ (this.el.kind);
    this.el.tools.hidden = false;
    this.addCopyLinks();
    this.listen(this.filter, "input", () => this.apply());
    this.listen(this.kind, "change", () => this.apply());
    this.listen(this.el.copy, "click", () => this.copyShown());
    this.apply();
  }

  addCopyLinks() {
    for (const item of this.el.list.querySelectorAll("ul.lotus-link-catalogue li")) {
      const link = item.querySelector(":scope > a");
      if (!(link instanceof HTMLAnchorElement) || item.querySelector(":scope > .lotus-copy-link")) continue;
      const place = item.querySelector(":scope > code") || link;
      place.after(document.createTextNode(" "), copyButton(link.href, "Copy link", `Copy link: ${link.textContent}`));
    }
  }

  apply() {
    const words = this.filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const kind = this.kind.value;
    const matches = (/** @type {Element} */ item) => {
      const text =
        `${item.querySelector(":scope > a")?.textContent || ""} ${item.querySelector(":scope > code")?.textContent || ""}`.toLowerCase();
      return words.every((word) => text.includes(word));
    };
    let shown = 0;
    for (const page of /** @type {NodeListOf<HTMLElement>} */ (this.el.list.querySelectorAll("li.lotus-catalogue-page"))) {
      let any = false;
      for (const item of /** @type {NodeListOf<HTMLElement>} */ (page.querySelectorAll("li[data-kind]"))) {
        const keep = (!kind || item.dataset.kind === kind) && (matches(item) || matches(page));
        item.hidden = !keep;
        if (keep) {
          any = true;
          shown += 1;
        }
      }
      const pageItself = (!kind || kind === "Page") && matches(page);
      page.hidden = !(any || pageItself);
      if (pageItself) {
        page.dataset.shown = "yes";
        shown += 1;
      } else {
        delete page.dataset.shown;
      }
    }
    for (const step of /** @type {NodeListOf<HTMLElement>} */ (this.el.list.querySelectorAll(".lotus-catalogue-step"))) {
      step.hidden = !step.querySelector("li.lotus-catalogue-page:not([hidden])");
    }
    this.el.count.textContent = `${links(shown)} shown.`;
  }

  async copyShown() {
    const lines = shownLines(this.el.list);
    try {
      await copyText(lines.join("\n"));
      this.el.count.textContent = `${links(lines.length)} copied, one a line.`;
    } catch (error) {
      console.warn("Copy refused:", error);
      this.el.count.textContent = "Your browser would not let the page copy. Download the CSV instead.";
    }
  }
}
