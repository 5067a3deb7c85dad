// Benchmark: evaluations per second of compiled kernels (k_t(r) and log φ_t(r)) against mathjs's own
// compiled evaluate, for the target of ≥ 20 M evals/s. Run by `npm run bench`.
import { fileURLToPath } from 'node:url';
import { loadDesign } from '../design/index.js';
import { math } from '../symbolic/math.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Best-of-5 rate of f over a fixed set of (t, r) pairs. */
function rate(f: (t: number, r: number) => number, n = 2_000_000): number {
  const ts = new Float64Array(1024), rs = new Float64Array(1024);
  for (let i = 0; i < 1024; i++) {
    ts[i] = 0.01 + (i % 97) * 0.1;
    rs[i] = 0.001 + (i % 89) * 0.05;
  }
  let best = Infinity, sink = 0;
  for (let rep = 0; rep < 5; rep++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += f(ts[i & 1023]!, rs[i & 1023]!);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  if (!Number.isFinite(sink)) process.stderr.write('');
  return n / best;
}

function main(): void {
  const rows: string[] = ['| design | quantity | compiled (M evals/s) | mathjs evaluate (M evals/s) |', '|---|---|---|---|'];
  for (const file of ['tanh.yaml', 'exp-radial.yaml', 'gaussian-density.yaml']) {
    const design = loadDesign(`${examples}${file}`);
    const fk = design.fieldKernel;
    if (fk.kind !== 'radial') continue;
    const k = design.derivation.k!.expr;
    // mathjs has no log-space helpers: it evaluates the naive log of ∂rψ (d = 2: S_1 = 2π)
    const logPhi = `log(${design.derivation.dpsi_dr!.expr}) - log(2 pi) - (d - 1) log(r)`;
    for (const [name, fn, expr] of [['k', fk.k, k], ['log φ', fk.logPhi, logPhi]] as const) {
      const compiledByMathjs = math.compile(expr);
      const viaMathjs = (t: number, r: number): number => compiledByMathjs.evaluate({ t, r, d: design.dimension }) as number;
      rows.push(`| ${design.name} | ${name} | ${(rate(fn) / 1e6).toFixed(1)} | ${(rate(viaMathjs, 200_000) / 1e6).toFixed(2)} |`);
    }
  }
  process.stdout.write(`## Compiled expression throughput (single thread)\n\n${rows.join('\n')}\n\n`);
}

main();
