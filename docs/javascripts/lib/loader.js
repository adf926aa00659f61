// The loader: on every page the theme shows (Material's document$, which also
// emits after each instant navigation), mount a component on each element with
// data-lotus-module="NAME" from components/NAME.js, and stop the components of
// the page that went. A page loads only the modules its components need; a
// component that fails is reported and the others carry on.

import { readContract } from "./contract.js";
import { element } from "./dom.js";

/** @typedef {{ stop(): void }} Mounted */

/** @type {Map<HTMLElement, Map<string, Mounted | null>>} */
const mounted = new Map();

const FAILED = "This part of the page could not start in your browser. Reload the page to try again.";

/**
 * @param {string} name
 * @returns {Promise<{ default: new (root: HTMLElement, contract: any, name: string) => Mounted }>}
 */
const importComponent = (name) => import(`../components/${name}.js`);

/** @param {Mounted | null | undefined} component */
function stopSafely(component) {
  try {
    component?.stop();
  } catch (error) {
    console.error(error);
  }
}

/**
 * @param {HTMLElement} root
 * @param {string} name
 * @param {unknown} error
 */
function failed(root, name, error) {
  console.error(`lotus: the ${name} component could not start.`, error);
  root.dataset.lotusFailed = name;
  if (!root.previousElementSibling?.classList.contains("lotus-component-failed")) {
    root.before(element("p", { class: "lotus-component-failed", role: "alert" }, FAILED));
  }
}

/** @type {Map<string, Promise<any>>} */
const loading = new Map();
/** @type {Map<string, any>} */
const loaded = new Map();

/**
 * @param {HTMLElement} root
 * @param {string} name
 * @param {any} module
 * @param {any} contract
 * @param {Map<string, Mounted | null>} components
 */
function mountOne(root, name, module, contract, components) {
  if (!root.isConnected || components.get(name) !== null) return;
  try {
    components.set(name, new module.default(root, contract, name));
    root.dataset.lotusMounted = [root.dataset.lotusMounted, name].filter(Boolean).join(" ");
  } catch (error) {
    failed(root, name, error);
  }
}

/**
 * Stop what left the page; mount what is new on it. A component whose module is already here mounts at once,
 * so that a page the theme shows again (Back, Forward) is filled in before the reader sees it.
 */
export function mountAll(load = importComponent) {
  for (const [root, components] of mounted) {
    if (root.isConnected) continue;
    for (const component of components.values()) stopSafely(component);
    mounted.delete(root);
  }
  const contract = readContract();
  for (const root of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-lotus-module]"))) {
    const components = mounted.get(root) ?? new Map();
    mounted.set(root, components);
    for (const name of (root.dataset.lotusModule || "").split(/\s+/).filter(Boolean)) {
      if (components.has(name)) continue;
      components.set(name, null); // claimed: a second emission before the import mounts nothing twice
      if (loaded.has(name)) {
        mountOne(root, name, loaded.get(name), contract, components);
        continue;
      }
      if (!loading.has(name))
        loading.set(
          name,
          load(name).then((module) => loaded.set(name, module).get(name)),
        );
      loading
        .get(name)
        ?.then((module) => mountOne(root, name, module, contract, components))
        .catch((error) => {
          loading.delete(name);
          failed(root, name, error);
        });
    }
  }
}

/**
 * Mount on every page the theme shows, or once if the theme's script is missing.
 * @param {() => void} each also run on every page, before the components mount
 */
export function start(each) {
  const run = () => {
    each();
    mountAll();
  };
  const shown = /** @type {any} */ (window).document$;
  if (shown) shown.subscribe(run);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
}
