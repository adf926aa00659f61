// "Copy link" buttons for trainers: beside every exercise's title and every
// entry of the link catalogue. Re-run on each page change of Material's
// instant navigation. An ES module: the catalogue's "Copy all shown" shares copyText.

const STATUS_CLEAR_MS = 4000;

export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}

function copyButton(url, label, name = label) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "lotus-copy-link";
  button.textContent = label;
  if (name !== label) button.setAttribute("aria-label", name);
  const status = document.createElement("span");
  status.className = "lotus-copy-status";
  status.setAttribute("role", "status");
  button.addEventListener("click", async (event) => {
    event.preventDefault();
    event.stopPropagation();
    try {
      await copyText(url);
      status.textContent = `Link copied: ${url}`;
    } catch {
      status.textContent = `Could not copy. The link is ${url}`;
    }
    setTimeout(() => { status.textContent = ""; }, STATUS_CLEAR_MS);
  });
  return [" ", button, status];
}

// A heading's permalink says what it links to, and stays out of the way of filling in a form.
function nameHeadingLinks() {
  for (const link of document.querySelectorAll(".md-typeset a.headerlink")) {
    const heading = link.parentElement;
    const words = heading ? heading.textContent.replace(link.textContent, "").trim() : "";
    link.setAttribute("aria-label", `Link to this section: ${words}`);
    if (link.closest("#lotus-calculator, form.lotus-form")) link.tabIndex = -1;
  }
}

function addCopyLinks() {
  nameHeadingLinks();
  for (const exercise of document.querySelectorAll(".md-typeset .exercise[id]")) {
    const title = exercise.querySelector(":scope > .admonition-title, :scope > summary");
    if (!title || title.querySelector(".lotus-copy-link")) continue;
    const url = new URL(`#${exercise.id}`, location.href).href;
    title.append(...copyButton(url, "Copy link to this exercise"));
  }
  for (const item of document.querySelectorAll("ul.lotus-link-catalogue li")) {
    const link = item.querySelector(":scope > a");
    if (!link || item.querySelector(":scope > .lotus-copy-link")) continue;
    const code = item.querySelector(":scope > code");
    (code || link).after(...copyButton(link.href, "Copy link", `Copy link: ${link.textContent}`));
  }
}

// Opening a link to a part of a page marks that part for a moment (see lotus.css), also after an
// instant navigation, which changes the address without the browser's own :target.
function markTarget() {
  for (const old of document.querySelectorAll(".lotus-target")) old.classList.remove("lotus-target");
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target || !target.closest(".md-content")) return;
  target.classList.add("lotus-target");
  target.addEventListener("animationend", () => target.classList.remove("lotus-target"), { once: true });
}

if (typeof document$ !== "undefined") {
  document$.subscribe(() => { addCopyLinks(); markTarget(); });
} else {
  document.addEventListener("DOMContentLoaded", () => { addCopyLinks(); markTarget(); });
}
window.addEventListener("hashchange", markTarget);
