// The functions and constants a spec expression may use, with their arity. Anything else is rejected
// at parse time, which is what keeps a spec from ever executing code.
import { functions } from './functions.js';

/** Function name → allowed argument counts: the catalogue's functions that are spec syntax. */
export const allowedFunctions: Readonly<Record<string, readonly number[]>> = Object.fromEntries(
  Object.entries(functions).flatMap(([name, entry]) => (entry.internal ? [] : [[name, entry.arity]])),
);

/** Named constants usable in any expression. */
export const builtinConstants: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

/** Names a user may not bind as parameters or definitions. */
export const reservedNames: ReadonlySet<string> = new Set([
  ...Object.keys(allowedFunctions),
  ...Object.keys(builtinConstants),
  't',
  'r',
  'd',
  'rho',
  's',
]);
