/* The redact page: text selected in the post's shown text is copied into the "exact text
   to remove" field. Without JavaScript the moderator copies it by hand. */
(function () {
  "use strict";

  var field = document.querySelector("[data-redact-text]");
  var sources = document.querySelectorAll("[data-redact-source]");
  if (!field || !sources.length || !window.getSelection) { return; }
  var hint = document.querySelector("[data-redact-hint]");
  if (hint) { hint.hidden = false; }

  function within(node) {
    for (var i = 0; i < sources.length; i++) {
      if (sources[i].contains(node)) { return true; }
    }
    return false;
  }

  document.addEventListener("mouseup", copySelection);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) { copySelection(); }
  });

  function copySelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) { return; }
    var range = selection.getRangeAt(0);
    if (!within(range.startContainer) || !within(range.endContainer)) { return; }
    var text = selection.toString();
    if (text.trim()) { field.value = text.trim(); }
  }
})();
