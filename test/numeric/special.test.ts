import { describe, expect, it } from 'vitest';
import {
  betaI,
  betaIc,
  betaIInv,
  erf,
  erfc,
  erfinv,
  gammaFn,
  gammaP,
  gammaPInv,
  gammaQ,
  gammaQInv,
  lgamma,
  logBeta,
  logGammaP,
  logGammaQ,
  logPoissonConstant,
  logSphereArea,
  normalCdf,
  normalQuantile,
} from '../../src/numeric/special.js';
import {
  BETA_I,
  BETA_IC_SMALL_A,
  ERF,
  ERFINV,
  GAMMA,
  GAMMA_PQ,
  LGAMMA,
  LOG_BETA,
  LOG_GAMMA_P,
  LOG_GAMMA_Q,
  LOG_POISSON_CONSTANT,
  NORMAL_CDF,
  NORMAL_QUANTILE,
} from './special.fixtures.js';

const EPS = 2.220446049250313e-16;

/** |got − want| / |want| (absolute when want = 0). */
function relErr(got: number, want: number): number {
  if (got === want) return 0;
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}

/** Largest relative error over the rows, with the row where it occurs (for a readable failure). */
function worst<T>(rows: T[], error: (row: T) => number): { error: number; row?: T } {
  let result: { error: number; row?: T } = { error: 0 };
  for (const row of rows) {
    const e = error(row);
    if (!(e <= result.error)) result = { error: e, row };
  }
  return result;
}

/** n! as a float64 (exact BigInt product, rounded once). */
function factorial(n: number): number {
  let f = 1n;
  for (let k = 2n; k <= BigInt(n); k++) f *= k;
  return Number(f);
}

/** Probabilities from 1e-10 to 1 − 1e-10 (the upper ones exact as 1 − 10^k). */
const PROBABILITIES = [1e-10, 1e-7, 1e-4, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-4, 1 - 1e-7, 1 - 1e-10];
const SHAPES = [0.5, 1, 5, 50, 500];

