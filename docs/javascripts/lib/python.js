// The page's side of the Python worker: one worker for the tab, kept alive
// across instant navigations between the tool pages, so that moving from the
// calculator to a template page does not start Python again.
//
// Python is started from the page contract's addresses. A download that goes
// silent (files still coming, no bytes for STALL_MS) ends in a sentence about
// the network; once every file is here, a slow start is progress, never a
// failure ("this device is taking a while"). Once started, a Python left
// unusable (a call unanswered for CALL_MS, the worker gone, the interpreter
// broken) is restarted in a new worker, in place: the page and what the
// reader typed are untouched, the unanswered call is told RESTARTED, and the
// next call goes to the new Python.

const STALL_MS = 15000;
const SLOW_MS = 8000;
const CALL_MS = 15000;
export const RESTARTED = "The calculator restarted its Python; your entries are kept.";
/** @type {Python | null} */
let current = null;

/** @typedef {{ ok: boolean, field?: string, message?: string, [key: string]: any }} Envelope */
/** @typedef {{ stage: string, loaded: number, downloading: boolean, slow?: boolean }} Progress */
/** @typedef {{ indexURL: string, stdlib: string, core: string, module: string }} Addresses */

export class Python {
  /**
   * @param {Addresses} python
   * @param {string[]} prefetch blank templates to hold
   */
  constructor(python, prefetch) {
    /** @type {Set<(python: Python) => void>} */
    this.listeners = new Set();
    /** @type {Map<number, { resolve: (answer: Envelope) => void, timer: number }>} */
    this.pending = new Map();
    this.nextId = 0;
    this.python = python;
    /** The blanks held so far, held again by a restarted worker. */
    this.held = new Set(prefetch);
    /** Whether this Python was restarted after it was left unusable: the page says so. */
    this.restarted = false;
    this.stall = 0;
    this.slow = 0;
    /** @type {"starting" | "ready" | "failed"} */
    this.state = "starting";
    /** @type {Progress} */
    this.progress = { stage: "Downloading Python", loaded: 0, downloading: true };
    this.message = "";
    /** @type {{ resolve: () => void, reject: (error: Error) => void }} */
    this.settle = { resolve: () => {}, reject: () => {} };
    /** @type {Promise<void>} */
    this.ready = Promise.resolve();
    /** @type {Worker} */
    this.worker = /** @type {any} */ (null);
    this.boot();
  }

