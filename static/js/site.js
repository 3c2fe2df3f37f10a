/* Small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");  // early.js did it already; harmless

  // The phone header: one button opens search and the links, Escape closes them again.
  function setUpMenu() {
    var header = document.querySelector("[data-site-header]");
    var button = header && header.querySelector("[data-menu-button]");
    if (!button) { return; }
    function setOpen(open) {
      header.classList.toggle("is-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      setOpen(open);
      if (open) {
        var first = header.querySelector("#site-menu input, #site-menu a, #main-nav a");
        if (first) { first.focus(); }
      }
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  // Forms that destroy something ask first (data-confirm="…").
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  // Sign-up: tell the server the browser's time zone, so times are local from the start.
  function fillTimeZone() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    document.querySelectorAll('input[name="time_zone"][type="hidden"]').forEach(function (input) {
      if (!input.value && zone) { input.value = zone; }
    });
  }

  // "Too many requests" (429) carries the fragment to show, with the reason: swap it in like
  // a success (htmx leaves error responses out by default), so the member reads why.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 429) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("DOMContentLoaded", fillTimeZone);
  document.addEventListener("DOMContentLoaded", setUpMenu);
})();
