// Dashboard charts. Each <canvas data-chart="{type, labels, series, horizontal}"> (see ChartSpec.cs) is drawn
// with Chart.js, loaded only on pages that have one. The table beside each chart carries the same figures,
// so a page without JavaScript loses nothing but the picture.
(() => {
  const canvases = [...document.querySelectorAll('canvas[data-chart]')];
  if (!canvases.length) return;
  const script = document.currentScript;
  const chartUrl = script && script.dataset.chartjs || '/lib/chartjs/chart.umd.min.js';

  const styles = getComputedStyle(document.documentElement);
  const css = (name, fallback) => styles.getPropertyValue(name).trim() || fallback;
  const palette = [css('--brand', '#0f5132'), css('--accent', '#f59f00'), '#3d7cc9', '#b02a37', '#7a4fb3', '#2a9d8f', '#8a959e', '#d4669b', '#5c4100', '#1d2327'];
  const textColour = css('--muted', '#5b6670');
  const gridColour = css('--border', '#d9dee2');

  function formatters(canvas) {
    const locale = canvas.dataset.locale || undefined;
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency: canvas.dataset.currency || 'INR', maximumFractionDigits: 0 });
    const compactMoney = new Intl.NumberFormat(locale, { style: 'currency', currency: canvas.dataset.currency || 'INR', notation: 'compact', maximumFractionDigits: 1 });
    const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    return { money: v => money.format(v), axisMoney: v => compactMoney.format(v), count: v => count.format(v) };
  }

  function draw(canvas) {
    const spec = JSON.parse(canvas.dataset.chart);
    const format = formatters(canvas);
    const round = spec.type === 'doughnut';
    const box = canvas.parentElement;
    if (spec.horizontal) box.style.height = `${Math.max(160, spec.labels.length * 34 + 40)}px`;

    const datasets = spec.series.map((series, i) => {
      const colour = series.comparison ? palette[6] : palette[i % palette.length];
      return {
        label: series.label,
        data: series.data,
        type: spec.type === 'line' && series.secondAxis ? 'bar' : undefined,
        yAxisID: spec.type === 'line' ? (series.secondAxis ? 'orders' : 'sales') : undefined,
        order: series.secondAxis ? 2 : 1,
        borderColor: round ? '#fff' : colour,
        backgroundColor: round ? spec.labels.map((_, j) => palette[j % palette.length])
          : spec.type === 'line' && !series.secondAxis ? colour : colour + (series.secondAxis ? '55' : 'cc'),
        borderDash: series.comparison ? [6, 4] : undefined,
        borderWidth: spec.type === 'line' ? 2 : 1,
        pointRadius: spec.labels.length > 40 ? 0 : 3,
        maxBarThickness: 48,
        cubicInterpolationMode: 'monotone',
        money: series.money,
      };
    });
    const valueText = (dataset, value) => dataset.money ? format.money(value) : format.count(value);
    const scales = round ? {} : spec.type === 'line'
      ? {
          x: { ticks: { color: textColour, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
          sales: { position: 'left', beginAtZero: true, ticks: { color: textColour, callback: format.axisMoney }, grid: { color: gridColour } },
          orders: { position: 'right', beginAtZero: true, ticks: { color: textColour, precision: 0 }, grid: { display: false } },
        }
      : {
          x: { beginAtZero: true, ticks: { color: textColour, precision: 0, callback: spec.series[0].money ? format.axisMoney : format.count }, grid: { color: gridColour } },
          y: { ticks: { color: textColour, callback(value) { const label = this.getLabelForValue(value); const room = box.clientWidth < 480 ? 16 : 28; return label.length > room ? label.slice(0, room - 1) + '…' : label; } }, grid: { display: false } },
        };

    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: round ? 'nearest' : 'index', intersect: round },
        plugins: {
          legend: { display: round || datasets.length > 1, position: round ? 'right' : 'bottom', labels: { color: textColour, boxWidth: 12 } },
          tooltip: { callbacks: { label: item => `${item.dataset.label}: ${valueText(item.dataset, item.raw)}` } },
        },
        scales,
      },
    });
    canvas.dataset.drawn = 'true';
  }

  const tag = document.createElement('script');
  tag.src = chartUrl;
  tag.onload = () => canvases.forEach(draw);
  document.head.appendChild(tag);
})();
