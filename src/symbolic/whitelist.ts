// The functions and constants a spec expression may use, with their arity. Anything else is rejected
// at parse time, which is what keeps a spec from ever executing code.

/** Function name → allowed argument counts. */
export const allowedFunctions: Readonly<Record<string, readonly number[]>> = {
  exp: [1],
  log: [1, 2],
  log1p: [1],
  expm1: [1],
  sqrt: [1],
  cbrt: [1],
  abs: [1],
  sin: [1],
  cos: [1],
  tan: [1],
  sec: [1],
  csc: [1],
  cot: [1],
  asin: [1],
  acos: [1],
  atan: [1],
  sinh: [1],
  cosh: [1],
  tanh: [1],
  sech: [1],
  csch: [1],
  coth: [1],
  asinh: [1],
  acosh: [1],
  atanh: [1],
  erf: [1],
  erfc: [1],
  gamma: [1],
  lgamma: [1],
  sigmoid: [1],
  softplus: [1],
  heaviside: [1],
  min: [2],
  max: [2],
  pow: [2],
};

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
