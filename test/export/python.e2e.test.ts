// The exported NumPy module, run by python3, agrees with odeforge at random points to 1e-10 relative; the
// exported torch module compiles. Skipped, saying so in the test names, where python3 or numpy is missing.
// In-process checks of the export targets are in python.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesign, type Design } from '../../src/design/index.js';
import { exportDesign, exportSpecFile } from '../../src/export/index.js';
import { ksTest } from '../../src/numeric/ks.js';
import { createRng } from '../../src/numeric/rng.js';
import { example } from '../helpers.js';
import { haveNumpy, havePython, needsNumpy, needsPython } from '../python.js';

const exportable = [
  'tanh.yaml',
  'exp-radial.yaml',
  'gaussian-density.yaml',
  've.yaml',
  'vp-sde.yaml',
  'subvp-sde.yaml',
  've-sde.yaml',
  'pfgm.yaml',
  'pfgmpp.yaml',
  'rectified-flow.yaml',
  'cosine.yaml',
  'student-path.yaml',
  'custom-prior.yaml',
];

const script = `
import json, sys, importlib.util
spec = importlib.util.spec_from_file_location("design", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
import numpy as np
cases = json.load(open(sys.argv[2]))
out = []
for c in cases:
    x, x0, t = np.array([c["x"]]), np.array([c["x0"]]), c["t"]
    row = {
        "logDensity": float(m.log_kernel(t, x, x0)[0]),
        "velocity": m.conditional_velocity(t, x, x0)[0].tolist(),
        "prior": float(m.prior_log_density(x)[0]),
        "marginal": m.marginal_velocity(t, x, np.array(c["data"]))[0].tolist(),
    }
    if hasattr(m, "alpha"):
        row["schedule"] = [float(m.alpha(t)), float(m.sigma(t)), float(m.dalpha(t)), float(m.dsigma(t))]
    out.append(row)
print(json.dumps(out))
`;

/** Run the comparison script on `module` at random cases of `design`; every value agrees to 1e-10 relative. */
function expectModuleAgrees(module: string, design: Design): void {
  const rng = createRng(99);
  const d = design.dimension;
  const cases = Array.from({ length: 6 }, () => {
    const t = design.epsilon * 10 + rng.uniform() * (design.T - design.epsilon * 10);
    const scale = design.schedule ? design.schedule(t).sigma : t;
    const x0 = Array.from({ length: d }, () => rng.normal());
    const x = x0.map((v) => v + scale * rng.normal());
    const data = Array.from({ length: 3 }, () => Array.from({ length: d }, () => rng.normal()));
    return { t, x, x0, data };
  });
  const dir = mkdtempSync(join(tmpdir(), 'odeforge-export-'));
  writeFileSync(join(dir, 'design.py'), module);
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
  writeFileSync(join(dir, 'run.py'), script);
  const run = spawnSync('python3', [join(dir, 'run.py'), join(dir, 'design.py'), join(dir, 'cases.json')], {
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  const results = JSON.parse(run.stdout) as {
    logDensity: number;
    velocity: number[];
    prior: number;
    marginal: number[];
    schedule?: number[];
  }[];
  const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(b)));
  cases.forEach((c, i) => {
    const r = results[i]!;
    close(r.logDensity, design.kernel.logDensity(c.t, c.x, c.x0));
    design.conditionalVelocity(c.t, c.x, c.x0).forEach((v, j) => close(r.velocity[j]!, v));
    close(r.prior, design.prior.logDensity(c.x));
    design
      .field(new Float64Array(c.data.flat()))
      .velocity(c.t, c.x)
      .forEach((v, j) => close(r.marginal[j]!, v));
    if (design.schedule) {
      const s = design.schedule(c.t);
      [s.alpha, s.sigma, s.dAlpha, s.dSigma].forEach((v, j) => close(r.schedule![j]!, v));
    }
  });
}

describe.skipIf(!haveNumpy).each(exportable)(`export --to python: %s${needsNumpy}`, (file) => {
  it('agrees with odeforge to 1e-10 relative at random points', () => {
    const design = loadDesign(example(file));
    expectModuleAgrees(exportDesign(design, 'python'), design);
  });
});

/** Examples exported without a dimension: one module, evaluated in d = 1 (2 for the custom prior, not normalizable in d = 1), 3 and 4 against the design built there. */
const openDimension = [
  'tanh.yaml',
  've.yaml',
  'subvp-sde.yaml',
  'pfgmpp.yaml',
  'student-path.yaml',
  'custom-prior.yaml',
];

describe.skipIf(!haveNumpy).each(openDimension)(`export --to python without a dimension: %s${needsNumpy}`, (file) => {
  it('one module serves every d (D = None), agreeing with the design built in that d', () => {
    const dir = mkdtempSync(join(tmpdir(), 'odeforge-open-'));
    const spec = join(dir, file);
    writeFileSync(spec, readFileSync(example(file), 'utf8').replace(/^dimension: \d+\n/m, ''));
    const module = exportSpecFile(spec, 'python');
    expect(module).toContain('\nD = None');
    for (const d of file === 'custom-prior.yaml' ? [2, 3, 4] : [1, 3, 4])
      expectModuleAgrees(module, loadDesign(spec, { dimension: d }));
  });
});

describe.skipIf(!haveNumpy)(`custom prior in the exported module${needsNumpy}`, () => {
  it("prior_sample draws radii with the prior's radial CDF (KS, d = 2 and 3)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'odeforge-custom-'));
    const spec = join(dir, 'custom.yaml');
    writeFileSync(spec, readFileSync(example('custom-prior.yaml'), 'utf8').replace(/^dimension: \d+\n/m, ''));
    writeFileSync(join(dir, 'design.py'), exportSpecFile(spec, 'python'));
    for (const d of [2, 3]) {
      const code = `import json, numpy as np, design\nx = design.prior_sample(4000, np.random.default_rng(5), ${d})\nprint(json.dumps(np.sqrt((x ** 2).sum(-1)).tolist()))`;
      const run = spawnSync('python3', ['-c', code], { cwd: dir, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const radii = JSON.parse(run.stdout) as number[];
      expect(radii).toHaveLength(4000);
      const prior = loadDesign(spec, { dimension: d }).prior;
      expect(ksTest(radii, (r) => prior.radialCdf(r)).pValue).toBeGreaterThan(1e-4);
    }
  });
});

describe('export --to torch', () => {
  it.skipIf(!havePython)(`torch module is valid Python (py_compile)${needsPython}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'odeforge-torch-'));
    const file = join(dir, 'design_torch.py');
    writeFileSync(file, exportDesign(loadDesign(example('pfgm.yaml')), 'torch'));
    expect(spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' }).status).toBe(0);
  });
});
