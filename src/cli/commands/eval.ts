// `odeforge eval <spec> --t T --x "x1,..." [--x0 "..."] [--data FILE] [--dim D]`: every derived quantity
// at one point, as one JSON object (for debugging a design).
import type { Command } from 'commander';
import { buildDesign, loadSpec, OdeforgeError, readDataFile, type Design } from '../../index.js';
import { parseNumber, parsePositiveInteger, parseVector } from '../options.js';

interface EvalOptions {
  t: string;
  x: string;
  x0?: string;
  data?: string;
  dim?: string;
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('evaluate every derived quantity at one (t, x), as JSON')
    .argument('<spec>', 'design spec file (YAML or JSON)')
    .requiredOption('--t <T>', 'time t')
    .requiredOption('--x <x>', 'point x, comma-separated (negative: --x=-1,2)')
    .option('--x0 <x0>', 'data point x0 for kernel quantities')
    .option('--data <file>', 'data set (CSV/NPY/JSON) for the marginal velocity and score')
    .option('--dim <D>', 'dimension d, when the spec has none')
    .action((spec: string, options: EvalOptions) => {
      process.stdout.write(`${JSON.stringify(evaluate(spec, options), null, 2)}\n`);
    });
}

function evaluate(specPath: string, options: EvalOptions): Record<string, unknown> {
  const t = parseNumber('t', options.t);
  const x = parseVector('x', options.x);
  const x0 = options.x0 === undefined ? undefined : parseVector('x0', options.x0);
  const data = options.data === undefined ? undefined : readDataFile(options.data);
  const spec = loadSpec(specPath);
  // --dim, else the data's, else (only when the spec has none) the point's
  const dimension = options.dim !== undefined ? parsePositiveInteger('dim', options.dim) : data?.dim ?? (spec.dimension === undefined ? x.length : undefined);
  const design = buildDesign(spec, dimension === undefined ? {} : { dimension });
  checkLength('x', x, design.dimension);
  if (x0) checkLength('x0', x0, design.dimension);
  if (!(t > 0)) throw new OdeforgeError(`--t must be > 0, not ${t}`);
  const out: Record<string, unknown> = { t, x };
  if (design.schedule) Object.assign(out, design.schedule(t));
  if (x0) Object.assign(out, kernelQuantities(design, t, x, x0));
  if (data) {
    const field = design.field(data.data);
    out.velocity = [...field.velocity(t, x)];
    if (design.hasScore) out.score = [...field.score(t, x)];
  }
  out.priorLogDensity = design.prior.logDensity(x);
  return finiteOrFlagged(out);
}

function kernelQuantities(design: Design, t: number, x: number[], x0: number[]): Record<string, unknown> {
  const centreScale = design.schedule ? design.schedule(t).alpha : 1;
  const r = Math.hypot(...x.map((xi, j) => xi - centreScale * x0[j]!));
  return {
    x0,
    logDensity: design.kernel.logDensity(t, x, x0),
    conditionalVelocity: [...design.conditionalVelocity(t, x, x0)],
    conditionalScore: [...design.conditionalScore(t, x, x0)],
    radialCdf: design.kernel.radialCdf(t, r),
  };
}

function checkLength(name: string, v: number[], d: number): void {
  if (v.length !== d) throw new OdeforgeError(`--${name} has ${v.length} coordinates, but the design's dimension is ${d}`);
}

/** JSON has no NaN or Infinity: write them as strings, and say so on stderr (never a silent NaN). */
function finiteOrFlagged(out: Record<string, unknown>): Record<string, unknown> {
  const flagged: string[] = [];
  const fix = (key: string, value: unknown): unknown => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      flagged.push(key);
      return String(value);
    }
    if (Array.isArray(value)) return value.map((v, i) => fix(`${key}[${i}]`, v));
    return value;
  };
  const result = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, fix(k, v)]));
  if (flagged.length) process.stderr.write(`odeforge: warning: non-finite values: ${flagged.join(', ')}\n`);
  return result;
}
