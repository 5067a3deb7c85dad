import type { DesignSpec, Expression } from '../spec/index.js';
import { type MathNode } from '../symbolic/index.js';
import { type Binding } from './bind.js';
import { type RadialProfile } from './profile.js';
import type { DerivedQuantity } from './types.js';
export interface DensityProfile {
    profile: RadialProfile;
    derivation: Record<string, DerivedQuantity>;
}
export declare function densityProfile(density: Expression, binding: Binding, spec: DesignSpec, velocity?: MathNode): DensityProfile;
/** The value of a quadrature, or NaN when its error estimate says the integral did not converge (divergent). */
export declare function convergedValue(result: {
    value: number;
    error: number;
}): number;
