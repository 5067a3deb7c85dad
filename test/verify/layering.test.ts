// verify/ sees a Design only: no module under src/verify imports mathjs, nerdamer or src/symbolic.
import { readFileSync, readdirSync } from 'node:fs';
import { expect, it } from 'vitest';

const dir = new URL('../../src/verify/', import.meta.url).pathname;

it.each(readdirSync(dir).filter((f) => f.endsWith('.ts')))('src/verify/%s imports no symbolic code', (file) => {
  const imports = [...readFileSync(`${dir}${file}`, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
  for (const source of imports) expect(source).not.toMatch(/mathjs|nerdamer|\/symbolic\//);
});
