/* Time spent reading a thread, which trust levels count. Loaded on the thread page for
   signed-in members only: opening the page counts the thread as read; while the page is
   visible the seconds are reported every 30 s, and the rest when it is hidden. The server
   caps what it credits. Once a report is refused (signed out in another tab) no more are
   sent. */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[data-reading-url]");
  var url = script && script.getAttribute("data-reading-url");
  if (!url || !window.fetch) { return; }
  var REPORT_EVERY = 30000;
  var token = "";
  try {
    token = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch (error) { /* no token: the server refuses the report, the page is unaffected */ }

  var stopped = false;  // signed out meanwhile (another tab), or the thread is gone
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var unreported = 0;  // milliseconds seen but not yet reported

  function collect() {
    if (visibleSince !== null) {
      var now = Date.now();
      unreported += now - visibleSince;
      visibleSince = now;
    }
  }

  function report() {
    if (stopped) { return; }
    collect();
    var seconds = Math.floor(unreported / 1000);
    unreported -= seconds * 1000;
    var body = new FormData();
    body.append("seconds", String(seconds));
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {"X-CSRFToken": token},
      keepalive: true
    }).then(function (response) {
      // Refused (the member signed out, or may no longer see the thread): every further
      // report would be refused too, so the page stops asking.
      if (response.status === 403 || response.status === 404) { stopped = true; }
    }).catch(function () { /* the next report tries again; lost seconds are no loss */ });
  }

  report();  // the thread is read
  window.setInterval(function () {
    if (document.visibilityState === "visible") { report(); }
  }, REPORT_EVERY);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      if (visibleSince !== null) { report(); }
      visibleSince = null;
    } else {
      visibleSince = Date.now();
    }
  });
}());
