/**
 * Regressions for the differences from ANNarchy found by the ported ANNarchy tests (test/annarchy,
 * issue 12) and for issue 13 (every thrown error is a NeurarchyError): a model's own functions
 * callable from TypeScript, `listStandardSynapses()`, `: init` on pre/post-spike statements,
 * TimedArray created without rates and updated mid-block or without a schedule.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CppEngine } from '../../src/backends/cpp/engine.js';
import { describeBackends, compileOptions } from '../helpers/backends.js';
import {
  Network, Neuron, Synapse, addFunction, functions, NetworkError, EquationError, NeurarchyError, InternalError,
  listStandardNeurons, listStandardSynapses, STP, TsodyksMarkram, Izhikevich, GIF_curr_exp, TimedArray, TimedPoissonPopulation,
} from '../../src/index.js';

describe("a model's own functions from TypeScript (ANNarchy's pop.f / proj.f)", () => {
  const net = new Network();
  net.constant('gain', 3);
  addFunction('glob_sq(x) = x * x');
  const pop = net.create(2, new Neuron({
    name: 'ramp',
    equations: 'r = f(sum(exc), 1.0)',
    functions: `
      g(x) = gain * x
      f(x, t) = if x > t: g(x - t) + glob_sq(t) else: 0.0
    `,
  }));
  const proj = net.connect(pop, pop, 'exc', new Synapse({ name: 'hebbian', equations: 'w += hebb(pre.r, post.r)', functions: 'hebb(x, y) = x * y - 1' }));

  it('evaluates numbers, arrays and numbers broadcast against arrays, calling local and global functions and Constants', () => {
    const f = pop.functions('f');
    // x = 3, t = 1: gain·(3 − 1) + 1² = 7; x ≤ t gives 0.
    expect(f(3, 1)).toBe(7);
    expect(Array.from(f([0, 3, 5], 1) as Float64Array)).toEqual([0, 7, 13]);
    expect(Array.from(f(new Float64Array([4, 4]), [1, 2]) as Float64Array)).toEqual([10, 10]);
    expect(pop.g(2)).toBe(6);
    expect(Array.from(proj.functions('hebb')([1, 2], [3, 4]) as Float64Array)).toEqual([2, 7]);
  });
  it('reads the Constant at the time of the call', () => {
    const c = net.getConstant('gain')!;
    c.set(10);
    expect(pop.functions('g')(2)).toBe(20);
    c.set(3);
  });
  it('refuses unknown names, wrong arities, arrays of different lengths and non-numbers, naming the object', () => {
    expect(() => pop.functions('h')).toThrow(NetworkError);
    expect(() => pop.functions('h')).toThrow(/population 'pop0': model 'ramp' has no function 'h' in its 'functions' field \(it defines: g, f\)/);
    expect(() => pop.functions('glob_sq')).toThrow(/'glob_sq' is a global function: call functions\('glob_sq'\)/);
    expect(() => proj.functions('f')).toThrow(/projection 'proj0': model 'hebbian' has no function 'f'/);
    expect(() => pop.functions('f')(1)).toThrow(/population 'pop0', function f\(\) takes 2 argument\(s\) \(x, t\), got 1/);
    expect(() => pop.functions('f')([1, 2], [1, 2, 3])).toThrow(/differ in length \(2 and 3, argument 2\)/);
    expect(() => pop.functions('f')([[1], [2]] as never, 1)).toThrow(/argument 1 \('x'\) must be a flat array of numbers: element 0 is/);
    expect(() => pop.functions('f')('1' as never, 1)).toThrow(/argument 1 \('x'\) must be a number or a flat array of numbers/);
    expect(() => functions('nope')).toThrow(/no global function 'nope'/);
  });
  it('agrees with the compiled equations (r = f(sum(exc), 1) after one step)', async () => {
    proj.connectAllToAll({ weights: 1.0, allowSelfConnections: true });
    pop.r = [1, 2];
    await net.compile();
    await net.simulate(1);
    // sum(exc) = 1 + 2 = 3 for both neurons: r = 3·(3 − 1) + 1 = 7.
    expect(Array.from(pop.r as Float64Array)).toEqual([7, 7]);
    expect(pop.functions('f')(3, 1)).toBe(7);
  });
});

describe('listStandardNeurons() / listStandardSynapses() (ANNarchy: list_standard_neurons / list_standard_synapses)', () => {
  it('list the built-in classes in ANNarchy\'s order, each usable as a model', () => {
    expect(listStandardSynapses().map((m) => m.name)).toEqual(['STP', 'STDP', 'Hebb', 'Oja', 'IBCM']);
    const neurons = listStandardNeurons();
    expect(neurons.map((m) => m.name)).toEqual([
      'LeakyIntegrator', 'Izhikevich', 'IF_curr_exp', 'IF_cond_exp', 'IF_curr_alpha', 'IF_cond_alpha', 'HH_cond_exp',
      'EIF_cond_alpha_isfa_ista', 'EIF_cond_exp_isfa_ista', 'GIF_curr', 'GIF_curr_exp',
    ]);
    expect(neurons[1]).toBe(Izhikevich);
    expect(neurons[10]).toBe(GIF_curr_exp);
    for (const S of listStandardSynapses()) expect(new S().spec.equations ?? new S().spec.preSpike).toBeTruthy();
  });
  it('STP is TsodyksMarkram under ANNarchy\'s name (same equations; errors name the class used)', () => {
    expect(new STP()).toBeInstanceOf(TsodyksMarkram);
    expect(new STP().spec).toEqual({ ...new TsodyksMarkram().spec, name: 'STP' });
    expect(() => new STP({ tau_facil: 0 })).toThrow(/parameter 'tau_facil' must be positive.* in new STP\(\)/);
    expect(() => new TsodyksMarkram({ tau_facil: 0 })).toThrow(/in new TsodyksMarkram\(\)/);
    expect(() => new STP({ tau_facil: 0 })).toThrow(EquationError);
  });
});

describeBackends("': init' on a pre_spike / post_spike statement (ANNarchy: a variable first written there is a synaptic variable)", (backend) => {
  const spiking = () => new Neuron({ parameters: 'fire = 0.0', equations: 'mp = t', spike: 'fire > 0.5' });
  it('initialises an undeclared event variable, per synapse, with numbers or a parameter; the event then writes it', async () => {
    const net = new Network();
    const pre = net.create(2, spiking());
    const post = net.create(1, spiking());
    const proj = net.connect(pre, post, 'exc', new Synapse({
      parameters: 'a0 = 2.5',
      preSpike: 'g_target += w\n x = pre.mp : init=7.0\n y += 1 : init=a0',
      postSpike: 'x += 100 : init=7',
    })).connectAllToAll({ weights: 1.0 });
    expect(proj.description.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['x', 'y']));
    expect(Array.from((proj.x as Float64Array[])[0])).toEqual([7, 7]);
    expect(Array.from((proj.y as Float64Array[])[0])).toEqual([2.5, 2.5]);
    await net.compile(compileOptions(backend));
    // Neuron 1 spikes in step 2 (mp = 2); its synapse sees the event in step 3, before the neurons
    // update (pre.mp still 2).
    await net.simulate(2);
    pre.fire = [0, 1];
    await net.simulate(1);
    pre.fire = 0;
    await net.simulate(1);
    expect(Array.from((proj.x as Float64Array[])[0])).toEqual([7, 2]);
    expect(Array.from((proj.y as Float64Array[])[0])).toEqual([2.5, 3.5]);
    net.reset({ populations: true, projections: true });
    expect(Array.from((proj.x as Float64Array[])[0])).toEqual([7, 7]);
  });
  it('accepts an init that repeats the declared one, refuses one that differs or that names a neuron variable', () => {
    const net = new Network();
    const pre = net.create(1, spiking());
    const make = (s: ConstructorParameters<typeof Synapse>[0]) => net.connect(pre, pre, 'exc', new Synapse(s));
    expect(() => make({ equations: 'x = x - 1 : init=3.0', preSpike: 'x = 1 : init=3' })).not.toThrow();
    expect(() => make({ equations: 'x = x - 1', preSpike: 'x = 1 : init=3', name: 'clash' })).toThrow(EquationError);
    expect(() => make({ equations: 'x = x - 1', preSpike: 'x = 1 : init=3', name: 'clash' }))
      .toThrow(/flag 'init=3' differs from the initial value of 'x', declared in 'equations' line 1 \(init = 0\)/);
    expect(() => make({ preSpike: 'x = 1 : init=1', postSpike: 'x = 2 : init=2' })).toThrow(/declared in 'pre_spike' line 1 \(init = 1\)/);
    expect(() => make({ preSpike: 'g_target += w : init=1' })).toThrow(/'g_target' belongs to the post-synaptic neuron/);
    expect(() => make({ preSpike: 'pre.fire = 1 : init=1' })).toThrow(/'pre.fire' belongs to the pre-synaptic neuron/);
    expect(() => make({ preSpike: 'w += 1 : init=2' })).toThrow(/differs from the initial value of 'w', declared implicitly/);
  });
});

describeBackends('TimedArray created without rates, updated mid-block, updated without a schedule (ANNarchy 5)', (backend) => {
  const blocks = (n: number, base: number) => Array.from({ length: n }, (_, k) => [base + k, -(base + k)]);
  const r = (ta: TimedArray) => Array.from(ta.r as Float64Array);
  it('new TimedArray({ geometry }): r stays 0 until update() brings blocks, which then follow their schedule', async () => {
    const net = new Network();
    const ta = new TimedArray({ geometry: 2, schedule: 3, network: net });
    await net.compile(compileOptions(backend));
    await net.simulate(4);
    expect(r(ta)).toEqual([0, 0]);
    // The interval of 3 ms given at construction is kept; reset: true restarts the sequence.
    ta.update(blocks(3, 10));
    await net.simulate(1);
    expect(r(ta)).toEqual([10, -10]);
    await net.simulate(3);
    expect(r(ta)).toEqual([11, -11]);
  });
  it('update(reset: false) mid-block: r shows the new block of the current time at once; the next block on schedule', async () => {
    const net = new Network();
    const ta = new TimedArray({ rates: blocks(4, 0), schedule: [0, 2, 5, 9], network: net });
    await net.compile(compileOptions(backend));
    await net.simulate(6); // steps 0–5: block 2 started at step 5
    expect(r(ta)).toEqual([2, -2]);
    ta.update(blocks(4, 100), { reset: false });
    expect(r(ta)).toEqual([102, -102]);
    await net.simulate(3); // steps 6–8
    expect(r(ta)).toEqual([102, -102]);
    await net.simulate(1); // step 9
    expect(r(ta)).toEqual([103, -103]);
    // Past the end of the new blocks: the last one is shown, as at the end of any sequence.
    ta.update(blocks(2, 200), { reset: false, schedule: 1 });
    expect(r(ta)).toEqual([201, -201]);
    await net.simulate(2);
    expect(r(ta)).toEqual([201, -201]);
  });
  it('update() without schedule or period keeps both; a kept schedule list must fit the new blocks', async () => {
    const net = new Network();
    const ta = new TimedArray({ rates: blocks(3, 0), schedule: [0, 1, 3], period: 5, network: net, name: 'seq' });
    await net.compile(compileOptions(backend));
    ta.update(blocks(3, 10));
    const seen: number[] = [];
    for (let k = 0; k < 10; k++) { await net.simulate(1); seen.push((ta.r as Float64Array)[0]); }
    // blocks at steps 0, 1, 3 of each period of 5 steps
    expect(seen).toEqual([10, 11, 11, 12, 12, 10, 11, 11, 12, 12]);
    expect(() => ta.update(blocks(2, 0))).toThrow(NetworkError);
    expect(() => ta.update(blocks(2, 0))).toThrow(/TimedArray 'seq'\.update\(\): 2 blocks, but the schedule kept from before has 3 entries: give a schedule/);
    expect(() => ta.update(blocks(2, 0), { schedule: 2 })).not.toThrow();
  });
  it('TimedPoissonPopulation.update() follows the same rules (rates of the current block at once, schedule kept)', async () => {
    const net = new Network();
    const tp = new TimedPoissonPopulation(2, { rates: [10, 20, 30], schedule: 4, network: net });
    await net.compile(compileOptions(backend));
    await net.simulate(5); // steps 0–4: block 1 from step 4
    expect(Array.from(tp.rates as Float64Array)).toEqual([20, 20]);
    tp.update([1, 2, 3], { reset: false });
    expect(Array.from(tp.rates as Float64Array)).toEqual([2, 2]);
    await net.simulate(4); // steps 5–8: block 2 from step 8, on the kept schedule of 4 ms
    expect(Array.from(tp.rates as Float64Array)).toEqual([3, 3]);
  });
  it('refuses a TimedArray with neither rates nor geometry, and a schedule that is not numbers, leaving no population', () => {
    const net = new Network();
    expect(() => new TimedArray({ network: net })).toThrow(/new TimedArray\(\): give the blocks \{ rates \}, or a \{ geometry \}/);
    expect(() => new TimedArray({ geometry: 2, schedule: 'x' as never, network: net })).toThrow(/schedule must be a number of ms .* got/);
    expect(() => new TimedArray({ rates: blocks(2, 0), schedule: [0, 1, 2], network: net })).toThrow(/the schedule has 3 entries for 2 blocks/);
    expect(() => new TimedArray({ rates: blocks(2, 0), geometry: 3, network: net })).toThrow(/blocks of 2 values do not match the geometry \[3\]/);
    expect(net.populations).toHaveLength(0);
  });
});

describe('issue 13: every error the library throws is a NeurarchyError', () => {
  it('InternalError is a NeurarchyError whose message asks for a report', () => {
    const e = new InternalError('cpp backend: array x of pop 0 does not exist');
    expect(e).toBeInstanceOf(NeurarchyError);
    expect(e.name).toBe('InternalError');
    expect(e.message).toBe('internal: cpp backend: array x of pop 0 does not exist — this is a bug in neurarchy: please report it with the model');
  });
  it('no source file throws a plain Error, TypeError or RangeError', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
            const code = line.replace(/\/\/.*$/, '');
            if (/\bnew (Error|TypeError|RangeError|SyntaxError|ReferenceError)\(|\bthrow (Error|TypeError|RangeError)\(/.test(code) && !/^\s*\*/.test(code)) offenders.push(`${file}:${i + 1}`);
          });
        }
      }
    };
    walk(fileURLToPath(new URL('../../src', import.meta.url)));
    expect(offenders).toEqual([]);
  });
  it('the cpp engine refusing native memory is a NetworkError naming the network, the array and the size', () => {
    const slots = [{ owner: 'net', id: 0, name: '_constants', type: 'f64' }, { owner: 'net', id: 0, name: '_enabled', type: 'u8' }, { owner: 'net', id: 0, name: '_flags', type: 'i32' }];
    const net = new Network();
    net.create(1, new Neuron({ equations: 'r = 1' }));
    // A library whose allocator always fails, as malloc does when the system is out of memory.
    const lib = { numSlots: () => slots.length, create: () => 1, setSeed: () => undefined, alloc: () => null, free: () => undefined, destroy: () => undefined };
    const input = { plan: { seed: 1 }, state: { populations: net.populations.map((p) => p.state), projections: [] }, switches: [], networkId: net.id, constants: new Float64Array(0), enabled: new Uint8Array(1), hooks: {} };
    const make = () => new CppEngine(input as never, lib as never, '', slots as never, {} as never);
    expect(make).toThrow(NetworkError);
    expect(make).toThrow(new RegExp(`cpp backend, network ${net.id}: the system refused 8 bytes of native memory for the network's array '_constants' \\(out of memory\\)`));
  });
});