  /** A new worker, starting Python; its messages count only while it is this Python's worker. */
  boot() {
    this.state = "starting";
    this.progress = { stage: "Downloading Python", loaded: 0, downloading: true };
    this.message = "";
    this.ready = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.ready.catch(() => {});
    const worker = new Worker(new URL("../python-worker.js", import.meta.url), { type: "module", name: "lotus-python" });
    worker.onmessage = ({ data }) => {
      if (worker === this.worker) this.receive(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (worker !== this.worker) return;
      if (this.state === "ready") this.recover(event.message);
      else this.fail("the calculator's script could not be loaded from this site", event.message);
    };
    this.worker = worker;
    this.watch();
    worker.postMessage({ type: "start", python: this.python, prefetch: [...this.held] });
  }

  /**
   * A started Python left unusable: answer what waits with RESTARTED and start a new worker in its place.
   * A start that failed is not restarted: the reader's "Try again" does that.
   * @param {string} detail
   */
  recover(detail) {
    if (this.state !== "ready") return;
    console.warn(`The calculator's Python was restarted: ${detail}`);
    this.worker.terminate();
    this.answerAll(RESTARTED);
    this.restarted = true;
    this.boot();
    this.tell();
  }

  /** @param {string} message */
  answerAll(message) {
    for (const { resolve, timer } of this.pending.values()) {
      clearTimeout(timer);
      resolve({ ok: false, field: "python", message });
    }
    this.pending.clear();
  }

  /** While files are coming, silence is a stall; once all are here, a long start is only slow. */
  watch() {
    clearTimeout(this.stall);
    clearTimeout(this.slow);
    if (this.state !== "starting") return;
    if (this.progress.downloading) {
      this.stall = window.setTimeout(
        () => this.fail("the calculator's files stopped arriving (the site or the network did not answer)"),
        STALL_MS,
      );
    } else if (!this.progress.slow) {
      this.slow = window.setTimeout(() => {
        this.progress = { ...this.progress, slow: true };
        this.tell();
      }, SLOW_MS);
    }
  }

  /** @param {any} data */
  receive(data) {
    if (data.type === "progress") {
      this.progress = {
        stage: data.stage,
        loaded: data.loaded,
        downloading: data.downloading,
        slow: this.progress.slow && !data.downloading,
      };
      this.watch();
      this.tell();
    } else if (data.type === "ready") {
      for (const [name, at] of Object.entries(data.marks || {})) {
        performance.mark(`lotus-python:${name}`, { startTime: Number(at) - performance.timeOrigin });
      }
      this.state = "ready";
      this.watch();
      this.settle.resolve();
      this.tell();
    } else if (data.type === "failed") {
      this.fail(data.message);
    } else if (data.type === "broken") {
      this.recover(data.detail);
    } else if (data.type === "answer" && this.pending.has(data.id)) {
      const waiting = this.pending.get(data.id);
      if (!waiting) return;
      clearTimeout(waiting.timer);
      this.pending.delete(data.id);
      waiting.resolve(JSON.parse(data.text));
    }
  }

  /**
   * @param {string} message
   * @param {string} [detail]
   */
  fail(message, detail) {
    if (this.state === "failed") return;
    if (detail) console.error(detail);
    this.state = "failed";
    this.message = message;
    this.watch();
    this.worker.terminate();
    this.settle.reject(new Error(message));
    this.answerAll(`The calculator stopped: ${message}.`);
    if (current === this) current = null;
    this.tell();
  }

  tell() {
    for (const listener of this.listeners) listener(this);
  }

  /**
   * Follow the start (progress, ready, failed); returns a function that stops following.
   * @param {(python: Python) => void} listener
   */
  follow(listener) {
    this.listeners.add(listener);
    listener(this);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** @param {string[]} urls */
  prefetch(urls) {
    for (const url of urls) this.held.add(url);
    if (this.state !== "failed") this.worker.postMessage({ type: "prefetch", urls });
  }

  /**
   * Call a core function: always resolves to the envelope {ok, ...}.
   * @param {string} fn
   * @param {object} request
   * @param {{ data?: ArrayBuffer | null, blank?: string | null }} [options]
   * @returns {Promise<Envelope>}
   */
  async call(fn, request, { data = null, blank = null } = {}) {
    try {
      await this.ready;
    } catch {
      return { ok: false, field: "python", message: `The calculator could not start: ${this.message}.` };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => this.recover(`${fn} did not answer in ${CALL_MS / 1000} s`), CALL_MS);
      this.pending.set(id, { resolve, timer });
      this.worker.postMessage({ type: "call", id, fn, request: JSON.stringify(request), data, blank }, data ? [data] : []);
    });
  }
}

/**
 * After a tool's first use, keep the site's files on this device (docs/sw.js), so that a return visit starts
 * from them and works offline. Never what the reader typed.
 * @param {{ worker: string, scope: string } | undefined} offline
 */
function keepForOffline(offline) {
  if (!offline || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register(new URL(offline.worker, location.href), { scope: new URL(offline.scope, location.href).href })
    .catch((error) => console.warn("The site's files could not be kept for offline use.", error));
}

/**
 * The tab's Python, started if need be with the contract's addresses (resolved against this page).
 * @param {any} contract
 * @param {string[]} [prefetch]
 */
export function python(contract, prefetch = []) {
  const here = location.href;
  const urls = prefetch.map((url) => new URL(url, here).href);
  if (!current) {
    const started = new Python(
      {
        indexURL: new URL(contract.python.indexURL, here).href,
        stdlib: new URL(contract.python.stdlib, here).href,
        core: new URL(contract.python.core, here).href,
        module: contract.python.module,
      },
      urls,
    );
    started.ready.then(
      () => keepForOffline(contract.offline),
      () => {},
    );
    current = started;
    return started;
  }
  current.prefetch(urls);
  return current;
}

/**
 * Start again after a failure (the reader's "Try again").
 * @param {any} contract
 * @param {string[]} [prefetch]
 */
export function restart(contract, prefetch = []) {
  if (current) current.fail("it was restarted");
  current = null;
  return python(contract, prefetch);
}
