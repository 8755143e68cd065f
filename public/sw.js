// The service worker: keeps a copy of the app so it starts and works with no network (R11.4).
//
// On install it caches index.html and every file index.html names (trunk's hashed wasm, JS and CSS), the
// manifest, the icons and the worker module. Every same-origin GET is then answered from the cache at once and
// refreshed from the network in the background (stale-while-revalidate); a navigation to any route gets the
// cached index.html, as the app routes on the client. Data never passes through here: it lives in IndexedDB.
const CACHE = "aftersales-v1";
// The worker module's files have fixed names (trunk does not hash them) and index.html does not name them:
// listed here so that work done in the worker (reading older data) also runs offline.
const SHELL = [
  "/", "/index.html", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png",
  "/worker_loader.js", "/worker.js", "/worker_bg.wasm",
];

// Fetches index.html and everything it names; index.html is stored last, so a cached page never names a file
// that is not cached too (a new deploy becomes the cached app only once all of its files are in).
async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch("/index.html", { cache: "no-cache" });
  if (!response.ok) throw new Error("index.html: " + response.status);
  const html = await response.clone().text();
  const named = [...html.matchAll(/["'](\/[^"'?#]+\.(?:js|wasm|css|png|webmanifest))["']/g)].map((m) => m[1]);
  await cache.addAll([...new Set([...SHELL.filter((p) => p !== "/index.html"), ...named])]);
  await cache.put("/index.html", response);
  return response;
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
  const key = request.mode === "navigate" ? "/index.html" : request;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(key);
      const refresh = (key === "/index.html" ? precache().then(() => cache.match(key)) : fetch(request).then((response) => {
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
