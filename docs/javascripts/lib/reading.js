// What every page does for its reader, on each page the theme shows: a
// heading's permalink says what it links to, and the part of the page a link
// opened is marked for a moment (see lotus.css), also after an instant
// navigation, which changes the address without the browser's own :target.

import { hashId } from "./dom.js";

// The heading is named by its words alone, so heading navigation reads each heading once; its permalink keeps
// its own name ("Link to this section: ...") for whoever tabs to it.
function nameHeadingLinks() {
  for (const link of document.querySelectorAll(".md-typeset a.headerlink")) {
    const heading = link.parentElement;
    const words = heading ? (heading.textContent || "").replace(link.textContent || "", "").trim() : "";
    if (heading && words) heading.setAttribute("aria-label", words);
    link.setAttribute("aria-label", `Link to this section: ${words}`);
    if (link.closest(".lotus-calculator, form.lotus-form")) /** @type {HTMLElement} */ (link).tabIndex = -1;
  }
}

function markTarget() {
  for (const old of document.querySelectorAll(".lotus-target")) old.classList.remove("lotus-target");
  const id = hashId(location.hash);
  const target = id ? document.getElementById(id) : null;
  if (!target?.closest(".md-content")) return;
  target.classList.add("lotus-target");
  target.addEventListener("animationend", () => target.classList.remove("lotus-target"), { once: true });
}

let listening = false;

/** Run on every page shown. */
export function readPage() {
  nameHeadingLinks();
  markTarget();
  if (!listening) {
    listening = true;
    window.addEventListener("hashchange", markTarget);
  }
}
