// How a worker thread rebuilds the Design the main thread samples from: design objects hold compiled
// closures and cannot be sent between threads, so workers load them again from where they came from.
import type { Design } from '../design/types.js';

export type DesignSource =
  /** A spec file, loaded with loadDesign (what the CLI uses). */
  | { specPath: string; dimension?: number }
  /** Spec text, built with designFromText (what a Design's `origin` holds). */
  | { specText: string; file?: string; dimension?: number }
  /** A module exporting a function that returns the Design (for designs built in code). */
  | { module: string; exportName: string; args?: unknown[] };

/** Rebuild the Design named by `source` (in a worker). */
export async function designFrom(source: DesignSource): Promise<Design> {
  if ('specPath' in source) {
    const { loadDesign } = await import('../design/index.js');
    return loadDesign(source.specPath, { dimension: source.dimension });
  }
  if ('specText' in source) {
    const { designFromText } = await import('../design/index.js');
    return designFromText(source.specText, { file: source.file, dimension: source.dimension });
  }
  const mod = (await import(source.module)) as Record<string, unknown>;
  const factory = mod[source.exportName];
  if (typeof factory !== 'function')
    throw new Error(`${source.module} does not export a function ${source.exportName}`);
  return (factory as (...args: unknown[]) => Design)(...(source.args ?? []));
}
