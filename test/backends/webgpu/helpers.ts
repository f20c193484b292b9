// Shared by the webgpu tests that need an adapter: the probe, the float32 tolerance, the comparison.
import { acquireDevice } from '../../../src/backends/webgpu/device.js';
import { Neuron, Uniform, type BackendName, type Network, type Population } from '../../../src/index.js';

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

/** Adds every input into `v` (g_x cleared after being added); spikes once, at step `at` (never for -1): the procedural tests' counter. */
export const Counter = new Neuron({ parameters: 'at = -1.0', equations: 'v = v + g_x\n g_x = 0.0\n n = n + 1.0', spike: 'n == at' });

/** The delays the procedural tests run with: none, one uniform delay, delays drawn per synapse. */
export const PROCEDURAL_DELAYS: [string, number | Uniform][] = [['no delay', 0], ['a uniform delay', 1.5], ['delays drawn per synapse', new Uniform(0.1, 2.0)]];

/** Compiles `net` for `backend` and steps it `steps` times: `post`'s `v` (the counts) after each step. */
export async function countsAfterEachStep(net: Network, post: Population, backend: BackendName, steps: number): Promise<number[][]> {
  await net.compile({ backend });
  const out: number[][] = [];
  for (let s = 0; s < steps; s++) {
    await net.step();
    out.push(Array.from(post.state.get('v')!));
  }
  return out;
}
