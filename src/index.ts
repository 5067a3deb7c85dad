// odeforge's public API: everything a user (and the CLI, report and export layers) may import.
// Named exports only; anything not listed here is internal.

export { OdeforgeError, IntegrationError, type SourcePosition } from './errors.js';
export { loadSpec, parseSpec, designSchema, type DesignSpec } from './spec/index.js';
export { loadDesign, designFromText, buildDesign, resolveDimension, type DesignOptions } from './design/index.js';
export { quantityLabel } from './design/labels.js';
export type {
  Design, Kernel, Prior, PriorKind, Schedule, FieldKernel, NoiseLaw, MarginalField, PathConversions,
  DerivedQuantity, FamilyName, Rng,
} from './design/types.js';
export {
  lgamma, logBeta, gammaP, gammaQ, gammaPInv, betaI, betaIInv, erf, erfc, logSphereArea, logPoissonConstant,
} from './numeric/special.js';
export { createRng, sampleStream } from './numeric/rng.js';
export { readDataFile } from './io/data.js';
export { writeDataFile } from './io/data.js';
export { dataset, datasetNames, type DatasetName } from './io/datasets.js';
export { sample, SamplerPool, type SampleOptions, type SampleResult, type SampleStats, type DesignSource } from './sample/index.js';
export type { GaussianMixture, EmpiricalData } from './field/types.js';
export {
  verifyDesign, expectDesignValid, formatReport, VerificationFailed, propertyNames, klToPrior, DEFAULT_RUNS, DEFAULT_SEED,
  type PropertyName, type PropertyResult, type VerifyOptions, type VerifyReport, type SymbolicCheck,
} from './verify/index.js';
