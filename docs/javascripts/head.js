// Run in the head, before the theme's bundle and before the page is drawn; the
// only script that is not a module, because it must come first.
//
// 1. Material loads its whole search index (about 90 KB compressed) on every
//    first visit, whether or not the reader searches. This holds that one
//    request back until the reader first goes to the search box (click, tap,
//    or the / and s keys, which focus it), so that reading a page costs only
//    the page.
// 2. ?embed: the view for a learning platform's frame. The page is marked before
//    it is drawn, so it never shows the site's chrome first; the embed component
//    (components/embed.js) does the rest.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  /** @type {() => void} */
  let wanted = () => {};
  const searchWanted = new Promise((resolve) => {
    wanted = () => resolve(undefined);
  });
  /** @param {EventTarget | null} target */
  const isSearch = (target) => target instanceof Element && target.closest(".md-search, [for='__search']");
  document.addEventListener("focusin", (event) => {
    if (isSearch(event.target)) wanted();
  });
  document.addEventListener("pointerdown", (event) => {
    if (isSearch(event.target)) wanted();
  });

  const held = new WeakSet();
  const { open, send } = XMLHttpRequest.prototype;
  /** @type {any} */ (XMLHttpRequest.prototype).open = function (
    /** @type {string} */ method,
    /** @type {string | URL} */ url,
    /** @type {any[]} */ ...rest
  ) {
    if (INDEX.test(new URL(String(url), location.href).pathname)) held.add(this);
    return /** @type {any} */ (open).call(this, method, url, ...rest);
  };
  /** @param {Document | XMLHttpRequestBodyInit | null} [body] */
  XMLHttpRequest.prototype.send = function (body) {
    if (!held.has(this)) return send.call(this, body);
    document.documentElement.dataset.lotusSearchHeld = "yes";
    searchWanted.then(() => send.call(this, body));
  };

  if (new URLSearchParams(location.search).has("embed")) {
    document.documentElement.classList.add("lotus-embed");
    document.documentElement.dataset.lotusModule = "embed";
  }
})();
