// The batched vector-field interface the solvers integrate, and the data sources a field is built from.
// Plain numbers only: nothing here knows about spec files or symbolic expressions.
export {};
