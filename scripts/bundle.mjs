// Bundles the compiled dist/ into self-contained ES modules in bundle/: the CLI, the library entry, the
// report entry and the worker threads of the sampler and of the likelihood. One file per process instead of
// ~2000 small modules cuts Node's start-up from ~0.7 s to ~0.2 s (module resolution and loading dominated it).
// The packages loaded on demand through createRequire (odex, nerdamer, katex, ml-matrix) stay outside and
// resolve from node_modules as before. The files sit side by side, so the pools' `./worker.js` and
// `./likelihood-worker.js` and the package root `../` (src/paths.ts) mean the same from bundle/ as from dist/.
import { build } from 'esbuild';

const common = {
  outdir: 'bundle',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS packages inside the bundle call require() for Node built-ins; ESM has none of its own.
  banner: {
    js: "import { createRequire as __odeforgeRequire } from 'node:module'; const require = __odeforgeRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: {
    odeforge: 'dist/cli/main.js',
    index: 'dist/index.js',
    worker: 'dist/sample/worker.js',
    'likelihood-worker': 'dist/likelihood/likelihood-worker.js',
  },
});

// The report's public entry (`odeforge/report`, which loads KaTeX) imports the library bundle beside it
// instead of carrying a second copy: one OdeforgeError class, one Design, for both entries.
const libraryBesideIt = {
  name: 'library-entry',
  setup(context) {
    context.onResolve({ filter: /^\.\.\/index\.js$/ }, () => ({ path: './index.js', external: true }));
  },
};
await build({ ...common, entryPoints: { report: 'dist/report/index.js' }, plugins: [libraryBesideIt] });
