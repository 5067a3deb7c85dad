// Every code block in README.md and docs/*.md runs: sh commands (npx odeforge → the built CLI), js modules
// (importing 'odeforge' by self-reference) and yaml specs (loaded and derived in dimension 2).
import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designFromText } from '../../src/design/index.js';

const root = new URL('../../', import.meta.url).pathname;
const files = [
  'README.md',
  ...readdirSync(`${root}docs`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const scratch = `${root}test/.artifacts/snippets`;
mkdirSync(scratch, { recursive: true });
mkdirSync(`${root}out`, { recursive: true });

interface Block {
  file: string;
  lang: string;
  code: string;
  index: number;
}

function blocks(file: string): Block[] {
  const text = readFileSync(`${root}${file}`, 'utf8');
  return [...text.matchAll(/^```(\w+)\n([\s\S]*?)^```/gm)].map((m, index) => ({
    file,
    lang: m[1]!,
    code: m[2]!,
    index,
  }));
}

const all = files.flatMap(blocks);

describe.each(all.filter((b) => b.lang === 'sh').map((b) => [`${b.file} #${b.index}`, b] as const))(
  'sh %s',
  (_, block) => {
    it('every command exits 0', () => {
      for (const line of block.code
        .split('\n')
        .filter((l) => l.startsWith('npx odeforge') || l.startsWith('npm install && npx odeforge'))) {
        const command = line.replace(/^(npm install && )?npx odeforge/, `node ${root}bundle/odeforge.js`);
        const result = spawnSync('bash', ['-c', command], { cwd: root, encoding: 'utf8' });
        expect(result.status, `${line}\n${result.stderr}`).toBe(0);
      }
    });
  },
);

describe.each(all.filter((b) => b.lang === 'js').map((b) => [`${b.file} #${b.index}`, b] as const))(
  'js %s',
  (_, block) => {
    it('runs without error', () => {
      const path = `${scratch}/${block.file.replace(/\W/g, '_')}_${block.index}.mjs`;
      writeFileSync(path, block.code);
      expect(() => execSync(`node ${path}`, { cwd: root, encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
    });
  },
);

describe.each(all.filter((b) => b.lang === 'yaml').map((b) => [`${b.file} #${b.index}`, b] as const))(
  'yaml %s',
  (_, block) => {
    it('is a valid design', () => {
      const design = designFromText(block.code, { dimension: /dimension:/.test(block.code) ? undefined : 2 } as {
        dimension?: number;
      });
      expect(Object.keys(design.derivation).length).toBeGreaterThan(3);
    });
  },
);
