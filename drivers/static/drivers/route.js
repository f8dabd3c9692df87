/* The driver's route page: record outcomes with or without signal.
 *
 * The route is kept in localStorage; each tap makes an outcome with an id made
 * here (a UUID) and puts it in a queue kept in localStorage; the queue is sent
 * when the browser is online, again on the 'online' event and every 20 s while
 * something waits. The server stores each id once, so sending twice is harmless.
 * The page itself and its files are cached for the service worker (sw.js), so
 * a reload without signal shows the route and what was recorded.
 */
(function () {
    "use strict";
    var root = document.getElementById("driver-route");
    if (!root) { return; }
    var key = "drivers:" + root.dataset.key;
    var labels = JSON.parse(document.getElementById("route-labels").textContent);
    var route = JSON.parse(document.getElementById("route-data").textContent);
    var status = document.getElementById("sync-status");
    var sending = false;
    var retry = null;

    function load(name, empty) {
        try { return JSON.parse(localStorage.getItem(key + ":" + name)) || empty; }
        catch (e) { return empty; }
    }
    function save(name, value) { localStorage.setItem(key + ":" + name, JSON.stringify(value)); }

    function newId() {
        if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
        var b = crypto.getRandomValues(new Uint8Array(16));
        b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
        var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
        return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
    }

    function show() {
        var recorded = load("recorded", {});
        Object.keys(recorded).forEach(function (delivery) {
            var stop = document.getElementById("stop-" + delivery);
            if (!stop) { return; }
            var entry = recorded[delivery];
            stop.dataset.status = entry.outcome;
            stop.querySelector("[data-role=outcome]").textContent =
                labels[entry.outcome] + " — " + (entry.sent ? labels.sent : labels.waiting);
        });
        var waiting = load("queue", []).length;
        status.textContent = waiting ? labels.queue.replace("%(count)s", waiting) : labels.all_sent;
    }

    function record(stop, outcome) {
        var note = stop.querySelector(".note");
        var item = {id: newId(), delivery: Number(stop.dataset.delivery), outcome: outcome,
                    note: note ? note.value : "", recorded_at: new Date().toISOString()};
        var queue = load("queue", []);
        queue.push(item);
        save("queue", queue);
        var recorded = load("recorded", {});
        recorded[item.delivery] = {outcome: outcome, id: item.id, sent: false};
        save("recorded", recorded);
        show();
        send();
    }

    function later() {
        if (!retry) { retry = setTimeout(function () { retry = null; send(); }, 20000); }
    }

    function send() {
        var queue = load("queue", []);
        if (sending || !queue.length) { return; }
        if (!navigator.onLine) { later(); return; }
        sending = true;
        fetch(root.dataset.resultsUrl, {
            method: "POST", credentials: "omit", cache: "no-store",
            headers: {"Content-Type": "application/json"},
            body: JSON.stringify({outcomes: queue})
        }).then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
        }).then(function (data) {
            var answered = {};
            data.results.forEach(function (result) { answered[result.id] = result.status; });
            save("queue", load("queue", []).filter(function (item) { return !answered[item.id]; }));
            var recorded = load("recorded", {});
            Object.keys(recorded).forEach(function (delivery) {
                if (answered[recorded[delivery].id]) { recorded[delivery].sent = true; }
            });
            save("recorded", recorded);
        }).catch(later).then(function () {
            sending = false;
            show();
            if (load("queue", []).length) { later(); }
        });
    }

    function keepOffline() {
        if (!("serviceWorker" in navigator) || !window.caches) { return; }
        navigator.serviceWorker.register(root.dataset.swUrl).then(function () {
            return navigator.serviceWorker.ready;
        }).then(function () {
            var files = [location.href];
            document.querySelectorAll("script[src], link[rel=stylesheet]").forEach(function (el) {
                files.push(el.src || el.href);
            });
            return caches.open("drivers-route").then(function (cache) { return cache.addAll(files); });
        }).then(function () {
            document.body.dataset.offlineReady = "1";
        }).catch(function () { /* the page still works online */ });
    }

    root.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-outcome]");
        if (button) { record(button.closest(".stop"), button.dataset.outcome); }
    });
    window.addEventListener("online", send);
    document.documentElement.classList.add("js");
    save("route", route);
    show();
    send();
    keepOffline();
}());
