// Closed forms of a linear SDE's σ_t, σ_t² = α_t² ∫_0^t g(s)²/α_s² ds (docs/mathematics.md §6), in a form shown
// as in papers and a form evaluated without overflow or cancellation: α_t² and 1/α_s² never appear apart (e^{t²}
// overflows long before σ → 1 does), and 1 − α² is computed as −expm1(2F). Every result is checked by the caller.
import { compile } from './compile.js';
import { add, div, mul, pow, sub } from './algebra.js';
import { dependsOn } from './derivative.js';
import { agreesAt, antiderivative, nerdamerText, type CheckPoints } from './integrate.js';
import { call, constant, negate, symbol, type MathNode } from './math.js';
import { safeParse } from './parse.js';
import { tidy } from './simplify.js';
import { freeSymbols, substitute } from './transform.js';

/** One quantity shown (paper form) and evaluated (stable form of the same function). */
export interface StableForm {
  display: MathNode;
  stable: MathNode;
}

/** σ for drift 0: σ² = H(t) − H(0) with H = ∫g²; an exponential H = C·e^L as H(0)·expm1(L(t) − L(0)). */
export function driftlessSigma(g: MathNode, check: CheckPoints): StableForm | undefined {
  const H = antiderivative(pow(g, constant(2)), 't', check);
  if (H === undefined) return undefined;
  const atZero = tidy(at0(H), check);
  const growth = exponentialFactor(H);
  if (growth === undefined) return { display: call('sqrt', sub(H, atZero)), stable: call('sqrt', sub(H, atZero)) };
  const display = sub(mul(growth.scale, withDivisions(growth.factor)), atZero);
  const stable = mul(atZero, call('expm1', tidy(sub(growth.exponent, at0(growth.exponent)), check)));
  if (!agreesAt(stable, display, check)) return undefined;
  return { display: call('sqrt', display), stable: call('sqrt', stable) };
}

const at0 = (node: MathNode): MathNode => substitute(node, { t: constant(0) });

/** H = scale · factor with factor = e^exponent the only factor depending on t. */
interface ExponentialFactor {
  scale: MathNode;
  factor: MathNode;
  exponent: MathNode;
}

/** H as a product whose only t-dependent factor is exp(L) or b^L (b free of t); undefined otherwise. */
function exponentialFactor(H: MathNode): ExponentialFactor | undefined {
  const factors = opName(H) === 'multiply' ? argsOf(H) : [H];
  const growing = factors.filter((node) => dependsOn(node, 't'));
  const power = growing.length === 1 ? exponentOf(growing[0]!) : undefined;
  if (power === undefined || dependsOn(power[0], 't')) return undefined;
  const [base, exponent] = power;
  return {
    scale: factors.filter((node) => !dependsOn(node, 't')).reduce(mul, constant(1)),
    factor: growing[0]!,
    exponent: base.toString() === 'e' ? exponent : mul(exponent, call('log', base)),
  };
}

/** x·y^(−1) → x/y: nerdamer writes quotients as negative powers. */
function withDivisions(node: MathNode): MathNode {
  return node.transform((n: MathNode) => {
    const [x, y] = argsOf(n);
    if (opName(n) !== 'multiply' || argsOf(n).length !== 2 || opName(y!) !== 'pow') return n;
    const [base, power] = argsOf(y!);
    return power!.toString().replace(/[()\s]/g, '') === '-1' ? div(x!, base!) : n;
  });
}

/** [base, power] of b^p, or [e, p] of exp(p). */
function exponentOf(node: MathNode): [MathNode, MathNode] | undefined {
  const args = argsOf(node);
  if (node.type === 'FunctionNode' && opName(node) === 'exp') return [symbol('e'), args[0]!];
  if (opName(node) === 'pow') return [args[0]!, args[1]!];
  if (node.type === 'ParenthesisNode') return exponentOf((node as unknown as { content: MathNode }).content);
  return undefined;
}

