// The small interfaces the integrators share: what is integrated (a term), how it went (stats, failure),
// and what is kept along the way (recorded states). Solvers never see designs or data.
export {};
