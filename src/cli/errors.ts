// Mapping of failures to what the user sees: one line and an exit code (0 ok, 1 failed check or
// integration, 2 bad input). Stack traces only for internal bugs.
import { IntegrationError, OdeforgeError, terminalText, VerificationFailed } from '../index.js';

export const exitCodes = { ok: 0, failed: 1, badInput: 2, internal: 70 } as const;

/** A command's own check failed after it wrote its outputs (a design of `compare` could not be sampled): exit 1. */
export class CheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailed';
  }
}

/** Print `error` the way a user should see it; returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof OdeforgeError) {
    process.stderr.write(`odeforge: ${terminalText(error.format())}\n`);
    return exitCodes.badInput;
  }
  if (error instanceof IntegrationError) {
    process.stderr.write(`odeforge: ${terminalText(error.message)} (sample ${error.sampleIndex}, t = ${error.t})\n`);
    return exitCodes.failed;
  }
  if (error instanceof CheckFailed) {
    process.stderr.write(`odeforge: ${terminalText(error.message)}\n`);
    return exitCodes.failed;
  }
  if (error instanceof VerificationFailed) {
    const failed = error.report.properties.filter((p) => !p.passed).map((p) => p.name);
    process.stderr.write(`odeforge: ${failed.join(', ')} failed (report above)\n`);
    return exitCodes.failed;
  }
  const code = (error as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) return exitCodes.badInput;
  process.stderr.write(`odeforge: internal error: ${terminalText((error as Error).message ?? String(error))}\n`);
  if (process.env.ODEFORGE_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  process.stderr.write('odeforge: this is a bug; please report it with the spec and command that caused it\n');
  return exitCodes.internal;
}
