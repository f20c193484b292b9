// The projection state map whose arrays a backend may take out between runs (core/synapse-state.ts):
// every read, write or iteration that needs them puts them back first, in the map's order, once.
import { describe, it, expect } from 'vitest';
import { SynapseState } from '../../src/core/synapse-state.js';

/** A map holding a, w, b, with w and a deferred; `restore` counts its calls and puts them back. */
function deferred(fail = false) {
  const st = new SynapseState();
  st.set('a', Int32Array.of(1)).set('w', Float64Array.of(0.5)).set('b', Int32Array.of(2));
  let restores = 0;
  st.defer(['a', 'w'], () => {
    restores++;
    if (fail) throw new Error('no memory');
    st.set('a', Int32Array.of(1));
    st.set('w', Float64Array.of(0.5));
  });
  return { st, restores: () => restores };
}

describe('SynapseState', () => {
  it('takes the names out; reads of other names do not put them back', () => {
    const { st, restores } = deferred();
    expect(st.deferred).toBe(true);
    expect(st.peek('w')).toBeUndefined();
    expect(st.get('b')).toEqual(Int32Array.of(2));
    expect(st.has('b')).toBe(true);
    expect(restores()).toBe(0);
  });

  it('a read of a deferred name puts both back once, in the order the map had', () => {
    const { st, restores } = deferred();
    expect(st.get('w')).toEqual(Float64Array.of(0.5));
    expect([...st.keys()]).toEqual(['a', 'w', 'b']);
    expect(st.get('a')).toEqual(Int32Array.of(1));
    expect(restores()).toBe(1);
    expect(st.deferred).toBe(false);
  });

  it('iteration and a write of a deferred name restore first (the write wins)', () => {
    const a = deferred();
    expect([...a.st.entries()].map(([k]) => k)).toEqual(['a', 'w', 'b']);
    const b = deferred();
    b.st.set('w', Float64Array.of(9));
    expect(b.restores()).toBe(1);
    expect(b.st.get('w')).toEqual(Float64Array.of(9));
    expect(b.st.get('a')).toEqual(Int32Array.of(1));
  });

  it('a restore that throws leaves the names deferred, and the next read tries again', () => {
    const { st, restores } = deferred(true);
    expect(() => st.get('w')).toThrow('no memory');
    expect(st.deferred).toBe(true);
    expect(() => st.get('a')).toThrow('no memory');
    expect(restores()).toBe(2);
  });

  it('afterRestore runs once, after the arrays are back, and tells the owner what was deferred', () => {
    const told: string[][] = [];
    const st = new SynapseState((names) => told.push([...names]));
    st.set('w', Float64Array.of(1));
    const seen: (number | undefined)[] = [];
    st.defer(['w'], () => { st.set('w', Float64Array.of(1)); });
    st.afterRestore(() => seen.push(st.peek('w')?.[0]));
    st.get('w');
    st.get('w');
    expect(seen).toEqual([1]);
    expect(told).toEqual([['w']]);
  });
});
