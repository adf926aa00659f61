// Asks before the reader closes the tab or leaves the site with entries they
// have not downloaded since their last change. Links within the site need no
// question: the draft is kept in the tab (drafts.js) and restored on return.

const checks = new Set();

window.addEventListener("beforeunload", (event) => {
  if ([...checks].some((unsaved) => unsaved())) event.preventDefault();
});

// Register a check; returns a function that removes it (call it when the page goes).
export function guardLeaving(unsaved) {
  checks.add(unsaved);
  return () => checks.delete(unsaved);
}
