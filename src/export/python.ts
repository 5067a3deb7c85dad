// `export --to python|torch`: a standalone module with the design's kernel sampler, log-kernel,
// conditional velocity (the regression target), path targets, prior and marginal field. Built only
// from the public Design (its derivation's Python forms); numpy and torch differ only in a prelude.
// No user string is ever code here: the name and description are escaped string constants, and every
// expression comes from the symbolic layer's printer over whitelisted functions and identifiers.
import type { DerivedQuantity, Design } from '../design/index.js';
import { OdeforgeError, type SourcePosition } from '../errors.js';
import { pythonHelperNames } from '../symbolic/index.js';
import { pythonString } from './literals.js';

export type PythonBackend = 'numpy' | 'torch';

export interface PythonOptions {
  /**
   * The spec leaves d open: D = None in the module, and every function takes d from its arrays or as a
   * keyword argument (the caller guarantees the derivation does not depend on the dimension it was built in).
   */
  openDimension?: boolean;
  /** Where the spec wrote its `parameters`, for a refused parameter name. */
  parametersAt?: SourcePosition;
}

/** The module's source text. @throws OdeforgeError when a quantity has no closed form to export. */
export function pythonModule(design: Design, backend: PythonBackend, options: PythonOptions = {}): string {
  checkParameterNames(design, options.parametersAt);
  checkHelpersDefined(backend);
  return (
    [
      header(backend),
      prelude[backend],
      helpers,
      constants(design, options),
      family(design),
      prior(design),
      marginal,
    ].join('\n\n') + '\n'
  );
}

function header(backend: PythonBackend): string {
  return `"""A diffusion ODE design exported by odeforge (${backend}); its name and description are NAME and DESCRIPTION.

Conventions (docs/mathematics.md of odeforge): time runs from data (t = 0) to noise (t = T); arrays are
batch-first, x of shape (n, d); t a scalar or shape (n,). Functions of arrays take the dimension d from
them; functions of t and r alone take d as a keyword argument that defaults to D (None when the spec leaves
the dimension open). Train a velocity model on conditional_velocity(t, x, x0) at x ~ sample_kernel(t, x0, rng);
sample by integrating the learned field from prior_sample(n, rng, d) at t = T down to t = EPS.
"""`;
}

const prelude: Record<PythonBackend, string> = {
  numpy: `import math
import numpy as xp


def _normal(rng, shape):
    return rng.standard_normal(shape)


def _uniform(rng, shape):
    return rng.random(shape)


def _array(values):
    return xp.asarray(values, dtype=xp.float64)


def _index(k):
    return k.astype(int)


_erf = xp.vectorize(math.erf, otypes=[float])
_erfc = xp.vectorize(math.erfc, otypes=[float])
_gamma = xp.vectorize(math.gamma, otypes=[float])
_lgamma = xp.vectorize(math.lgamma, otypes=[float])


def _heaviside(x):
    return xp.heaviside(x, 0.5)


def _logsumexp_weights(logw):
    w = xp.exp(logw - logw.max(axis=1, keepdims=True))
    return w / w.sum(axis=1, keepdims=True)`,
  torch: `import math
import torch
import torch as xp

xp.pi = math.pi
xp.e = math.e
torch.set_default_dtype(torch.float64)


def _normal(rng, shape):
    return torch.randn(shape, generator=rng)


def _uniform(rng, shape):
    return torch.rand(shape, generator=rng)


def _array(values):
    return torch.as_tensor(values, dtype=torch.float64)


def _index(k):
    return k.long()


_erf = torch.special.erf
_erfc = torch.special.erfc
_lgamma = torch.lgamma


def _gamma(x):
    return torch.exp(torch.lgamma(x))


def _heaviside(x):
    return torch.heaviside(x, torch.tensor(0.5, dtype=x.dtype))


def _logsumexp_weights(logw):
    return torch.softmax(logw, dim=1)`,
};

