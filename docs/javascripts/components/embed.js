// The embed view, for a learning platform's frame: any address with ?embed
// shows the page without the site's header, navigation and footer (marked in
// the head by head.js); with ?embed#exercise-1-3-i (or a table or figure) that
// part alone. A bar at the top opens it in the full toolkit, and every link
// inside, also one a component adds later, opens in a new tab, out of the frame.

import { Component } from "../lib/component.js";
import { element, hashId } from "../lib/dom.js";

/** The page's public address (its canonical link, also inside a SCORM package), or this one without ?embed. */
function full() {
  const canonical = /** @type {HTMLLinkElement | null} */ (document.querySelector('link[rel="canonical"]'));
  const address = new URL(canonical ? canonical.href : location.href);
  address.searchParams.delete("embed");
  address.hash = location.hash;
  return address.href;
}

/** @param {ParentNode} scope */
function outOfTheFrame(scope) {
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (scope.querySelectorAll("a[href]:not([href^='#'])"))) {
    if (link.target !== "_blank") link.target = "_blank";
    if (link.rel !== "noopener") link.rel = "noopener";
  }
}

export default class Embed extends Component {
  /**
   * @param {HTMLElement} root
   * @param {any} contract
   * @param {string} name
   */
  constructor(root, contract, name) {
    super(root, contract, name);
    this.arrange();
    this.listen(window, "hashchange", () => this.arrange());
    const observer = new MutationObserver((changes) => {
      for (const change of changes) {
        for (const added of change.addedNodes) {
          if (added instanceof Element) {
            if (added.matches("a[href]")) outOfTheFrame(/** @type {ParentNode} */ (added.parentNode));
            else outOfTheFrame(added);
          }
        }
      }
      if (!document.querySelector(".md-content__inner > .lotus-embed-bar")) this.arrange();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    this.onStop(() => observer.disconnect());
  }

  arrange() {
    const content = document.querySelector(".md-content__inner");
    if (!content) return;
    const id = hashId(location.hash);
    const part = id ? document.getElementById(id) : null;
    const alone = part?.matches(".admonition.exercise, figure[id]") && part.parentElement === content ? part : null;
    document.documentElement.classList.toggle("lotus-embed-part", Boolean(alone));
    for (const old of content.querySelectorAll(".lotus-embed-only")) old.classList.remove("lotus-embed-only");
    alone?.classList.add("lotus-embed-only");
    let bar = content.querySelector(":scope > .lotus-embed-bar");
    if (!bar) {
      bar = element("p", { class: "lotus-embed-bar lotus-site-words" });
      content.prepend(bar);
    }
    const link = element("a", { href: full(), target: "_blank", rel: "noopener" }, "Open in the full toolkit");
    if (bar.firstElementChild?.getAttribute("href") !== link.getAttribute("href")) bar.replaceChildren(link);
    outOfTheFrame(content);
  }
}
