// The site's service worker: keeps the site's own files (listed by the build
// in offline.json) so that the calculator and the template forms work without
// a connection once they have been used. Registered by
// the tool pages with the build's version in its address (?v=...): a new
// release installs afresh and the old copy is deleted. It never sees or keeps
// anything a reader types: only GET requests for this site's files.

const VERSION = new URL(self.location).searchParams.get("v") || "unversioned";
const CACHE = `lotus-${VERSION}`;
const root = new URL("./", self.location);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const manifest = await (await fetch(new URL("offline.json", root), { cache: "no-cache" })).json();
      const cache = await caches.open(CACHE);
      // "fixed" files never change under their address (the release is in it), so the copy the browser already
      // holds from the tool's first use is taken as it is: nothing is downloaded twice. "checked" files are
      // checked with the site (a short "not modified"), so none is ever kept from an older release.
      const request = (/** @type {string} */ file, /** @type {RequestCache} */ mode) => new Request(new URL(file, root), { cache: mode });
      await cache.addAll([
        ...manifest.fixed.map((/** @type {string} */ file) => request(file, "force-cache")),
        ...manifest.checked.map((/** @type {string} */ file) => request(file, "no-cache")),
      ]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith("lotus-") && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// What tells one copy of a file from another without reading it.
const SAME_FILE = ["etag", "last-modified", "content-length", "content-type"];

/**
 * A file the copy holds, checked against the network's answer by their headers alone: where they differ (a
 * captive portal's page kept in its place, a file cut short or changed under its address), the copy takes the
 * network's, so that a damaged copy mends itself the next time the reader is online.
 * @param {Request} request
 * @param {Response} response
 */
async function mend(request, response) {
  const cache = await caches.open(CACHE);
  const [key] = await cache.keys(request, { ignoreSearch: true });
  const kept = key && (await cache.match(key));
  if (!key || !kept || SAME_FILE.every((name) => kept.headers.get(name) === response.headers.get(name))) return;
  await cache.put(key, response);
}

// Online, every file comes through the browser's own HTTP cache, which also keeps Python's compiled
// WebAssembly: measured, a return visit's Python starts in about half the time it takes from the copy
// kept here, and nothing is written to that copy on an ordinary visit (only to mend it). The copy answers
// when the network cannot.
/** @param {FetchEvent} event */
async function networkFirst(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    if (response.status === 200 && response.type === "basic") event.waitUntil(mend(request, response.clone()));
    return response;
  } catch (error) {
    const kept = await caches.match(request, { ignoreSearch: true });
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return;
  event.respondWith(networkFirst(event));
});
