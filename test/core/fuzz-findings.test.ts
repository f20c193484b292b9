/**
 * Regression tests for the failures the fuzz harness reported (fuzz/LATEST.md, issue 13): each
 * input that crashed, hung or was accepted silently is now refused with a NeurarchyError naming the
 * object, the argument or field, the value given and what to do instead.
 */
import { describe, it, expect } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import {
  Network, Neuron, Synapse, TimedArray, TimedPoissonPopulation, PopulationView, addFunction,
  EquationError, NetworkError, NeurarchyError,
} from '../../src/index.js';
import { describeBackends, compileOptions, closeDigits, currentBackend } from '../helpers/backends.js';
import { makeFolders, parentFolder } from '../../src/io/folders.js';
import * as B from '../../src/behaviors/index.js';

const Lif = new Neuron({
  name: 'Lif', parameters: 'tau = 10.0', equations: 'tau * dv/dt = -v + g_exc', spike: 'v > 1', reset: 'v = 0',
});
const Leaky = new Neuron({ name: 'Leaky', parameters: 'tau = 10.0', equations: 'tau * dr/dt + r = sum(exc)' });

/** The error `fn` throws (the test fails if it throws nothing). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('unknown pre./post. references in every field of a synapse (CRASH: raw TypeError in js, SIGSEGV in cpp)', () => {
  const spiking = (synapse: Synapse) => {
    const net = new Network({ dt: 0.1 });
    const a = net.create(3, Lif, { name: 'a' });
    const b = net.create(3, Lif, { name: 'b' });
    return { net, make: () => net.connect(a, b, 'exc', synapse) };
  };

  it('refuses pre.zq in an : event-driven equation (the fuzz harness\'s smallest input)', () => {
    const S = new Synapse({ name: 'EvSyn', parameters: 'tau = 5.0', equations: 'tau * dx/dt = -x + pre.zq : event-driven', preSpike: 'g_target += w' });
    const { net, make } = spiking(S);
    const e = thrown(make);
    expect(e).toBeInstanceOf(EquationError);
    expect(e.message).toMatch(/projection a → b \(target 'exc'\): 'pre\.zq': the pre-synaptic neuron 'Lif' of population 'a' has no attribute 'zq' \(it has: tau, v, r, g_exc, t_last\)/);
    expect(e.message).toMatch(/in EvSyn, field 'equations', line 1/);
    expect(e.message).toContain('tau * dx/dt = -x + pre.zq : event-driven');
    // Nothing of the refused projection is left in the network.
    expect(net.projections).toHaveLength(0);
  });

  it('refuses post.zq in the time constant of an event-driven variable on its own line (TsodyksMarkram form)', () => {
    const S = new Synapse({
      name: 'TM', parameters: 'tau_rec = 100.0\ntau_facil = 10.0\nU = 0.5',
      equations: 'dx/dt = (1 - x)/tau_rec : init = 1.0, event-driven\ndu/dt = (U - u)/(tau_facil * post.zq) : init = U, event-driven',
      preSpike: 'g_target += w * u * x\nx *= (1 - u)\nu += U * (1 - u)',
    });
    const e = thrown(spiking(S).make);
    expect(e).toBeInstanceOf(EquationError);
    expect(e.message).toMatch(/'post\.zq': the post-synaptic neuron 'Lif' of population 'b' has no attribute 'zq'/);
    expect(e.message).toMatch(/field 'equations', line 2/);
  });

  it('still accepts event-driven equations whose pre./post. references exist', () => {
    const S = new Synapse({ parameters: 'tau = 5.0', equations: 'tau * dx/dt = -x + pre.tau : event-driven', preSpike: 'g_target += w' });
    expect(() => spiking(S).make()).not.toThrow();
  });

  it('refuses unknown references in psp, post_spike, pre_spike bounds and pre_spike conditions', () => {
    const cases: [Synapse, RegExp][] = [
      [new Synapse({ name: 'P1', psp: 'w * pre.zq' }), /'pre\.zq'.*field 'psp'/s],
      [new Synapse({ name: 'P2', preSpike: 'g_target += w', postSpike: 'w += post.zq' }), /'post\.zq'.*field 'post_spike', line 1/s],
      [new Synapse({ name: 'P3', preSpike: 'g_target += w\nw += 1 : max = post.zq' }), /'post\.zq'.*field 'pre_spike', line 2/s],
      [new Synapse({ name: 'P4', preSpike: 'g_target += w', postSpike: 'post.zq += 1' }), /'post\.zq' is written, but the post-synaptic neuron 'Lif'/],
    ];
    for (const [S, re] of cases) {
      const e = thrown(spiking(S).make);
      expect(e, S.name).toBeInstanceOf(EquationError);
      expect(e.message, S.name).toMatch(re);
    }
  });

  it('refuses an unknown post.x in the ODE of a rate-coded synapse', () => {
    const net = new Network();
    const a = net.create(2, Leaky, { name: 'ra' });
    const S = new Synapse({ name: 'RateSyn', equations: 'dw/dt = pre.r * post.zq' });
    const e = thrown(() => net.connect(a, a, 'exc', S));
    expect(e).toBeInstanceOf(EquationError);
    expect(e.message).toMatch(/'post\.zq': the post-synaptic neuron 'Leaky' of population 'ra' has no attribute 'zq' \(it has: tau, r\)/);
  });
});

describeBackends('an event-driven equation reading a pre-synaptic attribute that exists', (backend) => {
  it('decays towards pre.tau between events like the hand-computed exact solution', async () => {
    const net = new Network({ dt: 1 });
    // Spikes at every step; a spike of step k reaches the synapse at t = k + 1 ms.
    const src = net.create(1, new Neuron({ parameters: 'tau = 10.0', equations: 'v = 2.0', spike: 'v > 1', reset: '' }), { name: 'src' });
    const dst = net.create(1, Lif, { name: 'dst' });
    src.tau = 20;
    const S = new Synapse({ parameters: 'tau_x = 5.0', equations: 'tau_x * dx/dt = -x + pre.tau : event-driven', preSpike: 'g_target += w\nx += 1' });
    const proj = net.connect(src, dst, 'exc', S);
    proj.connectAllToAll(0);
    await net.compile(compileOptions(backend));
    await net.simulate(4);
    // x(0) = 0; at each event (t = 1, 2, 3 ms): x = 20 + (x − 20)·e^(−1/5), then x += 1.
    let x = 0;
    for (let k = 0; k < 3; k++) x = 20 + (x - 20) * Math.exp(-1 / 5) + 1;
    expect(x).toBeCloseTo(11.5128, 4);
    expect((proj.x as Float64Array[])[0][0]).toBeCloseTo(x, closeDigits(12, 20));
  });
});

describe('non-string and non-object arguments (CRASH / SILENT)', () => {
  it('addFunction(5) names the argument and the form', () => {
    const e = thrown(() => addFunction(5 as never));
    expect(e).toBeInstanceOf(EquationError);
    expect(e.message).toMatch(/addFunction\(\) takes the definition as a string \('name\(x, y\) = expression'\), got number 5/);
  });

  it('net.create(3, neuron, 5): the options must be an object', () => {
    const net = new Network();
    for (const bad of [5, null, 'exc', [1]]) {
      const e = thrown(() => net.create(3, Lif, bad as never));
      expect(e).toBeInstanceOf(NetworkError);
      expect(e.message).toMatch(new RegExp(`network ${net.id}\\.create\\(\\): the options must be an object, got .*: give an object such as \\{ name: … \\}`));
    }
    expect(net.populations).toHaveLength(0);
    expect(thrown(() => net.create(3, Lif, { storage_order: 'pre' } as never)).message).toMatch(/option 'storage_order' is not supported/);
    expect(net.create(3, Lif, { name: 'ok' }).name).toBe('ok');
  });

  it('net.connect(a, b, null): the target must be a name', () => {
    const net = new Network();
    const a = net.create(3, Lif, { name: 'a' });
    const b = net.create(3, Lif, { name: 'b' });
    for (const [bad, got] of [[null, 'null'], [5, 'number 5'], [['exc', null], 'null'], [[], 'an empty array'], [undefined, 'nothing \\(undefined\\)']] as const) {
      const e = thrown(() => net.connect(a, b, bad as never));
      expect(e).toBeInstanceOf(NetworkError);
      expect(e.message).toMatch(new RegExp(`new Projection\\(a → b\\): target must be a name such as 'exc' or an array of names, got ${got}$`));
    }
    expect(net.projections).toHaveLength(0);
  });

  it('net.compile({ directory: 5 }) and other non-string toolchain options', async () => {
    const net = new Network();
    net.create(1, Leaky);
    await expect(net.compile({ directory: 5 } as never)).rejects.toThrow(/^compile\(\): directory must be a folder path such as 'build\/neurarchy' \(or leave it out\), got number 5$/);
    await expect(net.compile({ directory: '  ' })).rejects.toThrow(/directory must be a folder path .* got the string "  "/);
    await expect(net.compile({ compiler: ['g++'] } as never)).rejects.toThrow(/compile\(\): compiler must be a command such as 'g\+\+' .*got an array of length 1/);
    await expect(net.compile({ compilerFlags: 3 } as never)).rejects.toThrow(/compile\(\): compilerFlags must be a string such as '-O3 -march=native' .*got number 3/);
    await expect(net.compile({ silent: 'yes' } as never)).rejects.toThrow(/compile\(\): silent must be true or false, got the string "yes"/);
    await expect(net.compile({ directory: 5 } as never)).rejects.toBeInstanceOf(NetworkError);
    expect(net.compiled).toBe(false);
    // The JS backend ignores the cpp options, but they are still checked: valid ones compile.
    await net.compile({ backend: 'js', compilerFlags: '', silent: true });
    expect(net.compiled).toBe(true);
  });
});

describe('TimedArray schedule and period (SILENT)', () => {
  const rates = [[1, 2], [3, 4]];
  it('refuses a negative, NaN or infinite schedule, and says what a schedule is', () => {
    const net = new Network({ dt: 0.1 });
    for (const schedule of [-1, NaN, Infinity]) {
      const e = thrown(() => new TimedArray({ rates, schedule, network: net }));
      expect(e).toBeInstanceOf(NetworkError);
      expect(e.message).toMatch(/new TimedArray\(\): schedule must be the interval between blocks in ms \(≥ 0; 0 = a new block every step\) or a list of start times, got number (-1|NaN|Infinity)/);
    }
    expect(thrown(() => new TimedArray({ rates, schedule: 0.04, network: net })).message)
      .toMatch(/schedule 0\.04 ms is shorter than half a step \(dt = 0\.1 ms\): give at least dt, or 0 for a new block every step/);
    expect(thrown(() => new TimedArray({ rates, schedule: [0, -5], network: net })).message).toMatch(/schedule\[1\] must be a start time in ms ≥ 0, got number -5/);
    expect(thrown(() => new TimedArray({ rates, schedule: 'often' as never, network: net })).message).toMatch(/new TimedArray\(\): schedule must be a number of ms .*got the string "often"/);
    // Refused before the population joins the network.
    expect(net.populations).toHaveLength(0);
  });

  it('refuses a period that is not −1 or a positive duration, or that ends before the last block', () => {
    const net = new Network({ dt: 0.1 });
    for (const period of [-2, 0, NaN]) {
      const e = thrown(() => new TimedArray({ rates, period, network: net }));
      expect(e).toBeInstanceOf(NetworkError);
      expect(e.message).toMatch(/period must be a duration in ms > 0 after which the blocks start again, or -1 for no repetition, got number/);
    }
    expect(thrown(() => new TimedArray({ rates, schedule: [0, 10], period: 10, network: net })).message)
      .toMatch(/period \(10 ms\) must be longer than the start of the last block \(10 ms\), or that block is never shown/);
    expect(thrown(() => new TimedPoissonPopulation(2, { rates: [1, 2], schedule: -3, network: net })).message)
      .toMatch(/new TimedPoissonPopulation\(\): schedule must be the interval between blocks/);
    expect(net.populations).toHaveLength(0);
    expect(new TimedArray({ rates, schedule: 5, period: 20, network: net }).size).toBe(2);
    expect(new TimedArray({ rates, period: -1, network: net }).size).toBe(2);
  });

  it('update() checks the new schedule and period the same way and keeps the old ones when refused', async () => {
    const net = new Network({ dt: 1 });
    const ta = new TimedArray({ rates, schedule: 2, network: net, name: 'ta' });
    expect(thrown(() => ta.update(rates, { schedule: -1 })).message).toMatch(/TimedArray 'ta'.*schedule must be the interval between blocks/);
    expect(thrown(() => ta.update(rates, { period: NaN })).message).toMatch(/TimedArray 'ta'.*period must be a duration in ms > 0/);
    await net.compile({ backend: 'js' });
    await net.simulate(3);
    // Blocks at steps 0 and 2: after 3 steps r is block 1.
    expect(Array.from(ta.r as Float64Array)).toEqual([3, 4]);
  });
});

describe('view and slice ranks (SILENT)', () => {
  const net = new Network();
  const pop = net.create(5, Lif, { name: 'p' });
  const grid = net.create([2, 3], Lif, { name: 'g' });

  it('refuses non-integer, NaN and out-of-range ranks in a list (Int32Array would truncate 1.5 to 1 and NaN to 0)', () => {
    for (const [bad, shown] of [[[1.5], '1.5'], [[NaN], 'NaN'], [[0, 1, 5], '5'], [[-1, 2, 3], '-1'], [[2 ** 32 + 1, 1, 1], '4294967297'], [['1', 2, 3], 'the string "1"']] as const) {
      const e = thrown(() => pop.view(bad as never));
      expect(e).toBeInstanceOf(NetworkError);
      expect(e.message).toMatch(/^population 'p'\.view\(\): rank /);
      expect(e.message).toContain(`rank ${shown} (entry`);
      expect(e.message).toMatch(/is not a neuron of population 'p': ranks are integers from 0 to 4$/);
    }
    expect(Array.from(pop.view([0, 3, 4]).ranks)).toEqual([0, 3, 4]);
  });

  it('refuses non-integer indices and ranges in every per-dimension form', () => {
    expect(thrown(() => pop.view(1.5)).message).toMatch(/^population 'p'\.view\(\): the index must be an integer \(negative counts from the end\), got number 1\.5$/);
    expect(thrown(() => pop.view(NaN)).message).toMatch(/the index must be an integer .*got number NaN/);
    expect(thrown(() => grid.view([0, 1.5], ':')).message).toMatch(/the stop of the range \[start, stop\] must be an integer .*got number 1\.5/);
    expect(thrown(() => pop.view([1.5, 3])).message).toMatch(/rank 1\.5 \(entry 0\) is not a neuron of population 'p'/);
    expect(thrown(() => grid.view(0, 2.5)).message).toMatch(/^population 'g'\.view\(\), dimension 1: the index must be an integer/);
    expect(thrown(() => grid.view(7, ':')).message).toMatch(/dimension 0: index 7 out of range for a dimension of size 2 \(give -2 to 1\)/);
    expect(thrown(() => grid.view(null as never)).message).toMatch(/an index is an integer, a string 'start:stop' or a range \[start, stop\], got null/);
    expect(thrown(() => pop.view('1.5:3')).message).toMatch(/index '1\.5:3' is not of the form 'start:stop'/);
    expect(thrown(() => pop.slice(0.5, 2)).message).toMatch(/population 'p'\.slice\(\): start must be an integer rank, got number 0\.5/);
    expect(thrown(() => pop.slice(0, NaN)).message).toMatch(/stop must be an integer rank, got number NaN/);
    // Valid forms still select what they say.
    // One array is a list of ranks, as ANNarchy's pop[[1, 3]] (two neurons), never the range 1..2.
    expect(Array.from(pop.view([1, 3]).ranks)).toEqual([1, 3]);
    expect(Array.from(pop.view('-2:').ranks)).toEqual([3, 4]);
    expect(Array.from(grid.view(1, ':').ranks)).toEqual([3, 4, 5]);
  });

  it('new PopulationView(pop, ranks) checks the ranks too', () => {
    expect(thrown(() => new PopulationView(pop, [2.5])).message).toMatch(/view of population 'p': rank 2\.5 \(entry 0\) is not a neuron/);
    expect(thrown(() => new PopulationView(pop, 3 as never)).message).toMatch(/view of population 'p': the ranks must be an array of integers, got number 3/);
    expect(Array.from(new PopulationView(pop, [4, 0]).ranks)).toEqual([4, 0]);
  });
});

describe('writing files where creating folders blocks (HANG on procfs)', () => {
  it('net.save("/proc/zq/x.npz") fails at once with a NetworkError naming the file and the folder', async () => {
    const net = new Network();
    net.create(2, Leaky);
    const t0 = Date.now();
    const err = await net.save('/proc/zq/x.npz').then(() => undefined, (e: unknown) => e as Error);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(err).toBeInstanceOf(NeurarchyError);
    expect(err!.message).toMatch(/^cannot write '\/proc\/zq\/x\.npz': cannot create the folder '\/proc\/zq' \(ENOENT: .*\); choose a path in a folder this process can write to$/);
    const inFile = await net.save(`${path.resolve('package.json')}/sub/x.json`).then(() => undefined, (e: unknown) => e as Error);
    expect(inFile!.message).toMatch(/cannot use the folder '.*package\.json\/sub' \(ENOTDIR: not a directory/);
  });

  it('creates missing folders level by level, and twice is harmless', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurarchy-fuzz-findings-'));
    try {
      const net = new Network();
      net.create(2, Leaky, { name: 'p' });
      const file = path.join(dir, 'a', 'b', 'c', 'state.json');
      await net.save(file);
      await net.save(file);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ format: 'neurarchy-network' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parentFolder() walks up to a root that is its own parent', async () => {
    expect(['/a/b', '/a', '/', 'rel/x', 'x', '.', 'C:\\x\\y', 'C:\\x', 'C:\\', 'a/b/'].map(parentFolder))
      .toEqual(['/a', '/', '/', 'rel', '.', '.', 'C:\\x', 'C:\\', 'C:\\', 'a']);
    // Each missing level is created once, top-down; a refused mkdir is final (no retry loop).
    const made: string[] = [];
    const existing = new Set(['/', '/t']);
    const fakeFs = {
      stat: async (p: string) => { if (existing.has(p)) return { isDirectory: () => true }; throw Object.assign(new Error('no'), { code: 'ENOENT' }); },
      mkdir: async (p: string) => { made.push(p); if (p === '/t/x/bad') throw Object.assign(new Error('EACCES: denied'), { code: 'EACCES' }); existing.add(p); },
    };
    await makeFolders('/t/x/y/z', fakeFs, (what, d) => new NetworkError(`${what} ${d}`));
    expect(made).toEqual(['/t/x', '/t/x/y', '/t/x/y/z']);
    await expect(makeFolders('/t/x/bad/deeper', fakeFs, (what, d) => new NetworkError(`${what} ${d}`))).rejects.toThrow(/^create the folder \/t\/x\/bad$/);
    expect(made.slice(3)).toEqual(['/t/x/bad']);
  });
});

describe('behaviours (PymoNNto API)', () => {
  it('new NeuronGroup({ size: 1e10 }) is refused before allocating (was a raw RangeError from Int32Array)', () => {
    const net = new B.Network({ seed: 1 });
    const e = thrown(() => new B.NeuronGroup({ net, tag: 'g', size: 1e10 }));
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.message).toMatch(/^NeuronGroup of 1\.00e10 neurons: 1\.00e10 is more than 2\.15e9 \(2\^31 − 1\), the most that int32 indices address\. Use a smaller group\.$/);
    expect(net.neuronGroups).toHaveLength(0);
  });

  it('a SynapseGroup tag that names no group is refused when the network resolves it (groups may come after their synapses)', async () => {
    const net = new B.Network({ seed: 1 });
    new B.NeuronGroup({ net, tag: 'g', size: 3 });
    new B.SynapseGroup({ net, src: 'zq', dst: 'g', tag: 's' });
    await expect(net.initialize()).rejects.toThrow(/^SynapseGroup 's': no NeuronGroup is tagged 'zq' \(src\); neuron groups: 'g'$/);
  });
});

describe('invisible characters in model names and field values (POOR-MESSAGE)', () => {
  it('a model name with an invisible or control character is refused, shown escaped', () => {
    const e = thrown(() => new Synapse({ name: '\u0000', description: [] as never }));
    expect(e).toBeInstanceOf(EquationError);
    expect(e.message).toMatch(/^the name of a synapse must not contain invisible or control characters, got '\\u0000': use printable characters — in Synapse \d+, field 'name'$/);
    expect(thrown(() => new Neuron({ name: 'a\u200bb' })).message).toContain("got 'a\\u200bb'");
    expect(new Neuron({ name: 'Neurone é 1' }).name).toBe('Neurone é 1');
  });

  it('a field value with a right-to-left override is echoed escaped', () => {
    const e = thrown(() => new Synapse({ name: 'Op', operation: 'max\n\u202e v = 1' as never }));
    expect(e).toBeInstanceOf(EquationError);
    expect(e.message).toBe("field 'operation' must be one of 'sum', 'max', 'min', 'mean', got the string \"max\\n\\u202e v = 1\" — in Op, field 'operation'");
    expect(/[\u202e\u0000]/.test(e.message)).toBe(false);
  });
});

describeBackends('a variable named like a backend array (fuzz seed 8)', () => {
  it('integrates like any other name: method temporaries never collide with the backends\' arrays', async () => {
    const net = new Network({ dt: 0.25, method: 'semiimplicit' });
    const a = net.create(2, new Neuron({ equations: 'r = 1' }));
    const b = net.create(1, new Neuron({ equations: 'r = sum(exc)' }));
    const proj = net.connect(a, b, 'exc', new Synapse({ parameters: 'tau = 10.0', equations: 'tau * dpre_rank/dt = 1 - pre_rank : init = 0.0' }))
      .connectAllToAll({ weights: 1 });
    await net.compile(compileOptions(currentBackend()));
    await net.simulate(1);
    // Four semi-implicit steps of tau·dx/dt = 1 − x from 0: x ← (x + dt/tau) / (1 + dt/tau).
    let x = 0;
    for (let k = 0; k < 4; k++) x = (x + 0.025) / 1.025;
    const got = (proj.get('pre_rank') as Float64Array[])[0];
    for (const v of got) expect(Math.abs(v - x)).toBeLessThan(currentBackend() === 'webgpu' ? 1e-6 : 1e-15);
  });

  it("a synaptic variable named 'delay' is refused: it is the projection's delay", () => {
    const net = new Network();
    const a = net.create(2, new Neuron({ equations: 'r = 1' }));
    const b = net.create(1, new Neuron({ equations: 'r = sum(exc)' }));
    expect(() => net.connect(a, b, 'exc', new Synapse({ equations: 'tau * ddelay/dt = 1 - delay' }))).toThrow(/'delay' is the projection's synaptic delay/);
  });
});
