export interface FieldWorkerSetup {
    specPath: string;
    dim: number;
    dataPath: string;
    rows: number;
    rowOffset: number;
    t: number;
}
