// The reflection workbook: answer boxes under each exercise's questions
// (shown when the reader chooses "Answer this exercise"), and the My workbook
// page (progress, every answer, download, open a saved workbook, forget).
// The questions and keys come from the build (data-workbook on each exercise,
// the page contract on the workbook page).
import { readContract } from "./contract.js";
import { offerUndo } from "./drafts.js";
import { python } from "./python.js";
import { openRecords } from "./record-file.js";
import { fillAndSave } from "./save-file.js";
import { answer, answeredCount, forget, keep, kept } from "./workbook-store.js";

const PRIVACY = "Your answers stay in this browser: in this tab only, unless you tick “Keep my answers on this device”. Nothing is sent anywhere.";

function element(tag, attributes = {}, text = "") {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  if (text) made.textContent = text;
  return made;
}

function deviceChoice(store, id, onChange) {
  const line = element("p", { class: "lotus-keep-device" });
  const label = element("label");
  const box = element("input", { type: "checkbox", id });
  box.checked = kept(store).device;
  box.addEventListener("change", () => {
    keep(store, kept(store).answers, box.checked);
    onChange(box.checked);
  });
  label.append(box, document.createTextNode(" Keep my answers on this device"));
  line.append(label);
  return line;
}

// One exercise on its page: the button, and the boxes under its questions.
function mountExercise(block) {
  if (block.querySelector(".lotus-answers")) return;
  let data;
  try {
    data = JSON.parse(block.dataset.workbook);
  } catch {
    return;
  }
  const { store, answers: questions } = data;
  const panelId = `${block.id}-answers`;
  const toggle = element("button", { type: "button", class: "md-button lotus-answers-toggle", "aria-expanded": "false", "aria-controls": panelId }, "Answer this exercise");
  const panel = element("div", { id: panelId, class: "lotus-answers", hidden: "" });
  const status = element("p", { class: "lotus-answers-status", role: "status" });
  panel.append(element("p", { class: "lotus-privacy" }, PRIVACY));
  const boxes = questions.map(({ key, question }, index) => {
    const field = element("div", { class: "lotus-field" });
    const id = `${block.id}-answer-${index + 1}`;
    field.append(element("label", { for: id }, question));
    const box = element("textarea", { id, rows: "4", "data-answer": key });
    box.addEventListener("input", () => {
      if (!answer(store, key, box.value)) status.textContent = "Your browser would not keep this answer; it stays on the page until you leave it. Download your workbook to keep it.";
    });
    field.append(box);
    panel.append(field);
    return box;
  });
  const fill = () => {
    const { answers } = kept(store);
    for (const box of boxes) box.value = answers[box.dataset.answer] || "";
  };
  const links = element("p", { class: "lotus-answers-links" });
  links.append(element("a", { href: data.workbook }, "My workbook: all your answers"), document.createTextNode(" "));
  const forgetButton = element("button", { type: "button", class: "md-button lotus-button-warning" }, "Forget my answers");
  forgetButton.addEventListener("click", () => {
    const before = kept(store);
    forget(store);
    fill();
    offerUndo(status, "All your workbook answers are forgotten, in every exercise.", () => { keep(store, before.answers, before.device); fill(); });
  });
  links.append(forgetButton);
  links.prepend(teamView(block), document.createTextNode(" "));
  panel.append(deviceChoice(store, `${block.id}-device`, () => {}), links, status);
  const open = (shown) => {
    panel.hidden = !shown;
    toggle.setAttribute("aria-expanded", String(shown));
    toggle.textContent = shown ? "Hide my answers" : "Answer this exercise";
  };
  toggle.addEventListener("click", () => {
    const shown = panel.hidden;
    open(shown);
    if (shown) boxes[0].focus();
  });
  const actions = element("p", { class: "lotus-answers-actions lotus-site-words" });
  actions.append(toggle);
  const wrapper = element("div", { class: "lotus-site-words" });
  wrapper.append(actions, panel);
  block.append(wrapper);
  fill();
  if (boxes.some((box) => box.value.trim())) open(true);
}

