/**
 * A network's whole state (what `save()` writes) as comparable arrays, and the first difference
 * between two states: js against cpp, or a loaded file against the state it was saved from.
 * NaN equals NaN here (its payload bits are not part of the state's meaning); −0 differs from 0.
 */
import { collectArrays } from '../src/io/network-io.js';
import type { Network } from '../src/index.js';

export type State = Record<string, ArrayLike<number | bigint>>;

export function stateOf(net: Network): State {
  const out: State = {};
  for (const [k, a] of Object.entries(collectArrays(net as never))) out[k] = Array.from(a.data as ArrayLike<number>, Number);
  return out;
}

/** The first difference ('' when equal), ignoring keys `ignore` matches. */
export function diffStates(a: State, b: State, ignore: RegExp = /^$/): string {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !ignore.test(k)));
  for (const k of [...keys].sort()) {
    const x = a[k], y = b[k];
    if (!x || !y) return `${k}: only in ${x ? 'the first' : 'the second'}`;
    if (x.length !== y.length) return `${k}: length ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) {
      const p = x[i]!, q = y[i]!;
      const same = typeof p === 'number' && typeof q === 'number' ? Object.is(p, q) || (Number.isNaN(p) && Number.isNaN(q)) : p === q;
      if (!same) return `${k}[${i}]: ${String(p)} vs ${String(q)}`;
    }
  }
  return '';
}
