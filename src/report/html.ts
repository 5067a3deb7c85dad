// The report page: one self-contained HTML document (KaTeX's CSS and fonts inlined, SVG plots inline, no script,
// and a Content-Security-Policy that forbids any request). Formatting only: index.ts computes what is shown.
import type { PropertyResult, SampleStats, VerifyReport } from '../index.js';
import { fieldRatios, type Figure } from './figures.js';
import { katexStylesheet, renderMath } from './katex.js';
import { escapeXml as escape, formatNumber } from './text.js';

/** One derived quantity as shown: its symbol and formula in LaTeX, what it is, and the plain-text expression. */
export interface DerivationRow {
  name: string;
  symbol: string;
  /** Plain text, e.g. "φ_t(r) = …, the normalized kernel density in R^d" ('' for none). */
  description: string;
  latex: string;
  expr: string;
}

/** How the samples were drawn, or why they could not be. */
export type SamplingOutcome =
  | { kind: 'sampled'; stats: SampleStats; settings: Record<string, string | number> }
  | { kind: 'failed'; message: string }
  | { kind: 'no-data' };

/** Everything the page shows, as plain data. */
export interface ReportContent {
  design: {
    name: string;
    description: string;
    family: string;
    dimension: number;
    T: number;
    epsilon: number;
    prior: string;
    parameters: Readonly<Record<string, number>>;
  };
  spec?: { text: string; file?: string };
  derivation: DerivationRow[];
  verification: VerifyReport;
  data?: { label: string; rows: number; dim: number };
  sampling: SamplingOutcome;
  figures: { kernel: Figure[]; field: Figure[]; sampling: Figure[] };
  /** Seconds spent on each stage. */
  timings: Record<string, number>;
}

const pageCss = `
:root { color-scheme: light; --fg: #1d2329; --muted: #5c6670; --line: #dde2e6; --pass: #2b8a3e; --fail: #c92a2a; --warn: #b35c00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: #f6f7f8; }
main { max-width: 1440px; margin: 0 auto; padding: 24px 32px 48px; }
header h1 { margin: 0 0 4px; font-size: 28px; }
header .description { margin: 0 0 16px; color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: 8px 12px; margin: 0 0 12px; padding: 0; list-style: none; }
.facts li { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.facts b { font-weight: 600; margin-right: 4px; }
nav a { margin-right: 14px; color: #1c4e80; }
section { background: white; border: 1px solid var(--line); border-radius: 8px; padding: 8px 24px 20px; margin-top: 24px; }
h2 { font-size: 20px; margin: 12px 0; }
p.lead { color: var(--muted); margin-top: 0; }
pre.spec { background: #f1f3f5; padding: 12px 16px; border-radius: 6px; overflow-x: auto; font-size: 13px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #f8f9fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.formula { overflow-x: auto; max-width: 760px; }
td.formula .katex-display { margin: 0; }
td.formula .katex-display > .katex { text-align: left; }
th { white-space: nowrap; }
td.symbol { white-space: nowrap; }
td.description { font-size: 13px; color: var(--muted); min-width: 180px; max-width: 260px; }
code { font-size: 12.5px; word-break: break-word; }
.badge { display: inline-block; border-radius: 4px; padding: 0 8px; font-weight: 600; color: white; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.warn { background: var(--warn); }
tr.fail td { background: #fff5f5; } tr.warn td { background: #fff9db; }
td.detail { font-size: 13px; color: var(--muted); }
.figures { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
figure.plot { margin: 0; max-width: 100%; display: table; }
table.stats { width: auto; min-width: 320px; }
figure.plot svg { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
figcaption { display: table-caption; caption-side: bottom; font-size: 13px; color: var(--muted); margin-top: 6px; }
.notice { border-left: 4px solid var(--warn); background: #fff9db; padding: 8px 12px; }
footer { margin-top: 24px; color: var(--muted); font-size: 13px; }
`;

const csp = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

function badge(p: Pick<PropertyResult, 'passed' | 'warning'>): string {
  if (!p.passed) return '<span class="badge fail">FAIL</span>';
  return p.warning !== undefined ? '<span class="badge warn">warn</span>' : '<span class="badge pass">pass</span>';
}

/** JSON of a counterexample with numbers to 6 significant digits. */
function compactJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(6)) : v,
  );
}

