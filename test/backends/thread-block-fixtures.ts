// The networks of the thread-block tests of both threaded backends (cpp/thread-blocks.test.ts,
// wasm/thread-blocks.test.ts): COBA, noisy neurons on sizes no thread count divides, and a reset
// that keeps the spike test on one thread.
import { Network, Neuron, type BackendName } from '../../src/index.js';
import { buildCOBA } from '../../bench/lib/spiking.js';

/** The COBA benchmark network of `N` neurons (bench/lib/spiking.ts). */
export const coba = (N: number) => (backend: BackendName) => ({ net: buildCOBA({ N, backend }).net });

/** Noisy LIF neurons, without refractoriness, on a size that no thread count of 2–4 divides. */
const Noisy = new Neuron({
  name: 'noisy',
  parameters: 'tau = 10.0\n I = 1.05 : population',
  equations: 'tau * dv/dt = -v + I + 2.0 * Normal(0.0, 1.0)',
  spike: 'v > 1.0', reset: 'v = 0.0',
});

/** `N` noisy neurons (seed 7): many spike in the same step, in every block. */
export const noisy = (N: number) => (backend: BackendName) => {
  const net = new Network({ dt: 0.1, seed: 7, backend });
  net.create(N, Noisy, { name: 'noisy' });
  return { net };
};

/** A reset that counts the spikes in a population-wide variable: a sum over neurons, on one thread. */
const Counting = new Neuron({
  name: 'counting',
  parameters: 'tau = 10.0',
  equations: 'tau * dv/dt = -v + 1.1\n count = count : population',
  spike: 'v > 1.0', reset: 'v = 0.0\n count += 1.0',
});

/**
 * `N` counting neurons: v_n = 1.1 (1 - 0.99^n) exceeds 1 from n = 239 (Euler, dt/tau = 0.01), so
 * every neuron spikes at steps 239 and 478 and not again before 717: 2·N spikes in 60 ms.
 */
export const counting = (N: number) => (backend: BackendName) => {
  const net = new Network({ dt: 0.1, backend });
  net.create(N, Counting);
  return { net };
};
