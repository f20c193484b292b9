/**
 * Battery 'models': mutated neurons and synapses, each built into a small network (a neuron that
 * reads `g_exc`/`sum(exc)` gets an input projection), compiled and run for 40 steps on js — and, for the cpp subset, on cpp too, whose whole state must equal js's bit for
 * bit. A refusal must be a NeurarchyError that names the model (and, for type and syntax errors
 * confined to one field, the field).
 */
import * as N from '../../src/index.js';
import { Rng } from '../prng.js';
import { mutate, showSpec, type Mutant } from '../mutate.js';
import { RATE_NEURON, SPIKE_NEURON } from '../generate.js';
import { stateOf, diffStates, type State } from '../state.js';
import type { CaseReport, CaseRequest } from '../types.js';
import { runGuarded } from './common.js';

export const name = 'models';

/** Builds the network of a mutant on one backend, runs it, returns its state. */
async function runOn(m: Mutant, backend: 'js' | 'cpp', cacheDir: string): Promise<State> {
  const net = new N.Network({ dt: 0.5, seed: 7 });
  if (m.base.kind === 'neuron') {
    const pop = net.create(4, new N.Neuron(m.spec as never));
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
    const post = net.create(3, kind === 'rate' ? RATE_NEURON : SPIKE_NEURON);
    net.connect(pre, post, 'exc', new N.Synapse(m.spec as never)).connectAllToAll({ weights: 0.5, delays: 1.0 });
  }
  await net.compile(backend === 'cpp' ? { backend, directory: cacheDir } : { backend });
  await net.simulate(20);
  return stateOf(net);
}

export function describe(seed: number, index: number): { mutant: Mutant; label: string; input: string } {
  const mutant = mutate(Rng.forCase(seed, name, index), index);
  return {
    mutant,
    label: `${mutant.base.kind} ${mutant.base.origin} · ${mutant.field} · ${mutant.op}`,
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
    const js = await runOn(mutant, 'js', req.cacheDir);
    report.backends.push('js');
    if (req.cpp) {
      const cpp = await runOn(mutant, 'cpp', req.cacheDir);
      report.backends.push('cpp');
      const d = diffStates(js, cpp);
      if (d) report.mismatch = `js vs cpp: ${d}`;
    }
  });
}
