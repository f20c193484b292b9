/**
 * The global default network used by scripts written in ANNarchy 4's style
 * (`new Population(...)`, `compile()`, `simulate()`), like ANNarchy's "magic network".
 */
import type { NetworkLike } from './network-like.js';
import { InternalError } from '../errors.js';

let factory: (() => NetworkLike) | undefined;
let current: NetworkLike | undefined;

/** @internal Set by `Network.ts` at load time, to avoid an import cycle. */
export function setDefaultNetworkFactory(make: () => NetworkLike): void {
  factory = make;
}

/** The default network (created on first use). */
export function defaultNetwork(): NetworkLike {
  if (!current) {
    if (!factory) throw new InternalError('Network module not loaded');
    current = factory();
  }
  return current;
}

/** @internal Replaces the default network by a fresh one (used by `clear()`). */
export function resetDefaultNetwork(): void {
  current = undefined;
}
