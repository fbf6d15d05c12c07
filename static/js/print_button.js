/* The printable application form: the "Print" button opens the browser's print dialog. It is
 * hidden until this script runs, since without JavaScript it could do nothing (Ctrl+P works). */
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
