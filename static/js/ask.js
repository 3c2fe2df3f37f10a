/* The ask form: a counter for the title's length, and choosing the suggested space.
   The form works without this file: the server refuses a title over the limit with a
   message that gives its length, and “Choose this space” then sends the form back with
   the space chosen. */
(function () {
  "use strict";

  // The counter warns from this many characters before the limit on.
  var NEAR = 20;

  function plural(input, key, count) {
    var text = input.dataset[key + (count === 1 ? "One" : "Other")] || String(count);
    return text.replace("{count}", String(count));
  }

  // How the server counts: blanks at the ends removed, inner runs of blanks made one.
  function typedLength(value) {
    return value.trim().replace(/\s+/g, " ").length;
  }

  function enhanceCounter(input) {
    var max = parseInt(input.dataset.counterMax, 10);
    if (!max) { return; }
    var counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = input.id + "-counter";
    var shown = document.createElement("span");
    // Read out only when the state changes (near the limit, over it, back under it),
    // not at every key: the visible count is for the eyes.
    var spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    counter.appendChild(shown);
    counter.appendChild(spoken);
    input.insertAdjacentElement("afterend", counter);
    var state = "ok";

    function update() {
      var length = typedLength(input.value);
      var left = max - length;
      var next = left < 0 ? "over" : left <= NEAR ? "near" : "ok";
      var message = next === "over" ? plural(input, "counterOver", -left)
        : next === "near" ? plural(input, "counterLeft", left) : "";
      shown.textContent = message ? length + " / " + max + " · " + message : length + " / " + max;
      counter.className = "char-counter char-counter--" + next;
      if (next !== state && next !== "ok") { spoken.textContent = message; }
      if (next === "ok") { spoken.textContent = ""; }
      state = next;
    }

    input.addEventListener("input", update);
    update();
  }

  // “Choose this space”: set the select here instead of sending the form.
  function chooseSpace(button) {
    var form = button.form;
    var select = form && form.querySelector('select[name="space"]');
    if (!select) { return false; }
    select.value = button.dataset.useSpace;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    select.focus();
    return true;
  }

  function enhanceSuggestions(root) {
    root.querySelectorAll("button[data-use-space]").forEach(function (button) {
      // Not a submit button any more: Enter in a text field must post the question.
      button.type = "button";
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-use-space]");
    if (button && chooseSpace(button)) { event.preventDefault(); }
  });
  // htmx announces every piece of content it swaps in.
  document.addEventListener("htmx:load", function (event) { enhanceSuggestions(event.target); });

  // “How urgent is it for you?” is asked of questions only (the server ignores it for
  // the other kinds): hidden while another kind is chosen.
  function enhanceUrgency() {
    var kind = document.querySelector('select[name="kind"]');
    var choice = document.querySelector('input[name="urgency"]');
    var group = choice && choice.closest(".field");
    if (!kind || !group) { return; }
    function update() { group.hidden = kind.value !== "question"; }
    kind.addEventListener("change", update);
    update();
  }

  document.querySelectorAll("input[data-counter-max]").forEach(enhanceCounter);
  enhanceSuggestions(document);
  enhanceUrgency();
})();
