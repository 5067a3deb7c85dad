import { checkCdfBounds, checkConcentration, checkMonotone } from './cdf.js';
import { checkContinuityConditional, checkContinuityMarginal } from './continuity.js';
import { checkFinite } from './finite.js';
import { checkPriorMismatch } from './mismatch.js';
import { checkNormalization } from './normalization.js';
import { checkKernelSampler, checkPriorSampler } from './samplers.js';
import { checkSymbolicAgreement } from './agreement.js';
import { checkTransport } from './transport.js';
import { propertyNames } from './types.js';
export const DEFAULT_RUNS = 40;
export const DEFAULT_SEED = 20240601;
const checks = {
    normalization: checkNormalization,
    'cdf-bounds': checkCdfBounds,
    monotone: checkMonotone,
    concentration: checkConcentration,
    'continuity-conditional': checkContinuityConditional,
    'continuity-marginal': checkContinuityMarginal,
    'symbolic-agreement': checkSymbolicAgreement,
    'kernel-sampler': checkKernelSampler,
    transport: checkTransport,
    'prior-sampler': checkPriorSampler,
    'prior-mismatch': checkPriorMismatch,
    finite: checkFinite,
};
/**
 * Run every property (or the chosen ones) on a design.
 * @returns the report; `passed` is false when any property failed (warnings do not fail).
 */
export function verifyDesign(design, options = {}) {
    const ctx = { design, d: design.dimension, runs: options.runs ?? DEFAULT_RUNS, seed: options.seed ?? DEFAULT_SEED };
    const selected = options.properties ?? propertyNames;
    const properties = propertyNames.filter((name) => selected.includes(name)).map((name) => checks[name](ctx));
    return { design: design.name, passed: properties.every((p) => p.passed), seed: ctx.seed, properties };
}
