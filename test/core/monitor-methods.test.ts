// Monitors' spike analysis (issue 12): records carry dt, window, duration and size, so the analysis
// functions need no options; ANNarchy's monitor methods; get() of every variable; sizeInBytes; times.
// Spike trains are prescribed (SpikeSourceArray), so every number below is computed by hand.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import {
  Network, Neuron, SpikeSourceArray, NeurarchyError, meanFr, histogram, populationRate, interSpikeInterval,
  coefficientOfVariation, rasterPlot, recordInfo, type SpikeRecord,
} from '../../src/index.js';

/** dt = 0.1 ms, so a stale dt of 1 would make every rate 10× wrong. Neuron 0: ISI 10 ms (CV 0); neuron 1: ISIs 10, 20 ms (CV 1/3); neuron 2 silent. */
async function recorded(T = 100) {
  const net = new Network({ dt: 0.1, seed: 1 });
  const ssa = new SpikeSourceArray([[10, 20, 30, 40], [5, 15, 35], []], { network: net });
  const m = net.monitor(ssa, 'spike');
  await net.compile(compileFor());
  await net.simulate(T);
  return { net, ssa, m };
}

describeBackends('spike records carry their recording', () => {
  it('meanFr(m.get(\'spike\')) needs no options: 7 spikes / 3 neurons / 100 ms = 23.33 Hz', async () => {
    const { m } = await recorded();
    const spikes = m.get('spike', { keep: true });
    expect(spikes).toEqual({ 0: [100, 200, 300, 400], 1: [50, 150, 350], 2: [] });
    expect(Object.keys(spikes)).toEqual(['0', '1', '2']); // the information is not enumerable
    expect(recordInfo(spikes)).toMatchObject({ dt: 0.1, unit: 'steps', start: 0, stop: 1000, duration: 100, size: 3 });
    expect(meanFr(spikes)).toBeCloseTo(7 / 3 / 0.1, 10);
    expect(m.meanFr()).toBeCloseTo(23.333333333, 8);
    // The same spikes in ms (spikeTimes) carry their unit.
    expect(meanFr(m.spikeTimes({ keep: true }))).toBeCloseTo(23.333333333, 8);
    // A dt that contradicts the record is refused rather than giving a 10× wrong rate.
    expect(() => meanFr(spikes, { dt: 1 })).toThrow(/recorded with dt = 0.1 ms/);
    expect(() => meanFr(spikes, { dt: 1 })).toThrow(NeurarchyError);
    // Data without a record's information still needs dt.
    expect(() => meanFr({ 0: [1, 2] } as SpikeRecord)).toThrow(/pass \{ dt \}/);
  });

  it('ISI, CV, raster, histogram and population rate from the record and as monitor methods', async () => {
    const { m } = await recorded();
    const spikes = m.get('spike', { keep: true });
    expect(interSpikeInterval(spikes).map((x) => +x.toFixed(9))).toEqual([10, 10, 10, 10, 20]);
    expect(m.interSpikeInterval()).toEqual(interSpikeInterval(spikes));
    const cv = coefficientOfVariation(spikes);
    expect(cv.perNeuron.get(0)).toBeCloseTo(0, 12);
    expect(cv.perNeuron.get(1)).toBeCloseTo(5 / 15, 12);
    expect(m.coefficientOfVariation().mean).toBeCloseTo(1 / 6, 12);
    const raster = m.rasterPlot();
    expect([...raster.times].map((t) => +t.toFixed(9))).toEqual([5, 10, 15, 20, 30, 35, 40]);
    expect([...raster.ranks]).toEqual([1, 0, 1, 0, 0, 1, 0]);
    expect(rasterPlot(spikes)).toEqual(raster);
    // Bins of 10 ms over the whole recording [0, 100) ms: 5 | 10, 15 | 20 | 30, 35 | 40 | nothing after.
    const h = m.histogram(undefined, { bin: 10 });
    expect([...h.counts]).toEqual([1, 2, 1, 2, 1, 0, 0, 0, 0, 0]);
    expect(histogram(spikes, { bin: 10 })).toEqual(h);
    // One sample per step over 1000 steps; a spike adds 1000 / (0.1 ms · 3 neurons) Hz in its step.
    const pr = populationRate(spikes);
    expect(pr.rate.length).toBe(1000);
    expect(pr.rate[100]).toBeCloseTo(1000 / 0.3, 9);
    expect(pr.rate[101]).toBe(0);
    const sr = m.smoothedRate();
    expect(sr.rates.length).toBe(3);
    expect(sr.rates[0][150]).toBeCloseTo(100, 9); // 1000 / ISI of 10 ms
    expect(sr.rates[1][200]).toBeCloseTo(50, 9); // between 15 and 35 ms
    // The methods keep the recorded spikes: a draining get() still sees them.
    expect(m.get('spike')[0]).toEqual([100, 200, 300, 400]);
  });

  it('the recorded duration excludes pauses and starts again after a draining get()', async () => {
    const { net, m } = await recorded(50); // spikes 5..40 ms recorded
    m.pause();
    await net.simulate(30);
    m.resume();
    await net.simulate(20); // 100 ms simulated, 70 ms recorded
    expect(m.times()).toEqual({ spike: { start: [0, 800], stop: [500] } });
    expect(m.times('spike')).toEqual(m.times());
    expect(() => m.times('v')).toThrow(/does not record 'v'/);
    const first = m.get('spike');
    expect(recordInfo(first)).toMatchObject({ start: 0, stop: 1000, duration: 70 });
    expect(meanFr(first)).toBeCloseTo(7 / 3 / 0.07, 9);
    await net.simulate(50);
    const second = m.get('spike');
    expect(recordInfo(second)).toMatchObject({ start: 1000, stop: 1500, duration: 50 });
    expect(meanFr(second)).toBe(0);
  });

  it('after net.reset() the record starts at step 0 again', async () => {
    const { net, m } = await recorded();
    net.reset();
    await net.simulate(25);
    const s = m.get('spike');
    expect(s).toEqual({ 0: [100, 200], 1: [50, 150], 2: [] });
    expect(recordInfo(s)).toMatchObject({ start: 0, stop: 250, duration: 25 });
    expect(meanFr(s)).toBeCloseTo(4 / 3 / 0.025, 9);
    expect(m.times()).toEqual({ spike: { start: [0], stop: [] } });
  });
});

