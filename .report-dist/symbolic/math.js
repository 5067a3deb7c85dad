// The one mathjs instance of odeforge. Only files in symbolic/ may import it.
// `predictable` makes log(−1) and sqrt(−4) NaN (as the generated JS does) instead of complex numbers.
import { create, all } from 'mathjs';
export const math = create(all, { predictable: true });
export function isConstant(node) {
    return node.type === 'ConstantNode' && typeof node.value === 'number';
}
export function constant(value) {
    if (value < 0)
        return new math.OperatorNode('-', 'unaryMinus', [new math.ConstantNode(-value)]);
    return new math.ConstantNode(value);
}
export function symbol(name) {
    return new math.SymbolNode(name);
}
export function call(fn, ...args) {
    return new math.FunctionNode(new math.SymbolNode(fn), args);
}
const opNames = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '^': 'pow' };
export function binary(op, a, b) {
    return new math.OperatorNode(op, opNames[op], [a, b]);
}
export function negate(a) {
    return new math.OperatorNode('-', 'unaryMinus', [a]);
}
/** Parse trusted, internally written text (never user input: that goes through safeParse). */
export function internal(text) {
    return math.parse(text);
}
