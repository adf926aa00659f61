// Printing a form prints every answer in full: before printing, each text box
// gets a copy of its text that the print stylesheet shows in its place (a text
// box prints only the lines it shows on screen). Every printed page says what
// it is, where it lives and when it was printed.

function mirror() {
  const fields = document.querySelectorAll(
    ".lotus-form textarea, .lotus-form input[type=text], .lotus-calculator textarea, .lotus-calculator input[type=text]",
  );
  for (const field of /** @type {NodeListOf<HTMLInputElement>} */ (fields)) {
    let copy = field.nextElementSibling;
    if (!copy?.classList.contains("lotus-print-value")) {
      copy = document.createElement("div");
      copy.className = "lotus-print-value";
      copy.setAttribute("aria-hidden", "true");
      field.after(copy);
    }
    copy.textContent = field.value;
  }
}

function printHeader() {
  const article = document.querySelector(".md-content__inner");
  if (!article) return;
  let header = article.querySelector(":scope > .lotus-print-header");
  if (!header) {
    header = document.createElement("p");
    header.className = "lotus-print-header";
    article.prepend(header);
  }
  const printed = new Date().toLocaleDateString("en-GB", { dateStyle: "long" });
  header.textContent = `${document.title} — ${location.href.split("#")[0]} — printed ${printed}`;
}

export function printInFull() {
  window.addEventListener("beforeprint", () => {
    mirror();
    printHeader();
  });
}
