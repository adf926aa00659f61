// The reader's workbook answers, by answer key. Kept in this tab's
// sessionStorage, or, if the reader chose "Keep my answers on this device",
// in this browser's localStorage. Never sent anywhere.

function area(name) {
  try {
    return window[name];
  } catch {
    return null; // storage switched off in this browser
  }
}

function read(storage, store) {
  try {
    const kept = JSON.parse(storage?.getItem(store) || "null");
    return kept && typeof kept.answers === "object" && kept.answers ? kept.answers : null;
  } catch {
    return null;
  }
}

// { answers, device }: what is kept, and whether it is kept on this device.
export function kept(store) {
  const onDevice = read(area("localStorage"), store);
  if (onDevice) return { answers: onDevice, device: true };
  return { answers: read(area("sessionStorage"), store) || {}, device: false };
}

// Keep `answers` where the reader chose; an empty tab workbook is not kept at all.
export function keep(store, answers, device) {
  const written = Object.fromEntries(Object.entries(answers).filter(([, text]) => typeof text === "string" && text.trim()));
  const [here, there] = device ? ["localStorage", "sessionStorage"] : ["sessionStorage", "localStorage"];
  try {
    area(there)?.removeItem(store);
    if (device || Object.keys(written).length) area(here)?.setItem(store, JSON.stringify({ answers: written }));
    else area(here)?.removeItem(store);
    return true;
  } catch {
    return false; // full or refused: the answers stay on the page
  }
}

export function answer(store, key, text) {
  const { answers, device } = kept(store);
  return keep(store, { ...answers, [key]: text }, device);
}

export function forget(store) {
  for (const name of ["localStorage", "sessionStorage"]) area(name)?.removeItem(store);
}

// Every exercise counts as answered when at least one of its questions has an answer.
export function answeredCount(exercises, answers) {
  return exercises.filter((exercise) => exercise.keys.some((key) => (answers[key] || "").trim())).length;
}
