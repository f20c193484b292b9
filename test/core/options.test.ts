import { describe, it, expect } from 'vitest';
import { checkOptions, nearest } from '../../src/core/options.js';
import { NetworkError, EquationError } from '../../src/index.js';

describe('checkOptions', () => {
  const allowed = ['seed', 'dt', 'stopCondition', 'numThreads'];
  it('accepts undefined and known keys', () => {
    expect(() => checkOptions(undefined, allowed, 'x')).not.toThrow();
    expect(() => checkOptions({ seed: 1, dt: 0.1 }, allowed, 'x')).not.toThrow();
  });
  it('refuses an unknown key with the nearest known one', () => {
    expect(() => checkOptions({ seeed: 1 }, allowed, 'new Network()')).toThrow(/new Network\(\): unknown option 'seeed' — did you mean 'seed'\?/);
    expect(() => checkOptions({ stop_condition: 'v>0' }, allowed, 'x')).toThrow(/did you mean 'stopCondition'/);
    expect(() => checkOptions({ num_threads: 2 }, allowed, 'x')).toThrow(NetworkError);
    expect(() => checkOptions({ banana: 2 }, allowed, 'x')).toThrow(/unknown option 'banana' \(accepted: seed, dt, stopCondition, numThreads\)/);
  });
  it('names renamed and unsupported keys', () => {
    expect(() => checkOptions({ paradigm: 'cuda' }, allowed, 'x', { unsupported: { paradigm: 'choose backend instead' } }))
      .toThrow(/option 'paradigm' is not supported: choose backend instead/);
    expect(() => checkOptions({ pre_spike: '' }, allowed, 'x', { renamed: { pre_spike: 'preSpike' } })).toThrow(/did you mean 'preSpike'/);
  });
  it('refuses non-objects and throws the error class asked for', () => {
    expect(() => checkOptions(5, allowed, 'x')).toThrow(/the options must be an object, got number 5/);
    expect(() => checkOptions(null, allowed, 'x')).toThrow(/got null/);
    expect(() => checkOptions([], allowed, 'x')).toThrow(/array/);
    class E extends EquationError { constructor(m: string) { super(m, { model: 'M' }); } }
    expect(() => checkOptions({ q: 1 }, allowed, 'x', { error: E })).toThrow(EquationError);
  });
  it('nearest finds close keys only', () => {
    expect(nearest('sede', allowed)).toBe('seed');
    expect(nearest('zzzzzzzz', allowed)).toBeUndefined();
  });
});
