/**
 * `computeFiringRate(window)`: for spiking populations, `r` becomes the number of spikes in the
 * last `window` ms × 1000 / window (Hz), kept up to date after every neuron update.
 */
import type { Population } from '../core/Population.js';

interface Window {
  pop: Population;
  steps: number;
  factor: number;
  /** Spike counts per neuron in the window. */
  counts: Int32Array;
  /** The spiking ranks of the last `steps` steps (ring). */
  ring: Int32Array[];
  ringN: Int32Array;
  slot: number;
}

export class FiringRateWindows {
  readonly #windows = new Map<number, Window>();
  readonly #dt: number;

  constructor(_pops: readonly Population[], dt: number) { this.#dt = dt; }

  get active(): boolean { return this.#windows.size > 0; }

  set(pop: Population, windowMs: number): void {
    const steps = Math.max(1, Math.round(windowMs / this.#dt));
    this.#windows.set(pop.id, {
      pop, steps, factor: 1000 / windowMs, counts: new Int32Array(pop.size),
      ring: Array.from({ length: steps }, () => new Int32Array(pop.size)), ringN: new Int32Array(steps), slot: 0,
    });
  }

  update(_step: number): void {
    for (const w of this.#windows.values()) {
      const s = w.pop.state;
      const spiked = s.get('_spiked') as Int32Array;
      const n = (s.get('_nspiked') as Int32Array)[0];
      const old = w.ring[w.slot];
      for (let k = 0; k < w.ringN[w.slot]; k++) w.counts[old[k]]--;
      old.set(spiked.subarray(0, n));
      w.ringN[w.slot] = n;
      for (let k = 0; k < n; k++) w.counts[spiked[k]]++;
      w.slot = (w.slot + 1) % w.steps;
      const r = s.get('r') as Float64Array;
      for (let i = 0; i < r.length; i++) r[i] = w.counts[i] * w.factor;
    }
  }
}
