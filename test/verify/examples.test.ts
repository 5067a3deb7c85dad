// Every bundled example passes every property (warnings allowed), and a report is reproducible from its seed.
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { propertyNames, verifyDesign } from '../../src/verify/index.js';
import { example, exampleFiles } from '../helpers.js';

describe.each(exampleFiles)('verify %s', (file) => {
  it('passes every property with the default runs and seed', () => {
    const report = verifyDesign(loadDesign(example(file)));
    const failed = report.properties.filter((p) => !p.passed);
    expect(failed, JSON.stringify(failed, null, 1)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.properties.map((p) => p.name)).toEqual([...propertyNames]);
    for (const p of report.properties) {
      expect(p.counterexample).toBeNull();
      expect(p.runs).toBeGreaterThan(0);
      expect(p.maxResidual).toBeLessThanOrEqual(p.tolerance + (p.name === 'prior-mismatch' ? Infinity : 0));
    }
  });
});

describe('reproducibility', () => {
  const design = loadDesign(example('pfgm.yaml'));
  const properties = ['normalization', 'kernel-sampler', 'transport'] as const;

  it('the same seed gives the same report', () => {
    expect(verifyDesign(design, { seed: 11, runs: 10, properties })).toEqual(
      verifyDesign(design, { seed: 11, runs: 10, properties }),
    );
  });

  it('another seed draws other cases', () => {
    const a = verifyDesign(design, { seed: 11, runs: 10, properties });
    const b = verifyDesign(design, { seed: 12, runs: 10, properties });
    expect(a.properties.map((p) => p.maxResidual)).not.toEqual(b.properties.map((p) => p.maxResidual));
  });

  it('runs is the number of cases, and properties selects and orders by the canonical order', () => {
    const report = verifyDesign(design, { runs: 7, properties: ['finite', 'normalization'] });
    expect(report.properties.map((p) => [p.name, p.runs])).toEqual([
      ['normalization', 7],
      ['finite', 10],
    ]);
  });
});
