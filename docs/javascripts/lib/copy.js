// Copying links for trainers: one quiet status region for the page says what
// was copied, instead of one region per button.

import { element } from "./dom.js";

const STATUS_CLEAR_MS = 4000;

/**
 * Copy `text` to the clipboard; throws if the browser refuses.
 * @param {string} text
 */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = element("textarea", { readonly: "" });
  /** @type {HTMLTextAreaElement} */ (area).value = text;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  /** @type {HTMLTextAreaElement} */ (area).select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}

/**
 * The page's one status region for copied links, shown beside the button that was pressed.
 * @param {HTMLElement} button
 */
function copyStatus(button) {
  let status = document.getElementById("lotus-copy-status");
  if (!status) status = element("span", { id: "lotus-copy-status", class: "lotus-copy-status", role: "status" });
  if (button.nextElementSibling !== status) button.after(status);
  return status;
}

/**
 * A "Copy link" button for `url`.
 * @param {string} url
 * @param {string} label
 * @param {string} [name] its accessible name, if the label alone would not say which link
 */
export function copyButton(url, label, name = label) {
  const button = element("button", { type: "button", class: "lotus-copy-link" }, label);
  if (name !== label) button.setAttribute("aria-label", name);
  let timer = 0;
  button.addEventListener("click", async (event) => {
    event.preventDefault();
    event.stopPropagation();
    const status = copyStatus(button);
    try {
      await copyText(url);
      status.textContent = `Link copied: ${url}`;
    } catch {
      status.textContent = `Could not copy. The link is ${url}`;
    }
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      status.textContent = "";
    }, STATUS_CLEAR_MS);
  });
  return button;
}
