// Printing a form prints every answer in full: before printing, each text box
// gets a copy of its text that the print stylesheet shows in its place (a
// text box prints only the lines it shows on screen).

function mirror() {
  for (const field of document.querySelectorAll(".lotus-form textarea, .lotus-form input[type=text], .lotus-calculator textarea, .lotus-calculator input[type=text]")) {
    let copy = field.nextElementSibling;
    if (!copy || !copy.classList.contains("lotus-print-value")) {
      copy = document.createElement("div");
      copy.className = "lotus-print-value";
      copy.setAttribute("aria-hidden", "true");
      field.after(copy);
    }
    copy.textContent = field.value;
  }
}

window.addEventListener("beforeprint", mirror);
