/** Rebuild the Design named by `source` (in a worker). */
export async function designFrom(source) {
    if ('specPath' in source) {
        const { loadDesign } = await import('../design/index.js');
        return loadDesign(source.specPath, { dimension: source.dimension });
    }
    const mod = (await import(source.module));
    const factory = mod[source.exportName];
    if (typeof factory !== 'function')
        throw new Error(`${source.module} does not export a function ${source.exportName}`);
    return factory(...(source.args ?? []));
}
