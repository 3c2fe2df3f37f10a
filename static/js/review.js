// The review queue's keyboard shortcuts (listed on the page): j/k move between posts,
// a agrees and hides, d disagrees, i ignores, x selects for a bulk decision. Everything
// they do is a button or checkbox on the page; without this script nothing is lost.
(function () {
  "use strict";
  var form = document.querySelector("[data-review]");
  if (!form) return;
  var items = Array.prototype.slice.call(form.querySelectorAll("[data-review-item]"));
  var current = -1;

  function focus(index) {
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, index));
    items[current].focus();
    items[current].scrollIntoView({ block: "nearest" });
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var inside = items.indexOf(event.target.closest("[data-review-item]"));
    if (inside !== -1) current = inside;
    var item = items[current];
    switch (event.key) {
      case "j": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "x":
        if (item) { var box = item.querySelector("[data-review-select]"); box.checked = !box.checked; }
        break;
      case "a": case "d": case "i":
        if (item) { item.querySelector('[data-review-key="' + event.key + '"]').click(); }
        break;
      default: return;
    }
    event.preventDefault();
  });
})();
