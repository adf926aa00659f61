// The site's service worker: keeps the site's own files (listed by the build
// in offline.json) so that the calculator and the template forms start from
// this device on a return visit, and work without a connection. Registered by
// the tool pages with the build's version in its address (?v=...): a new
// release installs afresh and the old copy is deleted. It never sees or keeps
// anything a reader types: only GET requests for this site's files.

const VERSION = new URL(self.location).searchParams.get("v") || "unversioned";
const CACHE = `lotus-${VERSION}`;
const root = new URL("./", self.location);

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const manifest = await (await fetch(new URL("offline.json", root), { cache: "no-cache" })).json();
    const cache = await caches.open(CACHE);
    await cache.addAll(manifest.files.map((file) => new URL(file, root).href));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith("lotus-") && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreSearch: true });
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  const kept = await caches.match(request, { ignoreSearch: true });
  return kept || fetch(request);
}

// Files that change only with Pyodide or the theme (fingerprinted) come from the
// copy kept here; everything else from the network while there is one.
const LASTING = /\/(vendor\/pyodide\/(pyodide[^/]*|package\.json)|assets\/(javascripts\/bundle\.[^/]+|stylesheets\/[^/]+))$/;

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return;
  event.respondWith(LASTING.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
});
