// The template forms (Appendices 2, 4 and 5): "Download filled copy (.docx)" fills
// the blank template with what the reader typed, in a Pyodide worker started on
// the first click. Nothing typed leaves the page or is stored.
import { guardLeaving, hasEntries } from "./leave-guard.js";
import { startPython } from "./python.js";
import { saveFile } from "./save-file.js";

let python = null;
let releaseGuard = () => {};

// A control's name is its field's key in lotus_tools.templates.
function values(form) {
  const found = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string" && value.trim()) found[key] = value;
  return found;
}

async function download(form, blankUrl, status) {
  const key = form.dataset.lotusTemplate;
  const name = blankUrl.pathname.split("/").pop().replace(/\.docx$/, "-filled.docx");
  try {
    if (!python) {
      python = startPython({
        onProgress: ({ step, of, text }) => { status.textContent = `Preparing your filled copy: ${text} (step ${step} of ${of})…`; },
      });
    }
    status.textContent = "Preparing your filled copy…";
    await python.ready;
    const response = await fetch(blankUrl);
    if (!response.ok) throw new Error(`the blank template could not be loaded (${response.status})`);
    const blank = await response.arrayBuffer();
    saveFile(await python.call("fill_record", key, blank, JSON.stringify(values(form))), name);
    status.textContent = `Your filled copy (${name}) has been downloaded.`;
  } catch (error) {
    if (python) python.stop();
    python = null;
    status.textContent = `The filled copy could not be made in this browser (${error.message}). ` +
      "You can still download the blank template below and type into it.";
  }
}

function mount() {
  releaseGuard();
  const forms = [...document.querySelectorAll("form[data-lotus-template]")];
  releaseGuard = guardLeaving(() => forms.some((form) => form.isConnected && hasEntries(form)));
  for (const form of forms) {
    const blank = document.querySelector(`a[data-lotus-blank="${form.dataset.lotusTemplate}"][href$=".docx"]`);
    const button = form.querySelector("button[data-lotus-fill]");
    const status = form.querySelector(".lotus-form-status");
    if (!blank || !button || button.dataset.ready) continue;
    button.dataset.ready = "yes";
    button.hidden = false;
    button.addEventListener("click", () => download(form, new URL(blank.href), status));
    form.addEventListener("reset", () => { status.textContent = "The form has been cleared."; });
  }
}

if (typeof document$ !== "undefined") document$.subscribe(mount);
else mount();
