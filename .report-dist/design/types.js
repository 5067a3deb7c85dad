// The Design: what every family produces and everything downstream (verify, field, sample, cli) consumes.
// Pure numeric interface; nothing here may import mathjs or nerdamer.
export {};