describeBackends('Monitor.get() of every variable, sizeInBytes', () => {
  it('get() returns each recorded variable, typed by name; sizeInBytes counts 8 bytes per value and per spike', async () => {
    const net = new Network({ dt: 0.5, seed: 1 });
    // v grows by 1 per ms and spikes when above 1.2: at steps 2, 5, 8, … (v = 1.5 each time).
    const pop = net.create(2, new Neuron({ equations: 'dv/dt = 1.0', spike: 'v > 1.2', reset: 'v = 0.0' }));
    const m = net.monitor(pop, ['v', 'spike']);
    await net.compile(compileFor());
    await net.simulate(5); // 10 steps
    expect(m.sizeInBytes()).toBe(10 * 2 * 8 + 2 * 3 * 8);
    const all = m.get();
    const v: Float64Array[] = all.v; // typed without a cast
    const spikes: SpikeRecord = all.spike;
    expect(v.length).toBe(10);
    expect(Array.from(v[0])).toEqual([0.5, 0.5]);
    expect(Array.from(v[2])).toEqual([0, 0]); // spiked and reset in step 2
    expect(spikes).toEqual({ 0: [2, 5, 8], 1: [2, 5, 8] });
    expect(m.sizeInBytes()).toBe(0); // drained
    expect(() => net.monitor(pop, 'v').meanFr()).toThrow(/does not record 'spike'/);
  });
});
