// Drafts: what the reader typed into a tool, kept in this tab only (lib/storage.js,
// "tab"), so that following a link, Back and Forward, a reload or a crashed tab
// lose nothing. Gone when the tab closes.

import { element } from "./dom.js";
import { NOT_KEPT, read, remove, write } from "./storage.js";

/**
 * @param {string} key
 * @returns {any}
 */
export function loadDraft(key) {
  const data = read("tab", key);
  return data && typeof data === "object" ? data : null;
}

/**
 * @param {string} key
 * @param {unknown} data
 * @returns {import("./storage.js").Kept}
 */
export function saveDraft(key, data) {
  return write("tab", key, data);
}

/** @param {string} key */
export function forgetDraft(key) {
  remove("tab", key);
}

/**
 * Say, above `root`'s fields, whether the browser keeps what is typed there (hidden again once it does).
 * @param {HTMLElement} root
 * @param {import("./storage.js").Kept} kept
 * @param {string} instead what the reader can do instead, e.g. "download the record before you leave"
 */
export function tellKept(root, kept, instead) {
  let warning = /** @type {HTMLElement | null} */ (root.querySelector(":scope > .lotus-storage-warning"));
  if (kept.ok) {
    if (warning) warning.hidden = true;
    return;
  }
  if (!warning) {
    warning = element("p", { class: "lotus-storage-warning", role: "alert" });
    root.prepend(warning);
  }
  warning.hidden = false;
  warning.textContent = `${NOT_KEPT[kept.reason]}: ${instead}.`;
}

/**
 * The answers in a form: text by field name, and each checked choice.
 * @param {HTMLElement} form
 * @returns {Record<string, string>}
 */
export function formValues(form) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const field of /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("input[name], textarea[name]"))) {
    if (field.type === "file" || (field.disabled && field.type !== "radio")) continue;
    if (field.type === "radio" || field.type === "checkbox") {
      if (field.checked) values[field.name] = field.type === "checkbox" ? "yes" : field.value;
    } else if (field.value.trim()) {
      values[field.name] = field.value;
    }
  }
  return values;
}

/**
 * Put `values` into the form's fields (the others emptied).
 * @param {HTMLElement} form
 * @param {Record<string, unknown>} values
 */
export function applyValues(form, values) {
  for (const field of /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("input[name], textarea[name]"))) {
    if (field.type === "file") continue;
    const value = values[field.name];
    if (field.type === "radio") field.checked = value !== undefined && field.value === value;
    else if (field.type === "checkbox") field.checked = value === "yes";
    else field.value = typeof value === "string" ? value : "";
  }
}

/**
 * "We kept what you entered": a visible line with "Start again", above the tool.
 * @param {HTMLElement} root
 * @param {() => void} startAgain
 */
export function showRestored(root, startAgain) {
  if (root.querySelector(":scope > .lotus-draft-notice")) return;
  const notice = element("div", { class: "lotus-draft-notice", role: "status" });
  const button = element("button", { type: "button", class: "md-button lotus-button-warning" }, "Start again");
  button.addEventListener("click", () => {
    notice.remove();
    startAgain();
  });
  notice.append(element("p", {}, "What you entered earlier in this tab has been kept and is filled in below."), button);
  root.prepend(notice);
}

const UNDO_MS = 15000;

/**
 * A status line with an Undo button, kept for UNDO_MS (or until the next one).
 * @param {HTMLElement} status
 * @param {string} message
 * @param {() => void} undo
 */
export function offerUndo(status, message, undo) {
  status.replaceChildren(document.createTextNode(`${message} `));
  const button = element("button", { type: "button", class: "md-button lotus-undo" }, "Undo");
  const timer = setTimeout(() => {
    if (button.isConnected) button.remove();
  }, UNDO_MS);
  button.addEventListener(
    "click",
    () => {
      clearTimeout(timer);
      undo();
      status.textContent = "Your entries are back.";
    },
    { once: true },
  );
  status.append(button);
}
