// Asks before the reader closes the tab or leaves the site with entries they
// have not downloaded since their last change. Links within the site need no
// question: the draft is kept in the tab (lib/drafts.js) and restored on return.

/** @type {Set<() => boolean>} */
const checks = new Set();
let listening = false;

/**
 * Register a check; returns a function that removes it (a component calls it when it stops).
 * @param {() => boolean} unsaved
 * @returns {() => void}
 */
export function guardLeaving(unsaved) {
  if (!listening) {
    listening = true;
    window.addEventListener("beforeunload", (event) => {
      if ([...checks].some((check) => check())) event.preventDefault();
    });
  }
  checks.add(unsaved);
  return () => checks.delete(unsaved);
}
