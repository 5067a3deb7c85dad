// How each derived quantity is named in mathematics (LaTeX) and what it is, for derive, the report and export.
// docs/mathematics.md §2's conventions: key `phi` is φ_t(r), the kernel density, and key `varphi` is ϕ_t(r), the
// velocity field's radial part. TeX's command names run the other way round: \varphi draws φ and \phi draws ϕ
// (U+03C6 and U+03D5 in KaTeX's output, test/report/notation.test.ts), so the labels below look crossed but are not.

const labels: Record<string, string> = {
  psi: '\\psi_t(r)',
  dpsi_dr: '\\partial_r\\psi_t(r)',
  dpsi_dt: '\\partial_t\\psi_t(r)',
  log_dpsi_dr: '\\ln\\partial_r\\psi_t(r)',
  k: 'k_t(r)',
  phi: '\\varphi_t(r)',
  log_phi: '\\ln\\varphi_t(r)',
  varphi: '\\phi_t(r)',
  k_override: 'k_t(r)\\ \\text{(given)}',
  density: '\\tilde\\varphi_t(r)',
  alpha: '\\alpha_t',
  sigma: '\\sigma_t',
  dalpha: '\\dot\\alpha_t',
  dsigma: '\\dot\\sigma_t',
  drift: 'f(t)',
  diffusion: 'g(t)',
  log_kernel: '\\ln p_t(x \\mid x_0)',
  conditional_velocity: 'v_t(x \\mid x_0)',
  noise_log_density: '\\ln q(z)',
  noise_cdf: 'F(\\rho)',
  noise_dcdf: "F'(\\rho)",
  prior: 'p_{\\text{prior}}(x)',
  method: '\\text{method}',
};

// Plain text, one phrase each: derive's legend and the report's derivation table.
const descriptions: Record<string, string> = {
  psi: 'ψ_t(r) = P(|x_t − x0| ≤ r), the radial CDF of the kernel',
  dpsi_dr: '∂rψ_t(r), the density of the radius |x_t − x0|',
  dpsi_dt: '∂tψ_t(r)',
  log_dpsi_dr: 'ln ∂rψ_t(r), computed in log space',
  k: 'k_t(r) = ϕ/φ = −∂tψ/(r ∂rψ): the conditional velocity is k_t(r)(x − x0)',
  phi: 'φ_t(r) = ∂rψ/(S_{d−1} r^{d−1}), the normalized kernel density in R^d',
  log_phi: 'ln φ_t(r), computed in log space',
  varphi: "ϕ_t(r) = −∂tψ/(S_{d−1} r^d), the velocity field's radial part",
  k_override: 'k_t(r) as given in the spec (velocity:)',
  density: 'φ̃_t(r), the unnormalized radial density as given',
  alpha: "α_t, the path's scale of the data point",
  sigma: "σ_t, the path's noise scale",
  dalpha: 'dα_t/dt',
  dsigma: 'dσ_t/dt',
  drift: 'f(t), the SDE drift coefficient',
  diffusion: 'g(t), the SDE diffusion coefficient',
  log_kernel: 'ln p_t(x | x0), the log-kernel',
  conditional_velocity: 'v_t(x | x0), the conditional velocity',
  noise_log_density: 'ln q(z), the log-density of the noise',
  noise_cdf: 'F(ρ), the CDF of the noise radius',
  noise_dcdf: "F'(ρ), the density of the noise radius",
  prior: 'the law samples start from at t = T',
  method: 'how the closed forms were obtained: symbolically (checked numerically) or by quadrature',
};

/** What a derived quantity is, in one plain-text phrase ('' when there is nothing to add to its name). */
export function quantityDescription(name: string): string {
  return descriptions[name] ?? '';
}

/** The LaTeX name of a derived quantity (its key, typeset, when it has no conventional symbol). */
export function quantityLabel(name: string): string {
  return labels[name] ?? `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}
