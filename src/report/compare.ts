// The comparison page of `odeforge compare`: one self-contained HTML document (inline SVG, inline CSS, no script,
// a Content-Security-Policy that forbids any request) with the table of every design's numbers (the best of each
// column marked), the samples of each design over the held-out data and the error-vs-NFE curves.
import { bestIndex, compareColumns, type CompareResult, type DesignComparison } from '../index.js';
import { linePlotSvg, scatterSvg } from './plots.js';
import { escapeXml as escape, formatNumber } from './text.js';

const pageCss = `
:root { color-scheme: light; --fg: #1d2329; --muted: #5c6670; --line: #dde2e6; --best: #2b8a3e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: #f6f7f8; }
main { max-width: 1440px; margin: 0 auto; padding: 24px 32px 48px; }
header h1 { margin: 0 0 4px; font-size: 28px; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 12px; margin: 0 0 12px; padding: 0; list-style: none; }
.facts li { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.facts b { font-weight: 600; margin-right: 4px; }
nav a { margin-right: 14px; color: #1c4e80; }
section { background: white; border: 1px solid var(--line); border-radius: 8px; padding: 8px 24px 20px; margin-top: 24px; }
h2 { font-size: 20px; margin: 12px 0; }
p.lead { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; background: #f8f9fa; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.best { color: var(--best); font-weight: 700; }
td.best::after { content: " ★"; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: 13px; color: var(--muted); }
dl.legend dt { font-weight: 600; color: var(--fg); }
dl.legend dd { margin: 0; }
.figures { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
figure.plot { margin: 0; max-width: 100%; display: table; }
figure.plot svg { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
figcaption { display: table-caption; caption-side: bottom; font-size: 13px; color: var(--muted); margin-top: 6px; }
.notice { border-left: 4px solid #b35c00; background: #fff9db; padding: 8px 12px; }
footer { margin-top: 24px; color: var(--muted); font-size: 13px; }
`;

const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Colour-blind-safe (Okabe–Ito): one per curve solver. */
const solverColors = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9'];
const dataColor = '#7b8794';
const sampleColor = '#d9480f';

function tableHtml(result: CompareResult): string {
  const best = compareColumns.map((c) => bestIndex(result, c));
  const head = compareColumns.map((c) => `<th data-column="${c.key}">${escape(c.title)}</th>`).join('');
  const rows = result.designs.map((d, i) => {
    const cells = compareColumns.map((c, k) => {
      const cls = best[k] === i ? 'num best' : 'num';
      return `<td class="${cls}" data-column="${c.key}">${formatNumber(c.value(d), 4)}</td>`;
    });
    return `<tr><td>${escape(d.name)}</td><td>${escape(d.family)}</td><td class="num">${formatNumber(d.T)}</td>${cells.join('')}</tr>`;
  });
  const legend = compareColumns.map((c) => `<dt>${escape(c.title)}</dt><dd>${escape(c.meaning)}</dd>`).join('');
  const failed = result.failed.map(
    (f) =>
      `<tr class="failed"><td>${escape(f.name)}</td><td>${escape(f.family)}</td><td colspan="${compareColumns.length + 1}">sampling failed: ${escape(f.reason)}</td></tr>`,
  );
  return `<section id="table"><h2>Side by side</h2>
<p class="lead">Lower is better in every marked column (★ the best); W2 ref is shown, not ranked.</p>
<table class="compare"><thead><tr><th>design</th><th>family</th><th>T</th>${head}</tr></thead><tbody>
${[...rows, ...failed].join('\n')}
</tbody></table>
<dl class="legend">${legend}</dl></section>`;
}

