/**
 * One kernel of the wasm backend before lowering: its name, its statements in the wasm dialect, and
 * the arrays it names (each a local name for an array of a population, a projection or the network).
 */
import { floatLiteral } from './spelling.js';

/** `pi` as a float64 literal (Math.PI's bits). */
export const PI = floatLiteral(Math.PI);

/** Which state array a kernel's array local is. */
export interface ArraySource {
  owner: 'pop' | 'proj' | 'net' | 'derived';
  id: number;
  name: string;
}

/** A kernel in wasm text: its statements and the arrays they name (the module lowers it, `./module.ts`). */
export class KernelText {
  readonly name: string;
  /** The statements, run with `step` (int32) and `t` (float64) defined. */
  body: string[] = [];
  /** The arrays named in `body`, by local name; the Constants are `C`, the projections' switches `FLAGS`. */
  readonly arrays = new Map<string, ArraySource>([['C', { owner: 'net', id: 0, name: 'C' }], ['FLAGS', { owner: 'net', id: 0, name: 'FLAGS' }]]);

  /**
   * Whether the kernel runs over a share of its elements, `[lo, hi)` (int32 parameters after
   * `step`): one of the parallel loops of `./threads.ts`, run on every thread.
   */
  readonly ranged: boolean;

  constructor(name: string, ranged = false) {
    this.name = name;
    this.ranged = ranged;
  }

  /** Names array `name` of population `id` as `local` in this kernel; returns `local`. */
  pop(local: string, id: number, name: string): string {
    this.arrays.set(local, { owner: 'pop', id, name });
    return local;
  }

  /** Names the engine's array `name` of the network (`./memory.ts`: `EN`, `LOG`, …) as `local`; returns `local`. */
  net(local: string, name: string): string {
    this.arrays.set(local, { owner: 'net', id: 0, name });
    return local;
  }

  /** Names the engine's derived array `name` of projection `id` (`./derived.ts`) as `local`; returns `local`. */
  derived(local: string, id: number, name: string): string {
    this.arrays.set(local, { owner: 'derived', id, name });
    return local;
  }

  /** Names array `name` of projection `id` as `local` in this kernel; returns `local`. */
  proj(local: string, id: number, name: string): string {
    this.arrays.set(local, { owner: 'proj', id, name });
    return local;
  }
}
