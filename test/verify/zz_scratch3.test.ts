import { it } from 'vitest';
import { designFromText } from '../../src/design/index.js';
import { verifyDesign } from '../../src/verify/index.js';

it('try', () => {
  const texts = (process.env.SPECS ?? '').split('|||');
  for (const text of texts) {
    try {
      const design = designFromText(text, {});
      const report = verifyDesign(design, process.env.PROPS ? { properties: process.env.PROPS.split(',') as never } : {});
      console.log(`${text.replace(/\n/g, ' ; ')} => ${report.passed}`);
      for (const q of report.properties) if (!q.passed || q.warning) console.log(`   ${q.name.padEnd(24)} ${q.passed} runs=${q.runs} max=${q.maxResidual.toExponential(2)} tol=${q.tolerance}${q.counterexample ? ' CE ' + JSON.stringify(q.counterexample).slice(0, 300) : ''}${q.warning ? ' W ' + q.warning : ''}`);
    } catch (e) { console.log(`${text.replace(/\n/g, ' ; ')} => BUILD ERROR ${(e as Error).message}`); }
  }
}, 600000);