/**
 * The function catalogue's Python helpers (symbolic/functions.ts) that the backend's text does not define: the
 * printer calls `_name` for each, so a missing one would be a NameError in the user's hands.
 */
export function undefinedHelpers(backend: PythonBackend): string[] {
  const text = `${prelude[backend]}\n${helpers}`;
  return pythonHelperNames().filter((name) => !definesName(text, `_${name}`));
}

/** `def name(`, `name = …`, or `name` among the targets of a tuple assignment, at the start of a line. */
function definesName(text: string, name: string): boolean {
  return new RegExp(`^(def ${name}\\(|(_\\w+, )*${name}(, _\\w+)* = )`, 'm').test(text);
}

function checkHelpersDefined(backend: PythonBackend): void {
  const missing = undefinedHelpers(backend);
  if (missing.length > 0) throw new Error(`internal: the ${backend} prelude lacks ${missing.join(', ')}`);
}

const helpers = `def _t(t):
    return _array(t)


def _dimension(d):
    """(d, S_d), S_d = 2 pi^{d/2} / Gamma(d/2) the area of the unit sphere S^{d-1}."""
    if d is None:
        raise ValueError("this design's dimension is open: pass d (or arrays of shape (n, d))")
    return d, 2 * math.pi ** (d / 2) / math.gamma(d / 2)


def _directions(rng, n, d):
    """n directions uniform on the unit sphere S^{d-1}."""
    e = _normal(rng, (n, d))
    return e / xp.sqrt((e ** 2).sum(-1, keepdims=True))


_arcsin, _arccos, _arctan = xp.arcsin, xp.arccos, xp.arctan
_arcsinh, _arccosh, _arctanh = xp.arcsinh, xp.arccosh, xp.arctanh


def _sech(u):
    e = xp.exp(-xp.abs(u))
    return 2 * e / (1 + e * e)


def _csch(u):
    return 1 / xp.sinh(u)


def _coth(u):
    return 1 / xp.tanh(u)


def _sec(u):
    return 1 / xp.cos(u)


def _csc(u):
    return 1 / xp.sin(u)


def _cot(u):
    return 1 / xp.tan(u)


def _cbrt(u):
    return xp.sign(u) * xp.abs(u) ** (1 / 3)


def _sigmoid(u):
    return 1 / (1 + xp.exp(-u))


def _softplus(u):
    return xp.where(u > 0, u + xp.log1p(xp.exp(-xp.abs(u))), xp.log1p(xp.exp(-xp.abs(u))))


def _min(a, b):
    return xp.minimum(_array(a), _array(b))


def _max(a, b):
    return xp.maximum(_array(a), _array(b))


def _logsech(u):
    a = xp.abs(u)
    return math.log(2) - a - xp.log1p(xp.exp(-2 * a))


def _logcosh(u):
    a = xp.abs(u)
    return a + xp.log1p(xp.exp(-2 * a)) - math.log(2)


def _logsinh(u):
    a = xp.abs(u)
    return a + xp.log1p(-xp.exp(-2 * a)) - math.log(2)


def _logtanh(u):
    e = xp.exp(-2 * xp.abs(u))
    return xp.log1p(-e) - xp.log1p(e)


def _log1mexp(a):
    return xp.where(a < math.log(2), xp.log(-xp.expm1(-xp.minimum(a, math.log(2)))), xp.log1p(-xp.exp(-xp.maximum(a, math.log(2)))))


def _logaddexp(a, b):
    return xp.logaddexp(_array(a), _array(b))


_GL_NODES = [-0.906179845938664, -0.5384693101056831, 0.0, 0.5384693101056831, 0.906179845938664]
_GL_WEIGHTS = [0.23692688505618908, 0.47862867049936647, 0.5688888888888889, 0.47862867049936647, 0.23692688505618908]


def _gl5(f, a, b):
    """int_a^b f by 5-point Gauss-Legendre on two half panels (vectorized over a, b)."""
    total = 0 * a
    for lo, hi in ((a, (a + b) / 2), ((a + b) / 2, b)):
        half, mid = (hi - lo) / 2, (hi + lo) / 2
        for node, weight in zip(_GL_NODES, _GL_WEIGHTS):
            total = total + weight * half * f(mid + half * node)
    return total


def _cumulative(f, upper, panels=4096):
    """F(t) = int_0^t f for t in [0, upper]: panel sums once, one partial panel per query."""
    edges = _array([upper * i / panels for i in range(panels + 1)])
    sums = _gl5(f, edges[:-1], edges[1:])
    table = xp.concatenate([_array([0.0]), xp.cumsum(sums, 0)])

    def integral(t):
        t = _t(t)
        k = _index(xp.clip(xp.floor(t / upper * panels), 0, panels - 1))
        return table[k] + _gl5(f, edges[k], t)

    return integral`;

