export interface StepController {
    /** Factor on h after an accepted step (error norm < 1). */
    afterAccept(errorNorm: number, previousRejected: boolean): number;
    /** Factor on h after a rejected step (error norm ≥ 1 or not finite). */
    afterReject(errorNorm: number): number;
}
export interface IntegralControllerOptions {
    /** Order of the error estimator (4 for Dormand–Prince 5(4)). */
    errorOrder: number;
    safety?: number;
    minFactor?: number;
    maxFactor?: number;
}
/** h ← h · clamp(safety · err^{−1/(q+1)}), no growth right after a rejection (scipy's RK45 rules). */
export declare function integralController(options: IntegralControllerOptions): StepController;
