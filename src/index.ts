// odeforge's public API: everything a user (and the CLI, report and bench layers) may import.
// Named exports only; anything not listed here is internal. The HTML report has its own entry
// (src/report/index.ts, `odeforge/report`) so that importing odeforge does not load KaTeX.

export { OdeforgeError, IntegrationError, type SourcePosition } from './errors.js';
export { loadSpec, parseSpec, readSpecText, designSchema, type DesignSpec } from './spec/index.js';
export { dataBytesLimit, limits, maxThreads } from './limits.js';
export { packageRoot } from './paths.js';
export { loadDesign, designFromText, buildDesign, resolveDimension, type DesignOptions } from './design/index.js';
export { quantityDescription, quantityLabel } from './design/labels.js';
export type {
  Design,
  Kernel,
  Prior,
  PriorKind,
  Schedule,
  FieldKernel,
  NoiseLaw,
  MarginalField,
  PathConversions,
  DerivedQuantity,
  FamilyName,
  Rng,
} from './design/types.js';
export {
  lgamma,
  logBeta,
  gammaP,
  gammaQ,
  gammaPInv,
  betaI,
  betaIInv,
  erf,
  erfc,
  logSphereArea,
  logPoissonConstant,
} from './numeric/special.js';
export { createRng, sampleStream } from './numeric/rng.js';
export {
  formatData,
  formatOf,
  readDataFile,
  readDataSource,
  writeDataFile,
  type DataFormat,
  type DataSource,
  type ReadDataOptions,
} from './io/data.js';
export { formatCsv, parseCsv } from './io/csv.js';
export { checkWritable, exitCleanlyOnSignalsWhileWriting, writeFileAtomic } from './io/atomic.js';
export { checkDataset, dataset, datasetNames, type DatasetName } from './io/datasets.js';
export {
  sample,
  SamplerPool,
  type SampleOptions,
  type SampleResult,
  type SampleStats,
  type DesignSource,
} from './sample/index.js';
export {
  designDigest,
  dataDigest,
  formatProvenance,
  formatSamplesWithLogp,
  logpSidecarPath,
  provenancePath,
  runProvenance,
  shardRows,
  writeSamplesWithLogp,
  writeSamplesWithProvenance,
  type Provenance,
  type RunIdentity,
  type RunProvenance,
} from './sample/provenance.js';
export { checkShardSet, mergeShards, readShardProvenance, type ShardFile } from './sample/merge.js';
export {
  likelihood,
  likelihoodSync,
  marginalLogDensity,
  type LikelihoodOptions,
  type LikelihoodResult,
  type LikelihoodRow,
  type LikelihoodTimeVariable,
} from './likelihood/index.js';
export type { GaussianMixture, EmpiricalData } from './numeric/data.js';
export {
  DivergenceField,
  EmpiricalField,
  fieldDataArray,
  mixtureParameters,
  sampleMixture,
  type BatchField,
  type MixtureParameters,
} from './field/index.js';
export {
  gridNames,
  solverNames,
  type GridName,
  type SamplerSettings,
  type SolverName,
  type TimeVariable,
} from './solvers/index.js';
export {
  verifyDesign,
  expectDesignValid,
  formatReport,
  VerificationFailed,
  propertyNames,
  klToPrior,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  type PropertyName,
  type PropertyResult,
  type VerifyOptions,
  type VerifyReport,
  type SymbolicCheck,
} from './verify/index.js';
export {
  derivationJson,
  exportDesign,
  exportSpecFile,
  exportTargets,
  terminalJson,
  terminalText,
  type ExportOptions,
  type ExportTarget,
} from './export/index.js';
export {
  metrics,
  DEFAULT_PROJECTIONS,
  MAX_PROJECTIONS,
  type Metrics,
  type MetricsOptions,
  type PointSet,
  type W2Method,
} from './metrics/index.js';
export {
  compare,
  compareJson,
  compareColumns,
  bestIndex,
  formatCompareTable,
  COMPARE_DEFAULTS,
  MIN_PART_POINTS,
  type CompareColumn,
  type CompareOptions,
  type CompareResult,
  type CostPoint,
  type DesignComparison,
  type Quality,
} from './compare/index.js';
