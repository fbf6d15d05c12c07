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

  /* Person registry: after the name (or birth date) of an author is typed, offer the persons of
   * the agency with the same name and birth date; choosing one fills the row's hidden "person"
   * field. Nothing is chosen without a click, so two namesakes are never joined by themselves. */
  function suggestPersons(container, row) {
    var url = container.dataset.suggestUrl;
    var box = row.querySelector("[data-person-suggestions]");
    var name = row.querySelector('input[name$="-full_name"]');
    var person = row.querySelector('input[name$="-person"]');
    if (!url || !box || !name || !person) return;
    var born = row.querySelector('input[name$="-birth_date"]');
    var query = new URLSearchParams({ full_name: name.value, birth_date: born ? born.value : "" });
    if (container.dataset.suggestAgency) query.set("agency", container.dataset.suggestAgency);
    fetch(url + "?" + query.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { persons: [] }; })
      .then(function (data) {
        box.textContent = "";
        data.persons.forEach(function (found) {
          if (String(found.id) === person.value) return;
          var line = document.createElement("p");
          line.className = "mb-1";
          var bornText = found.birth_date
            ? container.dataset.suggestBorn.replace("{date}", found.birth_date) : "";
          line.textContent = container.dataset.suggestText.replace("{name}", found.full_name)
            .replace("{born}", bornText).replace("{count}", String(found.recognitions)) + " ";
          var choose = document.createElement("button");
          choose.type = "button";
          choose.className = "btn btn-sm btn-outline-secondary";
          choose.textContent = container.dataset.suggestChoose;
          choose.addEventListener("click", function () {
            person.value = String(found.id);
            box.textContent = container.dataset.suggestChosen.replace("{name}", found.full_name);
          });
          line.appendChild(choose);
          box.appendChild(line);
        });
      })
      .catch(function () { box.textContent = ""; });
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
    container.addEventListener("change", function (event) {
      if (event.target.matches('input[name$="-full_name"], input[name$="-birth_date"]')) {
        suggestPersons(container, event.target.closest("[data-formset-row]"));
      }
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