function headerHtml(c: ReportContent): string {
  const failed = c.verification.properties.filter((p) => !p.passed).length;
  const verified =
    failed === 0
      ? `<span class="badge pass">all ${c.verification.properties.length} passed</span>`
      : `<span class="badge fail">${failed} of ${c.verification.properties.length} failed</span>`;
  const facts: [string, string][] = [
    ['family', escape(c.design.family)],
    ['dimension', String(c.design.dimension)],
    ['time', `ε = ${formatNumber(c.design.epsilon)} … T = ${formatNumber(c.design.T)}`],
    ['prior', escape(c.design.prior)],
    ['data', c.data ? `${escape(c.data.label)}, ${c.data.rows} points` : 'none'],
    ['verify', verified],
  ];
  if (c.sampling.kind === 'sampled')
    facts.push([
      'sampling',
      `${formatNumber(c.sampling.stats.samples_per_s)} samples/s, ${formatNumber(c.sampling.stats.nfe)} NFE`,
    ]);
  const sections = [
    ['spec', 'Spec'],
    ['derivation', 'Derivation'],
    ['verification', 'Verification'],
    ['kernel', 'Kernel'],
    ['field', 'Velocity field'],
    ['sampling', 'Sampling'],
  ];
  return `<header>
<h1>${escape(c.design.name)}</h1>
<p class="description">${escape(c.design.description)}</p>
<ul class="facts">${facts.map(([k, v]) => `<li><b>${k}</b>${v}</li>`).join('')}</ul>
<nav>${sections.map(([id, title]) => `<a href="#${id}">${title}</a>`).join('')}</nav>
</header>`;
}

function specHtml(c: ReportContent): string {
  const body = c.spec
    ? `${c.spec.file ? `<p class="lead">${escape(c.spec.file)}</p>` : ''}<pre class="spec">${escape(c.spec.text)}</pre>`
    : '<p class="lead">The spec text was not given to the report.</p>';
  return `<section id="spec"><h2>Spec</h2>${body}</section>`;
}

/** The seeds' two phis side by side, when the design has them: their TeX names alone do not tell them apart. */
function notation(rows: readonly DerivationRow[]): string {
  const names = new Set(rows.map((r) => r.name));
  if (!names.has('phi') || !names.has('varphi')) return '';
  return " φ<sub>t</sub>(r) (<code>phi</code>) is the kernel density, ϕ<sub>t</sub>(r) (<code>varphi</code>) the velocity field's radial part.";
}

