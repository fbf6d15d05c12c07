/* Dossier form: add/remove rows of the authors and participants formsets, and keep the live
 * total of the authors' contributions. Without JavaScript the form still works: one blank row
 * is offered and a "Delete" checkbox removes a row. */
(function () {
  "use strict";

  function rowsOf(container) {
    return Array.prototype.slice.call(
      container.querySelectorAll("[data-formset-rows] > [data-formset-row]")
    );
  }

  function isRemoved(row) {
    var box = row.querySelector('input[type="checkbox"][name$="-DELETE"]');
    return box !== null && box.checked;
  }

  function renumber(container) {
    var n = 0;
    rowsOf(container).forEach(function (row) {
      if (isRemoved(row)) {
        row.hidden = true;
        return;
      }
      n += 1;
      var label = row.querySelector("[data-row-number]");
      if (label) label.textContent = String(n);
    });
  }

  /* Sum in hundredths so that 33.33 + 33.33 + 33.34 is exactly 100. */
  function contributionTotal(container) {
    var hundredths = 0;
    rowsOf(container).forEach(function (row) {
      if (isRemoved(row)) return;
      var input = row.querySelector("input[data-contribution]");
      var value = input ? parseFloat(String(input.value).replace(",", ".")) : NaN;
      if (!isNaN(value)) hundredths += Math.round(value * 100);
    });
    return hundredths;
  }

  function showTotal(container) {
    var box = container.querySelector("[data-contribution-total]");
    if (!box) return;
    var hundredths = contributionTotal(container);
    var complete = hundredths === 10000;
    var lang = document.documentElement.lang || undefined;
    var shown = (hundredths / 100).toLocaleString(lang, { maximumFractionDigits: 2 });
    var template = complete ? box.dataset.ok : box.dataset.short;
    box.querySelector("[data-contribution-text]").textContent = template.replace("{total}", shown);
    var icon = box.querySelector("i.bi");
    icon.className = "bi " + (complete ? "bi-check-circle-fill" : "bi-exclamation-triangle-fill");
    box.classList.toggle("text-success", complete);
    box.classList.toggle("text-warning-emphasis", !complete);
  }

  function enableRow(container, row) {
    var remove = row.querySelector("[data-formset-remove]");
    var box = row.querySelector('input[type="checkbox"][name$="-DELETE"]');
    if (!remove || !box) return;
    // The button replaces the checkbox, which stays in the form to carry the choice.
    var wrapper = row.querySelector(".formset-delete");
    if (wrapper) wrapper.hidden = true;
    remove.hidden = false;
    remove.addEventListener("click", function () {
      box.checked = true;
      row.hidden = true;
      renumber(container);
      showTotal(container);
      var add = container.querySelector("[data-formset-add]");
      if (add) add.focus();
    });
  }

  function addRow(container) {
    var prefix = container.dataset.formset;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var index = parseInt(total.value, 10);
    var template = container.querySelector("template[data-formset-template]");
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.querySelector("[data-formset-row]");
    container.querySelector("[data-formset-rows]").appendChild(row);
    total.value = String(index + 1);
    enableRow(container, row);
    renumber(container);
    showTotal(container);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  }

  function setUp(container) {
    rowsOf(container).forEach(function (row) {
      enableRow(container, row);
    });
    var add = container.querySelector("[data-formset-add]");
    if (add) {
      add.hidden = false;
      add.addEventListener("click", function () {
        addRow(container);
      });
    }
    container.addEventListener("input", function (event) {
      if (event.target.matches("input[data-contribution]")) showTotal(container);
    });
    renumber(container);
    showTotal(container);
  }

  function start() {
    document.querySelectorAll("[data-formset]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
