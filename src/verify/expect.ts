// expectDesignValid: verify as an assertion for users' own test suites (vitest, jest, node:test...). It throws
// a plain Error subclass, so it needs no test framework; the message names every failed property.
import { loadDesign, type DesignOptions } from '../design/index.js';
import type { Design } from '../design/types.js';
import { verifyDesign } from './verify.js';
import { describeFailure } from './report.js';
import type { VerifyOptions, VerifyReport } from './types.js';

/** Thrown when a design fails a property; carries the whole report. */
export class VerificationFailed extends Error {
  constructor(readonly report: VerifyReport) {
    const failed = report.properties.filter((p) => !p.passed);
    super(
      `design "${report.design}" failed ${failed.length} of ${report.properties.length} properties ` +
        `(${failed.map((p) => p.name).join(', ')}; seed ${report.seed}):\n${failed.map(describeFailure).join('\n')}`,
    );
    this.name = 'VerificationFailed';
  }
}

/**
 * Verify a design (a spec file path, or a Design) and throw unless every property passes; warnings pass.
 * @returns the report, for further assertions
 * @throws VerificationFailed listing the failed properties with their shrunk counterexamples
 * @throws OdeforgeError when the spec file cannot be loaded
 * @example
 * it('my design is sound', () => { expectDesignValid('designs/mine.yaml', { dimension: 2 }); });
 */
export function expectDesignValid(design: string | Design, options: VerifyOptions & DesignOptions = {}): VerifyReport {
  const { dimension, ...verifyOptions } = options;
  const loaded = typeof design === 'string' ? loadDesign(design, dimension === undefined ? {} : { dimension }) : design;
  const report = verifyDesign(loaded, verifyOptions);
  if (!report.passed) throw new VerificationFailed(report);
  return report;
}
