/* The insights dashboard: draws each chart from its JSON <script> (json_script), and shows
   the custom range's dates only when "Custom range" is chosen. Without this script the
   page still works: the tables beneath the charts hold the same numbers. */
(function () {
  "use strict";

  function cssColour(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function palette() {
    return [
      cssColour("--brand", "#0b5cad"),
      cssColour("--success", "#0f7b3f"),
      cssColour("--warning", "#8a4b00"),
      cssColour("--danger", "#b42318"),
      cssColour("--official", "#5b21b6"),
      cssColour("--ink-muted", "#52606d"),
    ];
  }

  // Values as the axis shows them: fractions as percent, seconds as hours.
  function scaled(unit, value) {
    if (value === null || value === undefined) return null;
    if (unit === "percent") return Math.round(value * 1000) / 10;
    if (unit === "seconds") return Math.round((value / 3600) * 10) / 10;
    return value;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var colours = palette();
    var stacked = data.kind === "stacked";
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var language = document.documentElement.lang || undefined;
    new window.Chart(canvas, {
      type: data.kind === "line" ? "line" : "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (dataset, index) {
          var colour = colours[index % colours.length];
          return {
            label: dataset.label,
            data: dataset.values.map(function (value) { return scaled(data.unit, value); }),
            borderColor: colour,
            backgroundColor: colour,
            borderWidth: 2,
            pointRadius: data.labels.length > 40 ? 0 : 2,
            tension: 0,
          };
        }),
      },
      options: {
        animation: still ? false : undefined,
        maintainAspectRatio: false,
        locale: language,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { display: data.datasets.length > 1, labels: { color: cssColour("--ink", "#1f2933") } },
        },
        scales: {
          x: { stacked: stacked, ticks: { color: cssColour("--ink-muted", "#52606d") } },
          y: {
            stacked: stacked,
            beginAtZero: true,
            title: { display: Boolean(data.axis), text: data.axis },
            ticks: { color: cssColour("--ink-muted", "#52606d") },
          },
        },
      },
    });
  }

  function customRange(form) {
    var period = form.querySelector('[name="period"]');
    var range = form.querySelectorAll("[data-custom-range]");
    if (!period) return;
    function update() {
      range.forEach(function (label) { label.hidden = period.value !== "custom"; });
    }
    period.addEventListener("change", update);
    // Picking a date means a custom range.
    range.forEach(function (label) {
      label.querySelector("input").addEventListener("change", function () {
        period.value = "custom";
        update();
      });
    });
    update();
  }

  document.querySelectorAll("[data-insights-filters]").forEach(customRange);
  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
