/**
 * What is left of a population's or projection's state after `net.dispose()`: a map that holds
 * nothing and refuses every access with a `NetworkError`. The arrays themselves are gone (js:
 * dropped for the garbage collector; cpp: their C memory freed, so a view left in the map would
 * read freed memory), and every attribute read or write goes through the state map, so this one
 * object turns every later use into a clear error instead of a crash or a silently empty array.
 */
import { NetworkError } from '../errors.js';
import type { StateArray } from '../core/values.js';

class DisposedState extends Map<string, StateArray> {
  readonly #what: string;
  constructor(what: string) {
    super();
    this.#what = what;
  }
  #refuse(): never {
    throw new NetworkError(`${this.#what} belongs to a network that was disposed (net.dispose()): its state is freed. Build and compile a new network to simulate again.`);
  }
  override get(_key: string): StateArray | undefined { return this.#refuse(); }
  override set(_key: string, _value: StateArray): this { return this.#refuse(); }
  override has(_key: string): boolean { return this.#refuse(); }
  override keys(): MapIterator<string> { return this.#refuse(); }
  override values(): MapIterator<StateArray> { return this.#refuse(); }
  override entries(): MapIterator<[string, StateArray]> { return this.#refuse(); }
  override forEach(): void { this.#refuse(); }
  override [Symbol.iterator](): MapIterator<[string, StateArray]> { return this.#refuse(); }
}

/** The state map of a disposed population or projection (`what`: e.g. "population 'exc'"). */
export function disposedState(what: string): Map<string, StateArray> {
  return new DisposedState(what);
}
