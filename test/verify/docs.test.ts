// docs/verify.md's example test file runs as part of this suite. It imports 'odeforge' as a user would; here
// that name is mapped to the sources (the public barrel and the verify API).
import { vi } from 'vitest';

vi.mock('odeforge', async () => ({
  ...(await import('../../src/index.js')),
  ...(await import('../../src/verify/index.js')),
}));

await import('../../docs/examples/verify.test-example.js');
