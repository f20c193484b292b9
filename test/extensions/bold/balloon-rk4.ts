/**
 * An independent integration of the balloon model (Friston et al. 2000; Stephan et al. 2007) with
 * classical fourth-order Runge–Kutta, written from the equations of the papers (time in seconds),
 * not from neurarchy's equation language: the reference the BoldMonitor tests compare with.
 */
export interface BalloonConstants {
  phi: number; kappa: number; gamma: number; E_0: number; tau: number; alpha: number; V_0: number;
  k_1: number; k_2: number; k_3: number;
  /** true: BOLD = V_0 (k1 (1−q) + k2 (1−q/v) + k3 (1−v)); false: V_0 ((k1+k2)(1−q) + (k3−k2)(1−v)). */
  nonlinear: boolean;
}

/** Revised coefficients (Obata et al. 2004) with Friston's values, ANNarchy's defaults. */
export function revised(nonlinear: boolean): BalloonConstants {
  const E_0 = 0.34, v_0 = 40.3, TE = 0.04, epsilon = 1.43, r_0 = 25;
  return { phi: 1, kappa: 1 / 1.54, gamma: 1 / 2.46, E_0, tau: 0.98, alpha: 0.33, V_0: 0.02, k_1: 4.3 * v_0 * E_0 * TE, k_2: epsilon * r_0 * E_0 * TE, k_3: 1 - epsilon, nonlinear };
}

/** Classical coefficients (Buxton et al. 1998). */
export function classical(nonlinear: boolean): BalloonConstants {
  const E_0 = 0.34, v_0 = 40.3, TE = 0.04, epsilon = 1.43, V_0 = 0.02;
  return { phi: 1, kappa: 1 / 1.54, gamma: 1 / 2.46, E_0, tau: 0.98, alpha: 0.33, V_0, k_1: (1 - V_0) * 4.3 * v_0 * E_0 * TE, k_2: 2 * E_0, k_3: 1 - epsilon, nonlinear };
}

/** State [s, f, v, q]; the input u(t) (t in s). */
function derivative(c: BalloonConstants, y: number[], u: number): number[] {
  const [s, f, v, q] = y;
  const E = 1 - (1 - c.E_0) ** (1 / f);
  const fout = v ** (1 / c.alpha);
  return [c.phi * u - c.kappa * s - c.gamma * (f - 1), s, (f - fout) / c.tau, (f * E / c.E_0 - (q / v) * fout) / c.tau];
}

export function bold(c: BalloonConstants, v: number, q: number): number {
  return c.nonlinear
    ? c.V_0 * (c.k_1 * (1 - q) + c.k_2 * (1 - q / v) + c.k_3 * (1 - v))
    : c.V_0 * ((c.k_1 + c.k_2) * (1 - q) + (c.k_3 - c.k_2) * (1 - v));
}

/**
 * The BOLD signal every `sampleMs` for an input `u(tMs)` that is constant over each RK4 step of
 * `hMs` (ms), from rest (s = 0, f = v = q = 1), over `durationMs`.
 */
export function integrate(c: BalloonConstants, u: (tMs: number) => number, durationMs: number, hMs = 0.1, sampleMs = 1): number[] {
  const h = hMs / 1000;
  let y = [0, 1, 1, 1];
  const out: number[] = [];
  const perSample = Math.round(sampleMs / hMs);
  const steps = Math.round(durationMs / hMs);
  for (let i = 0; i < steps; i++) {
    const x = u(i * hMs);
    const k1 = derivative(c, y, x);
    const k2 = derivative(c, y.map((yi, j) => yi + (h / 2) * k1[j]), x);
    const k3 = derivative(c, y.map((yi, j) => yi + (h / 2) * k2[j]), x);
    const k4 = derivative(c, y.map((yi, j) => yi + h * k3[j]), x);
    y = y.map((yi, j) => yi + (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]));
    if ((i + 1) % perSample === 0) out.push(bold(c, y[2], y[3]));
  }
  return out;
}
