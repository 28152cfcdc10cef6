// Baton UI behaviour: charts and small conveniences. Everything works without it, except the charts.
(function () {
  "use strict";

  var PALETTE = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#14b8a6", "#ec4899",
    "#64748b", "#84cc16", "#f97316", "#06b6d4", "#a3a3a3"];

  function trendChart() {
    var el = document.getElementById("trend-chart");
    var data = window.batonTrend;
    if (!el || !data || !window.echarts) {
      return;
    }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    function render(type) {
      var area = type === "area";
      chart.setOption({
        color: PALETTE,
        animationDuration: 400,
        tooltip: { trigger: "axis", axisPointer: { type: area ? "line" : "shadow" }, confine: true },
        legend: { type: "scroll", bottom: 0, icon: "roundRect", itemWidth: 10, itemHeight: 10,
          textStyle: { color: "#4b5563" } },
        grid: { left: 8, right: 12, top: 16, bottom: 40, containLabel: true },
        xAxis: { type: "category", data: data.weeks, boundaryGap: !area,
          axisLine: { lineStyle: { color: "#e5e7ef" } }, axisTick: { show: false },
          axisLabel: { color: "#6b7280" } },
        yAxis: { type: "value", splitLine: { lineStyle: { color: "#eef0f5" } }, axisLabel: { color: "#6b7280" } },
        series: data.series.map(function (s) {
          return { name: s.name, type: area ? "line" : "bar", stack: "total", data: s.data,
            smooth: area, symbol: "none", areaStyle: area ? { opacity: 0.85 } : undefined,
            lineStyle: area ? { width: 0 } : undefined, barMaxWidth: 18,
            emphasis: { focus: "series" } };
        })
      }, true);
    }
    render("bar");
    document.querySelectorAll("[data-chart-type]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        document.querySelectorAll("[data-chart-type]").forEach(function (b) { b.classList.remove("active"); });
        btn.classList.add("active");
        render(btn.getAttribute("data-chart-type"));
      });
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var target = document.getElementById(btn.getAttribute("data-copy"));
        if (target && navigator.clipboard) {
          navigator.clipboard.writeText(target.textContent.trim()).then(function () {
            btn.textContent = "Copied";
          });
        }
      });
    });
  }

  // Forms that ask before doing something big (rebuilds, revocations).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  // A partial request that lands on the sign-in page means the session ended: go there properly.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && new URL(xhr.responseURL).pathname === "/login") {
      event.detail.shouldSwap = false;
      window.location.href = xhr.responseURL;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    trendChart();
    copyButtons();
  });
})();