function samplesFigure(result: CompareResult, d: DesignComparison, index: number): string {
  const dim = result.data.dim;
  const coords = dim > 2 ? ' (first two coordinates)' : '';
  const svg = scatterSvg(
    [
      { points: result.split.heldOut.data, dim, label: 'held-out data', color: dataColor, radius: 1.8, opacity: 0.7 },
      {
        points: d.samples,
        dim,
        label: `samples (${d.samples.length / dim})`,
        color: sampleColor,
        radius: 1.6,
        opacity: 0.75,
      },
    ],
    { id: `samples-${index}`, title: `${d.name}: samples over held-out data${coords}`, width: 380, height: 430 },
  );
  return `<figure class="plot" data-plot="samples-${index}">${svg}<figcaption>${escape(d.name)}: W2 ${formatNumber(d.w2, 4)} to the held-out data, ${formatNumber(d.nfe)} NFE per sample.</figcaption></figure>`;
}

function costFigure(result: CompareResult, d: DesignComparison, index: number): string {
  const solvers = [...new Set(d.errorVsNfe.map((p) => p.solver))];
  const series = solvers.map((solver, k) => {
    const points = d.errorVsNfe.filter((p) => p.solver === solver && p.error !== null && p.nfe !== null);
    return {
      x: points.map((p) => p.nfe!),
      y: points.map((p) => p.error!),
      color: solverColors[k % solverColors.length]!,
      label: solver,
    };
  });
  const refused = d.unavailable.map((u) => `${u.solver}: ${u.reason}`);
  const svg = linePlotSvg(series, {
    id: `cost-${index}`,
    title: `${d.name}: error vs NFE`,
    xLabel: 'field evaluations per sample',
    yLabel: 'RMS error to the tight solution',
    xScale: 'log',
    yScale: 'log',
    width: 440,
    height: 340,
    notes: refused.length > 0 ? refused.map((r) => r.slice(0, 90)) : undefined,
  });
  const tol = formatNumber(result.settings.tightTolerance);
  return `<figure class="plot" data-plot="cost-${index}">${svg}<figcaption>${escape(d.name)}: fixed-step solvers from ${result.settings.curveSamples} prior draws, error against dopri5 at rtol = atol = ${tol}.</figcaption></figure>`;
}

function headerHtml(result: CompareResult): string {
  const { data, settings } = result;
  const facts: [string, string][] = [
    ['designs', String(result.designs.length + result.failed.length)],
    ['data', `${escape(data.label)}, ${data.rows} points of dimension ${data.dim}`],
    ['split', `${data.reference} reference, ${data.heldOut} held out`],
    ['samples', `${settings.n} per design, ${escape(settings.solver)}`],
    ['seed', String(settings.seed)],
  ];
  return `<header><h1>Comparison of ${result.designs.length} designs on ${escape(data.label)}</h1>
<ul class="facts">${facts.map(([k, v]) => `<li><b>${k}</b>${v}</li>`).join('')}</ul>
<nav><a href="#table">Table</a><a href="#samples">Samples</a><a href="#cost">Cost</a></nav></header>`;
}

/** The whole page of a comparison. */
export function renderComparePage(result: CompareResult): string {
  const samples = result.designs.map((d, i) => samplesFigure(result, d, i)).join('\n');
  const costs = result.designs.map((d, i) => costFigure(result, d, i)).join('\n');
  const seconds = result.designs.map((d) => `${d.name} ${formatNumber(d.wall_s, 2)} s`).join(', ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(`Comparison on ${result.data.label}`)} · odeforge</title>
<style>${pageCss}</style>
</head>
<body><main>
${headerHtml(result)}
${tableHtml(result)}
<section id="samples"><h2>Samples</h2><p class="lead">Each design's samples over the held-out data: the reference part is what the field integrates, so samples that sit on reference points and miss the held-out ones are memorized.</p><div class="figures">${samples}</div></section>
<section id="cost"><h2>Cost</h2><p class="lead">Error of fixed-step solvers against each design's own tight solution, as a function of the field evaluations they spend: a design whose curves sit lower is cheaper to sample well.</p><div class="figures">${costs}</div></section>
<footer>Made by <code>odeforge compare</code>: ${escape(seconds)}. This page is self-contained: it runs no script and loads nothing.</footer>
</main></body>
</html>
`;
}
