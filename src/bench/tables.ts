// How the bench prints numbers and markdown tables.

/** Fixed digits for ordinary magnitudes, exponent notation below 0.01. */
export const fmt = (v: number, digits = 3): string =>
  Math.abs(v) >= 1e-2 || v === 0 ? v.toFixed(digits) : v.toExponential(2);

export const table = (head: string[], rows: (string | number)[][]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );
