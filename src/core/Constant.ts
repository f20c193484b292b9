/**
 * `Constant`: a named global value usable in every equation, changeable after `compile()`
 * (the new value takes effect at the next step — ANNarchy ignores such changes; we do what its
 * documentation promises).
 */
import { NetworkError } from '../errors.js';

/** Something that wants to know when a constant changes (a compiled network). */
export interface ConstantListener {
  constantChanged(name: string, value: number): void;
}

/** Constants created with `new Constant(...)`, inherited by every network created afterwards. */
const globalConstants = new Map<string, Constant>();

export class Constant {
  readonly name: string;
  #value: number;
  readonly #listeners = new Set<ConstantListener>();

  /**
   * @param name a valid identifier, used in equations as is
   * @param value its value
   * @param options.global register it for every network (default true, as ANNarchy's `Constant`)
   */
  constructor(name: string, value: number, options: { global?: boolean } = {}) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new NetworkError(`Constant name '${name}' is not a valid identifier`);
    if (!Number.isFinite(value)) throw new NetworkError(`Constant '${name}' needs a finite number, got ${value}`);
    this.name = name;
    this.#value = value;
    if (options.global ?? true) globalConstants.set(name, this);
  }

  get value(): number { return this.#value; }

  /** Changes the value; compiled networks see it from their next step on. */
  set(value: number): void {
    if (!Number.isFinite(value)) throw new NetworkError(`Constant '${this.name}' needs a finite number, got ${value}`);
    this.#value = value;
    for (const l of this.#listeners) l.constantChanged(this.name, value);
  }

  valueOf(): number { return this.#value; }
  toString(): string { return `${this.name} = ${this.#value}`; }

  /** @internal */
  addListener(l: ConstantListener): void { this.#listeners.add(l); }
  /** @internal */
  removeListener(l: ConstantListener): void { this.#listeners.delete(l); }
}

/** @internal The constants every new network starts with. */
export function globalConstantList(): Constant[] {
  return [...globalConstants.values()];
}

/** @internal Forget every global constant (used by `clear()`). */
export function clearGlobalConstants(): void {
  globalConstants.clear();
}
