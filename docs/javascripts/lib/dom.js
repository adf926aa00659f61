// DOM helpers for the components: making elements, and finding the ones a
// renderer declared, with an error that names what is missing.

export class MissingElement extends Error {}

/**
 * A new element with its attributes and text.
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
export function element(tag, attributes = {}, text = "") {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  if (text) made.textContent = text;
  return made;
}

/**
 * The element with `id` inside `scope`, or a MissingElement naming the component and the id.
 * @param {string} component
 * @param {string} id
 * @param {Element} scope
 * @returns {HTMLElement}
 */
export function byId(component, id, scope) {
  const found = document.getElementById(id);
  if (!found || !scope.contains(found)) throw new MissingElement(`${component}: element #${id} not found`);
  return found;
}

/**
 * Every declared element, by the name the script knows it by.
 * @template {Record<string, string>} T
 * @param {string} component
 * @param {T} ids
 * @param {Element} scope
 * @returns {{ [K in keyof T]: HTMLElement }}
 */
export function elements(component, ids, scope) {
  /** @type {Record<string, HTMLElement>} */
  const found = {};
  for (const [name, id] of Object.entries(ids)) found[name] = byId(component, id, scope);
  return /** @type {{ [K in keyof T]: HTMLElement }} */ (found);
}

/**
 * A handler that takes a double click as one click: its second click may land on what the first re-rendered.
 * @param {(event: MouseEvent) => void} handler
 * @returns {(event: MouseEvent) => void}
 */
export function single(handler) {
  return (event) => {
    if (event.detail <= 1) handler(event);
  };
}

/**
 * The id in a location's hash, or "" for a hash that is empty or not a well-formed address.
 * @param {string} hash
 * @returns {string}
 */
export function hashId(hash) {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return "";
  }
}
