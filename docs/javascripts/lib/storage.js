// Where the reader's drafts and answers are kept, truthfully. "tab" is this
// tab's sessionStorage (gone when the tab closes); "device" is this browser's
// localStorage, only when the reader chose it. Every write says whether it was
// kept; what the browser refused is held for this page's life only (instant
// navigation keeps it, a reload does not), and the component says so in words.
// Never cookies, never the network.

/** @typedef {"tab" | "device"} Where */
/** @typedef {{ ok: true } | { ok: false, reason: "blocked" | "full" }} Kept */

const AREAS = { tab: "sessionStorage", device: "localStorage" };

/** What the browser would not keep, by where and key, and why: for this page's life only. */
/** @type {Map<string, { value: unknown, reason: "blocked" | "full" }>} */
const held = new Map();

/** Sentences for a reader whose browser would not keep what they typed. */
export const NOT_KEPT = {
  blocked: "Your browser is not keeping what you type on this page (its settings block site storage)",
  full: "Your browser is not keeping what you type on this page (its storage for this site is full)",
};

/**
 * The storage area, or null where the browser blocks it (reading it throws in some settings).
 * @param {Where} where
 * @returns {Storage | null}
 */
function area(where) {
  try {
    const storage = /** @type {Storage} */ (window[/** @type {"localStorage"} */ (AREAS[where])]);
    void storage.length;
    return storage;
  } catch {
    return null;
  }
}

/**
 * What is kept under `key`, parsed; null if nothing (or what is there is not JSON).
 * @param {Where} where
 * @param {string} key
 * @returns {any}
 */
export function read(where, key) {
  const id = `${where}:${key}`;
  if (held.has(id)) return held.get(id)?.value;
  try {
    return JSON.parse(area(where)?.getItem(key) || "null");
  } catch {
    return null;
  }
}

/**
 * Keep `value` under `key`; says whether the browser kept it.
 * @param {Where} where
 * @param {string} key
 * @param {unknown} value
 * @returns {Kept}
 */
export function write(where, key, value) {
  const id = `${where}:${key}`;
  const storage = area(where);
  if (!storage) {
    held.set(id, { value, reason: "blocked" });
    return { ok: false, reason: "blocked" };
  }
  try {
    storage.setItem(key, JSON.stringify(value));
    held.delete(id);
    return { ok: true };
  } catch (error) {
    const full = error instanceof DOMException && (error.name === "QuotaExceededError" || error.code === 22);
    const reason = full ? "full" : "blocked";
    held.set(id, { value, reason });
    return { ok: false, reason };
  }
}

/**
 * Whether what `read` gives for `key` is kept by the browser, or held by this page only (and why).
 * @param {Where} where
 * @param {string} key
 * @returns {Kept}
 */
export function keptState(where, key) {
  const heldHere = held.get(`${where}:${key}`);
  return heldHere ? { ok: false, reason: heldHere.reason } : { ok: true };
}

/**
 * Keep nothing under `key` any more.
 * @param {Where} where
 * @param {string} key
 */
export function remove(where, key) {
  held.delete(`${where}:${key}`);
  try {
    area(where)?.removeItem(key);
  } catch {
    /* storage blocked: nothing was kept there */
  }
}

/**
 * Hear what another tab keeps on this device under `key` (the storage event); returns a function that stops.
 * @param {string} key
 * @param {(now: any, before: any) => void} heard
 * @returns {() => void}
 */
export function watch(key, heard) {
  /** @param {StorageEvent} event */
  const listener = (event) => {
    if (event.key !== key || event.storageArea !== area("device")) return;
    const parse = (/** @type {string | null} */ text) => {
      try {
        return JSON.parse(text || "null");
      } catch {
        return null;
      }
    };
    heard(parse(event.newValue), parse(event.oldValue));
  };
  window.addEventListener("storage", listener);
  return () => window.removeEventListener("storage", listener);
}
