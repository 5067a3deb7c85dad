// Rendering a verification report for people: the table the CLI prints, and the message of a failed
// expectDesignValid. JSON needs no renderer (the report is plain data).
import type { PropertyResult, VerifyReport } from './types.js';

/** The report as a table, then each failure's counterexample and each warning on its own lines. */
export function formatReport(report: VerifyReport): string {
  const header = ['property', 'result', 'runs', 'max residual', 'tolerance'];
  const rows = report.properties.map((p) => [
    p.name,
    status(p),
    String(p.runs),
    number(p.maxResidual),
    number(p.tolerance),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const failed = report.properties.filter((p) => !p.passed);
  const summary =
    failed.length === 0
      ? `${report.design}: all ${report.properties.length} properties passed (seed ${report.seed})`
      : `${report.design}: ${failed.length} of ${report.properties.length} properties FAILED (seed ${report.seed})`;
  const notes = [
    ...failed.map((p) => describeFailure(p)),
    ...report.properties.filter((p) => p.warning !== undefined).map((p) => `warning, ${p.name}: ${p.warning}`),
  ];
  return [summary, '', line(header), ...rows.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n') + '\n';
}

/** One failed property: what was measured, how far off, and where (the shrunk counterexample). */
export function describeFailure(p: PropertyResult): string {
  return (
    `${p.name}: residual ${number(Number(p.counterexample?.residual ?? p.maxResidual))} > tolerance ${number(p.tolerance)} ` +
    `(${p.measure})\n  counterexample: ${JSON.stringify(p.counterexample)}`
  );
}

function status(p: PropertyResult): string {
  return !p.passed ? 'FAIL' : p.warning !== undefined ? 'warn' : 'pass';
}

function number(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(3))) : x.toExponential(2);
}
