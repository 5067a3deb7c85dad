// The export layer's entry: a Design to text in one of the supported targets. Built on the design layer only;
// the public API (src/index.ts) re-exports it.
import { buildDesign, type Design } from '../design/index.js';
import { OdeforgeError, type SourcePosition } from '../errors.js';
import { loadSpec } from '../spec/index.js';
import { latexFragment } from './latex.js';
import { exportedQuantities } from './quantities.js';
import { pythonModule } from './python.js';

export { terminalJson, terminalText } from './literals.js';

export const exportTargets = ['latex', 'python', 'torch', 'json'] as const;
export type ExportTarget = (typeof exportTargets)[number];

export interface ExportOptions {
  /** The spec leaves the dimension open: the export is written for any d (Python takes d from its arrays). */
  openDimension?: boolean;
  /** Where the spec wrote its `parameters`, for a parameter name the target cannot take. */
  parametersAt?: SourcePosition;
}

/** `derive --format json` / `export --to json`: the design as one JSON document. */
export function derivationJson(design: Design, options: ExportOptions = {}): object {
  const { prior, ...quantities } = exportedQuantities(design, options.openDimension);
  return {
    name: design.name,
    family: design.family,
    dimension: options.openDimension ? null : design.dimension,
    T: design.T,
    epsilon: design.epsilon,
    parameters: design.parameters,
    quantities,
    prior: { kind: design.prior.kind, ...prior },
  };
}

export function exportDesign(design: Design, target: string, options: ExportOptions = {}): string {
  switch (target) {
    case 'latex':
      return latexFragment(design, options);
    case 'python':
      return pythonModule(design, 'numpy', options);
    case 'torch':
      return pythonModule(design, 'torch', options);
    case 'json':
      return `${JSON.stringify(derivationJson(design, options), null, 2)}\n`;
    default:
      throw unknownTarget(target);
  }
}

function unknownTarget(target: string): OdeforgeError {
  return new OdeforgeError(`--to must be one of ${exportTargets.join(', ')}, not "${target}"`);
}

/**
 * Export a spec file. When neither the spec nor the caller fixes the dimension, the export is written for
 * any d: the design is built in two dimensions, and the export is accepted only if both give the same text
 * (every d-dependence is then symbolic, in d and S_d); otherwise the dimension must be given.
 */
export function exportSpecFile(specPath: string, target: string, options: { dimension?: number } = {}): string {
  if (!(exportTargets as readonly string[]).includes(target)) throw unknownTarget(target);
  const spec = loadSpec(specPath);
  const exportIn = (dimension: number | undefined, openDimension: boolean): string =>
    positionedAt(spec.file, () =>
      exportDesign(buildDesign(spec, { dimension }), target, {
        openDimension,
        parametersAt: spec.positions.parameters,
      }),
    );
  if (spec.dimension !== undefined || options.dimension !== undefined) return exportIn(options.dimension, false);
  const texts = OPEN_DIMENSION_PROBES.map((dimension) => exportIn(dimension, true));
  if (texts.some((text) => text !== texts[0])) {
    throw new OdeforgeError(
      'this design cannot be exported for an open dimension: numbers in its derivation depend on d',
      { file: spec.file, line: 1, column: 1 },
      'pass --dim D, or add `dimension: D` to the spec',
    );
  }
  return texts[0]!;
}

/** `work()`, with an export error that names no place placed at the spec file it came from. */
function positionedAt(file: string, work: () => string): string {
  try {
    return work();
  } catch (error) {
    if (error instanceof OdeforgeError && error.file === undefined) {
      throw new OdeforgeError(error.message, { file }, error.hint);
    }
    throw error;
  }
}

/** Two dimensions whose exports must agree for an open-dimension export. */
const OPEN_DIMENSION_PROBES = [3, 5];