/** Names the module defines or imports, and Python's keywords: a parameter may not take one. */
const pythonReserved = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
  'type',
  'math',
  'xp',
  'torch',
  'functools',
  'D',
  'T',
  'EPS',
  'NAME',
  'DESCRIPTION',
  'PRIOR',
  'NOISE',
  'AUGMENT',
  'S_d',
  'psi',
  'log_phi',
  'k',
  'log_kernel',
  'conditional_velocity',
  'radial_quantile',
  'sample_kernel',
  'training_target',
  'alpha',
  'sigma',
  'dalpha',
  'dsigma',
  'prior_log_density',
  'prior_sample',
  'marginal_velocity',
]);

function checkParameterNames(design: Design, where: SourcePosition = {}): void {
  for (const name of Object.keys(design.parameters)) {
    if (pythonReserved.has(name)) {
      throw new OdeforgeError(
        `cannot export "${design.name}" to Python: the parameter name "${name}" is a Python keyword or a name of the module`,
        where,
        'rename the parameter in the spec',
      );
    }
  }
}

function constants(design: Design, options: PythonOptions): string {
  const params = Object.entries(design.parameters).map(([name, value]) => `${name} = ${pythonLiteral(value)}`);
  return [
    `NAME = ${pythonString(design.name)}`,
    `DESCRIPTION = ${pythonString(design.description)}`,
    options.openDimension
      ? 'D = None  # the spec leaves the dimension open: pass d, or arrays of shape (n, d)'
      : `D = ${design.dimension}  # dimension of x`,
    `T = ${pythonLiteral(design.T)}`,
    `EPS = ${pythonLiteral(design.epsilon)}`,
    ...params,
  ].join('\n');
}

