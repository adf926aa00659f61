// The template forms (Appendices 2, 4 and 5): "Download filled copy (.docx)" fills
// the blank template with what the reader typed, in a Pyodide worker started on
// the first click. Nothing typed leaves the page or is stored.
import { startPython } from "./python.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
let python = null;

// A control's name is its field's key in lotus_tools.templates.
function values(form) {
  const found = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string" && value.trim()) found[key] = value;
  return found;
}

function save(bytes, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type: DOCX }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
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
    save(await python.call("fill_record", key, blank, JSON.stringify(values(form))), name);
    status.textContent = `Your filled copy (${name}) has been downloaded.`;
  } catch (error) {
    if (python) python.stop();
    python = null;
    status.textContent = `The filled copy could not be made in this browser (${error.message}). ` +
      "You can still download the blank template below and type into it.";
  }
}

function mount() {
  for (const form of document.querySelectorAll("form[data-lotus-template]")) {
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
