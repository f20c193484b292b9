/**
 * `Constant`: a named global value usable in every equation, changeable after `compile()`
 * (the new value takes effect at the next step — ANNarchy ignores such changes; we do what its
 * documentation promises).
 */
import { checkOptions } from './options.js';
import { NetworkError } from '../errors.js';
import { RESERVED_NAMES } from '../equations/symbols.js';

/** Something that wants to know when a constant changes (a compiled network). */
export interface ConstantListener {
  /** @internal */
  constantChanged(name: string, value: number): void;
}

/** Constants created with `new Constant(...)`, inherited by every network created afterwards. */
const globalConstants = new Map<string, Constant>();

/**
 * A named global value usable in every equation (ANNarchy's `Constant`): `new Constant('tau', 10)`
 * is known to every network created afterwards, `net.constant('tau', 10)` to one network only.
 * `c.set(value)` after `compile()` takes effect at the next step.
 */
export class Constant {
  /** The name, as used in equations. */
  readonly name: string;
  /** Registered for every network (`new Constant()`), rather than local to one (`net.constant()`). */
  readonly global: boolean;
  #value: number;
  readonly #listeners = new Set<ConstantListener>();

  /**
   * @param name a valid identifier, used in equations as is
   * @param value its value
   * @param options.global register it for every network (default true, as ANNarchy's `Constant`)
   */
  constructor(name: string, value: number, options: { global?: boolean } = {}) {
    checkOptions(options, ['global'], 'new Constant()');
    if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      throw new NetworkError(`Constant name ${JSON.stringify(name)} is not a valid identifier (a letter, then letters, digits or '_')`);
    }
    // `dt`, `t`, `pi`, built-in functions…: equations would never read the constant (and ANNarchy's
    // C++ would not compile), so the name is refused rather than accepted and ignored.
    if (RESERVED_NAMES.has(name)) throw new NetworkError(`Constant name '${name}' is reserved in equations (${reservedWhy(name)}); choose another name`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new NetworkError(`Constant '${name}' needs a finite number, got ${String(value)}`);
    this.name = name;
    this.#value = value;
    this.global = options.global ?? true;
    if (this.global) globalConstants.set(name, this);
  }

  /** The current value (change it with `set()`). */
  get value(): number { return this.#value; }

  /** Changes the value; compiled networks see it from their next step on. */
  set(value: number): void {
    if (!Number.isFinite(value)) throw new NetworkError(`Constant '${this.name}' needs a finite number, got ${value}`);
    this.#value = value;
    for (const l of this.#listeners) l.constantChanged(this.name, value);
  }

  /** The value, so that a constant works in arithmetic (`2 * tau`). */
  valueOf(): number { return this.#value; }
  /** `name = value`. */
  toString(): string { return `${this.name} = ${this.#value}`; }

  /** @internal */
  addListener(l: ConstantListener): void { this.#listeners.add(l); }
  /** @internal */
  removeListener(l: ConstantListener): void { this.#listeners.delete(l); }
}

/** Why `name` is reserved, for the message. */
function reservedWhy(name: string): string {
  if (name === 't') return 'the current time';
  if (name === 'dt') return 'the step size';
  if (name === 'pi') return 'the number pi';
  return 'a built-in name of the equation language';
}

/** @internal The global constants, whenever they were created (networks read them until they compile). */
export function globalConstantList(): Constant[] {
  return [...globalConstants.values()];
}

/** @internal Forget every global constant (used by `clear()`). */
export function clearGlobalConstants(): void {
  globalConstants.clear();
}
