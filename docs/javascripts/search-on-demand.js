// Material loads its whole search index (about 200 KB) on every first visit,
// whether or not the reader searches. This holds that one request back until
// the reader first goes to the search box (click, tap, or the / and s keys,
// which focus it), so that reading a page costs only the page.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  let wanted;
  const searchWanted = new Promise((resolve) => { wanted = resolve; });
  const isSearch = (target) => target instanceof Element && target.closest(".md-search, [for='__search']");
  document.addEventListener("focusin", (event) => { if (isSearch(event.target)) wanted(); });
  document.addEventListener("pointerdown", (event) => { if (isSearch(event.target)) wanted(); });

  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.lotusHoldUntilSearch = INDEX.test(new URL(String(url), location.href).pathname);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.lotusHoldUntilSearch) return send.apply(this, args);
    searchWanted.then(() => send.apply(this, args));
  };
})();
