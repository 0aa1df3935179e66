// The Customer Portal's only script: draws each balance chart with uPlot (served by this process).
// Amounts arrive as exact decimal strings; Number() is used only to place a point on the canvas,
// and every label the chart shows (legend, tooltip) is the exact string from the server.
(function () {
  'use strict';
  function draw(figure) {
    var holder = figure.querySelector('.chart-canvas');
    var source = figure.querySelector('script.chart-data');
    if (!holder || !source || typeof uPlot === 'undefined') return;
    var data = JSON.parse(source.textContent);
    var exact = data.v;
    var width = Math.max(240, Math.min(holder.clientWidth || 320, 900));
    var options = {
      width: width,
      height: 160,
      legend: { show: true },
      scales: { x: { time: true } },
      series: [
        {},
        {
          label: data.label,
          stroke: '#0a4db3',
          width: 2,
          fill: 'rgba(10,77,179,0.08)',
          value: function (u, raw, seriesIdx, idx) { return idx == null ? '' : exact[idx]; },
        },
      ],
      axes: [{}, { size: 70 }],
    };
    // eslint-disable-next-line no-new
    new uPlot(options, [data.t, exact.map(Number)], holder);
  }
  function start() {
    var figures = document.querySelectorAll('figure.chart');
    for (var i = 0; i < figures.length; i++) draw(figures[i]);
    var back = document.querySelector('a[data-back]');
    if (back) back.addEventListener('click', function (e) { e.preventDefault(); history.back(); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
