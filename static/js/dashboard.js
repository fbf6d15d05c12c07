/* Leadership dashboard: draws the progress chart with the vendored Chart.js
 * (static/vendor/chartjs/). Progressive enhancement only: the table under the chart holds the
 * same figures and stays on the page; without JavaScript or Chart.js the chart stays hidden. */
(function () {
  "use strict";

  function drawProgress() {
    var figure = document.getElementById("progress-chart-figure");
    var source = document.getElementById("progress-data");
    var canvas = document.getElementById("progress-chart");
    if (!figure || !source || !canvas || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    if (!data.labels || !data.labels.length) {
      return;
    }
    var lang = document.documentElement.lang || "vi";
    var numbers = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US");
    var style = getComputedStyle(document.documentElement);
    var success = style.getPropertyValue("--bs-success").trim() || "#198754";
    var primary = style.getPropertyValue("--bs-primary").trim() || "#0d6efd";

    figure.hidden = false;
    var chart = new window.Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          {
            type: "line",
            label: data.series.cumulative,
            data: data.cumulative,
            borderColor: primary,
            backgroundColor: primary,
            pointStyle: "rectRot",
            pointRadius: 4,
            tension: 0,
            yAxisID: "y",
          },
          {
            type: "bar",
            label: data.series.applied,
            data: data.applied,
            backgroundColor: success,
            borderColor: success,
            yAxisID: "y",
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        locale: lang === "vi" ? "vi-VN" : "en-US",
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ": " + numbers.format(item.parsed.y);
              },
            },
          },
        },
        scales: {
          y: {
            beginAtZero: true,
            ticks: {
              precision: 0,
              callback: function (value) {
                return numbers.format(value);
              },
            },
          },
        },
      },
    });
    canvas.dataset.rendered = chart ? "true" : "false";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawProgress);
  } else {
    drawProgress();
  }
})();
