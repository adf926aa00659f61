// The SCORM 1.2 launch page of a L.O.T.U.S. course: finds the platform's API,
// shows the course's pages one at a time, remembers which were opened
// (cmi.suspend_data) and reports the course completed when all have been.
(function () {
  const course = JSON.parse(document.getElementById("course").textContent);
  const list = document.getElementById("pages");
  const frame = document.getElementById("page");
  const progress = document.getElementById("progress");

  // A window's SCORM 1.2 API, or null: a window of another origin cannot be read (the browser throws), and
  // something else called API is not a platform.
  function apiOf(win) {
    try {
      return win.API && typeof win.API.LMSInitialize === "function" ? win.API : null;
    } catch (error) {
      return null;
    }
  }
  function findApi(start) {
    for (let win = start, depth = 0; win && depth < 10; depth += 1) {
      const found = apiOf(win);
      if (found) return found;
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  // The pages the platform says were opened: only this course's page numbers, each once, whatever it kept (it
  // may hand back anything: text that is not JSON, another course's data, more than SCORM 1.2's 4,096 characters).
  function pagesOpened(kept) {
    try {
      const listed = JSON.parse(kept || "[]");
      return Array.isArray(listed) ? course.pages.map((_, index) => index).filter((index) => listed.includes(index)) : [];
    } catch (error) {
      return [];
    }
  }
  const api = findApi(window) || (window.opener && findApi(window.opener));
  let connected = false;
  try {
    connected = Boolean(api && api.LMSInitialize("") === "true");
  } catch (error) {
    connected = false;
  }
  let opened = [];
  if (connected) {
    opened = pagesOpened(api.LMSGetValue("cmi.suspend_data"));
    if (!["completed", "passed"].includes(api.LMSGetValue("cmi.core.lesson_status"))) {
      api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    }
    api.LMSCommit("");
  }

  function report() {
    const done = course.pages.filter((_, index) => opened.includes(index)).length;
    const total = course.pages.length;
    progress.textContent = (connected ? "" : "Progress is not being recorded: no learning platform was found. ") +
      `${done} of ${total} pages opened.` + (done === total ? " Course complete." : "");
    if (!connected) return;
    api.LMSSetValue("cmi.suspend_data", JSON.stringify(opened));
    if (done === total) api.LMSSetValue("cmi.core.lesson_status", "completed");
    api.LMSCommit("");
  }

  const buttons = course.pages.map((page, index) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = page.title;
    button.addEventListener("click", () => show(index));
    item.append(button);
    list.append(item);
    return button;
  });

  function show(index) {
    buttons.forEach((button, other) => {
      if (other === index) button.setAttribute("aria-current", "page");
      else button.removeAttribute("aria-current");
    });
    frame.title = course.pages[index].title;
    frame.onload = () => {
      if (!opened.includes(index)) opened.push(index);
      buttons[index].classList.add("opened");
      report();
    };
    frame.src = course.pages[index].href;
  }

  opened.forEach((index) => buttons[index] && buttons[index].classList.add("opened"));
  const next = course.pages.findIndex((_, index) => !opened.includes(index));
  show(next === -1 ? 0 : next);
  window.addEventListener("pagehide", () => { if (connected) api.LMSFinish(""); }, { once: true });
})();
