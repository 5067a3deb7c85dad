// Where odeforge's own files are. The compiled modules in dist/ and the bundles in bundle/ both sit one
// folder below the package root, so this module's URL finds it from either (and from src/ under vitest).

/** The package root (the folder holding schemas/ and package.json), as a directory URL. */
export const packageRoot = new URL('../', import.meta.url);
