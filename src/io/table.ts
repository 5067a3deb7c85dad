// The in-memory form of a data file: n points of d coordinates, flat row-major (the field's empirical data).
export type { EmpiricalData as DataTable } from '../numeric/data.js';
