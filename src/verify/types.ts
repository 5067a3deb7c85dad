// The vocabulary of verification: property names, one property's result, the report, the options.
// Plain data only (the report is printed as JSON by the CLI); no design logic here.

/** Every property verify knows, in the order they are run and reported. */
export const propertyNames = [
  'normalization',
  'cdf-bounds',
  'monotone',
  'concentration',
  'continuity-conditional',
  'continuity-marginal',
  'symbolic-agreement',
  'kernel-sampler',
  'transport',
  'likelihood-consistency',
  'prior-sampler',
  'prior-mismatch',
  'finite',
] as const;

export type PropertyName = (typeof propertyNames)[number];

/** The result of one property: pass/fail, how many cases were tried, the worst residual and where it failed. */
export interface PropertyResult {
  name: PropertyName;
  passed: boolean;
  /** Cases evaluated (fast-check runs up to the first failure, not counting shrinking). */
  runs: number;
  /** The largest residual seen (NaN/∞ when a value was not finite; JSON prints those as null). */
  maxResidual: number;
  /** A case passes when its residual is ≤ tolerance. */
  tolerance: number;
  /** What the residual measures, in words. */
  measure: string;
  /** The shrunk failing case with its residual; null when passed. */
  counterexample: Record<string, unknown> | null;
  /** Something worth knowing that is not a failure (prior-mismatch above its threshold...). */
  warning?: string;
}

export interface VerifyReport {
  /** The design's name. */
  design: string;
  passed: boolean;
  seed: number;
  properties: PropertyResult[];
}

export interface VerifyOptions {
  /** Random cases per pointwise property (default 40); the sampling properties use fewer (docs/verify.md). */
  runs?: number;
  /** Seed of every random choice (default 20240601): same seed, same report. */
  seed?: number;
  /** Only these properties (default: all). */
  properties?: readonly PropertyName[];
}

export type { SymbolicCheck } from '../design/types.js';
