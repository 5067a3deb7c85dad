import { it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { verifyDesign } from '../../src/verify/index.js';
import { exampleFiles, example } from '../helpers.js';

it('scratch', () => {
  const files = process.env.FILES ? process.env.FILES.split(',') : exampleFiles;
  for (const f of files) {
    const design = loadDesign(f.includes('/') ? f : example(f), process.env.DIM ? { dimension: Number(process.env.DIM) } : {});
    for (const p of (process.env.PROPS ?? '').split(',').filter(Boolean).length ? [process.env.PROPS!.split(',')] : [undefined]) {
      const t0 = performance.now();
      const report = verifyDesign(design, { properties: p as never });
      const dt = performance.now() - t0;
      console.log(`${f} ${report.passed} ${(dt / 1000).toFixed(2)}s`);
      for (const q of report.properties) if (!q.skipped) console.log(`   ${q.name.padEnd(24)} ${q.passed} runs=${q.runs} max=${q.maxResidual.toExponential(2)} tol=${q.tolerance}${q.counterexample ? ' CE ' + JSON.stringify(q.counterexample) : ''}${q.warning ? ' W ' + q.warning : ''}`);
    }
  }
}, 600000);
