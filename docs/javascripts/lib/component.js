// The one component pattern: a root element with data-lotus-module, mounted by
// the loader on each page the theme shows and stopped when the page goes. A
// component finds the elements its renderer declared (a named error if one is
// missing) and registers its listeners here, so stopping removes them all.

import { elements } from "./dom.js";

export class Component {
  /**
   * @param {HTMLElement} root
   * @param {any} contract the page contract (lib/contract.js), or null
   * @param {string} name the component's name, as in data-lotus-module
   */
  constructor(root, contract, name) {
    this.root = root;
    this.contract = contract;
    this.name = name;
    /** @type {Array<() => void>} */
    this.stops = [];
  }

  /**
   * The declared elements, found inside the root.
   * @template {Record<string, string>} T
   * @param {T} ids
   */
  find(ids) {
    return elements(this.name, ids, this.root);
  }

  /**
   * Listen until the component stops.
   * @param {EventTarget} target
   * @param {string} type
   * @param {(event: any) => void} handler
   * @param {AddEventListenerOptions} [options]
   */
  listen(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    this.stops.push(() => target.removeEventListener(type, handler, options));
  }

  /**
   * Run `stop` when the component stops.
   * @param {() => void} stop
   */
  onStop(stop) {
    this.stops.push(stop);
  }

  stop() {
    for (const stop of this.stops.splice(0).reverse()) stop();
  }
}
