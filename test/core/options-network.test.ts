/**
 * Network-level options and arguments (issues 12, 13): unknown and unsupported keys of setup(),
 * compile(), simulateUntil(), reset(), enableLearning(); values that used to be accepted silently
 * (seed 1.5, numThreads 0, method 'foo', simulate(Infinity), setTime(NaN), setCurrentStep(-5)).
 */
import { describe, it, expect } from 'vitest';
import { Network, Neuron, NetworkError } from '../../src/index.js';
import { NETWORK_CONFIG_OPTIONS } from '../../src/core/Network.js';

const Leaky = new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dr/dt + r = 1' });

async function compiled(): Promise<Network> {
  const net = new Network({ dt: 0.5, seed: 1 });
  net.create(2, Leaky, { stopCondition: 'r > 0.5' });
  await net.compile();
  return net;
}

describe('new Network() / setup() / net.config()', () => {
  it('refuses unknown keys with the camelCase spelling or the nearest key', () => {
    expect(() => new Network({ num_threads: 2 } as never)).toThrow(NetworkError);
    expect(() => new Network({ num_threads: 2 } as never)).toThrow(/new Network\(\): unknown option 'num_threads' — did you mean 'numThreads'\?/);
    expect(() => new Network({ seeed: 1 } as never)).toThrow(/unknown option 'seeed' — did you mean 'seed'/);
    expect(() => new Network().config({ dtt: 0.1 } as never)).toThrow(/setup\(\)\/net\.config\(\): unknown option 'dtt' — did you mean 'dt'/);
    expect(() => new Network().config(undefined as never)).not.toThrow();
    expect(() => new Network().config(5 as never)).toThrow(/setup\(\)\/net\.config\(\): the options must be an object, got number 5/);
  });
  it("refuses ANNarchy's unsupported keys with the reason", () => {
    expect(() => new Network({ paradigm: 'cuda' } as never)).toThrow(/option 'paradigm' is not supported: .*backend 'webgpu'/);
    // precision is accepted (float32 storage, issue 19); numpy's dtype is pointed to it.
    expect(new Network({ precision: 'float' }).precision).toBe('float32');
    expect(() => new Network({ dtype: 'float32' } as never)).toThrow(/option 'dtype' is not supported: set the precision with setup\(\{ precision: 'float32' \}\)/);
    // structuralPlasticity is accepted (issue 16); ANNarchy's spelling is pointed to it.
    expect(() => new Network().config({ structural_plasticity: true } as never)).toThrow(/unknown option 'structural_plasticity' — did you mean 'structuralPlasticity'/);
    expect(new Network({ structuralPlasticity: true }).structuralPlasticity).toBe(true);
    expect(() => new Network({ structuralPlasticity: 'yes' } as never)).toThrow(/structuralPlasticity must be true or false/);
    expect(() => new Network({ sparse_matrix_format: 'csr' } as never)).toThrow(/'sparse_matrix_format' is not supported: .*one format/);
    expect(() => new Network({ storageFormat: 'dense' } as never)).toThrow(/'storageFormat' is not supported/);
  });
  it('lists exactly the accepted keys', () => {
    expect(NETWORK_CONFIG_OPTIONS).toEqual(expect.arrayContaining(['backend', 'dt', 'method', 'numThreads', 'progress', 'seed']));
    expect(() => new Network({ banana: 1 } as never)).toThrow(/\(accepted: dt, seed, method, backend, numThreads, progress/);
  });
  it('refuses seeds that are not integers ≥ 0', () => {
    expect(() => new Network({ seed: 1.5 })).toThrow(/new Network\(\): seed must be an integer ≥ 0 \(used modulo 2\^32\), got number 1\.5/);
    expect(() => new Network({ seed: -3 })).toThrow(/got number -3/);
    expect(() => new Network({ seed: NaN })).toThrow(NetworkError);
    expect(() => new Network({ seed: 2 ** 60 })).toThrow(NetworkError);
    expect(() => new Network().config({ seed: '42' as never })).toThrow(/got the string "42"/);
  });
  it('uses seeds modulo 2^32, as documented', () => {
    const a = new Network({ seed: 7 }).rng.uniform();
    const b = new Network({ seed: 2 ** 32 + 7 }).rng.uniform();
    expect(b).toBe(a);
    expect(new Network({ seed: 8 }).rng.uniform()).not.toBe(a);
  });
  it('refuses numThreads 0, negative or not an integer', () => {
    expect(() => new Network({ numThreads: 0 })).toThrow(/numThreads must be an integer ≥ 1, got number 0/);
    expect(() => new Network({ numThreads: -2 })).toThrow(/got number -2/);
    expect(() => new Network().config({ numThreads: 2.5 })).toThrow(/got number 2\.5/);
  });
  it('refuses an unknown method or backend at config time, listing the choices', () => {
    expect(() => new Network({ method: 'foo' as never })).toThrow(/method must be one of 'explicit', 'implicit', 'semiimplicit', 'exponential', 'midpoint', 'rk4', 'event-driven', got the string "foo"/);
    expect(() => new Network({ backend: 'foo' as never })).toThrow(/backend must be one of 'js', 'wasm', 'cpp', 'webgpu', got the string "foo"/);
    expect(() => new Network({ dt: 0 })).toThrow(/dt must be a positive number of ms, got number 0/);
    expect(() => new Network({ progress: 'yes' as never })).toThrow(/progress must be true or false/);
  });
  it('changes nothing when a config is refused', () => {
    const net = new Network({ dt: 0.5, seed: 3 });
    expect(() => net.config({ dt: 0.1, seed: 1.5 })).toThrow(NetworkError);
    expect(net.dt).toBe(0.5);
    expect(net.seed).toBe(3);
  });
});

describe('compile() options', () => {
  it('refuses unknown and unsupported keys and bad values', async () => {
    const net = new Network();
    net.create(1, Leaky);
    await expect(net.compile({ compiler_flags: '-O2' } as never)).rejects.toThrow(/compile\(\): unknown option 'compiler_flags' — did you mean 'compilerFlags'/);
    await expect(net.compile({ debug_build: true } as never)).rejects.toThrow(/compile\(\): option 'debug_build' is not supported/);
    await expect(net.compile({ cuda_config: {} } as never)).rejects.toThrow(/'webgpu'/);
    await expect(net.compile({ clean: true } as never)).rejects.toThrow(/'clean' is not supported: .*identical/);
    await expect(net.compile({ numThreads: 0 })).rejects.toThrow(/compile\(\): numThreads must be an integer ≥ 1/);
    await expect(net.compile({ backend: 'gpu' as never })).rejects.toThrow(/compile\(\): backend must be one of 'js', 'wasm', 'cpp', 'webgpu', got the string "gpu"/);
    expect(net.compiled).toBe(false);
    await net.compile({ silent: true });
    expect(net.compiled).toBe(true);
  });
});

describe('simulate(), simulateUntil(), time', () => {
  it('refuses durations that are not finite numbers ≥ 0 (Infinity looped for ever)', async () => {
    const net = await compiled();
    await expect(net.simulate(Infinity)).rejects.toThrow(/simulate\(\): duration must be a finite number of ms ≥ 0, got number Infinity/);
    await expect(net.simulate(NaN)).rejects.toThrow(/got number NaN/);
    await expect(net.simulate(-1)).rejects.toThrow(/got number -1/);
    await expect(net.simulate('10' as never)).rejects.toThrow(/got the string "10"/);
    expect(net.currentStep).toBe(0);
    await net.simulate(2);
    expect(net.currentStep).toBe(4);
  });
  it('simulateUntil: keys and maxDuration checked', async () => {
    const net = await compiled();
    await expect(net.simulateUntil({ maxDuration: NaN })).rejects.toThrow(/simulateUntil\(\): maxDuration must be a finite number of ms ≥ 0, got number NaN/);
    await expect(net.simulateUntil({ maxDuration: Infinity })).rejects.toThrow(NetworkError);
    await expect(net.simulateUntil({ max_duration: 10 } as never)).rejects.toThrow(/did you mean 'maxDuration'/);
    await expect(net.simulateUntil({ maxDuration: 10, population: net.populations[0] } as never)).rejects.toThrow(/unknown option 'population' — did you mean 'populations'/);
    await expect(net.simulateUntil({ maxDuration: 10, measure_time: true } as never)).rejects.toThrow(/'measure_time' is not supported: time the call/);
    await expect(net.simulateUntil({ maxDuration: 10, operator: 'xor' as never })).rejects.toThrow(/operator must be one of 'and', 'or', got the string "xor"/);
    await expect(net.simulateUntil(undefined as never)).rejects.toThrow(/give the options \{ maxDuration \}/);
    expect(net.currentStep).toBe(0);
    // tau dr/dt = 1 - r from 0 with dt 0.5, tau 10: r_k = 1 - 0.95^k > 0.5 first at k = 14 → 7 ms.
    expect(await net.simulateUntil({ maxDuration: 100 })).toBe(7);
  });
  it('setTime and setCurrentStep refuse non-finite, negative and fractional steps', async () => {
    const net = await compiled();
    expect(() => net.setTime(NaN)).toThrow(/setTime\(\): time must be a finite number of ms ≥ 0, got number NaN/);
    expect(() => net.setTime(-1)).toThrow(NetworkError);
    expect(() => net.setCurrentStep(-5)).toThrow(/setCurrentStep\(\): the step must be an integer ≥ 0, got number -5/);
    expect(() => net.setCurrentStep(1.5)).toThrow(/got number 1\.5/);
    net.setTime(3);
    expect(net.currentStep).toBe(6);
    net.setCurrentStep(9);
    expect(net.getTime()).toBe(4.5);
  });
  it('reset() and enableLearning() options are checked', async () => {
    const net = await compiled();
    expect(() => net.reset({ population: true } as never)).toThrow(/reset\(\): unknown option 'population' — did you mean 'populations'/);
    expect(() => net.reset({ reseed_rng: false } as never)).toThrow(/'reseed_rng' is not supported: not yet/);
    expect(() => net.enableLearning(undefined, { perod: 2 } as never)).toThrow(/enableLearning\(\): unknown option 'perod' — did you mean 'period'/);
  });
});
