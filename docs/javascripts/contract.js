// The page contract: the one JSON block the build writes for a tool page
// (lotus_tools/publish/page_contract.py). Page scripts read the build only here.

export function readContract() {
  const element = document.getElementById("lotus-page-contract");
  if (!element) return null;
  try {
    return JSON.parse(element.dataset.contract);
  } catch (error) {
    console.error("The page contract could not be read.", error);
    return null;
  }
}

// An address from the contract (relative to this page) as an absolute URL.
export function address(relative) {
  return new URL(relative, location.href).href;
}
