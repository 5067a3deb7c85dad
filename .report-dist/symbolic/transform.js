/** Replace each symbol named in `bindings` by (a copy of) its tree. */
export function substitute(node, bindings) {
    return node.transform((child) => {
        if (child.type !== 'SymbolNode')
            return child;
        const name = child.name;
        const replacement = Object.hasOwn(bindings, name) ? bindings[name] : undefined;
        return replacement === undefined ? child : replacement.cloneDeep();
    });
}
/** Names of the symbols a tree uses (function names excluded). */
export function freeSymbols(node) {
    const names = new Set();
    node.traverse((child, path) => {
        if (child.type === 'SymbolNode' && path !== 'fn')
            names.add(child.name);
    });
    return names;
}
