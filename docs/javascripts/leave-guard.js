// Asks before the reader leaves a page with entries they have not saved:
// on reload or close (beforeunload), and on a link that Material's instant
// navigation would follow without unloading the page.

const MESSAGE = "Leave this page? What you entered here will be lost.";
const checks = new Set();

const unsaved = () => [...checks].some((hasEntries) => hasEntries());

window.addEventListener("beforeunload", (event) => {
  if (unsaved()) { event.preventDefault(); event.returnValue = MESSAGE; }
});

window.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[href]");
  if (!link || link.hasAttribute("download") || !unsaved()) return;
  if (link.pathname === location.pathname && link.search === location.search) return; // a link within the page
  if (!window.confirm(MESSAGE)) { event.preventDefault(); event.stopImmediatePropagation(); }
}, true);

// Register a check; returns a function that removes it (call it when the page goes).
export function guardLeaving(hasEntries) {
  checks.add(hasEntries);
  return () => checks.delete(hasEntries);
}

// Whether any text field in `root` is filled or any choice made.
export function hasEntries(root) {
  return [...root.querySelectorAll("textarea, input[type=text], input[type=date]")].some((f) => f.value.trim()) ||
    root.querySelector("input[type=radio]:checked, input[type=checkbox]:checked") !== null;
}
