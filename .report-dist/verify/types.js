// The vocabulary of verification: property names, one property's result, the report, the options.
// Plain data only (the report is printed as JSON by the CLI); no design logic here.
/** Every property verify knows, in the order they are run and reported. */
export const propertyNames = [
    'normalization',
    'cdf-bounds',
    'monotone',
    'concentration',
    'continuity-conditional',
    'continuity-marginal',
    'symbolic-agreement',
    'kernel-sampler',
    'transport',
    'prior-sampler',
    'prior-mismatch',
    'finite',
];
