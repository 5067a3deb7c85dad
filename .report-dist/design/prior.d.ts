import type { DesignSpec } from '../spec/index.js';
import { type Binding } from './bind.js';
import type { DerivedQuantity, Kernel, NoiseLaw, Prior, PriorKind } from './types.js';
/** What a prior may need to know of its design. */
export interface PriorContext {
    spec: DesignSpec;
    binding: Binding;
    kernel: Kernel;
    /** Path families: the noise law and σ_T; radial family: undefined. */
    path?: {
        noise: NoiseLaw;
        sigmaT: number;
        alphaT: number;
    };
}
export interface DerivedPrior {
    prior: Prior;
    derivation: DerivedQuantity;
}
/** The default prior of each family when the spec does not say (DESIGN.md). */
export declare function defaultPriorKind(context: PriorContext): Exclude<PriorKind, 'custom'>;
export declare function buildPrior(context: PriorContext): DerivedPrior;
