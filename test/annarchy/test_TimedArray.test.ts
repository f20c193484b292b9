// ANNarchy: tests/Interface/test_TimedArray.py (+ 5.0 additions from tests_python/Interface/test_TimedArray.py)
// Ten one-hot input blocks fed one-to-one into r = sum(excX). ANNarchy 4.8's update() continued the
// sequence where it was; neurarchy follows ANNarchy 5 (update() restarts the sequence unless
// `reset: false`), so the update tests pass `reset: false` as ANNarchy 5's version of this file does.
import { it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, TimedArray, type Population, type BackendName } from '../../src/index.js';

const I = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 1 : 0)));
const J = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 1 : i + j === 9 ? 2 : 0)));
const e = (k: number) => I[k];

async function fourInputs(backend: BackendName, late: boolean) {
  const net = new Network();
  const options = [{}, { schedule: 10 }, { period: 10 }, { schedule: 2, period: 20 }];
  const inputs = options.map((o) => {
    if (!late) return new TimedArray({ rates: I, ...o, network: net });
    // ANNarchy: TimedArray(geometry=10), then update(rates, …) before compile
    const ta = new TimedArray({ geometry: 10, network: net });
    ta.update(I, o);
    return ta;
  });
  const out = net.create(10, new Neuron({ equations: 'r = sum(exc)\n r2 = sum(exc2)\n r3 = sum(exc3)\n r4 = sum(exc4)' }));
  ['exc', 'exc2', 'exc3', 'exc4'].forEach((t, k) => net.connect(inputs[k], out, t).connectOneToOne({ weights: 1.0 }));
  await net.compile(compileOptions(backend));
  return { net, out };
}

describeFloat64Backends('test_TimedArray', (backend) => {
  let n: Awaited<ReturnType<typeof fourInputs>>;
  beforeAll(async () => { n = await fourInputs(backend, false); });
  beforeEach(() => n.net.reset());
  it('test_TimedArray.test_compile', () => expect(n.net.compiled).toBe(true));
  it('test_TimedArray.test_run_one_loop: after 11 ms the last block', async () => {
    await n.net.simulate(11);
    expect(Array.from(n.out.r as Float64Array)).toEqual(e(9));
  });
  it('test_TimedArray.test_more_steps: after 12 ms the last block stays', async () => {
    await n.net.simulate(12);
    expect(Array.from(n.out.r as Float64Array)).toEqual(e(9));
  });
  it('test_TimedArray.test_run_one_schedule: schedule 10 ms, block 1 after 21 ms', async () => {
    await n.net.simulate(11);
    await n.net.simulate(10);
    expect(Array.from(n.out.r2 as Float64Array)).toEqual(e(1));
  });
  it('test_TimedArray.test_run_one_period: period 10 ms, block 0 again after 12 ms', async () => {
    await n.net.simulate(12);
    expect(Array.from(n.out.r3 as Float64Array)).toEqual(e(0));
  });
  it('test_TimedArray.test_run_one_period_one_schedule: schedule 2, period 20, block 1 after 25 ms', async () => {
    await n.net.simulate(25);
    expect(Array.from(n.out.r4 as Float64Array)).toEqual(e(1));
  });
});

describeFloat64Backends('test_TimedArrayLateInit', (backend) => {
  const late = (title: string, ms: number[], attr: 'r' | 'r2' | 'r3' | 'r4', expected: number[]) =>
    it(`test_TimedArrayLateInit.${title}`, async () => {
      const { net, out } = await fourInputs(backend, true);
      for (const t of ms) await net.simulate(t);
      expect(Array.from(out[attr] as Float64Array)).toEqual(expected);
    });
  it('test_TimedArrayLateInit.test_compile', async () => { expect((await fourInputs(backend, true)).net.compiled).toBe(true); });
  late('test_run_one_loop', [11], 'r', e(9));
  late('test_more_steps', [12], 'r', e(9));
  late('test_run_one_schedule', [11, 10], 'r2', e(1));
  late('test_run_one_period', [12], 'r3', e(0));
  late('test_run_one_period_one_schedule', [25], 'r4', e(1));
});

