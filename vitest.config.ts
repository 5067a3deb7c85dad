import { defineConfig } from 'vitest/config';

// Two projects. unit (`npm run test:unit`): in-process tests of src/, no build needed. e2e (`npm run test:e2e`,
// which builds first): the files named *.e2e.test.ts, which spawn the built CLI (bundle/), compile src/ and
// start worker threads, run python3, drive a browser or run the docs' snippets.
const e2e = 'test/**/*.e2e.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [e2e],
          // One module graph (mathjs, nerdamer, KaTeX, ...) per worker instead of one per file: half the CPU
          // time. Unit tests leave no global state behind (mocks and spies are restored), and a worker per core.
          isolate: false,
          maxWorkers: '100%',
          sequence: { groupOrder: 0 },
        },
      },
      // Spawned processes and timing-based tests: isolated, vitest's default worker count, after the unit tests
      // when both run in one `vitest run`.
      { extends: true, test: { name: 'e2e', include: [e2e], sequence: { groupOrder: 1 } } },
    ],
  },
});
