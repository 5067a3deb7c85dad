// The comparison as a table: one row per design, one column per measure, the best value of each column marked.
// Shared by the command's text output and the HTML page, so both rank the same way.
import type { CompareResult, DesignComparison } from './index.js';

export interface CompareColumn {
  key: string;
  title: string;
  /** What the number means, for the page's legend. */
  meaning: string;
  value: (d: DesignComparison) => number;
  /** Whether a best value is marked (lower is better); the reference part's W2 is shown, not ranked. */
  ranked: boolean;
}

export const compareColumns: readonly CompareColumn[] = [
  {
    key: 'w2',
    title: 'W2',
    meaning: '2-Wasserstein distance of the samples to the held-out data (exact assignment)',
    value: (d) => d.w2,
    ranked: true,
  },
  {
    key: 'mmd',
    title: 'MMD',
    meaning: 'Gaussian-kernel MMD to the held-out data, √max(0, unbiased MMD²), bandwidth the data’s median distance',
    value: (d) => d.mmd,
    ranked: true,
  },
  {
    key: 'energy',
    title: 'energy',
    meaning: 'energy distance to the held-out data (≈ 0 for the same law; can dip below 0)',
    value: (d) => d.energy,
    ranked: true,
  },
  {
    key: 'w2Reference',
    title: 'W2 ref',
    meaning: 'W2 to the reference part (the field’s own data): far below W2 means the samples copy it',
    value: (d) => d.reference.w2,
    ranked: false,
  },
  {
    key: 'nfe',
    title: 'NFE',
    meaning: 'field evaluations per sample of the sampling solver (mean)',
    value: (d) => d.nfe,
    ranked: true,
  },
  {
    key: 'straightness',
    title: 'straightness',
    meaning: 'path length / end-to-end distance, mean over samples (1 = straight)',
    value: (d) => d.straightness,
    ranked: true,
  },
  {
    key: 'priorKL',
    title: 'prior KL',
    meaning: 'mean over data points x0 of KL(p_T(·|x0) ‖ prior), nats',
    value: (d) => d.priorKL,
    ranked: true,
  },
  {
    key: 'bitsPerDim',
    title: 'bits/dim',
    meaning:
      'bits per dimension of held-out points under the ODE for the reference data (exact likelihood; huge when the samples memorize the reference points)',
    value: (d) => d.bitsPerDim ?? NaN,
    ranked: true,
  },
];

/** Index of the lowest finite value of the column (ties: the first), undefined when none is finite. */
export function bestIndex(result: CompareResult, column: CompareColumn): number | undefined {
  if (!column.ranked || result.designs.length < 2) return undefined;
  let best: number | undefined;
  result.designs.forEach((d, i) => {
    const v = column.value(d);
    if (Number.isFinite(v) && (best === undefined || v < column.value(result.designs[best]!))) best = i;
  });
  return best;
}

/** A number to 4 significant digits (integers as they are). */
function cell(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1e-3 || value === 0 ? String(Number(value.toPrecision(4))) : value.toExponential(2);
}

/** The table as fixed-width text, best values marked with *. */
export function formatCompareTable(result: CompareResult): string {
  const header = ['design', ...compareColumns.map((c) => c.title)];
  const best = compareColumns.map((c) => bestIndex(result, c));
  const rows = result.designs.map((d, i) => [
    d.name,
    ...compareColumns.map((c, k) => `${cell(c.value(d))}${best[k] === i ? '*' : ' '}`),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (r: string[]) => r.map((v, k) => (k === 0 ? v.padEnd(widths[k]!) : v.padStart(widths[k]!))).join('  ');
  const data = result.data;
  const failures = result.failed.map((f) => `${f.name} (${f.family}) FAILED: ${f.reason}`);
  return [
    line(header),
    ...rows.map(line),
    ...failures,
    '',
    `* best of the column. ${data.label}: ${data.rows} points, ${data.reference} reference (the field's data) and ${data.heldOut} held out; ` +
      `${result.settings.n} samples per design by ${result.settings.solver}; MMD bandwidth ${cell(data.bandwidth)}.`,
  ].join('\n');
}