describe('lgamma', () => {
  it('matches closed forms: log Γ(1/2) = log √π, log Γ(n) = log (n−1)!, lgamma(100)', () => {
    expect(relErr(lgamma(0.5), 0.5723649429247001)).toBeLessThan(2 * EPS);
    expect(relErr(lgamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(2 * EPS);
    for (let n = 3; n <= 30; n++) expect(relErr(lgamma(n), Math.log(factorial(n - 1)))).toBeLessThan(4 * EPS);
    expect(relErr(lgamma(100), 359.1342053695754)).toBeLessThan(2 * EPS);
    expect(lgamma(1)).toBe(0);
    expect(lgamma(2)).toBe(0);
  });

  it('matches mpmath from 1e-300 to 1e300, relatively, also next to the zeros at 1 and 2', () => {
    const { error, row } = worst(LGAMMA, ([x, v]) => relErr(lgamma(x), v));
    expect(error, `at ${row}`).toBeLessThan(4 * EPS);
  });

  it('returns NaN off its domain and +∞ at +∞', () => {
    expect(lgamma(0)).toBeNaN();
    expect(lgamma(-1.5)).toBeNaN();
    expect(lgamma(NaN)).toBeNaN();
    expect(lgamma(Infinity)).toBe(Infinity);
  });
});

describe('gammaFn', () => {
  it('gives (n−1)! exactly up to 22! and to a few ulp up to 170!', () => {
    for (let n = 1; n <= 23; n++) expect(gammaFn(n)).toBe(factorial(n - 1));
    for (let n = 24; n <= 171; n++) expect(relErr(gammaFn(n), factorial(n - 1))).toBeLessThan(8 * EPS);
  });

  it('matches Γ(1/2) = √π and mpmath, and overflows only past 171.62', () => {
    expect(relErr(gammaFn(0.5), Math.sqrt(Math.PI))).toBeLessThan(2 * EPS);
    const { error, row } = worst(GAMMA, ([x, v]) => relErr(gammaFn(x), v));
    expect(error, `at ${row}`).toBeLessThan(8 * EPS);
    expect(gammaFn(171.7)).toBe(Infinity);
    expect(gammaFn(-1)).toBeNaN();
  });
});

describe('logBeta', () => {
  it('matches mpmath, including arguments 1e8 and 1e10 where the lgamma sum would cancel', () => {
    // Absolute error: log B crosses 0, and for large arguments the value is ~1e10.
    const { error, row } = worst(LOG_BETA, ([a, b, v]) => Math.abs(logBeta(a, b) - v) / Math.max(1, Math.abs(v)));
    expect(error, `at ${row}`).toBeLessThan(8 * EPS);
  });

  it('is symmetric and equals log(1/a) at b = 1', () => {
    expect(logBeta(3.5, 0.25)).toBe(logBeta(0.25, 3.5));
    for (const a of [0.5, 2, 30, 1e6]) expect(relErr(logBeta(a, 1), -Math.log(a))).toBeLessThan(4 * EPS);
  });
});

describe('gammaP and gammaQ', () => {
  it('match P(1, x) = 1 − e^{−x} and Q(1, x) = e^{−x}, also far in the upper tail', () => {
    for (const x of [1e-10, 0.01, 0.5, 1, 3, 20]) expect(relErr(gammaP(1, x), -Math.expm1(-x))).toBeLessThan(4 * EPS);
    // Q(1, x) has condition number x: rounding x alone moves e^{−x} by x·ε/2.
    for (const x of [0.5, 3, 20, 100, 700])
      expect(relErr(gammaQ(1, x), Math.exp(-x))).toBeLessThan(4 * EPS * Math.max(1, x));
  });

  it('match P(1/2, x) = erf(√x) and Q(1/2, x) = erfc(√x) (x perfect squares, so √x is exact)', () => {
    for (const s of [0.125, 0.5, 1, 2, 5, 10, 25]) {
      expect(relErr(gammaP(0.5, s * s), erf(s))).toBeLessThan(8 * EPS);
      expect(relErr(gammaQ(0.5, s * s), erfc(s))).toBeLessThan(8 * EPS * Math.max(1, s * s));
    }
  });

  it('match the Poisson sum Q(n, x) = e^{−x} Σ_{k<n} x^k/k! for integer n', () => {
    for (const n of [2, 3, 7, 15]) {
      for (const x of [0.5, 2, 6, 15, 40]) {
        let term = 1;
        let sum = 1;
        for (let k = 1; k < n; k++) {
          term *= x / k;
          sum += term;
        }
        expect(relErr(gammaQ(n, x), Math.exp(-x) * sum)).toBeLessThan(16 * EPS * Math.max(1, x));
      }
    }
  });

  it('match mpmath on a grid of a from 1e-8 to 1e4 within 32ε times the condition number x·p(x)/F', () => {
    const p = worst(GAMMA_PQ, ([a, x, want, , cond]) => relErr(gammaP(a, x), want) / Math.max(1, cond));
    const q = worst(GAMMA_PQ, ([a, x, , want, , cond]) => relErr(gammaQ(a, x), want) / Math.max(1, cond));
    expect(p.error, `P at ${p.row}`).toBeLessThan(32 * EPS);
    expect(q.error, `Q at ${q.row}`).toBeLessThan(32 * EPS);
  });

  it('have logarithms that stay accurate where P or Q underflows', () => {
    for (const [a, x, v] of LOG_GAMMA_Q) expect(relErr(logGammaQ(a, x), v)).toBeLessThan(16 * EPS);
    for (const [a, x, v] of LOG_GAMMA_P) expect(relErr(logGammaP(a, x), v)).toBeLessThan(16 * EPS);
    expect(gammaQ(1, 1e5)).toBe(0);
    expect(logGammaQ(1, 1e5)).toBe(-1e5);
  });

  it('take their boundary values and reject invalid arguments', () => {
    expect(gammaP(2, 0)).toBe(0);
    expect(gammaQ(2, 0)).toBe(1);
    expect(gammaP(2, Infinity)).toBe(1);
    expect(gammaQ(2, Infinity)).toBe(0);
    expect(gammaP(0, 1)).toBeNaN();
    expect(gammaP(1, -1)).toBeNaN();
  });
});

describe('gammaPInv and gammaQInv', () => {
  it('invert P(1, ·) and Q(1, ·) in closed form: x = −log(1 − p), x = −log q', () => {
    for (const p of PROBABILITIES) {
      expect(relErr(gammaPInv(1, p), -Math.log1p(-p))).toBeLessThan(1e-14);
      expect(relErr(gammaQInv(1, p), -Math.log(p))).toBeLessThan(1e-14);
    }
  });

  it('invert P(1/2, ·) as x = erfinv(p)²', () => {
    for (const p of [1e-8, 0.01, 0.3, 0.5, 0.8, 0.99])
      expect(relErr(gammaPInv(0.5, p), erfinv(p) ** 2)).toBeLessThan(1e-14);
  });

  it('round-trip to 1e-12 relative in the small tail, for a in {0.5, 1, 5, 50, 500} and p in [1e-10, 1 − 1e-10]', () => {
    for (const a of SHAPES) {
      for (const p of PROBABILITIES) {
        const x = gammaPInv(a, p);
        const back = p <= 0.5 ? gammaP(a, x) : gammaQ(a, x);
        expect(relErr(back, Math.min(p, 1 - p)), `a = ${a}, p = ${p}`).toBeLessThan(1e-12);
        const xq = gammaQInv(a, p);
        const backQ = p <= 0.5 ? gammaQ(a, xq) : gammaP(a, xq);
        expect(relErr(backQ, Math.min(p, 1 - p)), `a = ${a}, q = ${p}`).toBeLessThan(1e-12);
      }
    }
  });

  it('bracket the root within 1e-12 relative in x, deep into both tails', () => {
    for (const a of [0.01, ...SHAPES, 1e4]) {
      for (const p of [1e-300, 1e-100, ...PROBABILITIES, 1 - 1e-15]) {
        const x = gammaPInv(a, p);
        if (!(x > 1e-300)) continue; // the root underflows (a = 0.01, tiny p)
        const [below, above] = [x * (1 - 1e-12), x * (1 + 1e-12)];
        if (p <= 0.5) expect(gammaP(a, below) <= p && p <= gammaP(a, above), `a = ${a}, p = ${p}`).toBe(true);
        else expect(gammaQ(a, below) >= 1 - p && 1 - p >= gammaQ(a, above), `a = ${a}, p = ${p}`).toBe(true);
      }
    }
  });

  it('take their boundary values', () => {
    expect(gammaPInv(3, 0)).toBe(0);
    expect(gammaPInv(3, 1)).toBe(Infinity);
    expect(gammaQInv(3, 0)).toBe(Infinity);
    expect(gammaQInv(3, 1)).toBe(0);
    expect(gammaPInv(3, 1.5)).toBeNaN();
  });
});

describe('betaI and betaIc', () => {
  it('match the closed forms I_x(1,1) = x, I_x(a,1) = x^a, I_x(1,b) = 1 − (1−x)^b, I_x(½,½) = (2/π) asin √x', () => {
    for (const x of [1e-9, 0.01, 0.25, 0.5, 0.75, 0.999]) {
      expect(relErr(betaI(1, 1, x), x)).toBeLessThan(4 * EPS);
      for (const a of [0.5, 3, 40]) expect(relErr(betaI(a, 1, x), x ** a)).toBeLessThan(8 * EPS * a);
      for (const b of [0.5, 3, 40]) expect(relErr(betaIc(1, b, x), (1 - x) ** b)).toBeLessThan(8 * EPS * b);
      expect(relErr(betaI(0.5, 0.5, x), (2 / Math.PI) * Math.asin(Math.sqrt(x)))).toBeLessThan(8 * EPS);
    }
  });

  it('satisfy the symmetry I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    for (const [a, b] of [
      [0.5, 3],
      [2.5, 10],
      [40, 7],
      [200, 300],
    ] as const) {
      for (const x of [0.125, 0.25, 0.5, 0.75, 0.875]) {
        expect(Math.abs(betaI(a, b, x) - (1 - betaI(b, a, 1 - x)))).toBeLessThan(4 * EPS);
        expect(relErr(betaIc(a, b, x), betaI(b, a, 1 - x))).toBeLessThan(4 * EPS);
      }
    }
  });

  it('match mpmath for a, b in [0.5, 1000] within 32ε times the condition number, for I and its complement', () => {
    const i = worst(BETA_I, ([a, b, x, want, , cond]) => relErr(betaI(a, b, x), want) / Math.max(1, cond));
    const ic = worst(BETA_I, ([a, b, x, , want, , cond]) => relErr(betaIc(a, b, x), want) / Math.max(1, cond));
    expect(i.error, `I at ${i.row}`).toBeLessThan(32 * EPS);
    expect(ic.error, `1 − I at ${ic.row}`).toBeLessThan(32 * EPS);
  });

  it('keep the complement accurate when a small a puts I close to 1', () => {
    const { error, row } = worst(BETA_IC_SMALL_A, ([a, b, x, want]) => relErr(betaIc(a, b, x), want));
    expect(error, `at ${row}`).toBeLessThan(1e-13);
  });

  it('take their boundary values and reject invalid shapes', () => {
    expect(betaI(2, 3, 0)).toBe(0);
    expect(betaI(2, 3, 1)).toBe(1);
    expect(betaIc(2, 3, 0)).toBe(1);
    expect(betaI(0, 3, 0.5)).toBeNaN();
    expect(betaI(2, 3, NaN)).toBeNaN();
  });
});

