// Hostile input through the built CLI, as a user (or an attacker) runs it: every case ends in exit 0 with the
// right answer, 1 (a named check failed) or 2 with one line naming the place or the limit; never exit 70, a
// stack trace, a V8 abort, a runaway or a half-written file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limits } from '../../src/limits.js';
import { example } from '../helpers.js';

const bin = new URL('../../bundle/odeforge.js', import.meta.url).pathname;
const hostile = (file: string) => new URL(`../fixtures/hostile/${file}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'odeforge-hostile-'));

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(...args: string[]): Outcome {
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Exit 2 with exactly one line `odeforge: <place>: <message>`, quickly (limits are checked before any work). */
function expectBadInput(outcome: Outcome, line: RegExp): void {
  expect(outcome.stderr).not.toMatch(/internal error|this is a bug|\n\s+at /);
  expect(outcome.status).toBe(2);
  const lines = outcome.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(outcome.seconds).toBeLessThan(20);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const at = (file: string, line: number, column: number) => `^odeforge: ${escape(file)}:${line}:${column}: `;

describe('a ψ that is not a radial CDF is refused at load, by every command (exit 2 at the cumulative value)', () => {
  const cases: [string, string][] = [
    ['psi-decreasing.yaml', 'it decreases in r'],
    ['psi-zero.yaml', 'it does not tend to 1 as r → ∞'],
    ['psi-infinite.yaml', 'it is not finite'],
    ['psi-nan.yaml', 'it is not finite'],
    ['psi-unbounded.yaml', 'it leaves \\[0, 1\\]'],
    ['psi-twice.yaml', 'it leaves \\[0, 1\\]'],
  ];
  const commands: [string, string[]][] = [
    ['verify', ['--runs', '3']],
    ['sample', ['--dataset', '8gaussians', '--n', '10', '--out', join(dir, 'psi.csv')]],
    ['report', ['--dataset', '8gaussians', '--n', '10', '--runs', '2', '-o', join(dir, 'psi.html')]],
  ];
  it.each(cases)('%s: %s', (file, reason) => {
    for (const [command, options] of commands) {
      expectBadInput(
        run(command, hostile(file), ...options),
        new RegExp(`${at(hostile(file), 3, 13)}ψ is not a radial CDF: ${reason}`),
      );
    }
    expect(existsSync(join(dir, 'psi.csv')) || existsSync(join(dir, 'psi.html'))).toBe(false);
  });

  it('time.T = 1e308: the kernel at T is wider than any double', () => {
    expectBadInput(
      run('sample', hostile('huge-T.yaml'), '--dataset', 'moons', '--n', '5'),
      /ψ is not a radial CDF: it does not reach 1 at any representable r \(is T too large\?\)/,
    );
  });
});

describe('expressions and specs too large: exit 2 naming the limit', () => {
  const specWith = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, `family: radial\ndimension: 2\n${body}\ntime: { T: 40, epsilon: 0.001 }\n`);
    return file;
  };

  it('a 2000-term sum (a tree 2000 deep)', () => {
    const file = specWith(
      'sum.yaml',
      `cumulative: tanh(r/t) + ${Array.from({ length: 2000 }, () => '0*r').join(' + ')}`,
    );
    expectBadInput(
      run('verify', file),
      new RegExp(`${at(file, 3, 13)}expression too large: nested deeper than the limit of ${limits.expressionDepth}`),
    );
  });

  it('definitions that double 40 times (2^40 nodes once inlined)', () => {
    const defs = ['  a0: r/t', ...Array.from({ length: 40 }, (_, i) => `  a${i + 1}: a${i} + a${i}`)];
    const file = specWith('bomb.yaml', `definitions:\n${defs.join('\n')}\ncumulative: tanh(a40 * 0 + r/t)`);
    expectBadInput(
      run('sample', file, '--dataset', 'moons', '--n', '5'),
      new RegExp(`grows to \\d+ nodes once its definitions are inlined, above the limit of ${limits.expressionNodes}`),
    );
  });

  it('a YAML alias bomb', () => {
    expectBadInput(
      run('verify', hostile('alias-bomb.yaml')),
      new RegExp(
        `${at(hostile('alias-bomb.yaml'), 2, 8)}YAML aliases expand to more than the limit of ${limits.yamlAliases}`,
      ),
    );
  });

  it.each(['/dev/zero', '/dev/urandom'])('a device as the spec: %s', (device) => {
    for (const command of [
      ['verify'],
      ['eval', '--t', '1', '--x', '0,0'],
      ['sample', '--dataset', 'moons', '--n', '5'],
      ['derive'],
      ['export', '--to', 'python'],
    ]) {
      expectBadInput(
        run(command[0]!, device, ...command.slice(1)),
        new RegExp(`^odeforge: ${device}: cannot read spec file: not a regular file`),
      );
    }
  });

  it('a spec larger than the limit', () => {
    const file = specWith('big.yaml', `cumulative: tanh(r/t)\n${'# padding\n'.repeat(limits.specBytes / 10 + 1)}`);
    expectBadInput(
      run('verify', file),
      new RegExp(`cannot read spec file: \\d+ bytes, above the limit of ${limits.specBytes} bytes`),
    );
  });
});

describe('counts that pass validation but cannot be allocated: exit 2 naming the option and the limit, at once', () => {
  const tanh = example('tanh.yaml');
  it.each([
    [
      'sample --steps 1e12',
      ['sample', tanh, '--dataset', 'moons', '--n', '4', '--solver', 'euler', '--steps', '1e12'],
      `--steps must be at most ${limits.steps}`,
    ],
    ['sample --n 1e12', ['sample', tanh, '--dataset', 'moons', '--n', '1e12'], `--n must be at most ${limits.points}`],
    [
      'dataset --n 1e12',
      ['dataset', 'moons', '--n', '1e12', '--out', join(dir, 'd.npy')],
      `--n must be at most ${limits.points}`,
    ],
    [
      'dataset --dim 20000',
      ['dataset', 'moons', '--n', '10', '--dim', '20000'],
      `--dim must be at most ${limits.datasetDimension}`,
    ],
    [
      'sample --dataset-n 1e12',
      ['sample', tanh, '--dataset', 'moons', '--dataset-n', '1e12', '--n', '4'],
      `--dataset-n must be at most ${limits.points}`,
    ],
    ['verify --runs 1e9', ['verify', tanh, '--runs', '1e9'], `--runs must be at most ${limits.runs}`],
    [
      'report --runs 1e9',
      ['report', tanh, '--runs', '1e9', '-o', join(dir, 'r.html')],
      `--runs must be at most ${limits.runs}`,
    ],
    [
      'sample --trajectory-points 1e9',
      [
        'sample',
        tanh,
        '--dataset',
        'moons',
        '--n',
        '4',
        '--trajectories',
        join(dir, 't.npy'),
        '--trajectory-points',
        '1e9',
      ],
      `--trajectory-points must be at most ${limits.trajectoryPoints}`,
    ],
    [
      'sample --threads 999',
      ['sample', tanh, '--dataset', 'moons', '--n', '4', '--threads', '999'],
      `--threads must be at most ${availableParallelism()} \\(the number of cores\\)`,
    ],
    [
      'sample: n × trajectory points × d above the value limit',
      [
        'sample',
        tanh,
        '--dataset',
        'moons',
        '--n',
        '1000000',
        '--trajectories',
        join(dir, 't.npy'),
        '--trajectory-points',
        '100',
      ],
      `trajectories of 100 × 1000000 × 2 values are above the limit of ${limits.values}`,
    ],
  ])('%s', (_, args, message) => {
    expectBadInput(run(...args), new RegExp(message));
  });
});

describe('data files', () => {
  const tanh = example('tanh.yaml');
  const npy = (name: string, shape: string) => {
    let header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shape}, }`;
    header += `${' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64)}\n`;
    const bytes = Buffer.alloc(10 + header.length + 64);
    Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(bytes);
    bytes.writeUInt16LE(header.length, 8);
    bytes.write(header, 10, 'latin1');
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };

  it.each([
    ['negative', '(-1, 2)', '-1'],
    ['non-integer', '(2.5, 2)', '2.5'],
    ['not a number', '(abc, 2)', 'abc'],
  ])('an .npy header with a %s shape names the file', (_, shape, entry) => {
    const file = npy(`${entry}.npy`, shape);
    expectBadInput(
      run('eval', tanh, '--t', '1', '--x', '1,0', '--data', file),
      new RegExp(`^odeforge: ${escape(file)}: malformed .npy header: shape entry "${escape(entry)}"`),
    );
  });

  it('CSV values that overflow to ±Infinity: file:line:col', () => {
    expectBadInput(
      run('eval', tanh, '--t', '1', '--x', '1,0', '--data', hostile('overflow.csv')),
      new RegExp(`${at(hostile('overflow.csv'), 3, 1)}row 2, column 1 \\(x1\\): 1e999 overflows to Infinity`),
    );
  });

  it('JSON data says the value as written, not null', () => {
    expectBadInput(
      run('eval', tanh, '--t', '1', '--x', '1,0', '--data', hostile('overflow.json')),
      new RegExp(`${at(hostile('overflow.json'), 2, 6)}row 2, column 2: -1e999 is not a finite number`),
    );
  });

  it('eval on 300 000 data points answers (no spread into Math.max): the two-cluster field in closed form', () => {
    const file = join(dir, 'two-clusters.csv');
    writeFileSync(file, `x1,x2\n${'0,0\n1,0\n'.repeat(150_000)}`);
    const t = 0.7;
    const x = [1.5, 0.3];
    const outcome = run('eval', tanh, '--t', String(t), '--x', x.join(','), '--data', file);
    expect(outcome.stderr).toBe('');
    expect(outcome.status).toBe(0);
    // tanh(r/t) in d = 2: φ(r) ∝ sech²(r/t)/r and v(x | x0) = (x − x0)/t; equal counts at (0, 0) and (1, 0)
    const phi = (r: number) => 1 / (Math.cosh(r / t) ** 2 * r);
    const w0 = phi(Math.hypot(x[0]!, x[1]!));
    const w1 = phi(Math.hypot(x[0]! - 1, x[1]!));
    const expected = [(w0 * x[0]! + w1 * (x[0]! - 1)) / ((w0 + w1) * t), x[1]! / t];
    const { velocity } = JSON.parse(outcome.stdout);
    expect(velocity[0]).toBeCloseTo(expected[0]!, 9);
    expect(velocity[1]).toBeCloseTo(expected[1]!, 9);
  });

  it('eval outside every kernel of a compact-support design: a clear exit 2', () => {
    expectBadInput(
      run('eval', hostile('compact-support.yaml'), '--t', '0.5', '--x', '5,0', '--data', hostile('two-points.csv')),
      /^odeforge: --x \(5, 0\) is outside the support of every data point's kernel at t = 0\.5/,
    );
  });

  it('a JSON spec with a syntax error: the line and column of the offending token, one line', () => {
    const file = join(dir, 'unquoted.json');
    writeFileSync(
      file,
      '{\n  "family": "radial",\n  "cumulative": tanh(r/t),\n  "time": {"T": 1, "epsilon": 0.01}\n}\n',
    );
    expectBadInput(
      run('verify', file, '--dim', '2'),
      new RegExp(`${at(file, 3, 17)}syntax error: Unexpected token 't'$`),
    );
    expectBadInput(
      run('verify', hostile('json-missing-comma.json'), '--dim', '2'),
      new RegExp(
        `${at(hostile('json-missing-comma.json'), 4, 3)}syntax error: Expected ',' or '}' after property value$`,
      ),
    );
  });
});