function derivationHtml(c: ReportContent): string {
  const parameters = Object.entries(c.design.parameters);
  const params =
    parameters.length === 0
      ? ''
      : `<p>Parameters: ${parameters.map(([k, v]) => `<code>${escape(k)} = ${v}</code>`).join(', ')}</p>`;
  const rows = c.derivation.map(
    (row) => `<tr>
<td class="symbol"><code>${escape(row.name)}</code></td>
<td class="description">${escape(row.description)}</td>
<td class="formula">${renderMath(`${row.symbol} = ${row.latex}`, true)}</td>
<td><code>${escape(row.expr)}</code></td>
</tr>`,
  );
  return `<section id="derivation"><h2>Derivation</h2>
<p class="lead">Everything odeforge derived from the spec, typeset, beside the expression it evaluates (the same function, written out); names are the keys of <code>derive --format json</code>.${notation(c.derivation)}</p>
${params}
<table><thead><tr><th>name</th><th>what it is</th><th>formula</th><th>expression</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

function verificationHtml(c: ReportContent): string {
  const v = c.verification;
  const failed = v.properties.filter((p) => !p.passed).length;
  const summary =
    failed === 0
      ? `All ${v.properties.length} properties passed (seed ${v.seed}).`
      : `${failed} of ${v.properties.length} properties FAILED (seed ${v.seed}).`;
  const rows = v.properties.map((p) => {
    const detail = [
      escape(p.measure),
      ...(p.warning !== undefined ? [`<br><b>warning:</b> ${escape(p.warning)}`] : []),
      ...(p.counterexample ? [`<br><b>counterexample:</b> <code>${escape(compactJson(p.counterexample))}</code>`] : []),
    ].join('');
    const cls = !p.passed ? ' class="fail"' : p.warning !== undefined ? ' class="warn"' : '';
    return (
      `<tr${cls}><td>${escape(p.name)}</td><td>${badge(p)}</td><td class="num">${p.runs}</td>` +
      `<td class="num">${formatNumber(p.maxResidual)}</td><td class="num">${formatNumber(p.tolerance)}</td><td class="detail">${detail}</td></tr>`
    );
  });
  return `<section id="verification"><h2>Verification</h2>
<p class="lead">${summary} Each property is a seeded property-based check: a case passes when its residual is at most the tolerance.</p>
<table><thead><tr><th>property</th><th>result</th><th>cases</th><th>max residual</th><th>tolerance</th><th>what is measured</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

/** Figures side by side, wrapping; `first` (a table) leads the row. */
function figuresHtml(figures: readonly Figure[], first = ''): string {
  return `<div class="figures">${first}${figures
    .map(
      (f) => `<figure class="plot" data-plot="${f.id}">
${f.svg}<figcaption>${escape(f.caption)}</figcaption></figure>`,
    )
    .join('\n')}</div>`;
}

function noDataNotice(): string {
  return (
    '<p class="notice">No data was given: run <code>odeforge report SPEC --dataset 8gaussians -o report.html</code> ' +
    '(or <code>--data FILE</code>) to see the velocity field, samples and trajectories.</p>'
  );
}

function kernelHtml(c: ReportContent): string {
  return `<section id="kernel"><h2>Kernel</h2>${figuresHtml(c.figures.kernel)}</section>`;
}

function fieldHtml(c: ReportContent): string {
  const body =
    c.data === undefined
      ? noDataNotice()
      : `<p class="lead">The marginal velocity of the data at the times where the kernel's median radius is ${fieldRatios.join(', ')} times the data's scale ` +
        '(the data shrunk by αₜ, for paths). ' +
        'Arrows show −vₜ(x), the direction a sample moves as t decreases.</p>' +
        figuresHtml(c.figures.field);
  return `<section id="field"><h2>Velocity field</h2>${body}</section>`;
}

const statRows: [keyof SampleStats, string][] = [
  ['n', 'samples'],
  ['dim', 'dimension'],
  ['nfe', 'field evaluations per sample (mean)'],
  ['steps', 'accepted steps per sample (mean)'],
  ['rejected', 'rejected steps per sample (mean)'],
  ['wall_s', 'wall time (s)'],
  ['samples_per_s', 'samples per second'],
];

function samplingHtml(c: ReportContent): string {
  const s = c.sampling;
  if (s.kind === 'no-data') return `<section id="sampling"><h2>Sampling</h2>${noDataNotice()}</section>`;
  if (s.kind === 'failed') {
    return `<section id="sampling"><h2>Sampling</h2><p class="notice"><b>Sampling failed:</b> ${escape(s.message)}</p></section>`;
  }
  const settings = Object.entries(s.settings).map(
    ([k, v]) => `<tr><td>${escape(k)}</td><td class="num">${escape(String(v))}</td></tr>`,
  );
  const stats = statRows.map(
    ([key, what]) => `<tr><td>${what}</td><td class="num">${formatNumber(s.stats[key], 4)}</td></tr>`,
  );
  const table = `<table class="stats"><thead><tr><th>sampler statistic</th><th>value</th></tr></thead><tbody>
${[...settings, ...stats].join('\n')}
</tbody></table>`;
  return `<section id="sampling"><h2>Sampling</h2>${figuresHtml(c.figures.sampling, table)}</section>`;
}

/** The whole page. */
export function renderReport(c: ReportContent): string {
  const timings = Object.entries(c.timings)
    .map(([k, v]) => `${k} ${formatNumber(v, 2)} s`)
    .join(', ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(c.design.name)} · odeforge report</title>
<style>${katexStylesheet()}</style>
<style>${pageCss}</style>
</head>
<body><main>
${headerHtml(c)}
${specHtml(c)}
${derivationHtml(c)}
${verificationHtml(c)}
${kernelHtml(c)}
${fieldHtml(c)}
${samplingHtml(c)}
<footer>Made by <code>odeforge report</code>: ${escape(timings)}. This page is self-contained: it runs no script and loads nothing.</footer>
</main></body>
</html>
`;
}
