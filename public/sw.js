// The service worker: keeps a copy of the app so it starts and works with no network (R11.4).
//
// On install it caches every page — index.html (service), assessment.html and admin.html — and every file they name
// (trunk's hashed wasm, JS and CSS), the manifest, the icons and the worker module. Every same-origin GET is then
// answered from the cache at once and refreshed from the network in the background (stale-while-revalidate); a
// navigation gets the cached page its path belongs to (assessment.html under /assessment, admin.html under the
// administration paths, else index.html: the rule of src/ui/areas.rs), as each page routes on the client. Data never passes through here: it lives in IndexedDB.
const CACHE = "aftersales-v1";
// The pages (src/ui/areas.rs).
const PAGES = ["/index.html", "/assessment.html", "/admin.html"];
// The paths that are not the service page's, each with everything under it, and their page: a copy of `PAGE_PATHS`
// in src/ui/areas.rs, which a native test compares with it.
const PAGE_PATHS = {"/assessment": "assessment.html", "/org": "admin.html", "/providers": "admin.html", "/users": "admin.html", "/settings": "admin.html", "/inputs": "admin.html", "/data": "admin.html"};
// The worker module's files have fixed names (trunk does not hash them) and the pages do not name them: listed
// here so that work done in the worker (reading older data) also runs offline.
const SHELL = [
  "/", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png",
  "/worker_loader.js", "/worker.js", "/worker_bg.wasm",
];

// Fetches every page and everything they name; the pages are stored last, so a cached page never names a file that
// is not cached too (a new deploy becomes the cached app only once all of its files are in).
async function precache() {
  const cache = await caches.open(CACHE);
  const responses = await Promise.all(PAGES.map((page) => fetch(page, { cache: "no-cache" })));
  const named = [];
  for (const [i, response] of responses.entries()) {
    if (!response.ok) throw new Error(PAGES[i] + ": " + response.status);
    const html = await response.clone().text();
    named.push(...[...html.matchAll(/["'](\/[^"'?#]+\.(?:js|wasm|css|png|webmanifest))["']/g)].map((m) => m[1]));
  }
  await cache.addAll([...new Set([...SHELL, ...named])]);
  await Promise.all(responses.map((response, i) => cache.put(PAGES[i], response)));
}

// The page a navigation belongs to.
function pageOf(path) {
  const under = (prefix) => path === prefix || path.startsWith(prefix + "/");
  const prefix = Object.keys(PAGE_PATHS).find(under);
  return "/" + (prefix ? PAGE_PATHS[prefix] : "index.html");
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  const key = request.mode === "navigate" ? pageOf(url.pathname) : request;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(key);
      const refresh = (PAGES.includes(key) ? precache().then(() => cache.match(key)) : fetch(request).then((response) => {
        if (response.ok) cache.put(key, response.clone());
        return response;
      })).catch(() => undefined);
      if (cached) {
        event.waitUntil(refresh);
        return cached;
      }
      const fresh = await refresh;
      return fresh || new Response("offline", { status: 503, statusText: "offline" });
    })
  );
});
