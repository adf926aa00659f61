// In-page links (table of contents, a heading's permalink, "Skip to content")
// only scroll. Material's instant navigation would fetch and re-render the
// whole page for the first such click after a page load (its location stream
// has no starting value), wiping what a reader typed into a form. Links and
// history steps within the page shown are handled here, before the theme.

import { hashId } from "./dom.js";

let shown = location.pathname + location.search;

/** @param {URL} url */
function sameDocument(url) {
  return url.origin === location.origin && url.pathname + url.search === shown;
}

/** @param {string} hash */
function scrollToHash(hash) {
  const id = hashId(hash);
  const target = id ? document.getElementById(id) : null;
  if (!target) {
    if (!id) window.scrollTo(0, 0);
    return;
  }
  target.scrollIntoView();
  if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
}

/** @param {MouseEvent} event */
function clicked(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element && event.target.closest("a[href]");
  if (!(link instanceof HTMLAnchorElement) || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href, location.href);
  if (!sameDocument(url) || !url.hash) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  if (url.hash !== location.hash) history.pushState(history.state, "", url.hash);
  scrollToHash(url.hash);
}

/** @param {PopStateEvent} event */
function stepped(event) {
  if (!sameDocument(new URL(location.href))) return;
  event.stopImmediatePropagation();
  if (location.hash) scrollToHash(location.hash);
  else window.scrollTo(0, event.state?.y ?? 0);
}

/** Listen once, in the capture phase, before the theme. */
export function keepInPageLinksInPage() {
  window.addEventListener("click", clicked, true);
  window.addEventListener("popstate", stepped, true);
}

/** The theme shows a new page: links to it are now in-page. */
export function pageShown() {
  shown = location.pathname + location.search;
}
