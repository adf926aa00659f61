// The link catalogue for trainers: type to narrow it, choose a kind, and copy
// every link shown as a plain list ("title – address", one a line). A page
// shown only as the heading of its matching parts is not itself a link shown.
import { copyText } from "./copy-link.js";

function shownLines(root) {
  return [...root.querySelectorAll("li[data-kind], li[data-shown]")]
    .filter((item) => item.checkVisibility())
    .map((item) => {
      const link = item.querySelector(":scope > a");
      return `${link.textContent.trim()} – ${link.href}`;
    });
}

function mount() {
  const root = document.getElementById("lotus-catalogue");
  if (!root || root.dataset.mounted) return;
  root.dataset.mounted = "yes";
  const tools = document.createElement("div");
  tools.className = "lotus-catalogue-tools";
  tools.innerHTML = `
    <p><label for="lotus-catalogue-filter">Filter the catalogue</label>
    <input type="search" id="lotus-catalogue-filter" autocomplete="off" aria-describedby="lotus-catalogue-count"></p>
    <p><label for="lotus-catalogue-kind">Show</label>
    <select id="lotus-catalogue-kind"><option value="">Everything</option><option value="Page">Pages</option>
    <option value="Section">Sections</option><option value="Exercise">Exercises</option>
    <option value="Table">Tables</option><option value="Figure">Figures</option></select>
    <button type="button" class="md-button" id="lotus-catalogue-copy">Copy all shown</button></p>
    <p id="lotus-catalogue-count" role="status"></p>`;
  root.before(tools);
  const filter = tools.querySelector("#lotus-catalogue-filter");
  const kind = tools.querySelector("#lotus-catalogue-kind");
  const count = tools.querySelector("#lotus-catalogue-count");
  const apply = () => {
    const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const matches = (item) => {
      const text = (item.querySelector(":scope > a")?.textContent || "") + " " + (item.querySelector(":scope > code")?.textContent || "");
      return words.every((word) => text.toLowerCase().includes(word));
    };
    let shown = 0;
    for (const page of root.querySelectorAll("li.lotus-catalogue-page")) {
      let any = false;
      for (const item of page.querySelectorAll("li[data-kind]")) {
        const keep = (!kind.value || item.dataset.kind === kind.value) && (matches(item) || matches(page));
        item.hidden = !keep;
        if (keep) { any = true; shown += 1; }
      }
      const pageItself = (!kind.value || kind.value === "Page") && matches(page);
      page.hidden = !(any || pageItself);
      if (pageItself) page.dataset.shown = "yes";
      else delete page.dataset.shown;
      if (pageItself) shown += 1;
    }
    for (const step of root.querySelectorAll(".lotus-catalogue-step")) {
      step.hidden = !step.querySelector("li.lotus-catalogue-page:not([hidden])");
    }
    count.textContent = `${shown} ${shown === 1 ? "link" : "links"} shown.`;
  };
  filter.addEventListener("input", apply);
  kind.addEventListener("change", apply);
  tools.querySelector("#lotus-catalogue-copy").addEventListener("click", async () => {
    const lines = shownLines(root);
    try {
      await copyText(lines.join("\n"));
      count.textContent = `${lines.length} ${lines.length === 1 ? "link" : "links"} copied, one a line.`;
    } catch (error) {
      console.warn("Copy refused:", error);
      count.textContent = "Your browser would not let the page copy. Download the CSV instead.";
    }
  });
  apply();
}

if (typeof document$ !== "undefined") document$.subscribe(mount);
else mount();
