// The exported NumPy module, run by python3, agrees with odeforge at random points to 1e-10 relative.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../src/design/index.js';
import { exportDesign } from '../../src/export/index.js';
import { createRng } from '../../src/numeric/rng.js';
import { example } from '../helpers.js';

const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
const haveNumpy = numpy.status === 0;
if (!haveNumpy) console.warn('skipping the exported-module tests: python3 with numpy is not available here');

const exportable = ['tanh.yaml', 'exp-radial.yaml', 'gaussian-density.yaml', 've.yaml', 'vp-sde.yaml', 'subvp-sde.yaml',
  've-sde.yaml', 'pfgm.yaml', 'pfgmpp.yaml', 'rectified-flow.yaml', 'cosine.yaml', 'student-path.yaml'];

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

describe.skipIf(!haveNumpy).each(exportable)('export --to python: %s', (file) => {
  it('agrees with odeforge to 1e-10 relative at random points', () => {
    const design = loadDesign(example(file));
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
    writeFileSync(join(dir, 'design.py'), exportDesign(design, 'python'));
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
    writeFileSync(join(dir, 'run.py'), script);
    const run = spawnSync('python3', [join(dir, 'run.py'), join(dir, 'design.py'), join(dir, 'cases.json')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as { logDensity: number; velocity: number[]; prior: number; marginal: number[]; schedule?: number[] }[];
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(b)));
    cases.forEach((c, i) => {
      const r = results[i]!;
      close(r.logDensity, design.kernel.logDensity(c.t, c.x, c.x0));
      design.conditionalVelocity(c.t, c.x, c.x0).forEach((v, j) => close(r.velocity[j]!, v));
      close(r.prior, design.prior.logDensity(c.x));
      design.field(new Float64Array(c.data.flat())).velocity(c.t, c.x).forEach((v, j) => close(r.marginal[j]!, v));
      if (design.schedule) {
        const s = design.schedule(c.t);
        [s.alpha, s.sigma, s.dAlpha, s.dSigma].forEach((v, j) => close(r.schedule![j]!, v));
      }
    });
  });
});

describe('export targets', () => {
  it('latex is an align* fragment with conventional symbols', () => {
    const text = exportDesign(loadDesign(example('tanh.yaml')), 'latex');
    expect(text).toContain('\\begin{align*}');
    expect(text).toContain('k_t(r) &= \\frac{1}{{t}}');
  });
  it('torch module is valid Python', () => {
    if (!haveNumpy) return;
    const dir = mkdtempSync(join(tmpdir(), 'odeforge-torch-'));
    const file = join(dir, 'design_torch.py');
    writeFileSync(file, exportDesign(loadDesign(example('pfgm.yaml')), 'torch'));
    expect(spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' }).status).toBe(0);
  });
  it('refuses an unknown target and a custom prior with a clear message', () => {
    expect(() => exportDesign(loadDesign(example('tanh.yaml')), 'fortran')).toThrow(/--to must be one of latex, python, torch, json/);
    expect(() => exportDesign(loadDesign(example('custom-prior.yaml')), 'python')).toThrow(/custom priors are not exported yet/);
  });
});
