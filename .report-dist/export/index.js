// The export layer's entry: a Design to text in one of the supported targets. Sits on the public API.
import { OdeforgeError } from '../index.js';
import { latexFragment } from './latex.js';
import { pythonModule } from './python.js';
export const exportTargets = ['latex', 'python', 'torch', 'json'];
/** `derive --format json` / `export --to json`: the DESIGN.md document. */
export function derivationJson(design) {
    const { prior, ...quantities } = design.derivation;
    return {
        name: design.name, family: design.family, dimension: design.dimension, T: design.T, epsilon: design.epsilon,
        parameters: design.parameters, quantities, prior: { kind: design.prior.kind, ...prior },
    };
}
export function exportDesign(design, target) {
    switch (target) {
        case 'latex': return latexFragment(design);
        case 'python': return pythonModule(design, 'numpy');
        case 'torch': return pythonModule(design, 'torch');
        case 'json': return `${JSON.stringify(derivationJson(design), null, 2)}\n`;
        default: throw new OdeforgeError(`--to must be one of ${exportTargets.join(', ')}, not "${target}"`);
    }
}