describe('betaIInv', () => {
  it('inverts the closed forms: x = p (a = b = 1), x = p^{1/a} (b = 1), x = sin²(πp/2) (a = b = ½)', () => {
    for (const p of PROBABILITIES) {
      expect(relErr(betaIInv(1, 1, p), p)).toBeLessThan(1e-14);
      expect(relErr(betaIInv(3, 1, p), p ** (1 / 3))).toBeLessThan(1e-14);
      expect(relErr(betaIInv(0.5, 0.5, p), Math.sin((Math.PI * p) / 2) ** 2)).toBeLessThan(1e-13);
    }
  });

  it('round-trips to 1e-12 relative in the small tail for a, b in {0.5, 1, 5, 50, 500}', () => {
    for (const a of SHAPES) {
      for (const b of SHAPES) {
        for (const p of PROBABILITIES) {
          const x = betaIInv(a, b, p);
          // Where 1 − x is below 1e-3, float64 x cannot resolve 1 − I any better than 1e-13/(1 − x) ⋯ skip.
          if (p > 0.5 && x > 1 - 1e-3) continue;
          const back = p <= 0.5 ? betaI(a, b, x) : betaIc(a, b, x);
          expect(relErr(back, Math.min(p, 1 - p)), `a = ${a}, b = ${b}, p = ${p}`).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('brackets the root within 1e-12 relative in x, including x within 1e-15 of 0 and shapes 0.01 and 1000', () => {
    for (const a of [0.01, ...SHAPES, 1000]) {
      for (const b of [0.01, ...SHAPES, 1000]) {
        for (const p of [1e-100, ...PROBABILITIES]) {
          const x = betaIInv(a, b, p);
          if (!(x > 1e-300)) continue; // the root underflows
          const below = x * (1 - 1e-12);
          const above = Math.min(1, x * (1 + 1e-12));
          const ok =
            p <= 0.5
              ? betaI(a, b, below) <= p && p <= betaI(a, b, above)
              : betaIc(a, b, below) >= 1 - p && 1 - p >= betaIc(a, b, above);
          expect(ok, `a = ${a}, b = ${b}, p = ${p}, x = ${x}`).toBe(true);
        }
      }
    }
  });

  it('takes its boundary values', () => {
    expect(betaIInv(2, 3, 0)).toBe(0);
    expect(betaIInv(2, 3, 1)).toBe(1);
    expect(betaIInv(2, 3, -0.1)).toBeNaN();
  });
});

describe('erf and erfc', () => {
  it('match the quoted values erf(1), erfc(5), erfc(10)', () => {
    expect(relErr(erf(1), 0.8427007929497149)).toBeLessThan(2 * EPS);
    expect(relErr(erfc(5), 1.5374597944280349e-12)).toBeLessThan(4 * EPS);
    expect(relErr(erfc(10), 2.088487583762545e-45)).toBeLessThan(4 * EPS);
  });

  it('match mpmath to a few ulp, erfc relatively down to underflow', () => {
    const e = worst(ERF, ([x, v]) => relErr(erf(x), v));
    const c = worst(ERF, ([x, , v]) => relErr(erfc(x), v));
    expect(e.error, `erf at ${e.row}`).toBeLessThan(4 * EPS);
    expect(c.error, `erfc at ${c.row}`).toBeLessThan(4 * EPS);
  });

  it('are odd and reflected: erf(−x) = −erf(x), erfc(−x) = 2 − erfc(x)', () => {
    for (const x of [0.1, 0.7, 2.5, 6]) {
      expect(erf(-x)).toBe(-erf(x));
      expect(erfc(-x)).toBe(2 - erfc(x));
    }
  });

  it('saturate at ±∞ and propagate NaN', () => {
    expect(erf(Infinity)).toBe(1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    for (const f of [erf, erfc, normalCdf]) expect(f(NaN)).toBeNaN();
  });
});

describe('normalCdf, normalQuantile and erfinv', () => {
  it('normalCdf matches mpmath relatively down to 1e-300 and agrees with erfc(−x/√2)/2', () => {
    const { error, row } = worst(NORMAL_CDF, ([x, v]) => relErr(normalCdf(x), v));
    expect(error, `at ${row}`).toBeLessThan(4 * EPS);
    // Rounding x/√2 alone costs a relative x²ε in the tail.
    for (const x of [-20, -3, -1, 0.5, 2])
      expect(relErr(normalCdf(x), 0.5 * erfc(-x * Math.SQRT1_2))).toBeLessThan(4 * EPS * Math.max(1, x * x));
  });

  it('normalQuantile matches mpmath from 1e-300 to 1 − 1e-10 and inverts normalCdf', () => {
    const { error, row } = worst(NORMAL_QUANTILE, ([p, v]) => relErr(normalQuantile(p), v));
    expect(error, `at ${row}`).toBeLessThan(4 * EPS);
    // Φ(z) has condition number ≈ z² in the tail, so the round trip is allowed 4ε·z².
    for (const p of [1e-200, 1e-12, 0.001, 0.2, 0.5, 0.9]) {
      const z = normalQuantile(p);
      expect(relErr(normalCdf(z), p)).toBeLessThan(4 * EPS * Math.max(1, z * z));
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(2)).toBeNaN();
  });

  it('erfinv matches mpmath, keeps full accuracy at y = 1e-20, and inverts erf', () => {
    const { error, row } = worst(ERFINV, ([y, v]) => relErr(erfinv(y), v));
    expect(error, `at ${row}`).toBeLessThan(4 * EPS);
    for (const y of [-0.7, 1e-5, 0.3, 0.95]) expect(relErr(erf(erfinv(y)), y)).toBeLessThan(1e-14);
    expect(erfinv(1)).toBe(Infinity);
    expect(erfinv(-1)).toBe(-Infinity);
  });
});

describe('normalizing constants', () => {
  it('logSphereArea gives S_0 = 2, S_1 = 2π, S_2 = 4π, S_3 = 2π²', () => {
    expect(relErr(logSphereArea(1), Math.log(2))).toBeLessThan(4 * EPS);
    expect(relErr(logSphereArea(2), Math.log(2 * Math.PI))).toBeLessThan(4 * EPS);
    expect(relErr(logSphereArea(3), Math.log(4 * Math.PI))).toBeLessThan(4 * EPS);
    expect(relErr(logSphereArea(4), Math.log(2 * Math.PI ** 2))).toBeLessThan(4 * EPS);
  });

  it('logPoissonConstant equals log(Γ((d+1)/2)/π^{(d+1)/2}) at D = 1 (docs/mathematics.md §4) and matches mpmath for large d, D', () => {
    for (const d of [1, 2, 3, 5, 10]) {
      const expected = lgamma((d + 1) / 2) - ((d + 1) / 2) * Math.log(Math.PI);
      expect(Math.abs(logPoissonConstant(d, 1) - expected)).toBeLessThan(16 * EPS * Math.max(1, Math.abs(expected)));
    }
    const { error, row } = worst(
      LOG_POISSON_CONSTANT,
      ([d, D, v]) => Math.abs(logPoissonConstant(d, D) - v) / Math.max(1, Math.abs(v)),
    );
    expect(error, `at ${row}`).toBeLessThan(8 * EPS);
  });
});
