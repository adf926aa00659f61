// The page contract: the one JSON block the build writes for a page with
// tools (lotus_tools/publish/page_contract.py), declared by the blocks that
// rendered them. Page scripts read the build only here.

/**
 * The contract of the page shown, or null if it has none (or it cannot be read).
 * @returns {any}
 */
export function readContract() {
  const element = document.getElementById("lotus-page-contract");
  if (!element) return null;
  try {
    return JSON.parse(element.dataset.contract || "null");
  } catch (error) {
    console.error("The page contract could not be read.", error);
    return null;
  }
}

/**
 * An address from the contract (relative to this page) as an absolute URL.
 * @param {string} relative
 * @returns {string}
 */
export function address(relative) {
  return new URL(relative, location.href).href;
}
