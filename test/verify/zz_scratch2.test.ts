import { it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { verifyDesign, propertyNames } from '../../src/verify/index.js';
import { exampleFiles, example } from '../helpers.js';

it('timing', () => {
  const files = process.env.FILES ? process.env.FILES.split(',') : exampleFiles;
  for (const f of files) {
    const design = loadDesign(f.includes('/') ? f : example(f), process.env.DIM ? { dimension: Number(process.env.DIM) } : {});
    const line: string[] = [];
    let total = 0;
    for (const p of propertyNames) {
      const t0 = performance.now();
      const r = verifyDesign(design, { properties: [p] });
      const dt = (performance.now() - t0) / 1000;
      total += dt;
      line.push(`${p}=${dt.toFixed(2)}${r.passed ? '' : '!'}`);
    }
    console.log(`${f} total=${total.toFixed(2)} ${line.join(' ')}`);
  }
}, 600000);
