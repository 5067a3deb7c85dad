export type { EmpiricalData as DataTable } from '../field/types.js';
