// The layers of src/ (docs/architecture.md): every import of every module follows the allow-list of
// scripts/layers.mjs, the same list the lint rule enforces; verify/ sees a Design only (no symbolic code).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedImports, forbiddenPackages, importViolation, layerOf } from '../../scripts/layers.mjs';

const src = new URL('../../src/', import.meta.url).pathname;

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') ? [relative(src, path)] : [];
  });
}

/** Every module specifier of a file: static imports, re-exports and dynamic imports. */
function specifiers(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s+'([^']+)'|import\('([^']+)'\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

const files = modules(src);

describe('layers of src/', () => {
  it('every module belongs to a layer or is shared', () => {
    expect(files.filter((file) => layerOf(file) === undefined)).toEqual([]);
  });

  it('no import runs upward or sideways', () => {
    const violations = files.flatMap((file) =>
      specifiers(file)
        .filter((source) => source.startsWith('.'))
        .map((source) => importViolation(file, relative(src, resolve(dirname(join(src, file)), source))))
        .filter((why): why is string => why !== undefined),
    );
    expect(violations).toEqual([]);
  });

  it('forbidden packages stay out of their layers (verify sees a Design only)', () => {
    const violations = files.flatMap((file) => {
      const banned = forbiddenPackages[layerOf(file) ?? ''] ?? [];
      return specifiers(file)
        .filter((source) => banned.some((name) => source === name || source.startsWith(`${name}/`)))
        .map((source) => `${file}: ${source}`);
    });
    expect(violations).toEqual([]);
  });

  it('the CLI imports only the public API, the report entry and its own folder', () => {
    const cli = files.filter((file) => layerOf(file) === 'cli');
    const outside = cli.flatMap((file) =>
      specifiers(file)
        .filter((source) => source.startsWith('.'))
        .map((source) => relative(src, resolve(dirname(join(src, file)), source)))
        .filter((target) => !['index.js', 'report/index.js'].includes(target) && layerOf(target) !== 'cli'),
    );
    expect(outside).toEqual([]);
  });

  it('the checker itself catches a wrong import', () => {
    expect(importViolation('numeric/rng.ts', 'design/types.ts')).toMatch(/numeric\/ may not import design\//);
    expect(importViolation('io/data.ts', 'field/types.ts')).toMatch(/io\/ may not import field\//);
    expect(importViolation('cli/commands/sample.ts', 'report/plots.ts')).toMatch(/only through its public entry/);
    expect(importViolation('design/radial.ts', 'numeric/special.ts')).toBeUndefined();
    expect(Object.keys(allowedImports)).toContain('index');
  });
});
