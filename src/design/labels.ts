// How each derived quantity is named in mathematics (LaTeX), for derive --format latex, report and export.
// docs/mathematics.md §2's conventions: φ (\varphi) is the kernel density, ϕ (\phi) the velocity field's radial part.

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

/** The LaTeX name of a derived quantity (its key, typeset, when it has no conventional symbol). */
export function quantityLabel(name: string): string {
  return labels[name] ?? `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}
