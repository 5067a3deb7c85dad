// From a validated spec document to a typed DesignSpec: parameters, definitions (parsed, checked for
// cycles, inlined), and every expression parsed safely with its position. Semantic rules live here.
import { OdeforgeError } from '../errors.js';
import { safeParse } from '../symbolic/parse.js';
import { freeSymbols, substitute } from '../symbolic/transform.js';
import { reservedNames } from '../symbolic/whitelist.js';
import { keyPositionOf, positionOf, textPositionOf } from './source.js';
/** Variables each kind of expression may depend on (besides d, parameters and constants). */
const variablesOf = {
    radial: ['t', 'r'], schedule: ['t'], noiseCdf: ['rho'], priorDensity: ['r'], definition: ['t', 'r', 'rho'],
};
class Resolver {
    source;
    raw;
    parameters;
    definitions = {};
    constructor(source, raw) {
        this.source = source;
        this.raw = raw;
        this.parameters = this.resolveParameters();
        this.resolveDefinitions();
    }
    resolveParameters() {
        const parameters = this.raw.parameters ?? {};
        for (const [name, value] of Object.entries(parameters)) {
            this.checkName(['parameters'], name);
            if (!Number.isFinite(value))
                throw new OdeforgeError(`parameter "${name}" must be a finite number`, positionOf(this.source, ['parameters', name]));
        }
        return { ...parameters };
    }
    checkName(path, name) {
        if (reservedNames.has(name)) {
            throw new OdeforgeError(`"${name}" is a reserved name (a variable, constant or function)`, keyPositionOf(this.source, path, name), 'choose another name');
        }
    }
    resolveDefinitions() {
        const raw = this.raw.definitions ?? {};
        const names = Object.keys(raw);
        const parsed = {};
        for (const name of names) {
            this.checkName(['definitions'], name);
            if (Object.hasOwn(this.parameters, name)) {
                throw new OdeforgeError(`"${name}" is both a parameter and a definition`, keyPositionOf(this.source, ['definitions'], name));
            }
            parsed[name] = this.parse(['definitions', name], variablesOf.definition, names);
        }
        const inlined = new Map();
        const visit = (name, stack) => {
            const done = inlined.get(name);
            if (done)
                return done;
            if (stack.includes(name)) {
                const cycle = [...stack.slice(stack.indexOf(name)), name].join(' → ');
                throw new OdeforgeError(`definitions form a cycle: ${cycle}`, keyPositionOf(this.source, ['definitions'], name), 'a definition may not use itself, directly or through others');
            }
            const expression = parsed[name];
            const deps = [...freeSymbols(expression.node)].filter((s) => Object.hasOwn(parsed, s));
            const bindings = {};
            for (const dep of deps)
                bindings[dep] = visit(dep, [...stack, name]);
            const node = substitute(expression.node, bindings);
            inlined.set(name, node);
            return node;
        };
        for (const name of names) {
            const node = visit(name, []);
            this.definitions[name] = { ...parsed[name], node };
        }
    }
    /** Parse the expression at `path`, allowing `variables`, d, parameters and the given names. */
    parse(path, variables, extra = []) {
        const value = this.source.doc.getIn(path);
        const text = String(value);
        const where = textPositionOf(this.source, path);
        const symbols = new Set([...variables, 'd', ...Object.keys(this.parameters), ...extra]);
        const node = safeParse({ text, ...where }, symbols);
        return { node, text, where };
    }
    /** A field expression: parsed, definitions inlined, then checked to use only its own variables. */
    expression(path, variables) {
        const all = [...variablesOf.definition];
        const parsed = this.parse(path, all, Object.keys(this.definitions));
        const bindings = Object.fromEntries(Object.entries(this.definitions).map(([k, v]) => [k, v.node]));
        const node = substitute(parsed.node, bindings);
        const stray = [...freeSymbols(node)].filter((s) => all.includes(s) && !variables.includes(s));
        if (stray.length) {
            const allowed = [...variables, 'd', 'parameters', 'definitions'].join(', ');
            throw new OdeforgeError(`"${path.join('.')}" may only depend on ${allowed}; it uses ${stray.join(', ')}`, parsed.where);
        }
        return { ...parsed, node };
    }
}
/** Resolve a schema-valid spec into a DesignSpec. @throws OdeforgeError with positions. */
export function resolveSpec(source, data) {
    const raw = data;
    const resolver = new Resolver(source, raw);
    checkTime(source, raw);
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
function checkTime(source, raw) {
    if (raw.time.epsilon >= raw.time.T) {
        throw new OdeforgeError(`time.epsilon (${raw.time.epsilon}) must be smaller than time.T (${raw.time.T})`, positionOf(source, ['time', 'epsilon']));
    }
}
function resolvePrior(resolver, prior) {
    if (typeof prior === 'string')
        return { kind: prior };
    return { kind: 'custom', density: resolver.expression(['prior', 'custom', 'density'], variablesOf.priorDensity) };
}
function resolveBody(resolver, raw) {
    switch (raw.family) {
        case 'radial':
            return {
                family: 'radial',
                ...(raw.cumulative === undefined ? {} : { cumulative: resolver.expression(['cumulative'], variablesOf.radial) }),
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
function resolveNoise(resolver, noise) {
    if (noise === 'gaussian')
        return { kind: 'gaussian' };
    if ('poisson' in noise)
        return { kind: 'poisson', augment: noise.poisson.augment };
    return { kind: 'radial', cdf: resolver.expression(['noise', 'radial', 'cdf'], variablesOf.noiseCdf) };
}
