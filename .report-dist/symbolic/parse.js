// Safe parsing of user expressions: mathjs parses, then a whitelist walk rejects every node type,
// function and symbol that is not plain arithmetic. Only trees that pass are ever compiled.
import { OdeforgeError } from '../errors.js';
import { math } from './math.js';
import { allowedFunctions, builtinConstants } from './whitelist.js';
const allowedOperators = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);
/**
 * Parse `source.text` and check every node against the whitelist.
 * @param symbols the free symbols allowed here (t, r, d, parameters, definitions...)
 * @throws OdeforgeError positioned at the offending character where it can be found
 */
export function safeParse(source, symbols) {
    let node;
    try {
        node = math.parse(source.text);
    }
    catch (error) {
        const char = error.char;
        const message = error.message.replace(/\s*\(char \d+\)/, '');
        throw new OdeforgeError(`cannot parse expression "${source.text}": ${message}`, at(source, (char ?? 1) - 1), 'expressions use mathjs syntax: + - * / ^, parentheses and whitelisted functions');
    }
    checkNode(node, source, symbols);
    return node;
}
function checkNode(node, source, symbols) {
    switch (node.type) {
        case 'ConstantNode': {
            const value = node.value;
            if (typeof value !== 'number' || !Number.isFinite(value))
                reject(source, `only finite numbers are allowed, not ${node.toString()}`, node.toString());
            return;
        }
        case 'SymbolNode': {
            const name = node.name;
            if (!symbols.has(name) && !Object.hasOwn(builtinConstants, name)) {
                const known = [...symbols, ...Object.keys(builtinConstants)].sort().join(', ');
                reject(source, `unknown symbol "${name}"`, name, `known here: ${known}`);
            }
            return;
        }
        case 'ParenthesisNode':
            checkNode(node.content, source, symbols);
            return;
        case 'OperatorNode': {
            const op = node;
            if (!allowedOperators.has(op.fn))
                reject(source, `operator "${op.op}" is not allowed`, op.op, 'use + - * / ^');
            op.args.forEach((arg) => checkNode(arg, source, symbols));
            return;
        }
        case 'FunctionNode': {
            checkFunction(node, source);
            node.args.forEach((arg) => checkNode(arg, source, symbols));
            return;
        }
        default:
            reject(source, `${describe(node.type)} is not allowed in an expression`, firstToken(node), 'a spec expression is arithmetic over t, r, d, parameters and definitions only');
    }
}
function checkFunction(node, source) {
    const fn = node.fn;
    const args = node.args;
    if (fn.type !== 'SymbolNode')
        reject(source, 'only calls of named functions are allowed', fn.toString());
    const name = fn.name;
    const arities = Object.hasOwn(allowedFunctions, name) ? allowedFunctions[name] : undefined;
    if (arities === undefined) {
        reject(source, `unknown function "${name}"`, name, `allowed: ${Object.keys(allowedFunctions).join(', ')}`);
    }
    if (!arities.includes(args.length)) {
        reject(source, `function "${name}" takes ${arities.join(' or ')} argument(s), not ${args.length}`, name);
    }
}
function describe(type) {
    const names = {
        AccessorNode: 'property access', AssignmentNode: 'assignment', FunctionAssignmentNode: 'function definition',
        ObjectNode: 'an object literal', ArrayNode: 'an array', IndexNode: 'indexing', BlockNode: 'a block',
        ConditionalNode: 'a conditional', RangeNode: 'a range', RelationalNode: 'a comparison',
    };
    return names[type] ?? type;
}
function firstToken(node) {
    return node.toString().split(/[\s.([=?:;,]/)[0] ?? '';
}
function reject(source, message, token, hint) {
    const index = token ? findToken(source.text, token) : 0;
    throw new OdeforgeError(`${message} in "${source.text}"`, at(source, index), hint);
}
function findToken(text, token) {
    const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`(^|[^A-Za-z0-9_])(${escaped})`).exec(text);
    return match ? match.index + (match[1]?.length ?? 0) : 0;
}
function at(source, offset) {
    const column = source.column === undefined ? undefined : source.column + Math.max(0, offset);
    return { file: source.file, line: source.line, column };
}
