/* "Insert a saved reply" above the answer form: filter the list while typing, and put the
   chosen reply into the answer textarea at the cursor, to edit before posting. Inserting is
   a POST (it counts a use); the server fills in the placeholders. Without this file the
   picker links to a page that lists the replies to copy. */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function insertAtCursor(textarea, text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd, value = textarea.value;
    var before = value.slice(0, start), after = value.slice(end);
    var prefix = before && !before.endsWith("\n") ? "\n" : "";
    textarea.value = before + prefix + text + "\n" + after;
    var caret = (before + prefix + text).length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function setUp(picker) {
    var list = picker.querySelector("[data-saved-replies-list]");
    var fallback = picker.querySelector("[data-saved-replies-fallback]");
    var status = picker.querySelector("[data-saved-replies-status]");
    var filter = picker.querySelector("[data-saved-replies-filter]");
    var none = picker.querySelector("[data-saved-replies-none]");
    var textarea = document.getElementById(picker.dataset.textarea);
    if (!list || !textarea) { return; }
    list.hidden = false;
    if (fallback) { fallback.hidden = true; }

    if (filter) {
      filter.addEventListener("input", function () {
        var words = filter.value.toLowerCase().trim();
        var shown = 0;
        list.querySelectorAll("li[data-title]").forEach(function (item) {
          var match = !words || item.dataset.title.indexOf(words) !== -1;
          item.hidden = !match;
          if (match) { shown += 1; }
        });
        if (none) { none.hidden = shown !== 0; }
      });
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-use-url]");
      if (!button) { return; }
      var body = new FormData();
      body.append("thread", picker.dataset.thread);
      button.disabled = true;
      fetch(button.dataset.useUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) { throw new Error(picker.dataset.failed); }
          return response.json();
        })
        .then(function (data) {
          insertAtCursor(textarea, data.body);
          status.className = "editor-status";
          status.textContent = picker.dataset.inserted;
          var details = picker.querySelector("details");
          if (details) { details.open = false; }
        })
        .catch(function () {
          status.className = "editor-status editor-status--error";
          status.textContent = picker.dataset.failed;
        })
        .finally(function () { button.disabled = false; });
    });
  }

  document.querySelectorAll("[data-saved-replies]").forEach(setUp);
})();
