/**
 * Battery 'models': mutated neurons and synapses, each built into a small network (a neuron that
 * reads `g_exc`/`sum(exc)` gets an input projection), compiled and run for 20 ms on js (dt and the
 * default method vary with the case).
 * An accepted mutant is also saved at 10 ms (npz for even cases, JSON for odd ones), loaded into a
 * fresh copy and continued: the loaded state and the end must equal the uninterrupted run's. In the
 * cpp subset it runs on cpp too, whose whole state must equal js's bit for bit. A refusal must be a
 * NeurarchyError that names the model (and, for type and syntax errors confined to one field, the field).
 */
import * as N from '../../src/index.js';
import { Rng } from '../prng.js';
import { mutate, showSpec, type Mutant } from '../mutate.js';
import { RATE_NEURON, SPIKE_NEURON } from '../generate.js';
import { stateOf, diffStates, type State } from '../state.js';
import type { CaseReport, CaseRequest } from '../types.js';
import { runGuarded } from './common.js';

export const name = 'models';

/** Builds and compiles the network of a mutant on one backend (with a monitor of the mutated model when `monitor`). */
async function build(m: Mutant, backend: 'js' | 'cpp', cacheDir: string, monitor = false): Promise<N.Network> {
  const net = new N.Network({ dt: m.dt ?? 0.5, seed: 7, method: (m.method ?? 'explicit') as N.MethodName });
  if (m.base.kind === 'neuron') {
    const pop = net.create(4, new N.Neuron(m.spec as never));
    if (monitor) net.monitor(pop, [...pop.variables, ...(pop.isSpiking ? ['spike'] : [])], { name: 'fuzz' });
    // A mutant of a base that reads an excitatory input gets one, of its own kind, so transmission into
    // it runs too (the unmutated bases run alone: their own dynamics, compared on js and cpp).
    const text = JSON.stringify(m.base.spec);
    if (/g_exc|sum\(exc\)/.test(text) && !m.op.startsWith('none')) {
      const spiking = typeof m.base.spec.spike === 'string';
      net.connect(net.create(3, spiking ? SPIKE_NEURON : RATE_NEURON), pop, 'exc').connectAllToAll({ weights: spiking ? 0.2 : 0.1, delays: 1.0 });
    }
  } else {
    const kind = m.pre ?? m.base.pre;
    const pre = net.create(4, kind === 'rate' ? RATE_NEURON : SPIKE_NEURON);
    // Four connectivities in turn: uniform delay, random per-synapse delays (spikes pending in
    // flight), one-to-one with the shortest delay and per-synapse weights, two targets at once.
    const way = m.connectivity ?? 0;
    const post = net.create(way === 2 ? 4 : 3, kind === 'rate' ? RATE_NEURON : SPIKE_NEURON);
    // Several targets are for spiking projections only (ANNarchy).
    const proj = net.connect(pre, post, way === 3 && kind === 'spike' ? ['exc', 'inh'] : 'exc', new N.Synapse(m.spec as never));
    if (way === 0) proj.connectAllToAll({ weights: 0.5, delays: 1.0 });
    else if (way === 1) proj.connectFixedProbability({ probability: 0.7, weights: new N.Uniform(0.2, 0.8), delays: new N.Uniform(0.5, 3.0) });
    else if (way === 2) proj.connectOneToOne({ weights: new N.Uniform(0.2, 0.8) });
    else proj.connectAllToAll({ weights: 0.25, delays: 2.0 });
    if (monitor) net.monitor(post, post.variables, { name: 'fuzz' });
  }
  await net.compile(backend === 'cpp' ? { backend, directory: cacheDir } : { backend });
  return net;
}

/** 10 ms, then 10 ms more: the state after each, and at the end what the monitor recorded (as `monitor/<variable>`). */
async function runOn(m: Mutant, backend: 'js' | 'cpp', cacheDir: string): Promise<{ net: N.Network; half: State; end: State }> {
  const net = await build(m, backend, cacheDir, true);
  await net.simulate(10);
  const half = stateOf(net);
  await net.simulate(10);
  const end = stateOf(net);
  const mon = net.monitors.find((x) => x.name === 'fuzz');
  for (const v of mon?.variables ?? []) {
    const data = mon!.get(v as never) as unknown;
    end[`monitor/${v}`] = Array.isArray(data)
      ? (data as ArrayLike<number>[]).flatMap((row) => Array.from(row))
      : Object.entries(data as Record<string, number[]>).flatMap(([rank, steps]) => [-1, Number(rank), ...steps]);
  }
  return { net, half, end };
}

/**
 * Save at 10 ms (npz or JSON), load into a fresh copy, check that it holds the same state, run it
 * 10 ms more: it must end where the uninterrupted run did. '' when it does.
 */
async function roundTrip(m: Mutant, saved: Uint8Array | string, half: State, end: State, cacheDir: string): Promise<string> {
  const copy = await build(m, 'js', cacheDir);
  if (typeof saved === 'string') copy.fromJson(saved); else copy.fromNpz(saved);
  const loaded = diffStates(half, stateOf(copy));
  if (loaded) return `loaded state differs from the saved one: ${loaded}`;
  await copy.simulate(10);
  const d = diffStates(end, stateOf(copy), /^monitor\//);
  return d ? `continued after load differs from the uninterrupted run: ${d}` : '';
}

export function describe(seed: number, index: number): { mutant: Mutant; label: string; input: string } {
  const mutant = mutate(Rng.forCase(seed, name, index), index);
  return {
    mutant,
    label: `${mutant.base.kind} ${mutant.base.origin}${mutant.dt !== undefined ? ` (dt ${mutant.dt}, ${mutant.method})` : ''} · ${mutant.field} · ${mutant.op}`,
    input: showSpec(mutant.spec, mutant.field),
  };
}

/** Field names as an error may spell them (`preSpike` or ANNarchy's `pre_spike`). */
export function fieldSpellings(field: string): string[] {
  return [field, field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

export async function run(req: CaseRequest): Promise<CaseReport> {
  const { mutant, label, input } = describe(req.seed, req.index);
  const mustName = [mutant.name, ...(mutant.strictField ? [fieldSpellings(mutant.field).join('|')] : [])].filter((x): x is string => x !== undefined);
  return runGuarded({ battery: name, index: req.index, label, input, expect: mutant.expect, mustName }, async (report) => {
    // The save is taken at 10 ms by a second run (saving must not change the run it is taken from).
    const js = await runOn(mutant, 'js', req.cacheDir);
    report.backends.push('js');
    const again = await build(mutant, 'js', req.cacheDir);
    await again.simulate(10);
    const format = req.index % 2 === 0 ? 'npz' : 'json';
    const trip = await roundTrip(mutant, format === 'npz' ? again.toNpz() : again.toJson(), js.half, js.end, req.cacheDir);
    if (trip) report.mismatch = `save/load (${format}): ${trip}`;
    if (req.cpp) {
      const cpp = await runOn(mutant, 'cpp', req.cacheDir);
      report.backends.push('cpp');
      const d = diffStates(js.end, cpp.end);
      if (d && !report.mismatch) report.mismatch = `js vs cpp: ${d}`;
    }
  });
}
