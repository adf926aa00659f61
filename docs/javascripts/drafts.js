// Drafts: what the reader typed, kept in this tab only (sessionStorage), so
// that following a link, Back and Forward, a reload or a crashed tab lose
// nothing. Gone when the tab closes. Never localStorage, cookies or the network.

export function loadDraft(key) {
  try {
    const data = JSON.parse(sessionStorage.getItem(key) || "null");
    return data && typeof data === "object" ? data : null;
  } catch {
    return null;
  }
}

export function saveDraft(key, data) {
  try {
    sessionStorage.setItem(key, JSON.stringify(data));
  } catch (error) {
    console.warn("This browser would not keep the draft in the tab.", error);
  }
}

export function forgetDraft(key) {
  try { sessionStorage.removeItem(key); } catch { /* storage unavailable: nothing kept */ }
}

// The answers in a form: text by field name, and each checked choice.
export function formValues(form) {
  const values = {};
  for (const field of form.querySelectorAll("input[name], textarea[name]")) {
    if (field.type === "file" || field.disabled && field.type !== "radio") continue;
    if (field.type === "radio" || field.type === "checkbox") {
      if (field.checked) values[field.name] = field.type === "checkbox" ? "yes" : field.value;
    } else if (field.value.trim()) {
      values[field.name] = field.value;
    }
  }
  return values;
}

// Put `values` into the form's fields (others emptied).
export function applyValues(form, values) {
  for (const field of form.querySelectorAll("input[name], textarea[name]")) {
    if (field.type === "file") continue;
    const value = values[field.name];
    if (field.type === "radio") field.checked = value !== undefined && field.value === value;
    else if (field.type === "checkbox") field.checked = value === "yes";
    else field.value = typeof value === "string" ? value : "";
  }
}

// "We kept what you entered": a visible line with "Start again", above the tool.
export function showRestored(root, startAgain) {
  let notice = root.querySelector(":scope > .lotus-draft-notice");
  if (!notice) {
    notice = document.createElement("div");
    notice.className = "lotus-draft-notice";
    notice.setAttribute("role", "status");
    const text = document.createElement("p");
    text.textContent = "What you entered earlier in this tab has been kept and is filled in below.";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button lotus-button-warning";
    button.textContent = "Start again";
    button.addEventListener("click", () => { notice.remove(); startAgain(); });
    notice.append(text, button);
    root.prepend(notice);
  }
  return notice;
}

// A status line with an Undo button, kept for UNDO_MS (or until the next one).
const UNDO_MS = 15000;
export function offerUndo(status, message, undo) {
  status.replaceChildren(document.createTextNode(`${message} `));
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button lotus-undo";
  button.textContent = "Undo";
  button.addEventListener("click", () => {
    clearTimeout(timer);
    undo();
    status.textContent = "Your entries are back.";
  }, { once: true });
  status.append(button);
  const timer = setTimeout(() => { if (button.isConnected) button.remove(); }, UNDO_MS);
}
