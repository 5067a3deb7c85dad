import { it } from 'vitest';
import { designFromText } from '../../src/design/index.js';
import { verifyDesign, propertyNames } from '../../src/verify/index.js';
import { exampleFiles, specWithDimension } from '../helpers.js';

it('timing', () => {
  const files = process.env.FILES ? process.env.FILES.split(',') : exampleFiles;
  const d = Number(process.env.DIM ?? 2);
  for (const f of files) {
    const design = designFromText(specWithDimension(f, d), { file: f });
    const line: string[] = [];
    let total = 0;
    for (const p of propertyNames) {
      const t0 = performance.now();
      const r = verifyDesign(design, { properties: [p] });
      const dt = (performance.now() - t0) / 1000;
      total += dt;
      line.push(`${p}=${dt.toFixed(2)}${r.passed ? '' : '!'}${r.properties[0]!.warning ? 'W' : ''}`);
    }
    console.log(`${f} d=${d} total=${total.toFixed(2)} ${line.join(' ')}`);
  }
}, 900000);
