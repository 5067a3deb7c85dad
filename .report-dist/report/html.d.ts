import type { SampleStats, VerifyReport } from '../index.js';
import type { Figure } from './figures.js';
/** One derived quantity as shown: its symbol and formula in LaTeX, and the plain-text expression. */
export interface DerivationRow {
    name: string;
    symbol: string;
    latex: string;
    expr: string;
}
/** How the samples were drawn, or why they could not be. */
export type SamplingOutcome = {
    kind: 'sampled';
    stats: SampleStats;
    settings: Record<string, string | number>;
} | {
    kind: 'failed';
    message: string;
} | {
    kind: 'no-data';
};
/** Everything the page shows, as plain data. */
export interface ReportContent {
    design: {
        name: string;
        description: string;
        family: string;
        dimension: number;
        T: number;
        epsilon: number;
        prior: string;
        parameters: Readonly<Record<string, number>>;
    };
    spec?: {
        text: string;
        file?: string;
    };
    derivation: DerivationRow[];
    verification: VerifyReport;
    data?: {
        label: string;
        rows: number;
        dim: number;
    };
    sampling: SamplingOutcome;
    figures: {
        kernel: Figure[];
        field: Figure[];
        sampling: Figure[];
    };
    /** Seconds spent on each stage. */
    timings: Record<string, number>;
}
/** The whole page. */
export declare function renderReport(c: ReportContent): string;
