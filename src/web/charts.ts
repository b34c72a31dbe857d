import * as echarts from 'echarts';
import { createHash } from 'node:crypto';
import { escapeHtml, html, trusted, type Html } from './html.js';

/**
 * Charts rendered on the server as SVG by Apache ECharts (its server-side renderer), each inside a
 * <figure> with a caption, the SVG labelled as an image with a description, and the same figures
 * as a table (the text alternative). Rendering costs milliseconds, so the SVG is cached by its
 * input: a chart is redrawn only when its data or its language changes.
 */
export interface BarChart {
  kind: 'bar';
  id: string;
  title: string;
  /** One sentence saying what the chart shows, for screen readers. */
  description: string;
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  stacked?: boolean;
  /** Heading of the categories column of the table. */
  categoryLabel: string;
}

export interface LineChart extends Omit<BarChart, 'kind' | 'stacked'> {
  kind: 'line';
}

export type Chart = BarChart | LineChart;

// Colours distinguishable with common colour blindness (Okabe–Ito), each ≥ 3:1 against white.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8C6D00', '#56B4E9'];
const TEXT = '#1f2328';
const WIDTH = 640;
const HEIGHT = 360;
const CACHE_LIMIT = 500;

const cache = new Map<string, string>();

function option(chart: Chart): echarts.EChartsCoreOption {
  const line = chart.kind === 'line';
  return {
    animation: false,
    color: PALETTE,
    textStyle: { color: TEXT, fontFamily: 'system-ui, sans-serif' },
    aria: { enabled: true, label: { description: chart.description }, decal: { show: !line } },
    grid: { left: 8, right: 16, top: chart.series.length > 1 ? 64 : 16, bottom: 8, containLabel: true },
    legend: chart.series.length > 1 ? { top: 0, left: 0, right: 0, itemGap: 16, textStyle: { color: TEXT, width: 140, overflow: 'none' } } : undefined,
    xAxis: { type: 'category', data: chart.categories, axisLabel: { color: TEXT, interval: 0, rotate: chart.categories.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT } },
    series: chart.series.map((s) => ({
      name: s.name,
      type: chart.kind,
      data: s.values,
      ...(chart.kind === 'bar' && chart.stacked ? { stack: 'all' } : {}),
      ...(line ? { symbol: 'circle', symbolSize: 6 } : {}),
    })),
  };
}

function draw(chart: Chart): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    instance.setOption(option(chart));
    return instance.renderToSVGString();
  } finally {
    instance.dispose(); // an instance left alive keeps a timer running
  }
}

/** The SVG, labelled for assistive technology and scaled to its container. */
export function chartSvg(chart: Chart): string {
  const key = createHash('sha256').update(JSON.stringify(chart)).digest('base64url');
  let svg = cache.get(key);
  if (svg === undefined) {
    const titleId = `${chart.id}-title`;
    const descId = `${chart.id}-desc`;
    svg = draw(chart)
      .replace(/^<svg width="\d+" height="\d+"/, `<svg class="chart-svg" role="img" aria-labelledby="${titleId} ${descId}" focusable="false"`)
      .replace(/(<svg[^>]*>)/, `$1<title id="${titleId}">${escapeHtml(chart.title)}</title><desc id="${descId}">${escapeHtml(chart.description)}</desc>`);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, svg);
  }
  return svg;
}

/** The chart as a figure: caption, SVG, and its figures as a table. */
export function chartFigure(chart: Chart, tableCaption: string): Html {
  return html`<figure class="chart" id="${chart.id}">
  <figcaption>${chart.title}</figcaption>
  ${trusted(chartSvg(chart))}
  <details class="chart-data"><summary>${tableCaption}</summary>
  <div class="table-wrap"><table>
    <thead><tr><th scope="col">${chart.categoryLabel}</th>${chart.series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr></thead>
    <tbody>${chart.categories.map((c, i) => html`<tr><th scope="row">${c}</th>${chart.series.map((s) => html`<td>${s.values[i]}</td>`)}</tr>`)}</tbody>
  </table></div></details>
</figure>`;
}
