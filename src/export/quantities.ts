// The derived quantities an export prints: with the design's dimension bound, or for any d when the export is
// written for an open dimension (then the forms with d and S_{d−1} as symbols).
import type { DerivedQuantity, Design } from '../design/index.js';

export function exportedQuantities(
  design: Pick<Design, 'derivation'>,
  openDimension = false,
): Record<string, Omit<DerivedQuantity, 'anyDimension'>> {
  return Object.fromEntries(
    Object.entries(design.derivation).map(([name, { anyDimension, ...quantity }]) => [
      name,
      openDimension && anyDimension ? { ...quantity, ...anyDimension } : quantity,
    ]),
  );
}
