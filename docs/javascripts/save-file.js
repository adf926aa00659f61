// Filled records: the core fills a blank template in the worker and the file
// is handed to the reader. The link is never put in the document, so neither
// the theme's instant navigation nor the leave check sees it.

export const SAVED_COPY = 'It is your saved copy: open it here again with "Open a saved record".';

// Ask the core's `fill` ("fill_record", "fill_workbook") to fill the blank at
// `blankPath` (relative to this page) with `request`, save it as `name(blankUrl)`, and tell the reader in `status` with
// `words` ({ preparing, failed(message), saved(name) }). Resolves to whether it was saved.
export async function fillAndSave(python, fill, request, blankPath, name, status, words) {
  status.textContent = words.preparing;
  const blank = new URL(blankPath, location.href).href;
  const answer = await python.call(fill, request, { blank });
  if (!answer.ok) {
    status.textContent = words.failed(answer.message);
    return false;
  }
  const saved = name(blank);
  saveFile(fileBytes(answer.file), saved, answer.type);
  status.textContent = words.saved(saved);
  return true;
}

function saveFile(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Decode the core's base64 file answer.
function fileBytes(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}
