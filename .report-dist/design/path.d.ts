import type { DesignSpec } from '../spec/index.js';
import type { Binding } from './bind.js';
import type { Noise } from './noise.js';
import { type ScheduleFunctions } from './schedule.js';
import type { Design, FamilyName } from './types.js';
export declare function pathDesign(spec: DesignSpec, family: FamilyName, schedule: ScheduleFunctions, noise: Noise, binding: Binding): Design;
