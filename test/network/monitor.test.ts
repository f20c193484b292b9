// Dossier §3.4 A3 and A11: monitor periods, start/pause/resume, recording sum(target) and synaptic variables.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';
import { column } from './helpers.js';

const rt = new Neuron({ equations: 'r = t' });

describeBackends('monitors (A3)', () => {
  it('every step, with a period, started late, paused and resumed', async () => {
    const net = new Network();
    const pop = net.create(3, rt);
    const m = net.monitor(pop, 'r');
    const o = net.monitor(pop, 'r', { period: 10 });
    const p = net.monitor(pop, 'r', { start: false });
    await net.compile(compileFor());
    await net.simulate(10);
    expect((m.get('r') as Float64Array[]).map((row) => Array.from(row))).toEqual(Array.from({ length: 10 }, (_, k) => [k, k, k]));
    p.start();
    await net.simulate(10);
    expect(column(p.get('r') as Float64Array[])).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    m.get('r');
    m.pause();
    await net.simulate(10);
    m.resume();
    await net.simulate(10);
    expect(column(m.get('r') as Float64Array[])).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
    await net.simulate(60);
    expect(column(o.get('r') as Float64Array[])).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('rows are shaped like the geometry; views give flat rows', async () => {
    const net = new Network();
    const pop = net.create([3, 5], rt);
    const m = net.monitor(pop, 'r');
    const v = net.monitor(pop.view(2, ':'), 'r');
    await net.compile(compileFor());
    await net.simulate(10);
    const rows = m.get('r', { keep: true }) as (Float64Array & { shape: number[] })[];
    expect(rows.length).toBe(10);
    expect(rows[0].shape).toEqual([3, 5]);
    expect((m.get('r', { reshape: false }) as (Float64Array & { shape?: number[] })[])[0].shape).toBeUndefined();
    const vrows = v.get('r') as Float64Array[];
    expect(vrows[0].length).toBe(5);
  });
});

describeBackends('recording inputs and synaptic variables (A11)', () => {
  it('sum(exc) started late and paused', async () => {
    const net = new Network();
    const pre = net.create(3, rt);
    const post = net.create(1, new Neuron({ equations: 'r = sum(exc)' }));
    net.connect(pre, post, 'exc').connectAllToAll(1.0);
    const m = net.monitor(post, 'sum(exc)', { start: false });
    await net.compile(compileFor());
    await net.simulate(10);
    m.start();
    await net.simulate(5);
    m.pause();
    await net.simulate(10);
    expect(column(m.get('sum(exc)') as Float64Array[])).toEqual([27, 30, 33, 36, 39]);
  });

  it('a synaptic variable y = pre.r * post.r * w', async () => {
    const net = new Network();
    const p0 = net.create(2, rt);
    const p1 = net.create(1, new Neuron({ equations: 'r = 10 - t' }));
    const proj = net.connect(p0, p1, 'exc', new Synapse({ equations: 'y = pre.r * post.r * w' })).connectAllToAll(0.5);
    const m = net.monitor(proj, 'y');
    await net.compile(compileFor());
    await net.simulate(10);
    const rows = m.get('y') as Float64Array[][];
    expect(rows.length).toBe(10);
    rows.forEach((dendrites, k) => expect(Array.from(dendrites[0])).toEqual([0.5 * k * (10 - k), 0.5 * k * (10 - k)]));
  });
});
