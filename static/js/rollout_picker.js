/* Rollout target picker: quick selection by kind and by parent, a search filter and a live
   count. Plain JS, no dependencies; without it the checkboxes still work. */
(function () {
  "use strict";

  var picker = document.getElementById("rollout-picker");
  if (!picker) return;
  var tools = document.getElementById("picker-tools");
  var counter = document.getElementById("selected-count");
  var search = document.getElementById("agency-search");
  var parentSelect = document.getElementById("parent-select");
  var options = Array.prototype.slice.call(picker.querySelectorAll(".agency-option"));
  var groups = Array.prototype.slice.call(picker.querySelectorAll(".agency-group"));

  // "Cải cách ĐỔI mới" -> "cai cach doi moi": đ does not decompose, so it is folded by hand.
  function fold(text) {
    return (text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  options.forEach(function (option) {
    option.dataset.folded = fold(option.dataset.name);
  });

  function box(option) {
    return option.querySelector("input[type=checkbox]");
  }

  function updateCount() {
    var n = options.filter(function (option) { return box(option).checked; }).length;
    var template = n === 1 ? picker.dataset.one : picker.dataset.other;
    counter.textContent = template.replace("{n}", n);
  }

  function select(predicate) {
    options.forEach(function (option) {
      if (predicate(option)) box(option).checked = true;
    });
    updateCount();
  }

  function filter() {
    var words = fold(search.value).split(" ").filter(Boolean);
    options.forEach(function (option) {
      option.hidden = !words.every(function (w) { return option.dataset.folded.indexOf(w) !== -1; });
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".agency-option:not([hidden])");
    });
  }

  tools.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-picker]");
    if (!button) return;
    var action = button.dataset.picker;
    if (action === "kind") {
      select(function (o) { return o.dataset.kind === button.dataset.kind; });
    } else if (action === "parent") {
      select(function (o) { return o.dataset.parent === parentSelect.value; });
    } else if (action === "shown") {
      select(function (o) { return !o.hidden; });
    } else if (action === "clear") {
      options.forEach(function (o) { box(o).checked = false; });
      updateCount();
    }
  });
  picker.addEventListener("change", updateCount);
  search.addEventListener("input", filter);
  // Enter in the search box filters; it must not submit the whole form.
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") event.preventDefault();
  });
  if (!parentSelect.options.length) parentSelect.closest(".col-md-5").hidden = true;
  tools.hidden = false;
  updateCount();
})();
