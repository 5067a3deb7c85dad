// npm run lint: typescript-eslint's recommended rules, unused code, and the layers of src/ (scripts/layers.mjs,
// docs/architecture.md) as an import rule, so an upward or sideways import fails before review.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { forbiddenPackages, importViolation, layerOf } from './scripts/layers.mjs';

const src = resolve(dirname(fileURLToPath(import.meta.url)), 'src');

/** Each relative import of a file under src/ checked against the allow-list of its layer. */
const layersRule = {
  meta: { type: 'problem', schema: [], docs: { description: 'imports follow the layers of src/' } },
  create(context) {
    const from = relative(src, context.filename);
    if (from.startsWith('..')) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const layer = layerOf(from);
      if (!source.startsWith('.')) {
        const banned = forbiddenPackages[layer] ?? [];
        if (banned.some((name) => source === name || source.startsWith(`${name}/`))) {
          context.report({ node, message: `${layer}/ may not import ${source}` });
        }
        return;
      }
      const to = relative(src, resolve(dirname(context.filename), source));
      const why = importViolation(from, to);
      if (why) context.report({ node, message: why });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'bundle/**', 'node_modules/**', 'test/.artifacts/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { odeforge: { rules: { layers: layersRule } } },
    rules: {
      'odeforge/layers': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // published coefficients (Lanczos, Gauss–Kronrod nodes) quoted to more digits than a double holds, as published
    files: ['src/numeric/special.ts', 'src/numeric/quadrature.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
