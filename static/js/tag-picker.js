/* The tag picker: a text field of comma-separated tags becomes a combobox that offers the
   existing tags matching the word being typed (ARIA 1.2 combobox with a listbox popup).

   Keys: Down/Up move through the offers (Down also opens them), Enter or a click takes
   the one marked, Escape closes them. The official tags listed under the field become
   buttons that add their tag. Without this file the field is a plain text field and the
   list under it a plain list: the server checks the tags either way. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;
  var pickers = 0;

  function plural(dataset, key, count) {
    var text = dataset[key + (count === 1 ? "One" : "Other")] || String(count);
    return text.replace("{count}", String(count));
  }

  function typedNames(value) {
    return value.toLowerCase().split(/[,\s]+/).map(function (name) {
      return name.replace(/^#/, "");
    }).filter(Boolean);
  }

  function enhance(input) {
    pickers += 1;
    var id = input.id || "tag-picker-" + pickers;
    var labels = input.dataset;
    var wrapper = document.createElement("div");
    wrapper.className = "tag-picker";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    var listbox = document.createElement("ul");
    listbox.id = id + "-listbox";
    listbox.className = "tag-picker__list";
    listbox.setAttribute("role", "listbox");
    if (input.labels && input.labels[0]) {
      listbox.setAttribute("aria-label", input.labels[0].firstChild.textContent.trim());
    }
    listbox.hidden = true;
    wrapper.appendChild(listbox);

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var offers = [];
    var active = -1;
    var timer = null;
    var request = null;

    function caret() {
      return input.selectionStart === null ? input.value.length : input.selectionStart;
    }

    function currentWord() {
      var match = input.value.slice(0, caret()).match(/[^,\s]*$/);
      return match[0].replace(/^#/, "").toLowerCase();
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      active = index;
      Array.prototype.forEach.call(listbox.children, function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var option = listbox.children[index];
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    function show(tags) {
      var word = currentWord();
      var taken = typedNames(input.value).filter(function (name) { return name !== word; });
      offers = tags.filter(function (tag) { return taken.indexOf(tag.name) === -1; });
      listbox.textContent = "";
      offers.forEach(function (tag, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + index;
        option.className = "tag-picker__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.className = "tag-picker__name";
        name.textContent = tag.name;
        option.appendChild(name);
        if (tag.description) {
          var about = document.createElement("span");
          about.className = "tag-picker__about";
          about.textContent = tag.description;
          option.appendChild(about);
        }
        option.addEventListener("click", function () { take(index); });
        listbox.appendChild(option);
      });
      active = -1;
      if (!offers.length) {
        close();
        status.textContent = word ? labels.pickerNone || "" : "";
        return;
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = plural(labels, "pickerFound", offers.length);
    }

    function load() {
      if (request) { request.abort(); }
      request = new AbortController();
      var url = labels.tagPicker + "?q=" + encodeURIComponent(currentWord());
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: request.signal })
        .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
        .then(function (data) { if (document.activeElement === input) { show(data.tags || []); } })
        .catch(function () { /* aborted by a newer request, or offline: the field still works */ });
    }

    function take(index) {
      var name = offers[index] && offers[index].name;
      if (!name) { return; }
      var position = caret();
      var before = input.value.slice(0, position).replace(/[^,\s]*$/, "");
      var after = input.value.slice(position).replace(/^[^,\s]*/, "").replace(/^[,\s]+/, "");
      var added = before + name + ", ";
      input.value = added + after;
      input.setSelectionRange(added.length, added.length);
      input.focus();
      close();
      status.textContent = (labels.pickerAdded || "{name}").replace("{name}", name);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { load(); } else { mark(Math.min(active + 1, offers.length - 1)); }
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        mark(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault(); // takes the tag instead of sending the form
        take(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      } else if (event.key === "Tab") {
        close();
      }
    });
    // A click on an offer must not blur the field first (the list would close under it).
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    input.addEventListener("blur", close);

    return {
      add: function (name) {
        var names = typedNames(input.value);
        if (names.indexOf(name) === -1) {
          var value = input.value.replace(/[,\s]*$/, "");
          input.value = (value ? value + ", " : "") + name + ", ";
        }
        status.textContent = (labels.pickerAdded || "{name}").replace("{name}", name);
      }
    };
  }

  // The official tags under a field: each becomes a button that adds its tag.
  function enhanceVocabulary(list, picker) {
    var prefix = list.dataset.addLabel || "";
    list.querySelectorAll("[data-tag-name]").forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tag tag--pick";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = prefix + " ";
      button.appendChild(hidden);
      button.appendChild(document.createTextNode(item.dataset.tagName));
      button.addEventListener("click", function () { picker.add(item.dataset.tagName); });
      item.replaceWith(button);
    });
  }

  document.querySelectorAll("input[data-tag-picker]").forEach(function (input) {
    var picker = enhance(input);
    document.querySelectorAll('[data-tag-vocabulary="' + input.id + '"]').forEach(function (list) {
      enhanceVocabulary(list, picker);
    });
  });
})();
