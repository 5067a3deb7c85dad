// The layers of src/ and which folders each may import (besides itself and the shared bottom files
// errors.ts and paths.ts). One source for the lint rule (eslint.config.js) and the layering test; the
// picture and the reasons are in docs/architecture.md.

/** Bottom to top. A folder may import the folders listed for it, nothing else of src/. */
export const allowedImports = {
  numeric: [],
  symbolic: ['numeric'],
  field: ['numeric'],
  solvers: ['numeric'],
  io: ['numeric'],
  spec: ['numeric', 'symbolic', 'field', 'solvers', 'io'],
  design: ['numeric', 'symbolic', 'field', 'solvers', 'io', 'spec'],
  // verify sees a Design only: no symbolic code (nor mathjs, nerdamer)
  verify: ['numeric', 'field', 'solvers', 'io', 'spec', 'design', 'likelihood'],
  sample: ['numeric', 'field', 'solvers', 'io', 'spec', 'design'],
  // exact log-likelihoods through the ODE (beside sample; verify's likelihood-consistency builds on it)
  likelihood: ['numeric', 'field', 'solvers', 'io', 'spec', 'design'],
  export: ['numeric', 'symbolic', 'field', 'solvers', 'io', 'spec', 'design'],
  // distances between sample sets: pure numbers
  metrics: ['numeric'],
  // compare: designs sampled, timed and measured against held-out data
  compare: ['numeric', 'field', 'solvers', 'io', 'spec', 'design', 'verify', 'sample', 'likelihood', 'metrics'],
  // index.ts (the public API) may import every folder below it
  index: [
    'numeric',
    'symbolic',
    'field',
    'solvers',
    'io',
    'spec',
    'design',
    'verify',
    'sample',
    'likelihood',
    'export',
    'metrics',
    'compare',
  ],
  // above the public API: only index.ts (report's own entry is public too, for the CLI)
  report: ['index'],
  cli: ['index', 'report'],
  bench: ['index', 'numeric', 'symbolic', 'field', 'solvers', 'io', 'spec', 'design', 'sample'],
};

/** Files at the root of src/ that every layer may import (bad-input errors, package paths, input limits). */
export const sharedFiles = ['errors', 'paths', 'limits'];

/** Packages a layer may not import, whatever the folders say. */
export const forbiddenPackages = { verify: ['mathjs', 'nerdamer', 'nerdamer-prime'] };

/** Layers that may import report only through its public entry. */
const reportEntry = 'report/index';

/**
 * The layer of a file given relative to src/ ('cli/commands/sample.ts' → 'cli', 'index.ts' → 'index'),
 * 'shared' for errors.ts and paths.ts, undefined for anything else.
 */
export function layerOf(relative) {
  const path = relative.replace(/\\/g, '/').replace(/\.(ts|js|mjs)$/, '');
  if (path === 'index') return 'index';
  if (sharedFiles.includes(path)) return 'shared';
  const slash = path.indexOf('/');
  return slash > 0 && path.slice(0, slash) in allowedImports ? path.slice(0, slash) : undefined;
}

/**
 * Why `from` (a file relative to src/) may not import `to` (a file relative to src/), or undefined when it may.
 */
export function importViolation(from, to) {
  const source = layerOf(from);
  const target = layerOf(to);
  if (source === undefined || target === undefined || target === 'shared' || source === target) return undefined;
  if (source === 'shared') return `${from} is shared by every layer and may import no layer (it imports ${to})`;
  if (!allowedImports[source].includes(target)) {
    return `${source}/ may not import ${target === 'index' ? 'index.ts' : `${target}/`} (${to}); allowed: ${allowedImports[source].join(', ') || 'nothing'} (docs/architecture.md)`;
  }
  if (target === 'report' && source !== 'report' && to.replace(/\.(ts|js)$/, '') !== reportEntry) {
    return `${source}/ may import report only through its public entry ${reportEntry}.ts (it imports ${to})`;
  }
  return undefined;
}
