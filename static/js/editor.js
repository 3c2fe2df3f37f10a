/* The Markdown editor: paste or drop an image to upload it, live preview.
   Forms work without this file: the Preview button then reloads the page with a preview. */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function statusLine(textarea) {
    var id = textarea.id + "-editor-status";
    var line = document.getElementById(id);
    if (!line) {
      line = document.createElement("p");
      line.id = id;
      line.className = "editor-status";
      line.setAttribute("role", "status");
      textarea.insertAdjacentElement("afterend", line);
    }
    return line;
  }

  function insertAtCursor(textarea, text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd, value = textarea.value;
    var before = value.slice(0, start), after = value.slice(end);
    var prefix = before && !before.endsWith("\n") ? "\n" : "";
    textarea.value = before + prefix + text + "\n" + after;
    var caret = (before + prefix + text + "\n").length;
    textarea.setSelectionRange(caret, caret);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function upload(textarea, file) {
    var line = statusLine(textarea);
    var labels = textarea.dataset;
    line.className = "editor-status";
    line.textContent = labels.uploading || "Uploading image…";
    var body = new FormData();
    body.append("image", file, file.name || "pasted-image.png");
    fetch(textarea.dataset.uploadUrl, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        if (!result.ok) { throw new Error(result.data.error || labels.uploadFailed); }
        insertAtCursor(textarea, result.data.markdown);
        line.textContent = labels.uploaded || "Image added.";
      })
      .catch(function (error) {
        line.className = "editor-status editor-status--error";
        line.textContent = error.message || labels.uploadFailed || "The upload failed.";
      });
  }

  function imagesIn(list) {
    return Array.prototype.filter.call(list || [], function (item) {
      return item.type && item.type.indexOf("image/") === 0;
    });
  }

  function enhance(textarea) {
    if (!textarea.dataset.uploadUrl) { return; }
    textarea.addEventListener("paste", function (event) {
      var files = imagesIn(event.clipboardData && event.clipboardData.files);
      if (!files.length) { return; }
      event.preventDefault();
      files.forEach(function (file) { upload(textarea, file); });
    });
    textarea.addEventListener("dragover", function (event) {
      if (imagesIn(event.dataTransfer && event.dataTransfer.items).length) {
        event.preventDefault();
        textarea.classList.add("is-dragover");
      }
    });
    textarea.addEventListener("dragleave", function () { textarea.classList.remove("is-dragover"); });
    textarea.addEventListener("drop", function (event) {
      textarea.classList.remove("is-dragover");
      var files = imagesIn(event.dataTransfer && event.dataTransfer.files);
      if (!files.length) { return; }
      event.preventDefault();
      files.forEach(function (file) { upload(textarea, file); });
    });
  }

  // Preview without leaving the page: the server renders with the same function as on save.
  function enhancePreview(button) {
    var form = button.form;
    var textarea = form && form.querySelector("textarea[data-editor]");
    if (!textarea || !textarea.dataset.previewUrl) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var box = form.querySelector(".js-preview");
      if (!box) {
        box = document.createElement("div");
        box.className = "preview js-preview";
        box.setAttribute("aria-live", "polite");
        textarea.closest(".field").insertAdjacentElement("afterend", box);
      }
      var body = new FormData();
      body.append("body", textarea.value);
      fetch(textarea.dataset.previewUrl, {
        method: "POST", body: body, headers: { "X-CSRFToken": csrfToken() }, credentials: "same-origin",
      })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          box.innerHTML = '<div class="prose"></div>';
          box.firstChild.innerHTML = html; // sanitised by the server (community.markdown)
        });
    });
  }

  function init() {
    document.querySelectorAll("textarea[data-editor]").forEach(enhance);
    document.querySelectorAll("[data-preview-button]").forEach(enhancePreview);
  }

  document.addEventListener("DOMContentLoaded", init);
})();
