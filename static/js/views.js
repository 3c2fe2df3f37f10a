/* Counts a view of the page for the insights dashboard's reach figures. The page's GET
   writes nothing (visitors' pages are cached); this sends one beacon, a POST to the URL in
   data-view-url, once the page is actually shown (a page prerendered or opened in a
   background tab counts when it becomes visible). The server counts a client once per page
   and half hour, and ignores robots. */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[data-view-url]");
  var url = script && script.getAttribute("data-view-url");
  if (!url) { return; }
  var sent = false;

  function send() {
    if (sent || document.visibilityState !== "visible") { return; }
    sent = true;
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    } else if (window.fetch) {
      fetch(url, {method: "POST", credentials: "same-origin", keepalive: true})
        .catch(function () { /* a lost view is no loss */ });
    }
  }

  send();
  if (!sent) { document.addEventListener("visibilitychange", send); }
}());
