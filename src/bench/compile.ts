// Benchmark: evaluations per second of compiled kernels (k_t(r) and log φ_t(r)) against mathjs's own
// compiled evaluate, for the target of ≥ 20 M evals/s. Run by `npm run bench`.
import { fileURLToPath } from 'node:url';
import { loadDesign } from '../design/index.js';
import { math } from '../symbolic/math.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

/**
 * Best-of-5 rate of f over a fixed set of (t, r) pairs. The loop is generated afresh for each f so that
 * its call site sees one function only (a shared loop would go megamorphic and measure the dispatch).
 */
function rate(f: (t: number, r: number) => number, n = 10_000_000): number {
  const ts = new Float64Array(1024),
    rs = new Float64Array(1024);
  for (let i = 0; i < 1024; i++) {
    ts[i] = 0.01 + (i % 97) * 0.1;
    rs[i] = 0.001 + (i % 89) * 0.05;
  }
  const loop = new Function(
    'f',
    'ts',
    'rs',
    'n',
    'let s = 0; for (let i = 0; i < n; i++) s += f(ts[i & 1023], rs[i & 1023]); return s;',
  ) as (f: (t: number, r: number) => number, ts: Float64Array, rs: Float64Array, n: number) => number;
  let best = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    const start = process.hrtime.bigint();
    loop(f, ts, rs, n);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return n / best;
}

function main(): void {
  const rows: string[] = [
    '| design | quantity | compiled (M evals/s) | mathjs evaluate (M evals/s) |',
    '|---|---|---|---|',
  ];
  const designs = ['tanh.yaml', 'exp-radial.yaml', 'gaussian-density.yaml'].map((file) =>
    loadDesign(`${examples}${file}`),
  );
  // all compiled functions first: mathjs's allocations would otherwise disturb the JIT's later measurements
  const compiled = designs.map((design) => {
    const fk = design.fieldKernel;
    if (fk.kind !== 'radial') throw new Error('radial example expected');
    return [rate(fk.k), rate(fk.logPhi)];
  });
  designs.forEach((design, i) => {
    // mathjs has no log-space helpers: it evaluates the naive log of ∂rψ (d = 2: S_1 = 2π)
    const exprs = [design.derivation.k!.expr, `log(${design.derivation.dpsi_dr!.expr}) - log(2 pi) - (d - 1) log(r)`];
    ['k', 'log φ'].forEach((name, j) => {
      const compiledByMathjs = math.compile(exprs[j]!);
      const viaMathjs = (t: number, r: number): number =>
        compiledByMathjs.evaluate({ t, r, d: design.dimension }) as number;
      rows.push(
        `| ${design.name} | ${name} | ${(compiled[i]![j]! / 1e6).toFixed(1)} | ${(rate(viaMathjs, 200_000) / 1e6).toFixed(2)} |`,
      );
    });
  });
  process.stdout.write(`## Compiled expression throughput (single thread)\n\n${rows.join('\n')}\n\n`);
}

main();