describeFloat64Backends('test_TimedArrayUpdate', (backend) => {
  let net: Network;
  let inp: TimedArray;
  let inp2: TimedArray;
  let out: Population;
  beforeAll(async () => {
    net = new Network();
    inp = new TimedArray({ rates: I, network: net });
    inp2 = new TimedArray({ rates: I, schedule: 2, network: net });
    out = net.create(10, new Neuron({ equations: 'r = sum(exc_1) + sum(exc_2)' }));
    net.connect(inp, out, 'exc_1').connectOneToOne({ weights: 1.0 });
    net.connect(inp2, out, 'exc_2').connectOneToOne({ weights: 1.0 });
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => net.reset());
  // ANNarchy 5's version of this file adds input populations with net.create(TimedArray(...))
  it('ANNarchy 5 idiom: net.create(new TimedArray({ rates }))', async () => {
    const other = new Network();
    const ta = other.create(new TimedArray({ rates: I }));
    expect(ta.size).toBe(10);
  });
  it('test_TimedArrayUpdate.test_compile', () => expect(net.compiled).toBe(true));
  it('test_TimedArrayUpdate.test_run_one_loop: new blocks after 5 ms, the last one after 11 ms', async () => {
    await net.simulate(5);
    inp.update(J, { reset: false });
    await net.simulate(6);
    expect(Array.from(out.sum('exc_1'))).toEqual(J[9]);
  });
  it('test_TimedArrayUpdate.test_run_one_loop_and_period: with schedule 2, block 4 of the new ones after 11 ms', async () => {
    await net.simulate(5);
    inp2.update(J, { schedule: 2.0, reset: false });
    await net.simulate(6);
    expect(Array.from(out.sum('exc_2'))).toEqual(J[4]);
  });
});

// ANNarchy 5.0 (tests_python/Interface/test_TimedArray.py) adds four update tests to this file.
describeFloat64Backends('test_TimedArrayUpdate (5.0 additions)', (backend) => {
  let net: Network;
  let inp: TimedArray;
  let inp2: TimedArray;
  let out: Population;
  beforeAll(async () => {
    net = new Network();
    inp = new TimedArray({ rates: I, network: net });
    inp2 = new TimedArray({ rates: I, schedule: 2, network: net });
    out = net.create(10, new Neuron({ equations: 'r = sum(exc_1) + sum(exc_2)' }));
    net.connect(inp, out, 'exc_1').connectOneToOne({ weights: 1.0 });
    net.connect(inp2, out, 'exc_2').connectOneToOne({ weights: 1.0 });
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => { net.reset(); inp.update(I, { reset: true }); inp2.update(I, { schedule: 2, reset: true }); });
  const r2 = () => Array.from(inp2.r as Float64Array);
  const s2 = () => Array.from(out.sum('exc_2'));
  /** simulate `ms`, then check inp2.r and sum(exc_2) against rows of the given matrices */
  async function step(ms: number, r: number[], s: number[]) {
    if (ms > 0) await net.simulate(ms);
    expect(r2()).toEqual(r);
    expect(s2()).toEqual(s);
  }

  it('test_run_one_loop_and_schedule: blocks held 2 ms, new blocks (reset: false) in the middle of block 2 shown at once', async () => {
    await net.simulate(1);
    expect(r2()).toEqual(I[0]);
    await step(1, I[0], I[0]);
    await step(1, I[1], I[0]);
    await step(1, I[1], I[1]);
    await step(1, I[2], I[1]);
    inp2.update(J, { schedule: 2.0, reset: false });
    await step(0, J[2], I[1]);
    await step(1, J[2], J[2]);
    await step(1, J[3], J[2]);
    await step(1, J[3], J[3]);
    await step(1, J[4], J[3]);
    await step(1, J[4], J[4]);
    await step(1, J[5], J[4]);
    await step(1, J[5], J[5]);
    await step(8, J[9], J[9]);
    await step(1, J[9], J[9]);
  });
  it('test_run_one_loop_reset: update(reset: true) after 5 ms restarts the sequence', async () => {
    await net.simulate(5);
    inp.update(J, { reset: true });
    await net.simulate(6);
    expect(Array.from(inp.r as Float64Array)).toEqual(J[5]);
    expect(Array.from(out.sum('exc_1'))).toEqual(J[4]);
  });
  it('test_run_one_loop_and_schedule_reset: update() without a schedule keeps the schedule of 2 ms', async () => {
    await net.simulate(5);
    inp2.update(J, { reset: true });
    await step(6, J[2], J[2]);
    await step(1, J[3], J[2]);
  });
  it('test_run_one_loop_and_change_schedule_and_period_reset: schedule 4, period 40', async () => {
    await net.simulate(5);
    inp2.update(J, { reset: true, schedule: 4, period: 40 });
    await step(12, J[2], J[2]);
    await step(1, J[3], J[2]);
    await step(27, J[9], J[9]);
    await step(1, J[0], J[9]);
    await step(1, J[0], J[0]);
  });
});
