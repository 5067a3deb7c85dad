import { it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { formatReport, verifyDesign } from '../../src/verify/index.js';
it('show', () => {
  for (const f of (process.env.FILES ?? '').split(',')) process.stdout.write(formatReport(verifyDesign(loadDesign(f))));
});
