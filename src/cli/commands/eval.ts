// `odeforge eval <spec> --t T --x "x1,..." [--x0 "..."] [--data FILE | --dataset NAME] [--dim D]`: every derived quantity
// at one point, as one JSON object (for debugging a design).
import type { Command } from 'commander';
import {
  addDataOptions,
  dataPoints,
  loadCliDesign,
  parseNumber,
  parseVector,
  readDataChoice,
  type DataCliOptions,
} from '../options.js';
import { OdeforgeError, terminalJson, type Design } from '../../index.js';

interface EvalOptions extends DataCliOptions {
  t: string;
  x: string;
  x0?: string;
}

export function register(program: Command): void {
  const command = program
    .command('eval')
    .description('evaluate every derived quantity at one (t, x), as JSON')
    .argument('<spec>', 'design spec file (YAML or JSON)')
    .requiredOption('--t <T>', 'time t')
    .requiredOption('--x <x>', 'point x, comma-separated (negative: --x=-1,2)')
    .option('--x0 <x0>', 'data point x0 for kernel quantities');
  addDataOptions(command, 'data set (CSV/NPY/JSON) for the marginal velocity and score').action(
    (spec: string, options: EvalOptions) => {
      process.stdout.write(terminalJson(`${JSON.stringify(evaluate(spec, options), null, 2)}\n`));
    },
  );
}

function evaluate(specPath: string, options: EvalOptions): Record<string, unknown> {
  const t = parseNumber('t', options.t);
  const x = parseVector('x', options.x);
  const x0 = options.x0 === undefined ? undefined : parseVector('x0', options.x0);
  const choice = readDataChoice(options);
  if (choice.source?.kind === 'mixture') {
    throw new OdeforgeError(
      'this file holds a Gaussian mixture, not data points',
      { file: options.data },
      'use it with `odeforge sample --data`',
    );
  }
  // --dim, else the data file's, else (only when the spec has none) the point's
  const design = loadCliDesign(specPath, { required: choice.required, fallback: x.length });
  checkLength('x', x, design.dimension);
  if (x0) checkLength('x0', x0, design.dimension);
  if (!(t > 0)) throw new OdeforgeError(`--t must be > 0, not ${t}`);
  const out: Record<string, unknown> = { t, x };
  if (design.schedule) Object.assign(out, design.schedule(t));
  if (x0) Object.assign(out, kernelQuantities(design, t, x, x0));
  const data = dataPoints(choice, design);
  if (data) Object.assign(out, marginalQuantities(design, t, x, data));
  out.priorLogDensity = design.prior.logDensity(x);
  return finiteOrFlagged(out);
}

/** The marginal velocity and score at x; a point outside every data point's kernel (compact support) is refused. */
function marginalQuantities(design: Design, t: number, x: number[], data: Float64Array): Record<string, unknown> {
  const d = design.dimension;
  let inside = false;
  for (let i = 0; i < data.length && !inside; i += d)
    inside = design.kernel.logDensity(t, x, data.subarray(i, i + d)) > -Infinity;
  if (!inside) {
    throw new OdeforgeError(
      `--x (${x.join(', ')}) is outside the support of every data point's kernel at t = ${t}: the marginal field is undefined there`,
      {},
      'choose x closer to the data, or a larger t',
    );
  }
  const field = design.field(data);
  return { velocity: [...field.velocity(t, x)], score: [...field.score(t, x)] };
}

function kernelQuantities(design: Design, t: number, x: number[], x0: number[]): Record<string, unknown> {
  const centreScale = design.schedule ? design.schedule(t).alpha : 1;
  let r2 = 0;
  for (let j = 0; j < x.length; j++) r2 += (x[j]! - centreScale * x0[j]!) ** 2;
  const r = Math.sqrt(r2);
  return {
    x0,
    logDensity: design.kernel.logDensity(t, x, x0),
    conditionalVelocity: [...design.conditionalVelocity(t, x, x0)],
    conditionalScore: [...design.conditionalScore(t, x, x0)],
    radialCdf: design.kernel.radialCdf(t, r),
  };
}

function checkLength(name: string, v: number[], d: number): void {
  if (v.length !== d)
    throw new OdeforgeError(`--${name} has ${v.length} coordinates, but the design's dimension is ${d}`);
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