/** The operator (add, pow...) or function (exp...) name of a node. */
function opName(node: MathNode): string | undefined {
  if (node.type === 'OperatorNode') return (node as unknown as { fn: string }).fn;
  if (node.type === 'FunctionNode') return (node as unknown as { fn: { name: string } }).fn.name;
  return undefined;
}

function argsOf(node: MathNode): MathNode[] {
  return (node as unknown as { args?: MathNode[] }).args ?? [];
}

/**
 * VP-type σ: when g²/(−2f) = P(v) for v = α² = e^{E}, E = 2F, then dv = 2 f v dt turns the variance into
 * σ² = v ∫_v^1 P(w)/w² dw, a polynomial in v that vanishes at v = 1; its factors c(1 − v) become −c·expm1(E).
 */
export function vpTypeSigma(f: MathNode, g: MathNode, logAlpha: MathNode, check: CheckPoints): StableForm | undefined {
  const taken = new Set([...freeSymbols(f), ...freeSymbols(g), ...Object.keys(check.constants)]);
  const [v, w] = ['v', 'w', 'u', 'z', 'y'].filter((name) => !taken.has(name)) as [string, string];
  const symbols = new Set([...taken, v, w]);
  const exponent = doubled(logAlpha, check);
  const g2 = inPowersOf(pow(g, constant(2)), exponent, v, check);
  const P = parsed(nerdamerText(`simplify((${g2.toString()})/(-2*(${f.toString()})))`), symbols);
  if (P === undefined || dependsOn(P, 't')) return undefined;
  const ratio = div(pow(g, constant(2)), mul(constant(-2), f));
  if (!agreesAt(substitute(P, { [v]: call('exp', exponent) }), ratio, check)) return undefined;
  const K = parsed(nerdamerText(`integrate((${substitute(P, { [v]: symbol(w) }).toString()})/${w}^2, ${w})`), symbols);
  if (K === undefined || /log/.test(K.toString())) return undefined;
  const [atOne, atV] = [constant(1), symbol(v)].map((x) => substitute(K, { [w]: x }).toString());
  const variance = parsed(nerdamerText(`factor(expand(${v}*((${atOne}) - (${atV}))))`), symbols);
  return variance === undefined ? undefined : sigmaOf(variance, v, exponent, check);
}

/** α = e^F, shown as e^{−B/2} with B = −2F when α decays (VP-type schedules' paper form). */
export function alphaForm(logAlpha: MathNode, check: CheckPoints): StableForm {
  const F = tidy(logAlpha, check);
  const stable = call('exp', F);
  if (!dependsOn(F, 't')) return { display: stable, stable };
  return { display: call('exp', div(doubled(logAlpha, check), constant(2))), stable };
}

/** E = 2F, shown as −(…) when F ≤ 0 (paper form e^{−B}). */
function doubled(logAlpha: MathNode, check: CheckPoints): MathNode {
  const decays = check.points.every((p) => compile(logAlpha, check.variables, check.constants)(...p) <= 0);
  const F = tidy(logAlpha, check);
  return decays ? negate(tidy(scaled(-2, F), check)) : tidy(scaled(2, F), check);
}

/** c·node with c distributed over sums and negations: mathjs simplify leaves 2·(a + b) alone, but folds 2a + 2b. */
function scaled(c: number, node: MathNode): MathNode {
  const args = argsOf(node);
  switch (node.type === 'ParenthesisNode' ? 'parenthesis' : opName(node)) {
    case 'parenthesis':
      return scaled(c, (node as unknown as { content: MathNode }).content);
    case 'unaryMinus':
      return scaled(-c, args[0]!);
    case 'add':
      return add(scaled(c, args[0]!), scaled(c, args[1]!));
    case 'subtract':
      return sub(scaled(c, args[0]!), scaled(c, args[1]!));
    default:
      return mul(constant(c), node);
  }
}

