// src/cli/commands/report.ts, run in-process through its commander registration: the page is written (atomically,
// even when a property fails, which then throws VerificationFailed for exit code 1), and bad input is an
// OdeforgeError (exit code 2) before any work is done.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/report.js';
import { OdeforgeError } from '../../src/errors.js';
import { VerificationFailed } from '../../src/verify/index.js';
import { example } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'odeforge-report-'));
const quick = ['--n', '64', '--runs', '2', '--threads', '1'];

async function report(...args: string[]): Promise<{ stderr: string; error?: unknown }> {
  const program = new Command('odeforge').exitOverride();
  register(program);
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['report', ...args], { from: 'user' });
    return { stderr };
  } catch (error) {
    return { stderr, error };
  }
}

afterEach(() => vi.restoreAllMocks());

describe('odeforge report', () => {
  it('--dataset: writes one HTML page with the data set named, and says where', async () => {
    const out = join(dir, 'tanh.html');
    const { stderr, error } = await report(
      example('tanh.yaml'),
      '--dataset',
      '8gaussians',
      '--dataset-n',
      '100',
      ...quick,
      '-o',
      out,
    );
    expect(error).toBeUndefined();
    expect(stderr).toBe(`odeforge: wrote ${out}\n`);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('8gaussians, 100 points');
    expect(html).toContain('<p class="lead">tanh.yaml</p>');
  });

  it('--data FILE (CSV): the data come from the file, named by its base name', async () => {
    const csv = join(dir, 'points.csv');
    writeFileSync(csv, `x1,x2\n${Array.from({ length: 40 }, (_, i) => `${Math.cos(i)},${Math.sin(i)}`).join('\n')}\n`);
    const out = join(dir, 'points.html');
    const { error } = await report(example('ve.yaml'), '--data', csv, ...quick, '-o', out);
    expect(error).toBeUndefined();
    expect(readFileSync(out, 'utf8')).toContain('points.csv, 40 points');
  });

  it('without data: writes the page without field and samples, and says how to add them', async () => {
    const out = join(dir, 'nodata.html');
    const { stderr, error } = await report(example('tanh.yaml'), '--runs', '2', '-o', out);
    expect(error).toBeUndefined();
    expect(stderr).toContain('no data given');
    expect(readFileSync(out, 'utf8')).toContain('No data was given');
  });

  it('a failed property: the page is written, then VerificationFailed (exit code 1)', async () => {
    const out = join(dir, 'bad.html');
    const spec = new URL('../fixtures/verify-bad/monotone.yaml', import.meta.url).pathname;
    const { error } = await report(spec, '--runs', '5', '-o', out);
    expect(error).toBeInstanceOf(VerificationFailed);
    expect(readFileSync(out, 'utf8')).toContain('<span class="badge fail">FAIL</span>');
  });

  it.each([
    [['-o', 'report.txt'], '-o writes HTML: give a file ending in .html, not "report.txt"'],
    [['--data', 'x.csv', '--dataset', 'moons', '-o', 'r.html'], 'give at most one of --data FILE and --dataset NAME'],
    [['--dataset', 'spirals', '-o', 'r.html'], 'unknown data set "spirals"'],
    [['--n', '0', '--dataset', 'moons', '-o', 'r.html'], '--n must be a positive integer, not "0"'],
  ])('bad input %j is an OdeforgeError: %s', async (args, message) => {
    const { error } = await report(example('tanh.yaml'), ...args);
    expect(error).toBeInstanceOf(OdeforgeError);
    expect((error as OdeforgeError).message).toBe(message);
  });

  it('a directory that does not exist: an OdeforgeError naming the file, before any work, and no file left behind', async () => {
    const out = join(dir, 'missing', 'r.html');
    const { error } = await report(example('tanh.yaml'), '--dataset', 'moons', '-o', out);
    expect(error).toBeInstanceOf(OdeforgeError);
    expect((error as OdeforgeError).format()).toBe(
      `${out}: cannot write ${out}: the directory ${join(dir, 'missing')} does not exist (create it first)`,
    );
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
