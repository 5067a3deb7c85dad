// Step-size control for one sample: how the next step size follows from the error norm of the last step
// (an integral controller, as scipy's RK45). Per sample, so one stiff trajectory cannot shrink the others'
// steps, and no trajectory's error hides behind a batch average.

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
export function integralController(options: IntegralControllerOptions): StepController {
  const exponent = -1 / (options.errorOrder + 1);
  const safety = options.safety ?? 0.9;
  const minFactor = options.minFactor ?? 0.2;
  const maxFactor = options.maxFactor ?? 10;
  return {
    afterAccept(errorNorm, previousRejected) {
      const f = errorNorm === 0 ? maxFactor : Math.min(maxFactor, safety * errorNorm ** exponent);
      return previousRejected ? Math.min(1, f) : f;
    },
    afterReject(errorNorm) {
      return Number.isFinite(errorNorm) ? Math.max(minFactor, safety * errorNorm ** exponent) : minFactor;
    },
  };
}
