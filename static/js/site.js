/* Small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

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

  document.addEventListener("DOMContentLoaded", fillTimeZone);
})();
