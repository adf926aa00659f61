// A stand-in for docs/javascripts/python-worker.js in the behaviour tests: the
// same messages, answered by lotus_tools.core's own Python, run by the test
// server on the CPU (tests/conftest.py), so that a page test need not start
// Pyodide. The server writes the start's timing into SETTINGS per test. A
// saved file holding one of BREAKS' words leaves this Python unusable, as a
// hostile file can leave the real one: it never answers, its worker is gone, or
// the interpreter fails the call (the real worker's "broken").

const SETTINGS = { downloadMs: 0, startMs: 0 };
const BREAKS = { hang: "LOTUS-STUB-HANG", gone: "LOTUS-STUB-GONE", broken: "LOTUS-STUB-BROKEN" };

/** @param {ArrayBuffer | null} data */
function breaks(data) {
  const text = data ? new TextDecoder("latin1").decode(data) : "";
  return Object.keys(BREAKS).find((kind) => text.includes(BREAKS[kind]));
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function base64(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

async function call({ id, fn, request, data, blank }) {
  let file = data ? base64(data) : null;
  if (blank) {
    const response = await fetch(blank);
    if (!response.ok) {
      const message =
        "The blank template could not be loaded from this site, so the record cannot be made. Check your connection and try again.";
      return { type: "answer", id, text: JSON.stringify({ ok: false, field: "template", message }) };
    }
    file = base64(await response.arrayBuffer());
  }
  const answer = await fetch(new URL("/__lotus_core__", self.location.href), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ fn, request, file }),
  });
  return { type: "answer", id, text: await answer.text() };
}

self.addEventListener("message", async ({ data }) => {
  if (data.type === "start") {
    postMessage({ type: "progress", stage: "Downloading Python", loaded: 0, downloading: true });
    await wait(SETTINGS.downloadMs);
    postMessage({ type: "progress", stage: "Starting Python", loaded: 5_000_000, downloading: false });
    await wait(SETTINGS.startMs);
    postMessage({ type: "ready", marks: {} });
  } else if (data.type === "call") {
    const kind = breaks(data.data);
    if (kind === "hang") return;
    if (kind === "gone") close();
    else if (kind === "broken") postMessage({ type: "broken", id: data.id, detail: "RecursionError left Python unusable" });
    else postMessage(await call(data));
  }
});