function pythonLiteral(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

function python(design: Design, name: string): string {
  const q: DerivedQuantity | undefined = design.derivation[name];
  if (q?.python === undefined) {
    throw new OdeforgeError(
      `cannot export "${design.name}" to Python: ${name} has no closed form (it is computed by quadrature)`,
      {},
      'export supports designs whose kernel odeforge derives symbolically',
    );
  }
  return q.python;
}

/**
 * The body of a function of t, r (or ρ) and d: `return <expression>`, preceded by the binding of d and S_d
 * when the expression uses them (then d must be known: D, or the caller's).
 */
function body(expression: string, indent = '    '): string {
  const usesDimension = /\b(d|S_d)\b/.test(expression);
  return `${usesDimension ? `${indent}d, S_d = _dimension(d)\n` : ''}${indent}return ${expression}`;
}

function family(design: Design): string {
  return design.family === 'radial' ? radialFamily(design) : pathFamily(design);
}

function radialFamily(design: Design): string {
  return `# radial design: v = k_t(r) (x - x0)  (docs/mathematics.md §2 of odeforge)
def psi(t, r, d=D):
    """The cumulative radial function psi_t(r) = P(|x_t - x0| <= r)."""
${body(python(design, 'psi'))}


def log_phi(t, r, d=D):
    """log of the normalized kernel density phi_t(r) in R^d, in log space."""
${body(python(design, 'log_phi'))}


def k(t, r, d=D):
${body(`${python(design, 'k')} + 0 * r`)}


def log_kernel(t, x, x0):
    t, x = _t(t), _array(x)
    r = xp.sqrt(((x - _array(x0)) ** 2).sum(-1))
    return log_phi(t, r, x.shape[-1])


def conditional_velocity(t, x, x0):
    """The regression target v_t(x | x0) = k_t(r)(x - x0)."""
    t, x, x0 = _t(t), _array(x), _array(x0)
    r = xp.sqrt(((x - x0) ** 2).sum(-1))
    return k(t, r, x.shape[-1])[..., None] * (x - x0)


def radial_quantile(t, u, d=D, iterations=200):
    """r with psi_t(r) = u, by vectorized bisection."""
    u = _array(u)
    t = _t(t) + 0 * u
    lo, hi = 0 * u, 0 * u + 1.0
    for _ in range(200):
        grow = psi(t, hi, d) < u
        if not bool(grow.any()):
            break
        hi = xp.where(grow, 2 * hi, hi)
    for _ in range(iterations):
        mid = (lo + hi) / 2
        below = psi(t, mid, d) < u
        lo, hi = xp.where(below, mid, lo), xp.where(below, hi, mid)
    return (lo + hi) / 2


def sample_kernel(t, x0, rng):
    """x = x0 + r n, r = psi_t^{-1}(u), n uniform on the sphere."""
    x0 = _array(x0)
    n, d = x0.shape
    return x0 + radial_quantile(t, _uniform(rng, (n,)), d)[:, None] * _directions(rng, n, d)`;
}

function pathFamily(design: Design): string {
  const noise = design.fieldKernel.kind === 'path' ? design.fieldKernel.noise : { kind: 'gaussian' as const };
  return `${schedule(design)}


${noiseCode(design, noise)}


def log_kernel(t, x, x0):
    """log p_t(x | x0) = -d log sigma + log q(|x - alpha x0|^2 / sigma^2)."""
    t, x = _t(t), _array(x)
    d = x.shape[-1]
    a, s = alpha(t, d), sigma(t, d)
    rho2 = ((x - a[..., None] * _array(x0)) ** 2).sum(-1) / s ** 2
    return -d * xp.log(s) + _noise_log_density(rho2, d)


def _schedule(t, d):
    return alpha(t, d)[..., None], sigma(t, d)[..., None], dalpha(t, d)[..., None], dsigma(t, d)[..., None]


def conditional_velocity(t, x, x0):
    """The regression target v_t(x | x0) = (dsigma/sigma)(x - alpha x0) + dalpha x0."""
    t, x, x0 = _t(t), _array(x), _array(x0)
    a, s, da, ds = _schedule(t, x.shape[-1])
    return (ds / s) * (x - a * x0) + da * x0


def sample_kernel(t, x0, rng):
    """x_t = alpha_t x0 + sigma_t z."""
    t, x0 = _t(t), _array(x0)
    n, d = x0.shape
    z = _noise_sample(rng, n, d)
    return alpha(t, d)[..., None] * x0 + sigma(t, d)[..., None] * z


def training_target(t, x0, z, parameterization="velocity"):
    """(x_t, target) for x_t = alpha x0 + sigma z: velocity, epsilon (= z), x0, or score (gaussian noise)."""
    t, x0, z = _t(t), _array(x0), _array(z)
    a, s, da, ds = _schedule(t, x0.shape[-1])
    x = a * x0 + s * z
    targets = {
        "velocity": lambda: da * x0 + ds * z,
        "epsilon": lambda: z,
        "x0": lambda: x0,
        "score": lambda: -z / s,
    }
    if parameterization == "score" and NOISE != "gaussian":
        raise ValueError("the score is linear in z only for gaussian noise")
    return x, targets[parameterization]()`;
}

function schedule(design: Design): string {
  const d = design.derivation;
  if (d.alpha?.python !== undefined && d.sigma?.python !== undefined) {
    const fn = (name: string) => `def ${name}(t, d=D):\n    t = _t(t)\n${body(`${python(design, name)} + 0 * t`)}`;
    return `# schedule: alpha_t and sigma_t in closed form
${['alpha', 'sigma', 'dalpha', 'dsigma'].map(fn).join('\n\n\n')}`;
  }
  return `# schedule of dx = f(t) x dt + g(t) dw by quadrature (no closed form): alpha = exp int f, sigma^2 = alpha^2 int g^2/alpha^2
def _f(t, d=D):
${body(`${python(design, 'drift')} + 0 * t`)}


def _g2(t, d=D):
${body(`(${python(design, 'diffusion')}) ** 2 + 0 * t`)}


_integrals_by_dimension = {}


def _integrals(d):
    """(int_0^t f, int_0^t g^2/alpha^2) as functions of t, tabulated once per dimension."""
    if d not in _integrals_by_dimension:
        log_alpha = _cumulative(lambda s: _f(s, d), T)
        variance = _cumulative(lambda s: _g2(s, d) * xp.exp(-2 * log_alpha(s)), T)
        _integrals_by_dimension[d] = (log_alpha, variance)
    return _integrals_by_dimension[d]


def alpha(t, d=D):
    return xp.exp(_integrals(d)[0](t))


def sigma(t, d=D):
    return alpha(t, d) * xp.sqrt(_integrals(d)[1](t))


def dalpha(t, d=D):
    return _f(_t(t), d) * alpha(t, d)


def dsigma(t, d=D):
    s = sigma(t, d)
    return (2 * _f(_t(t), d) * s ** 2 + _g2(_t(t), d)) / (2 * s)`;
}

function noiseCode(design: Design, noise: { kind: string; augment?: number }): string {
  if (noise.kind === 'gaussian') {
    return `NOISE = "gaussian"


def _noise_log_density(rho2, d):
    return -rho2 / 2 - (d / 2) * math.log(2 * math.pi)


def _noise_sample(rng, n, d):
    return _normal(rng, (n, d))`;
  }
  if (noise.kind === 'poisson') {
    return `NOISE = "poisson"
AUGMENT = ${noise.augment ?? 1}


def _noise_log_density(rho2, d):
    """log of C_{d,D} (1 + rho^2)^{-(d+D)/2}, C_{d,D} = Gamma((d+D)/2) / (pi^{d/2} Gamma(D/2))."""
    log_c = math.lgamma((d + AUGMENT) / 2) - (d / 2) * math.log(math.pi) - math.lgamma(AUGMENT / 2)
    return log_c - (d + AUGMENT) / 2 * xp.log1p(rho2)


def _noise_sample(rng, n, d):
    """The ratio-of-Gaussians trick: z = eps_x / |eps_D|."""
    ex = _normal(rng, (n, d))
    eD = _normal(rng, (n, AUGMENT))
    return ex / xp.sqrt((eD ** 2).sum(-1, keepdims=True))`;
  }
  return `NOISE = "radial"


def _noise_cdf(r, d=D, t=1.0):
${body(`${python(design, 'noise_cdf')} + 0 * r`)}


def _noise_log_density(rho2, d, t=1.0):
    r = xp.sqrt(rho2)
${body(python(design, 'noise_log_density'))}


def _noise_sample(rng, n, d):
    u = _uniform(rng, (n,))
    lo, hi = 0 * u, 0 * u + 1.0
    for _ in range(200):
        grow = _noise_cdf(hi, d) < u
        if not bool(grow.any()):
            break
        hi = xp.where(grow, 2 * hi, hi)
    for _ in range(200):
        mid = (lo + hi) / 2
        below = _noise_cdf(mid, d) < u
        lo, hi = xp.where(below, mid, lo), xp.where(below, hi, mid)
    return ((lo + hi) / 2)[:, None] * _directions(rng, n, d)`;
}

function prior(design: Design): string {
  if (design.prior.kind === 'custom') return customPrior(design);
  return `# prior (${design.prior.kind}): the design's kernel at T centred at 0  (docs/mathematics.md §7 of odeforge)
PRIOR = "${design.prior.kind}"


def prior_log_density(x):
    x = _array(x)
    return log_kernel(T, x, 0 * x)


def prior_sample(n, rng, d=D):
    return sample_kernel(T, _array([[0.0] * _dimension(d)[0]] * n), rng)`;
}

/** ρ(r) normalized by Z = S_{d−1} ∫_0^∞ ρ(r) r^{d−1} dr, tabulated per dimension; radii by inverting the table. */
function customPrior(design: Design): string {
  return `# prior (custom): rho(r) / Z with Z = S_{d-1} int_0^inf rho(r) r^{d-1} dr, by quadrature in u = r / (1 + r)
PRIOR = "custom"


def _prior_density(r, d=D):
    """The spec's unnormalized radial density rho(r)."""
${body(python(design, 'prior'))}


_prior_tables = {}


def _prior_table(d, panels=4096):
    """(panel edges in u, cumulative radial mass at the edges, the mass integrand in u) for dimension d."""
    if d not in _prior_tables:
        def mass(u):
            r = u / (1 - u)
            return _prior_density(r, d) * r ** (d - 1) / (1 - u) ** 2
        edges = _array([i / panels for i in range(panels + 1)])
        cumulative = xp.concatenate([_array([0.0]), xp.cumsum(_gl5(mass, edges[:-1], edges[1:]), 0)])
        _prior_tables[d] = (edges, cumulative, mass)
    return _prior_tables[d]


def prior_log_density(x):
    x = _array(x)
    d = x.shape[-1]
    total = _prior_table(d)[1][-1]
    log_z = math.log(_dimension(d)[1]) + math.log(float(total))
    return xp.log(_prior_density(xp.sqrt((x ** 2).sum(-1)), d)) - log_z


def prior_sample(n, rng, d=D, iterations=60):
    """Radii by inverting the radial CDF: the table's panel, then bisection inside it; directions uniform."""
    d = _dimension(d)[0]
    edges, cumulative, mass = _prior_table(d)
    target = _uniform(rng, (n,)) * cumulative[-1]
    k = xp.clip(_index(xp.searchsorted(cumulative, target)) - 1, 0, edges.shape[0] - 2)
    lo, hi = edges[k], edges[k + 1]
    need = target - cumulative[k]
    start = edges[k]
    for _ in range(iterations):
        mid = (lo + hi) / 2
        below = _gl5(mass, start, mid) < need
        lo, hi = xp.where(below, mid, lo), xp.where(below, hi, mid)
    u = (lo + hi) / 2
    return (u / (1 - u))[:, None] * _directions(rng, n, d)`;
}

const marginal = `def marginal_velocity(t, x, data):
    """The exact marginal velocity of an empirical data set: sum_i w_i v_t(x | x_i), softmax weights of log-kernels."""
    x, data = _array(x), _array(data)
    (n, d), m = x.shape, data.shape[0]
    xs = x[:, None, :] + 0 * data[None, :, :]
    x0s = data[None, :, :] + 0 * x[:, None, :]
    logw = log_kernel(t, xs.reshape(n * m, d), x0s.reshape(n * m, d)).reshape(n, m)
    w = _logsumexp_weights(logw)
    v = conditional_velocity(t, xs.reshape(n * m, d), x0s.reshape(n * m, d)).reshape(n, m, d)
    return (w[..., None] * v).sum(1)`;
