import { compile, tidy } from '../symbolic/index.js';
export function bindingFor(spec, d) {
    return { d, constants: { ...spec.parameters, d } };
}
/** Compile a tree of the given variables under the binding. */
export function compileIn(node, variables, binding) {
    return compile(node, variables, binding.constants);
}
/** Simplify under the binding (kept only if numerically equal). */
export function tidyIn(node, variables, binding) {
    return tidy(node, { variables, constants: binding.constants });
}
