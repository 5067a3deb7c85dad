// Runs one property as a fast-check property with a fixed seed: tracks the worst residual, shrinks a failing
// case (within a budget, since some cases are expensive) and reports it as a concrete counterexample.
import fc from 'fast-check';
/** Evaluate `check` over its cases; a case fails when its residual is not ≤ tolerance (NaN fails). */
export function runProperty(check) {
    let worst = 0;
    let sawNonFinite = false;
    let failures = 0;
    let shrinkSteps = 0;
    let lastFailure;
    const predicate = (value) => {
        if (failures > 0 && shrinkSteps++ >= check.shrinkBudget)
            return true; // budget spent: keep the smallest so far
        const evaluation = safely(check.evaluate, value);
        const r = evaluation.residual;
        if (Number.isNaN(r))
            sawNonFinite = true;
        else if (r > worst)
            worst = r;
        const ok = r <= check.tolerance;
        if (!ok) {
            failures++;
            lastFailure = { value, evaluation };
        }
        return ok;
    };
    const details = fc.check(fc.property(check.arbitrary, predicate), {
        seed: check.seed,
        numRuns: check.runs,
        examples: check.examples?.map((e) => [e]),
        endOnFailure: check.shrinkBudget === 0,
    });
    const failed = details.failed && lastFailure !== undefined;
    return {
        name: check.name,
        passed: !failed,
        runs: failed ? details.numRuns : check.runs,
        maxResidual: sawNonFinite ? NaN : worst,
        tolerance: check.tolerance,
        measure: check.measure,
        counterexample: failed ? { ...lastFailure.evaluation.at, residual: lastFailure.evaluation.residual } : null,
    };
}
/** Whether residual a is worse than b: larger, or NaN (a NaN, once seen, is never replaced). */
export function isWorse(a, b) {
    return !Number.isNaN(b) && !(a <= b);
}
/** A case whose evaluation throws fails with the error's message and a NaN residual. */
function safely(evaluate, value) {
    try {
        return evaluate(value);
    }
    catch (error) {
        return { residual: NaN, at: { case: plain(value), error: error.message ?? String(error) } };
    }
}
/** Typed arrays and nested records as plain JSON values. */
export function plain(value) {
    if (ArrayBuffer.isView(value))
        return Array.from(value);
    if (Array.isArray(value))
        return value.map(plain);
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    }
    return value;
}
