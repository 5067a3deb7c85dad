import { type Design } from '../index.js';
import type { DataTable } from '../io/table.js';
import { type SampleOptions } from '../sample/index.js';
import { type ReportContent } from './html.js';
export { renderReport, type ReportContent } from './html.js';
export { linePlotSvg, quiverSvg, trajectoriesSvg } from './plots.js';
export interface ReportOptions {
    /** Data points, flat m × d or a table; without data the page has no field, samples or trajectories. */
    data?: Float64Array | DataTable;
    /** What the data is called on the page (a file name, a data set's name). */
    dataLabel?: string;
    /** The spec's text, shown on the page. */
    spec?: {
        text: string;
        file?: string;
    };
    /** Random cases per verified property (default verify's, 40). */
    verifyRuns?: number;
    /** Seed of verify (default verify's) and of the sampler (default 0). */
    seed?: number;
    /** Samples drawn (default 500). */
    sampleN?: number;
    /** Trajectories drawn (default 40). */
    trajectories?: number;
    /** Solver settings and threads for the samples. */
    sampler?: Pick<SampleOptions, 'solver' | 'rtol' | 'atol' | 'steps' | 'grid' | 'threads' | 'designSource' | 'pool'>;
}
/**
 * What the report shows, computed: verification, kernel curves, the velocity field, samples and trajectories.
 * A failed property or a failed sampling run is part of the content, not an error.
 * @throws OdeforgeError for data that does not fit the design, or bad sampler options
 */
export declare function reportContent(design: Design, options?: ReportOptions): Promise<ReportContent>;
/**
 * One self-contained HTML page about a design: the spec, the derivation typeset with KaTeX, the verification
 * table, plots of the kernel, the velocity field, samples and trajectories, and the sampler's statistics.
 * @example
 *   const html = await buildReport(loadDesign('examples/tanh.yaml'), { data: dataset('8gaussians', { n: 500 }), dataLabel: '8gaussians' });
 * @throws OdeforgeError for data that does not fit the design, or bad sampler options
 */
export declare function buildReport(design: Design, options?: ReportOptions): Promise<string>;
