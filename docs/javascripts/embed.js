// The embed view, for a learning platform's frame: any address with ?embed
// shows the page without the site's header, navigation and footer; with
// ?embed#exercise-1-3-i (or a table or figure) that part alone. A link at the
// top opens it in the full toolkit, and links inside open in a new tab, out of
// the frame. Loaded in the head, so the page never shows its chrome first.
(function () {
  const embedded = () => new URLSearchParams(location.search).has("embed");
  if (!embedded()) return;
  const root = document.documentElement;
  root.classList.add("lotus-embed");

  // The page's public address (its canonical link, also inside a SCORM package), or this one without ?embed.
  function full() {
    const canonical = document.querySelector('link[rel="canonical"]');
    const address = new URL(canonical ? canonical.href : location.href);
    address.searchParams.delete("embed");
    address.hash = location.hash;
    return address.href;
  }

  function arrange() {
    const content = document.querySelector(".md-content__inner");
    if (!content) return;
    const id = decodeURIComponent(location.hash.slice(1));
    const part = id && document.getElementById(id);
    const alone = part && part.matches(".admonition.exercise, figure[id]") && part.parentElement === content ? part : null;
    root.classList.toggle("lotus-embed-part", Boolean(alone));
    for (const old of content.querySelectorAll(".lotus-embed-only")) old.classList.remove("lotus-embed-only");
    if (alone) alone.classList.add("lotus-embed-only");
    let bar = content.querySelector(":scope > .lotus-embed-bar");
    if (!bar) {
      bar = document.createElement("p");
      bar.className = "lotus-embed-bar lotus-site-words";
      content.prepend(bar);
    }
    const link = document.createElement("a");
    link.href = full();
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "Open in the full toolkit";
    bar.replaceChildren(link);
    for (const other of content.querySelectorAll("a[href]:not([href^='#'])")) {
      other.target = "_blank";
      other.rel = "noopener";
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", arrange);
  else arrange();
  window.addEventListener("hashchange", arrange);
})();
