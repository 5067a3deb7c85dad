import type { DesignSpec } from '../spec/index.js';
import type { Binding } from './bind.js';
import type { Design } from './types.js';
type RadialBody = Extract<DesignSpec['body'], {
    family: 'radial';
}>;
export declare function radialDesign(spec: DesignSpec, body: RadialBody, binding: Binding): Design;
export {};
