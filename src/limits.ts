// Upper bounds on every size a user controls, in one place. Each is checked before any work starts, so
// hostile or mistyped input ends in one exit-2 message naming the limit instead of a runaway allocation,
// a stack overflow or an hour of computing. docs/cli.md lists them.
import { availableParallelism, totalmem } from 'node:os';

export const limits = {
  /** Samples (--n of sample and report) and toy data set points (--n of dataset, --dataset-n). */
  points: 10_000_000,
  /**
   * Float64 values one array may hold: n × d samples, K × n × d trajectories (400 MB). A data file is bounded by
   * bytes instead (dataBytesLimit), as it is held once and shared by the threads.
   */
  values: 50_000_000,
  /** Dimension d of a design, a data file or --dim. */
  dimension: 10_000,
  /** Dimension of a toy data set: its random rotation costs O(d³) (d = 512 takes ~1.5 s). */
  datasetDimension: 512,
  /** Steps of a fixed-step solver (--steps). */
  steps: 1_000_000,
  /** Random cases per verified property (--runs). */
  runs: 10_000,
  /** Save times of a trajectory (--trajectory-points). */
  trajectoryPoints: 10_000,
  /** Bytes of a spec file: a design is a few lines; more is a wrong path or an attack. */
  specBytes: 4 * 1024 * 1024,
  /** Bytes of a data file (CSV, NPY, JSON) and of its float64 values, at most: see dataBytesLimit. */
  dataBytes: 2 ** 31,
  /** YAML aliases in a spec: a handful is plenty; many is an alias bomb (exponential expansion). */
  yamlAliases: 100,
  /** Characters of one expression. */
  expressionChars: 20_000,
  /** Nodes of one expression, as written or after its definitions are inlined. */
  expressionNodes: 20_000,
  /**
   * Nodes of one derived tree (a derivative of an expression): the product and chain rules copy subtrees, so a
   * tree within the limits above can still grow several-fold per level of nesting (measured: tanh of 10 nested
   * atan(x) + x has 6k nodes, its ∂r 47k, and derive took 26 s; at 12 levels 213k nodes).
   */
  derivedNodes: 20_000,
  /** Nesting depth of one expression (operators and calls); the symbolic passes recurse this deep. */
  expressionDepth: 500,
  /** Points of one set in `metrics` and `compare` (MMD and energy sum over all pairs: O((n + m)² d)). */
  metricPoints: 20_000,
  /** Points of the exact W2 assignment (O(n³) time, O(n²) memory: 2000 points take ~10 s); above, subsets. */
  assignmentPoints: 2_000,
  /** Designs compared at once by `compare` (each is sampled, timed and measured in full). */
  compareDesigns: 16,
} as const;

/** Threads may not exceed the cores: each one loads its own design and data, and more only add memory. */
export function maxThreads(): number {
  return availableParallelism();
}

/**
 * Bytes of a data file and of the float64 table it becomes: limits.dataBytes, and at most a quarter of this
 * machine's memory (the table is held once, each thread adds the field's scratch, and the machine runs other things).
 */
export function dataBytesLimit(): number {
  return Math.min(limits.dataBytes, Math.floor(totalmem() / 4));
}