function parsed(text: string | undefined, symbols: ReadonlySet<string>): MathNode | undefined {
  if (text === undefined) return undefined;
  try {
    return safeParse({ text }, symbols);
  } catch {
    return undefined;
  }
}

/** exp(X) and e^X with X = k·E (k a multiple of 1/2, checked numerically) → v^k. */
function inPowersOf(node: MathNode, E: MathNode, v: string, check: CheckPoints): MathNode {
  return node.transform((n: MathNode) => {
    const exponent = exponentOf(n);
    if (exponent === undefined || exponent[0].toString() !== 'e') return n;
    const k = constantRatio(exponent[1], E, check);
    return k === undefined ? n : pow(symbol(v), constant(k));
  });
}

function constantRatio(a: MathNode, b: MathNode, check: CheckPoints): number | undefined {
  const [fa, fb] = [a, b].map((node) => compile(node, check.variables, check.constants));
  const ratios = check.points.map((p) => fa!(...p) / fb!(...p));
  const k = Math.round(2 * ratios[0]!) / 2;
  return ratios.every((r) => Math.abs(r - k) <= 1e-9 * Math.max(1, Math.abs(k))) ? k : undefined;
}

/** σ = √variance(v) with affine factors c(1 − v) in expm1 form; √(L²) as ±L when L keeps its sign. */
function sigmaOf(variance: MathNode, v: string, E: MathNode, check: CheckPoints): StableForm {
  const squared = squareRoot(variance);
  const c = squared === undefined ? undefined : oneMinusCoefficient(squared, v, check);
  if (c !== undefined) {
    const alphaBelowOne = check.points.every((p) => compile(E, check.variables, check.constants)(...p) <= 0);
    const form = oneMinusForm(Math.abs(c), E);
    return alphaBelowOne ? form : { display: call('abs', form.display), stable: call('abs', form.stable) };
  }
  const inT = (node: MathNode): MathNode => substitute(node, { [v]: call('exp', E) });
  const rewritten = (pick: keyof StableForm): MathNode =>
    inT(
      variance.transform((n: MathNode) => {
        const k = isSum(n) ? oneMinusCoefficient(n, v, check) : undefined;
        return k === undefined ? n : oneMinusForm(k, E)[pick];
      }),
    );
  return { display: call('sqrt', rewritten('display')), stable: call('sqrt', rewritten('stable')) };
}

/** L for a variance L^2 (nerdamer's factor writes a perfect square so). */
function squareRoot(node: MathNode): MathNode | undefined {
  const args = argsOf(node);
  if (opName(node) !== 'pow') return undefined;
  return args[1]!.toString() === '2' ? args[0] : undefined;
}

function isSum(node: MathNode): boolean {
  return ['add', 'subtract'].includes(opName(node) ?? '');
}

/** c when node ≡ c(1 − v) as a function of v alone; undefined otherwise. */
function oneMinusCoefficient(node: MathNode, v: string, check: CheckPoints): number | undefined {
  if ([...freeSymbols(node)].some((name) => name !== v && !(name in check.constants))) return undefined;
  const fn = compile(node, [v], check.constants);
  const c = fn(0);
  const affine = [0.5, 1, 2, 3].every((x) => Math.abs(fn(x) - c * (1 - x)) <= 1e-12 * Math.max(1, Math.abs(c)));
  return affine && c !== 0 && Number.isFinite(c) ? c : undefined;
}

/** c(1 − e^E): shown as 1 − e^E (or e^E − 1), evaluated as −expm1(E). */
function oneMinusForm(c: number, E: MathNode): StableForm {
  const exp = call('exp', E),
    expm1 = call('expm1', E);
  if (c === 1) return { display: sub(constant(1), exp), stable: negate(expm1) };
  if (c === -1) return { display: sub(exp, constant(1)), stable: expm1 };
  return { display: mul(constant(c), sub(constant(1), exp)), stable: mul(constant(-c), expm1) };
}
