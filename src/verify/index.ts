// verify: property checks of a Design, as a report (verifyDesign), an assertion for users' test suites
// (expectDesignValid) and a table (formatReport). Nothing here touches mathjs, nerdamer or symbolic/.
export { DEFAULT_RUNS, DEFAULT_SEED, verifyDesign } from './verify.js';
export { VerificationFailed, expectDesignValid } from './expect.js';
export { formatReport } from './report.js';
export { klToPrior } from './mismatch.js';
export {
  propertyNames,
  type PropertyName,
  type PropertyResult,
  type SymbolicCheck,
  type VerifyOptions,
  type VerifyReport,
} from './types.js';
