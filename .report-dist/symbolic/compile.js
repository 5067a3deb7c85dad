// Compiles a checked expression tree into a plain JS function for the hot loops. The source text is
// generated from the tree node by node (never from the user's string); unknown nodes are refused.
import * as elementary from '../numeric/elementary.js';
import * as special from '../numeric/special.js';
import { isConstant } from './math.js';
import { builtinConstants } from './whitelist.js';
const mathFunctions = new Set([
    'exp', 'log', 'log1p', 'expm1', 'sqrt', 'cbrt', 'abs', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
    'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'min', 'max', 'sign',
]);
/** Helpers the generated code may call, by name: elementary and special functions. */
const helpers = {
    sech: elementary.sech, csch: elementary.csch, coth: elementary.coth,
    sec: elementary.sec, csc: elementary.csc, cot: elementary.cot,
    heaviside: elementary.heaviside, sigmoid: elementary.sigmoid, softplus: elementary.softplus,
    logsech: elementary.logsech, logcosh: elementary.logcosh, logsinh: elementary.logsinh,
    logtanh: elementary.logtanh, log1mexp: elementary.log1mexp, logaddexp: elementary.logaddexp,
    erf: special.erf, erfc: special.erfc, gamma: special.gammaFn, lgamma: special.lgamma,
};
/**
 * Compile `node` into `(…variables) => number`.
 * @param constants numeric values bound into the code (parameters, d)
 */
export function compile(node, variables, constants) {
    const used = new Set();
    const body = emit(node, { variables: new Set(variables), constants, used });
    const prelude = [...used].map((name) => `const ${helperAlias(name)} = h.${name};`).join('\n');
    const source = `${prelude}\nreturn function compiled(${variables.join(', ')}) { return ${body}; };`;
    return new Function('h', source)(helpers);
}
/** The generated JS text, for inspection and tests. */
export function emitSource(node, variables, constants) {
    return emit(node, { variables: new Set(variables), constants, used: new Set() });
}
function emit(node, ctx) {
    switch (node.type) {
        case 'ConstantNode':
            return emitNumber(node);
        case 'SymbolNode':
            return emitSymbol(node.name, ctx);
        case 'ParenthesisNode':
            return emit(node.content, ctx);
        case 'OperatorNode':
            return emitOperator(node, ctx);
        case 'FunctionNode':
            return emitCall(node, ctx);
        default:
            throw new Error(`internal: cannot compile a ${node.type}`);
    }
}
function emitNumber(node) {
    if (!isConstant(node))
        throw new Error(`internal: non-numeric constant ${node.toString()}`);
    const value = node.value;
    return value < 0 ? `(${numberLiteral(value)})` : numberLiteral(value);
}
function numberLiteral(value) {
    if (Number.isNaN(value))
        return 'NaN';
    if (!Number.isFinite(value))
        return value > 0 ? 'Infinity' : '(-Infinity)';
    return String(value);
}
function emitSymbol(name, ctx) {
    if (ctx.variables.has(name))
        return name;
    const value = Object.hasOwn(ctx.constants, name) ? ctx.constants[name] : Object.hasOwn(builtinConstants, name) ? builtinConstants[name] : undefined;
    if (value === undefined)
        throw new Error(`internal: unbound symbol ${name}`);
    return `(${numberLiteral(value)})`;
}
function emitOperator(node, ctx) {
    const args = node.args.map((arg) => emit(arg, ctx));
    const [a, b] = args;
    switch (node.fn) {
        case 'unaryMinus': return `(-${a})`;
        case 'unaryPlus': return a;
        case 'add': return `(${a} + ${b})`;
        case 'subtract': return `(${a} - ${b})`;
        case 'multiply': return `(${a} * ${b})`;
        case 'divide': return `(${a} / ${b})`;
        case 'pow': return emitPow(node.args[1], a, b);
        default: throw new Error(`internal: operator ${node.fn}`);
    }
}
function emitPow(exponent, base, power) {
    const n = isConstant(exponent) ? exponent.value : undefined;
    if (n === 2)
        return `(${base} * ${base})`;
    if (n === 0.5)
        return `Math.sqrt(${base})`;
    if (n === -1)
        return `(1 / ${base})`;
    return `Math.pow(${base}, ${power})`;
}
function emitCall(node, ctx) {
    const name = node.fn.name;
    const args = node.args.map((arg) => emit(arg, ctx));
    if (name === 'log' && args.length === 2)
        return `(Math.log(${args[0]}) / Math.log(${args[1]}))`;
    if (name === 'pow')
        return `Math.pow(${args.join(', ')})`;
    if (mathFunctions.has(name))
        return `Math.${name}(${args.join(', ')})`;
    if (Object.hasOwn(helpers, name)) {
        ctx.used.add(name);
        return `${helperAlias(name)}(${args.join(', ')})`;
    }
    throw new Error(`internal: function ${name} cannot be compiled`);
}
function helperAlias(name) {
    return `h_${name}`;
}
