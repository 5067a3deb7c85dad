// From a validated spec document to a typed DesignSpec: parameters, definitions (parsed, checked for
// cycles, inlined), and every expression parsed safely with its position. Semantic rules live here.
import { OdeforgeError, type SourcePosition } from '../errors.js';
import { limits } from '../limits.js';
import type { MathNode } from '../symbolic/math.js';
import { safeParse } from '../symbolic/parse.js';
import { freeSymbols, substitute } from '../symbolic/transform.js';
import { reservedNames } from '../symbolic/whitelist.js';
import { keyPositionOf, positionOf, textPositionOf, type SpecSource } from './source.js';
import type { DesignSpec, Expression, FamilySpec, NoiseSpec, PriorSpec, SamplerDefaults } from './types.js';

/** The raw spec after schema validation (shape guaranteed by the schema). */
interface RawSpec {
  name?: string;
  description?: string;
  family: FamilySpec['family'];
  dimension?: number;
  parameters?: Record<string, number>;
  definitions?: Record<string, string | number>;
  time: { T: number; epsilon: number };
  prior?: string | { custom: { density: string | number } };
  dataRadius?: number;
  sampler?: SamplerDefaults;
  cumulative?: string | number;
  density?: string | number;
  velocity?: string | number;
  alpha?: string | number;
  sigma?: string | number;
  noise?: 'gaussian' | { poisson: { augment: number } } | { radial: { cdf: string | number } };
  drift?: string | number;
  diffusion?: string | number;
  augment?: number;
}

/** Variables each kind of expression may depend on (besides d, parameters and constants). */
const variablesOf = {
  radial: ['t', 'r'],
  schedule: ['t'],
  noiseCdf: ['rho'],
  priorDensity: ['r'],
  definition: ['t', 'r', 'rho'],
} as const;

class Resolver {
  readonly parameters: Record<string, number>;
  readonly definitions: Record<string, Expression> = {};
  /** Nodes of each definition once inlined, known before inlining it (a chain of doublings is exponential). */
  private readonly inlinedSizes = new Map<string, number>();

  constructor(
    private readonly source: SpecSource,
    private readonly raw: RawSpec,
  ) {
    this.parameters = this.resolveParameters();
    this.resolveDefinitions();
  }

  private resolveParameters(): Record<string, number> {
    const parameters = this.raw.parameters ?? {};
    for (const [name, value] of Object.entries(parameters)) {
      this.checkName(['parameters'], name);
      if (!Number.isFinite(value))
        throw new OdeforgeError(
          `parameter "${name}" must be a finite number`,
          positionOf(this.source, ['parameters', name]),
        );
    }
    return { ...parameters };
  }

  private checkName(path: string[], name: string): void {
    if (reservedNames.has(name)) {
      throw new OdeforgeError(
        `"${name}" is a reserved name (a variable, constant or function)`,
        keyPositionOf(this.source, path, name),
        'choose another name',
      );
    }
  }

  private resolveDefinitions(): void {
    const raw = this.raw.definitions ?? {};
    const names = Object.keys(raw);
    const parsed: Record<string, Expression> = {};
    for (const name of names) {
      this.checkName(['definitions'], name);
      if (Object.hasOwn(this.parameters, name)) {
        throw new OdeforgeError(
          `"${name}" is both a parameter and a definition`,
          keyPositionOf(this.source, ['definitions'], name),
        );
      }
      parsed[name] = this.parse(['definitions', name], variablesOf.definition, names);
    }
    const inlined = new Map<string, MathNode>();
    const visit = (name: string, stack: string[]): MathNode => {
      const done = inlined.get(name);
      if (done) return done;
      if (stack.includes(name)) {
        const cycle = [...stack.slice(stack.indexOf(name)), name].join(' → ');
        throw new OdeforgeError(
          `definitions form a cycle: ${cycle}`,
          keyPositionOf(this.source, ['definitions'], name),
          'a definition may not use itself, directly or through others',
        );
      }
      const expression = parsed[name]!;
      const deps = [...freeSymbols(expression.node)].filter((s) => Object.hasOwn(parsed, s));
      const bindings: Record<string, MathNode> = {};
      for (const dep of deps) bindings[dep] = visit(dep, [...stack, name]);
      this.inlinedSizes.set(
        name,
        this.checkInlinedSize(
          expression.node,
          `definition "${name}"`,
          keyPositionOf(this.source, ['definitions'], name),
        ),
      );
      const node = substitute(expression.node, bindings);
      inlined.set(name, node);
      return node;
    };
    for (const name of names) {
      const node = visit(name, []);
      this.definitions[name] = { ...parsed[name]!, node };
    }
  }

  /** The size of `node` with its definitions inlined, checked against the limit before inlining them. */
  private checkInlinedSize(node: MathNode, what: string, where: SourcePosition): number {
    const size = inlinedSize(node, this.inlinedSizes);
    if (size > limits.expressionNodes) {
      throw new OdeforgeError(
        `${what} grows to ${size} nodes once its definitions are inlined, above the limit of ${limits.expressionNodes}`,
        where,
        'definitions are inlined before differentiation: use each one fewer times, or nest them less',
      );
    }
    return size;
  }

