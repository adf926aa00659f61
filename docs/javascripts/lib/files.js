// Files the reader takes away and brings back. A filled record is made by the
// core in the Python worker and handed to the reader (the link never enters
// the document, so neither instant navigation nor the leave check sees it); a
// saved record is read from the reader's own file, in this browser.

export const LARGEST = 10 * 1024 * 1024;
export const SAVED_COPY = "It is your saved copy: open it on this page again to carry on.";

/**
 * @typedef {{ preparing: string, failed: (message: string) => string, saved: (name: string) => string }} Words
 */

/**
 * Ask the core's `fill` ("fill_record", "fill_workbook") to fill the blank at `blankPath` (relative to this page)
 * with `request`, save it as `name(blankUrl)`, and tell the reader in `status`. Resolves to whether it was saved.
 * @param {import("./python.js").Python} python
 * @param {string} fill
 * @param {object} request
 * @param {string} blankPath
 * @param {(blank: string) => string} name
 * @param {HTMLElement} status
 * @param {Words} words
 */
export async function fillAndSave(python, fill, request, blankPath, name, status, words) {
  status.textContent = words.preparing;
  const blank = new URL(blankPath, location.href).href;
  const answer = await python.call(fill, request, { blank });
  if (!answer.ok) {
    status.textContent = words.failed(answer.message || "");
    return false;
  }
  const saved = name(blank);
  saveFile(fileBytes(answer.file), saved, answer.type);
  status.textContent = words.saved(saved);
  return true;
}

/**
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @param {string} name
 * @param {string} type
 */
function saveFile(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The core's base64 file answer as bytes.
 * @param {string} base64
 */
function fileBytes(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * @typedef {object} Opening
 * @property {string} key the template (or workbook) the page holds
 * @property {string} what what the reader opens, in words (a record, a workbook file)
 * @property {Record<string, string>} pages other templates' pages, by key
 * @property {(bytes: ArrayBuffer) => Promise<any>} read the core's envelope for the file
 * @property {(answer: any) => void} restore fills the page
 * @property {(on: boolean) => void} [busy] told when a file starts and stops being opened, so that what the page
 *   shows meanwhile (a count of answers) does not read as the outcome
 */

/**
 * Wire the "open a saved ..." control in `zone` (file picker and drop zone) through `component`'s listeners.
 * @param {import("./component.js").Component} component
 * @param {HTMLElement} zone
 * @param {Opening} opening
 */
export function openSaved(component, zone, { key, what, pages, read, restore, busy = () => {} }) {
  const input = /** @type {HTMLInputElement} */ (zone.querySelector("input[type=file]"));
  const status = /** @type {HTMLElement} */ (zone.querySelector(".lotus-open-status"));
  const tell = (/** @type {string} */ message) => {
    status.textContent = message;
  };
  zone.hidden = false;
  let opening = false;

  /** @param {File | undefined} file */
  async function open(file) {
    if (!file || opening) return;
    const named = file.name.slice(0, 60);
    if (!/\.docx$/i.test(file.name)) {
      tell(
        `“${named}” is not a Word (.docx) ${what}. Choose a .docx file that you downloaded from this page. Nothing on the page has changed.`,
      );
      return;
    }
    if (file.size > LARGEST) {
      tell(`That file is larger than any ${what} this site makes. Nothing on the page has changed.`);
      return;
    }
    opening = true;
    tell(`Opening ${named}… (the first file takes a moment while Python starts)`);
    busy(true);
    try {
      const answer = await read(await file.arrayBuffer());
      if (!answer.ok) {
        tell(`${answer.message} Nothing on the page has changed.`);
      } else if (answer.template !== key) {
        const other = pages[answer.template];
        tell(
          `This is a record of another template (${String(answer.template).replace("appendix-", "Appendix ")}), not this page's. ` +
            (other ? "Open it on that template's page. " : "") +
            "Nothing on the page has changed.",
        );
      } else {
        restore(answer);
        tell(`${named} is open: its answers are filled in below.`);
      }
    } finally {
      opening = false;
      busy(false);
    }
  }

  component.listen(input, "change", () => {
    open(input.files?.[0]);
    input.value = "";
  });
  component.listen(zone, "dragover", (/** @type {DragEvent} */ event) => {
    event.preventDefault();
    zone.classList.add("lotus-drop");
  });
  component.listen(zone, "dragleave", () => zone.classList.remove("lotus-drop"));
  component.listen(zone, "drop", (/** @type {DragEvent} */ event) => {
    event.preventDefault();
    zone.classList.remove("lotus-drop");
    open(event.dataTransfer?.files[0]);
  });
}
