import { it } from 'vitest';
import { designFromText } from '../../src/design/index.js';
import { verifyDesign } from '../../src/verify/index.js';
import { specWithDimension } from '../helpers.js';

it('one', () => {
  const d = Number(process.env.DIM ?? 2);
  const design = designFromText(specWithDimension(process.env.FILE!, d), { file: process.env.FILE });
  const r = verifyDesign(design, { properties: (process.env.PROPS ?? 'finite').split(',') as never });
  console.log(JSON.stringify(r.properties.map((p) => [p.name, p.passed, p.maxResidual, p.counterexample])));
}, 900000);
