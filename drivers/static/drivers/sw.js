/* The drivers' service worker: the route page and its files, from the cache when offline.
 *
 * Served from /tournee/sw.js so that its scope covers /tournee/<link>/. Pages
 * and files are asked of the network first (a fresh route when there is
 * signal) and kept; without signal the kept copy is answered. The outcomes
 * (POST) are never cached: the page queues them itself (route.js).
 */
"use strict";
var CACHE = "drivers-route";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
        return;
    }
    event.respondWith(fetch(request).then(function (response) {
        if (response.ok) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
    }).catch(function () {
        return caches.match(request, {ignoreVary: true}).then(function (kept) {
            return kept || Response.error();
        });
    }));
});