// Shown alone: one exercise on the screen in large type, to project in a team
// meeting, or printed as a worksheet (the page's title and address, the
// questions, room to write); Escape or the button ends it.
function teamView(block) {
  const button = element("button", { type: "button", class: "md-button lotus-team-button", "aria-pressed": "false" }, "Show alone: meeting or worksheet");
  const root = document.documentElement;
  const onKey = (event) => { if (event.key === "Escape") show(false); };
  const show = (on) => {
    root.classList.toggle("lotus-team-mode", on);
    block.classList.toggle("lotus-team-exercise", on);
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? "Back to the page" : "Show alone: meeting or worksheet";
    if (on) {
      document.addEventListener("keydown", onKey);
      block.scrollIntoView();
    } else {
      document.removeEventListener("keydown", onKey);
      button.focus();
    }
  };
  button.addEventListener("click", () => show(!root.classList.contains("lotus-team-mode")));
  return button;
}

// The My workbook page.
function mountWorkbook(root, contract) {
  const tools = document.getElementById("lotus-workbook-tools");
  if (!tools || tools.dataset.mounted) return;
  tools.dataset.mounted = "yes";
  tools.hidden = false;
  const { key, store, exercises, blank } = contract.workbook;
  const status = document.getElementById("lotus-workbook-status");
  const progress = document.getElementById("lotus-workbook-progress");
  const device = document.getElementById("lotus-workbook-device");
  const show = () => {
    const { answers, device: onDevice } = kept(store);
    device.checked = onDevice;
    for (const place of root.querySelectorAll("[data-answer]")) {
      const text = answers[place.dataset.answer] || "";
      place.textContent = text.trim() ? text : "Not answered yet.";
      place.classList.toggle("lotus-unanswered", !text.trim());
    }
    progress.textContent = `${answeredCount(exercises, answers)} of ${exercises.length} exercises answered.`;
  };
  device.addEventListener("change", () => { keep(store, kept(store).answers, device.checked); show(); });
  const start = () => python(contract, Object.values(blank));
  let busy = false;
  for (const button of tools.querySelectorAll("[data-workbook-save]")) {
    button.addEventListener("click", async () => {
      if (busy) return;
      busy = true;
      const format = button.dataset.workbookSave;
      const request = { format, answers: kept(store).answers, made: new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }) };
      try {
        await fillAndSave(start(), "fill_workbook", request, blank[format], () => `my-lotus-workbook.${format}`, status, {
          preparing: "Preparing your workbook… (the first one takes a moment while Python starts)",
          failed: (message) => `Your workbook could not be made: ${message} Your answers are kept.`,
          saved: (name) => `Your workbook (${name}) has been downloaded. Open it here again with "Open a saved record".`,
        });
      } finally {
        busy = false;
      }
    });
  }
  tools.querySelector("[data-workbook-print]").addEventListener("click", () => window.print());
  tools.querySelector("[data-workbook-forget]").addEventListener("click", () => {
    const before = kept(store);
    forget(store);
    show();
    offerUndo(status, "All your workbook answers are forgotten.", () => { keep(store, before.answers, before.device); show(); });
  });
  const zone = document.querySelector(`[data-lotus-open="${key}"]`);
  if (zone) {
    openRecords(zone, {
      key,
      appendix: key,
      pages: {},
      read: (bytes) => start().call("read_workbook", {}, { data: bytes }),
      restore: (found) => {
        const before = kept(store);
        keep(store, { ...before.answers, ...found.answers }, before.device);
        show();
        offerUndo(status, `${Object.keys(found.answers).length} answers from the saved workbook are filled in.`, () => { keep(store, before.answers, before.device); show(); });
      },
    });
  }
  show();
}

function mount() {
  document.documentElement.classList.remove("lotus-team-mode"); // a new page never opens in team mode
  for (const block of document.querySelectorAll(".admonition.exercise[data-workbook]")) mountExercise(block);
  const root = document.getElementById("lotus-workbook");
  const contract = root && readContract();
  if (contract && contract.workbook) mountWorkbook(root, contract);
}

if (typeof document$ !== "undefined") document$.subscribe(mount);
else mount();