  /** Parse the expression at `path`, allowing `variables`, d, parameters and the given names. */
  private parse(path: (string | number)[], variables: readonly string[], extra: readonly string[] = []): Expression {
    const value = this.source.doc.getIn(path) as string | number;
    const text = String(value);
    const where = textPositionOf(this.source, path);
    const symbols = new Set([...variables, 'd', ...Object.keys(this.parameters), ...extra]);
    const node = safeParse({ text, ...where }, symbols);
    return { node, text, where };
  }

  /** A field expression: parsed, definitions inlined, then checked to use only its own variables. */
  expression(path: (string | number)[], variables: readonly string[]): Expression {
    const all = [...variablesOf.definition];
    const parsed = this.parse(path, all, Object.keys(this.definitions));
    this.checkInlinedSize(parsed.node, `"${path.join('.')}"`, parsed.where);
    const bindings = Object.fromEntries(Object.entries(this.definitions).map(([k, v]) => [k, v.node]));
    const node = substitute(parsed.node, bindings);
    const stray = [...freeSymbols(node)].filter((s) => all.includes(s as never) && !variables.includes(s as never));
    if (stray.length) {
      const allowed = [...variables, 'd', 'parameters', 'definitions'].join(', ');
      throw new OdeforgeError(
        `"${path.join('.')}" may only depend on ${allowed}; it uses ${stray.join(', ')}`,
        parsed.where,
      );
    }
    return { ...parsed, node };
  }
}

/** Nodes of `node` with each definition symbol counted as the size of its inlined tree. */
function inlinedSize(node: MathNode, sizes: ReadonlyMap<string, number>): number {
  let size = 0;
  node.traverse((child, path) => {
    const name = child.type === 'SymbolNode' && path !== 'fn' ? (child as unknown as { name: string }).name : undefined;
    size += (name !== undefined ? sizes.get(name) : undefined) ?? 1;
  });
  return size;
}

/** Resolve a schema-valid spec into a DesignSpec. @throws OdeforgeError with positions. */
export function resolveSpec(source: SpecSource, data: unknown): DesignSpec {
  const raw = data as RawSpec;
  const resolver = new Resolver(source, raw);
  checkTime(source, raw);
  checkDimension(source, raw);
  return {
    file: source.file,
    name: raw.name ?? source.file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, ''),
    description: raw.description ?? '',
    ...(raw.dimension === undefined ? {} : { dimension: raw.dimension }),
    positions: Object.fromEntries(Object.keys(raw).map((key) => [key, positionOf(source, [key])])),
    parameters: resolver.parameters,
    definitions: resolver.definitions,
    T: raw.time.T,
    epsilon: raw.time.epsilon,
    ...(raw.prior === undefined ? {} : { prior: resolvePrior(resolver, raw.prior) }),
    dataRadius: raw.dataRadius ?? 1,
    sampler: raw.sampler ?? {},
    body: resolveBody(resolver, raw),
  };
}

function checkDimension(source: SpecSource, raw: RawSpec): void {
  if (raw.dimension !== undefined && raw.dimension > limits.dimension) {
    throw new OdeforgeError(
      `dimension ${raw.dimension} is above the limit of ${limits.dimension}`,
      positionOf(source, ['dimension']),
    );
  }
}

function checkTime(source: SpecSource, raw: RawSpec): void {
  if (raw.time.epsilon >= raw.time.T) {
    throw new OdeforgeError(
      `time.epsilon (${raw.time.epsilon}) must be smaller than time.T (${raw.time.T})`,
      positionOf(source, ['time', 'epsilon']),
    );
  }
}

function resolvePrior(resolver: Resolver, prior: NonNullable<RawSpec['prior']>): PriorSpec {
  if (typeof prior === 'string') return { kind: prior as 'kernel' | 'gaussian' | 'poisson' };
  return { kind: 'custom', density: resolver.expression(['prior', 'custom', 'density'], variablesOf.priorDensity) };
}

function resolveBody(resolver: Resolver, raw: RawSpec): FamilySpec {
  switch (raw.family) {
    case 'radial':
      return {
        family: 'radial',
        ...(raw.cumulative === undefined
          ? {}
          : { cumulative: resolver.expression(['cumulative'], variablesOf.radial) }),
        ...(raw.density === undefined ? {} : { density: resolver.expression(['density'], variablesOf.radial) }),
        ...(raw.velocity === undefined ? {} : { velocity: resolver.expression(['velocity'], variablesOf.radial) }),
      };
    case 'path':
      return {
        family: 'path',
        alpha: resolver.expression(['alpha'], variablesOf.schedule),
        sigma: resolver.expression(['sigma'], variablesOf.schedule),
        noise: resolveNoise(resolver, raw.noise ?? 'gaussian'),
      };
    case 'sde':
      return {
        family: 'sde',
        drift: resolver.expression(['drift'], variablesOf.schedule),
        diffusion: resolver.expression(['diffusion'], variablesOf.schedule),
      };
    case 'poisson':
      return { family: 'poisson', augment: raw.augment ?? 1 };
  }
}

function resolveNoise(resolver: Resolver, noise: NonNullable<RawSpec['noise']>): NoiseSpec {
  if (noise === 'gaussian') return { kind: 'gaussian' };
  if ('poisson' in noise) return { kind: 'poisson', augment: noise.poisson.augment };
  return { kind: 'radial', cdf: resolver.expression(['noise', 'radial', 'cdf'], variablesOf.noiseCdf) };
}
