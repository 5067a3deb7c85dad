// verifyDesign: runs the properties (docs/verify.md) on a Design, in a fixed order, each a
// seeded fast-check property with a tolerance and a shrunk counterexample. Sees a Design only.
import type { Design } from '../design/types.js';
import { checkCdfBounds, checkConcentration, checkMonotone } from './cdf.js';
import type { VerifyContext } from './context.js';
import { checkContinuityConditional, checkContinuityMarginal } from './continuity.js';
import { checkFinite } from './finite.js';
import { checkLikelihoodConsistency } from './likelihood.js';
import { checkPriorMismatch } from './mismatch.js';
import { checkNormalization } from './normalization.js';
import { checkKernelSampler, checkPriorSampler } from './samplers.js';
import { checkSymbolicAgreement } from './agreement.js';
import { checkTransport } from './transport.js';
import {
  propertyNames,
  type PropertyName,
  type PropertyResult,
  type VerifyOptions,
  type VerifyReport,
} from './types.js';

export const DEFAULT_RUNS = 40;
export const DEFAULT_SEED = 20240601;

const checks: Record<PropertyName, (ctx: VerifyContext) => PropertyResult> = {
  normalization: checkNormalization,
  'cdf-bounds': checkCdfBounds,
  monotone: checkMonotone,
  concentration: checkConcentration,
  'continuity-conditional': checkContinuityConditional,
  'continuity-marginal': checkContinuityMarginal,
  'symbolic-agreement': checkSymbolicAgreement,
  'kernel-sampler': checkKernelSampler,
  transport: checkTransport,
  'likelihood-consistency': checkLikelihoodConsistency,
  'prior-sampler': checkPriorSampler,
  'prior-mismatch': checkPriorMismatch,
  finite: checkFinite,
};

/**
 * Run every property (or the chosen ones) on a design.
 * @returns the report; `passed` is false when any property failed (warnings do not fail).
 */
export function verifyDesign(design: Design, options: VerifyOptions = {}): VerifyReport {
  const ctx: VerifyContext = {
    design,
    d: design.dimension,
    runs: options.runs ?? DEFAULT_RUNS,
    seed: options.seed ?? DEFAULT_SEED,
  };
  const selected = options.properties ?? propertyNames;
  const properties = propertyNames.filter((name) => selected.includes(name)).map((name) => checks[name](ctx));
  return { design: design.name, passed: properties.every((p) => p.passed), seed: ctx.seed, properties };
}
