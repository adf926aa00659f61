// Saved records: the .docx a reader downloaded is their saved copy. This
// offers "Open a saved record" (file picker and drop zone) and hands the
// reader's own file to the core's read_record, in the worker, in this browser.

const LARGEST = 10 * 1024 * 1024;

function tellOf(status) {
  return (message) => { status.textContent = message; };
}

// Wire the control in `zone` for template `key`; `read(bytes)` resolves to the
// core's envelope; `restore(answer)` fills the page. Returns a function that detaches it.
export function openRecords(zone, { key, appendix, pages, read, restore }) {
  const input = zone.querySelector("input[type=file]");
  const tell = tellOf(zone.querySelector(".lotus-open-status"));
  zone.hidden = false;

  async function open(file) {
    if (!file) return;
    if (!/\.docx$/i.test(file.name)) {
      tell(`“${file.name.slice(0, 40)}” is not a Word (.docx) record. Choose a .docx file that you downloaded from this page. Nothing on the page has changed.`);
      return;
    }
    if (file.size > LARGEST) {
      tell("That file is larger than any record this site makes. Nothing on the page has changed.");
      return;
    }
    tell(`Opening ${file.name.slice(0, 60)}…`);
    const answer = await read(await file.arrayBuffer());
    if (!answer.ok) {
      tell(`${answer.message} Nothing on the page has changed.`);
      return;
    }
    if (answer.template !== key) {
      const other = pages[answer.template];
      tell(`This is a record of another template (${answer.template.replace("appendix-", "Appendix ")}), not Appendix ${appendix}. ` +
        (other ? "Open it on that template's page. " : "") + "Nothing on the page has changed.");
      return;
    }
    restore(answer);
    tell(`${file.name.slice(0, 60)} is open: its answers are filled in below.`);
  }

  const changed = () => { open(input.files[0]); input.value = ""; };
  const over = (event) => { event.preventDefault(); zone.classList.add("lotus-drop"); };
  const left = () => zone.classList.remove("lotus-drop");
  const dropped = (event) => { event.preventDefault(); left(); open(event.dataTransfer.files[0]); };
  input.addEventListener("change", changed);
  zone.addEventListener("dragover", over);
  zone.addEventListener("dragleave", left);
  zone.addEventListener("drop", dropped);
  return () => {
    input.removeEventListener("change", changed);
    zone.removeEventListener("dragover", over);
    zone.removeEventListener("dragleave", left);
    zone.removeEventListener("drop", dropped);
  };
}
