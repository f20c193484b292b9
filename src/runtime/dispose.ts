/**
 * What is left of a population's or projection's state after `net.dispose()`, or after a run that
 * failed part-way and left the state undefined (`Engine.stateLost`): a map that holds nothing and
 * refuses every access with a `NetworkError`. The arrays themselves are gone (js:
 * dropped for the garbage collector; cpp: their C memory freed, so a view left in the map would
 * read freed memory), and every attribute read or write goes through the state map, so this one
 * object turns every later use into a clear error instead of a crash or a silently empty array.
 */
import { NetworkError } from '../errors.js';
import type { StateArray } from '../core/values.js';

class RefusedState extends Map<string, StateArray> {
  readonly #message: string;
  constructor(message: string) {
    super();
    this.#message = message;
  }
  #refuse(): never {
    throw new NetworkError(this.#message);
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
  return new RefusedState(`${what} belongs to a network that was disposed (net.dispose()): its state is freed. Build and compile a new network to simulate again.`);
}

/**
 * The state map of a population or projection (`what`) whose network's state is undefined after a
 * run failed part-way (`why`, from `Engine.stateLost`): every read, write and save() is refused.
 */
export function lostState(what: string, why: string): Map<string, StateArray> {
  return new RefusedState(`${what}: ${why}. Its values are not read, written or saved: build and compile the network again, or load() a file saved before the failure (its monitors keep what they recorded).`);
}
