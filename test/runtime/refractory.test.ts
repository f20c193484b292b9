// A refractory period given through a parameter is converted to steps saturated to [0, 2^31 − 1]:
// an infinite period never ends (int32 conversion of Infinity gave 0, i.e. no refractoriness), a
// huge one does not wrap to a negative count, NaN and negative periods are none. Same spikes on
// every backend.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';

// v rises by 1 per step from 0 and fires at v > 2.5, i.e. every 3rd step when not refractory
// (steps 2, 5, 8, … with dt = 1): refractoriness freezes v and delays the next spike.
const Ramp = new Neuron({
  parameters: 'tau_ref = 0.0',
  equations: 'dv/dt = 1.0',
  spike: 'v > 2.5',
  reset: 'v = 0.0',
  refractory: 'tau_ref',
});

async function spikes(values: number[], steps = 30): Promise<number[][]> {
  const net = new Network({ dt: 1, checkNumerics: 'off' });
  const pop = net.create(values.length, Ramp);
  pop.tau_ref = values;
  const m = net.monitor(pop, 'spike');
  await net.compile(compileFor());
  await net.simulate(steps);
  const s = m.get('spike') as Record<number, number[]>;
  return values.map((_, i) => s[i] ?? []);
}

describeBackends('refractory period from a parameter', () => {
  it('Infinity: one spike, never again; 2^40 ms: the same (saturated, not wrapped); 0, NaN and negative: none', async () => {
    const [inf, huge, zero, nan, neg, two] = await spikes([Infinity, 2 ** 40, 0, NaN, -5, 2]);
    expect(inf).toEqual([2]);
    expect(huge).toEqual([2]);
    expect(zero).toEqual([2, 5, 8, 11, 14, 17, 20, 23, 26, 29]);
    expect(nan).toEqual(zero);
    expect(neg).toEqual(zero);
    // 2 ms refractory: 2 frozen steps after each spike, then 3 steps of ramp: every 5th step
    expect(two).toEqual([2, 7, 12, 17, 22, 27]);
  });
});

it('the saturated counter stays positive for 2^31 − 1 steps (int32), unlike the ToInt32 wrap', () => {
  const r = new Int32Array(3);
  r[0] = Math.max(0, Math.min(Math.round(Infinity), 2147483647));
  r[1] = Math.max(0, Math.min(Math.round(2 ** 40), 2147483647));
  r[2] = 2 ** 40 + 2 ** 31; // what a plain conversion gives: wrapped to a negative count
  expect(Array.from(r)).toEqual([2147483647, 2147483647, -2147483648]);
});
