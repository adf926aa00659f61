// The page's side of the Python worker: one worker for the tab, kept alive
// across instant navigations between the tool pages, so that moving from the
// calculator to a template page does not start Python again.
//
// Python is started from the page contract's addresses. A start that goes
// silent (no bytes, no word) for STALL_MS, or a call unanswered for CALL_MS,
// ends in a sentence, never a wait for ever; the next use starts afresh.

const STALL_MS = 15000;
const CALL_MS = 15000;
let current = null;

class Python {
  constructor(python, prefetch) {
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 0;
    this.state = "starting";
    this.progress = { stage: "Downloading Python", loaded: 0 };
    this.worker = new Worker(new URL("python-worker.js", import.meta.url), { type: "module", name: "lotus-python" });
    this.ready = new Promise((resolve, reject) => { this.settle = { resolve, reject }; });
    this.ready.catch(() => {});
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail("the calculator's script could not be loaded from this site", event.message);
    };
    this.watch();
    this.worker.postMessage({ type: "start", python, prefetch });
  }

  watch() {
    clearTimeout(this.stall);
    if (this.state === "starting") {
      this.stall = setTimeout(() => this.fail("the calculator's files stopped arriving (the site or the network did not answer)"), STALL_MS);
    }
  }

  receive(data) {
    if (data.type === "progress") {
      this.progress = data;
      this.watch();
      this.tell();
    } else if (data.type === "ready") {
      for (const [name, at] of Object.entries(data.marks)) {
        performance.mark(`lotus-python:${name}`, { startTime: at - performance.timeOrigin });
      }
      this.state = "ready";
      clearTimeout(this.stall);
      this.settle.resolve();
      this.tell();
    } else if (data.type === "failed") {
      this.fail(data.message);
    } else if (data.type === "answer" && this.pending.has(data.id)) {
      const { resolve, timer } = this.pending.get(data.id);
      clearTimeout(timer);
      this.pending.delete(data.id);
      resolve(JSON.parse(data.text));
    }
  }

  fail(message, detail) {
    if (this.state === "failed") return;
    if (detail) console.error(detail);
    this.state = "failed";
    this.message = message;
    clearTimeout(this.stall);
    this.worker.terminate();
    this.settle.reject(new Error(message));
    for (const { resolve, timer } of this.pending.values()) {
      clearTimeout(timer);
      resolve({ ok: false, field: "python", message: `The calculator stopped: ${message}.` });
    }
    this.pending.clear();
    if (current === this) current = null;
    this.tell();
  }

  tell() {
    for (const listener of this.listeners) listener(this);
  }

  // Follow the start (progress, ready, failed); returns a function that stops following.
  follow(listener) {
    this.listeners.add(listener);
    listener(this);
    return () => this.listeners.delete(listener);
  }

  prefetch(urls) {
    if (this.state !== "failed") this.worker.postMessage({ type: "prefetch", urls });
  }

  // Call a core function: always resolves to the envelope {ok, ...}.
  async call(fn, request, { data = null, blank = null } = {}) {
    try {
      await this.ready;
    } catch {
      return { ok: false, field: "python", message: `The calculator could not start: ${this.message}.` };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.fail("it did not answer in time"), CALL_MS);
      this.pending.set(id, { resolve, timer });
      const transfer = data ? [data] : [];
      this.worker.postMessage({ type: "call", id, fn, request: JSON.stringify(request), data, blank }, transfer);
    });
  }
}

// After a tool's first use, keep the site's files on this device (docs/sw.js) so that
// a return visit starts from them and works offline. Never what the reader typed.
function keepForOffline(offline) {
  if (!offline || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register(new URL(offline.worker, location.href), { scope: new URL(offline.scope, location.href).href })
    .catch((error) => console.warn("The site's files could not be kept for offline use.", error));
}

// The tab's Python, started if need be with the contract's addresses (resolved against this page).
export function python(contract, prefetch = []) {
  const here = location.href;
  const base = new URL(contract.python.indexURL, here).href;
  const urls = prefetch.map((url) => new URL(url, here).href);
  if (!current) {
    current = new Python({
      indexURL: base,
      stdlib: new URL(contract.python.stdlib, here).href,
      core: new URL(contract.python.core, here).href,
      module: contract.python.module,
    }, urls);
    current.ready.then(() => keepForOffline(contract.offline), () => {});
  } else {
    current.prefetch(urls);
  }
  return current;
}

// Start again after a failure (the reader's "Try again").
export function restart(contract, prefetch = []) {
  if (current) current.fail("it was restarted");
  current = null;
  return python(contract, prefetch);
}
