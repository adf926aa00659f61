// The reader's workbook answers, by answer key: in this tab, or on this device
// if the reader chose "Keep my answers on this device" (lib/storage.js). Every
// change merges into what is kept, so another tab's answers are never
// overwritten, and tabs hear each other (storage events) and agree on where
// answers are kept. Never sent anywhere.

import { keptState, read, remove, watch, write } from "./storage.js";

/** @typedef {Record<string, string>} Texts */
/** @typedef {{ answers: Texts, device: boolean }} Kept */

/**
 * @param {any} value
 * @returns {Texts | null}
 */
function answersOf(value) {
  return value && typeof value.answers === "object" && value.answers ? value.answers : null;
}

/**
 * Only the answers with text: an empty answer is not kept.
 * @param {Texts} answers
 * @returns {Texts}
 */
function written(answers) {
  return Object.fromEntries(Object.entries(answers).filter(([, text]) => typeof text === "string" && text.trim()));
}

export class Answers {
  /** @param {string} store the key the build declared (publish/workbook.py STORE) */
  constructor(store) {
    this.store = store;
  }

  /** @returns {Kept} what is kept, and whether on this device */
  kept() {
    const onDevice = answersOf(read("device", this.store));
    if (onDevice) return { answers: onDevice, device: true };
    return { answers: answersOf(read("tab", this.store)) || {}, device: false };
  }

  /** Whether the browser keeps the answers, or this page only holds them. */
  state() {
    const device = keptState("device", this.store);
    return device.ok ? keptState("tab", this.store) : device;
  }

  /**
   * Keep `answers` where the reader chose, in place of what is kept.
   * @param {Texts} answers
   * @param {boolean} device
   * @returns {import("./storage.js").Kept}
   */
  keep(answers, device) {
    const kept = write(device ? "device" : "tab", this.store, { answers: written(answers) });
    if (kept.ok) remove(device ? "tab" : "device", this.store);
    return kept;
  }

  /**
   * One answer, merged into what is kept now (another tab's answers stay).
   * @param {string} key
   * @param {string} text
   */
  answer(key, text) {
    const { answers, device } = this.kept();
    return this.keep({ ...answers, [key]: text }, device);
  }

  /**
   * Keep the answers on this device, or in this tab only.
   * @param {boolean} device
   */
  keepOn(device) {
    return this.keep(this.kept().answers, device);
  }

  /** Forget every answer; returns what was kept, for Undo. */
  forget() {
    const before = this.kept();
    if (before.device) write("device", this.store, { answers: {} }); // other tabs hear an empty workbook first
    remove("device", this.store);
    remove("tab", this.store);
    return before;
  }

  /**
   * Undo a forget: bring back what was kept then, without overwriting what was typed since.
   * @param {Kept} before
   */
  restore(before) {
    const now = this.kept();
    return this.keep({ ...before.answers, ...now.answers }, before.device || now.device);
  }

  /**
   * Hear another tab: `changed(kept, movedToTab)`. When another tab stops keeping answers on this device,
   * this tab keeps what it had in the tab, and `movedToTab` is true.
   * @param {(kept: Kept, movedToTab: boolean) => void} changed
   * @returns {() => void}
   */
  watch(changed) {
    return watch(this.store, (now, before) => {
      if (now) {
        changed({ answers: answersOf(now) || {}, device: true }, false);
        return;
      }
      const had = answersOf(before) || {};
      const movedToTab = Object.keys(had).length > 0;
      if (movedToTab) write("tab", this.store, { answers: { ...had, ...(answersOf(read("tab", this.store)) || {}) } });
      changed(this.kept(), movedToTab);
    });
  }
}

/**
 * Every exercise counts as answered when at least one of its questions has an answer.
 * @param {Array<{ keys: string[] }>} exercises
 * @param {Texts} answers
 */
export function answeredCount(exercises, answers) {
  return exercises.filter((exercise) => exercise.keys.some((key) => (answers[key] || "").trim())).length;
}
