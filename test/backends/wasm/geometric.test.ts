import { describe, expect, it } from 'vitest';
import { ModuleWriter } from '../../../src/backends/wasm/encoder.js';
import { defineGeometric } from '../../../src/backends/wasm/random.js';
import { geometricSteps } from '../../../src/backends/js/special.js';

type Geom = (q: number, stream: number, index: number, step: number, drawId: number) => number;

const TWO32 = 4294967296;

/** Where `geom` remembers its last log(1 − q) (16 bytes), past a few bytes that must stay as they are. */
const MEMO = 64;

/** The module's `geom` for the network seed `seed` (a module of its own, exporting it), its memo at MEMO of a fresh memory. */
function moduleGeom(seed: number): Geom & { memory: WebAssembly.Memory } {
  const w = new ModuleWriter();
  w.importMemory('env', 'memory', 1);
  defineGeometric(w, seed, MEMO, 'geom');
  const memory = new WebAssembly.Memory({ initial: 1 });
  const geom = new WebAssembly.Instance(new WebAssembly.Module(w.emit() as BufferSource), { env: { memory } }).exports.geom as Geom;
  return Object.assign(geom, { memory });
}

/** The bits of a double (NaNs told apart by payload and sign). */
const bits = (x: number) => new BigUint64Array(Float64Array.of(x).buffer)[0];

// Seeds as `NetworkPlan.seed` may hold them, and beyond 32 bits (js reduces them with `>>> 0`).
const SEEDS = [0, 1, 1234, TWO32 - 1, TWO32 + 5, -3];
// Streams of populations (`randomStream`), and words with the top bit set.
const STREAMS = [0x10000, 0x10007, 0, 2 ** 31 + 5, TWO32 - 1];
const INDICES = [0, 1, 999, 2 ** 31 - 1];
const STEPS = [0, 1, 12345, TWO32 - 1, TWO32, TWO32 + 3, 2 ** 40 + 17, 2 ** 53 - 1];
const DRAW_IDS = [0, 1, 65535];

/**
 * Probabilities through every branch: never (q ≤ 0, NaN), every step (q ≥ 1), 1 − q rounding to
 * 1 (log(1 − q) = 0: an infinite or NaN quotient), 1 − q near 2^-53, subnormal, and a spread of
 * rates per step as the Poisson inputs have them (Hz × dt).
 */
const QS = [
  0, -0, -1, NaN, -Infinity, Infinity, 1, 1.5, 2 ** -54, 2 ** -53, 2 ** -52, 5e-324, 1e-300, 1 - 2 ** -53, 1 - 2 ** -52,
  0.5, 0.015, 1e-3, 1e-5, 0.25, 0.999,
];

describe('the module\'s geometric draw (Poisson inputs)', () => {
  it('gives the bits of js geometricSteps on every branch and many words', () => {
    let compared = 0;
    for (const seed of SEEDS) {
      const geom = moduleGeom(seed);
      for (const q of QS) {
        for (const stream of STREAMS) {
          for (const index of INDICES) {
            for (const step of STEPS) {
              for (const drawId of DRAW_IDS) {
                const want = geometricSteps(q, seed, stream, index, step, drawId);
                const got = geom(q, stream, index, step, drawId);
                if (bits(got) !== bits(want)) expect({ seed, q, stream, index, step, drawId, got }).toEqual({ seed, q, stream, index, step, drawId, got: want });
                compared++;
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  });

  it('gives the bits of js geometricSteps on random rates and steps', () => {
    let s = 0x2545f491;
    const next = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / TWO32; };
    const geom = moduleGeom(1234);
    for (let k = 0; k < 200_000; k++) {
      // Rates from 2^-30 to 1 per step, log-uniform, some steps past 2^32.
      const q = 2 ** (-30 * next());
      const step = Math.floor(next() * (k % 3 === 0 ? 2 ** 40 : 1e6));
      const index = Math.floor(next() * 10_000);
      const drawId = k & 1;
      const want = geometricSteps(q, 1234, 0x10003, index, step, drawId);
      const got = geom(q, 0x10003, index, step, drawId);
      if (bits(got) !== bits(want)) expect({ q, step, index, drawId, got }).toEqual({ q, step, index, drawId, got: want });
    }
  });

  it('remembers log(1 − q) for the last q only, by its bits: runs of one rate, neighbours one ulp apart, back and forth', () => {
    const geom = moduleGeom(77);
    const bytes = new Uint8Array(geom.memory.buffer);
    bytes.fill(0xa5, 0, MEMO);
    bytes.fill(0xa5, MEMO + 16, MEMO + 64);
    const up = (q: number) => { const f = Float64Array.of(q), w = new BigUint64Array(f.buffer); w[0]++; return f[0]; };
    const qs = [0.0015, 0.0015, 0.0015, up(0.0015), up(0.0015), 0.0015, 0.3, 0.0015, 1e-9, up(1e-9), 1e-9, 0, 0.0015, NaN, 0.0015, 1, 0.0015, 2 ** -54, 2 ** -54, 0.0015];
    let k = 0;
    for (let round = 0; round < 50; round++) {
      for (const q of qs) {
        const step = 1000 * round + k++;
        const want = geometricSteps(q, 77, 0x10000, k % 997, step, 0);
        const got = geom(q, 0x10000, k % 997, step, 0);
        if (bits(got) !== bits(want)) expect({ q, step, got }).toEqual({ q, step, got: want });
      }
    }
    // Nothing written outside its 16 bytes.
    expect(bytes.subarray(0, MEMO).every((b) => b === 0xa5)).toBe(true);
    expect(bytes.subarray(MEMO + 16, MEMO + 64).every((b) => b === 0xa5)).toBe(true);
  });
});
