// Shared by the webgpu tests that need an adapter: the probe, the float32 tolerance, the comparison.
import { acquireDevice } from '../../../src/backends/webgpu/device.js';

/** Whether a WebGPU adapter is found here (the `webgpu` package, or SwiftShader); warns with the reason when not. */
export async function probe(label: string): Promise<boolean> {
  try {
    const { device } = await acquireDevice();
    device.destroy();
    return true;
  } catch (e) {
    console.warn(`${label}: skipped, ${(e as Error).message}`);
    return false;
  }
}

/**
 * Relative tolerance of trajectories. float32 rounds at 6e-8; after hundreds of steps of these
 * non-chaotic networks the observed differences on SwiftShader stay below 1e-6 (a few to ten ulps:
 * rounding, FMA contraction, f32 exp). 1e-5 leaves room for GPUs whose exp/division are less exact
 * (WGSL allows 2.5 ulp for division, more for exp) while still catching any wrong formula, index
 * or missing step (those give errors of 1e-3 and more).
 */
export const TOL = 1e-5;

/** Largest |a − b| / (|a| + scale) over two arrays. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>, scale = 1e-3): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / (Math.abs(a[i]) + scale));
  return m;
}
