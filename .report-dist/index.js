// odeforge's public API: everything a user (and the CLI, report and export layers) may import.
// Named exports only; anything not listed here is internal.
export { OdeforgeError, IntegrationError } from './errors.js';
export { loadSpec, parseSpec, designSchema } from './spec/index.js';
export { loadDesign, designFromText, buildDesign, resolveDimension } from './design/index.js';
export { quantityLabel } from './design/labels.js';
export { lgamma, logBeta, gammaP, gammaQ, gammaPInv, betaI, betaIInv, erf, erfc, logSphereArea, logPoissonConstant, } from './numeric/special.js';
export { createRng, sampleStream } from './numeric/rng.js';
export { readDataFile } from './io/data.js';
export { writeDataFile } from './io/data.js';
export { dataset, datasetNames } from './io/datasets.js';
export { sample, SamplerPool } from './sample/index.js';
export { verifyDesign, expectDesignValid, formatReport, VerificationFailed, propertyNames, klToPrior, DEFAULT_RUNS, DEFAULT_SEED, } from './verify/index.js';