describe('outputs', () => {
  const tanh = example('tanh.yaml');
  it('a --out directory that does not exist is refused before sampling', () => {
    const outcome = run('sample', tanh, '--dataset', 'moons', '--n', '3000', '--out', '/nonexistent/o.csv');
    expectBadInput(
      outcome,
      /^odeforge: \/nonexistent\/o\.csv: cannot write \/nonexistent\/o\.csv: the directory \/nonexistent does not exist/,
    );
    expect(outcome.seconds).toBeLessThan(2);
  });

  it('a bad --plot directory is refused before --out is written', () => {
    const out = join(dir, 'plot-case.csv');
    expectBadInput(
      run('sample', tanh, '--dataset', 'moons', '--n', '50', '--out', out, '--plot', '/nonexistent/p.svg'),
      /cannot write \/nonexistent\/p\.svg/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('SIGTERM and SIGINT in the middle of writing an output leave no temporary file, and no half-written output', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const out = join(dir, `big-${signal}.json`);
      const child = spawn(process.execPath, [bin, 'dataset', 'moons', '--n', '2000000', '--out', out], {
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // signal as soon as the temporary file appears: the write is under way
      let writing = false;
      for (let waited = 0; waited < 50_000 && child.exitCode === null && !writing; waited += 2) {
        writing = readdirSync(dir).some((f) => f.startsWith(`.big-${signal}.json.`));
        if (!writing) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(writing).toBe(true);
      child.kill(signal);
      // the write finishes (never cut short: that would be a null status, killed by the signal's default action);
      // then odeforge exits, with 128 + the signal's number if the signal is handled before the process ends
      expect([0, signal === 'SIGINT' ? 130 : 143]).toContain(await exited);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(2_000_000);
    }
  });
});

describe('--dataset fixes the dimension like --data does', () => {
  const spec = hostile('no-dimension.yaml');
  it('verify, sample, report and eval take d = 2 from a toy set', () => {
    const verify = run('verify', spec, '--dataset', '8gaussians', '--runs', '2', '--format', 'json');
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout).passed).toBe(true);
    const sample = run('sample', spec, '--dataset', '8gaussians', '--dataset-n', '100', '--n', '5');
    expect(sample.status).toBe(0);
    expect(sample.stdout.split('\n')[0]).toBe('x1,x2');
    const report = run(
      'report',
      spec,
      '--dataset',
      'moons',
      '--dataset-n',
      '100',
      '--n',
      '10',
      '--runs',
      '2',
      '--threads',
      '1',
      '-o',
      join(dir, 'no-dim.html'),
    );
    expect(report.status).toBe(0);
    const evaluated = run('eval', spec, '--dataset', 'moons', '--t', '1', '--x', '0.5,0');
    expect(evaluated.status).toBe(0);
    expect(JSON.parse(evaluated.stdout).velocity).toHaveLength(2);
  });

  it("--dim wins over the toy set's 2, and must agree with a data file", () => {
    const sample = run('sample', spec, '--dataset', 'moons', '--dataset-n', '50', '--dim', '3', '--n', '3');
    expect(sample.status).toBe(0);
    expect(sample.stdout.split('\n')[0]).toBe('x1,x2,x3');
    expectBadInput(
      run('verify', spec, '--data', hostile('two-points.csv'), '--dim', '3'),
      /--dim 3 does not match the data's dimension 2/,
    );
    expectBadInput(
      run('verify', spec, '--data', hostile('two-points.csv'), '--dataset', 'moons'),
      /give at most one of --data FILE and --dataset NAME/,
    );
  });
});
