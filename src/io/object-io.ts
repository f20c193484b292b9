/**
 * `pop.save(filename)` / `pop.load(filename)` / `proj.save` / `proj.load`: the arrays of one
 * population or projection, under the keys of `network-io.ts` (`<name>/<array>`), without the
 * network's step counter.
 */
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';
import { networkToNpz, networkFromNpz, networkToJson, networkFromJson, type SavableNetwork } from './network-io.js';
import { writeBytes, readBytes, formatOf } from './files.js';
import type { Engine } from '../runtime/engine.js';

function isProjection(obj: Population | Projection): obj is Projection { return 'requireConnected' in obj; }

/**
 * A one-object network for `network-io.ts`: the object, its network's step size and step, and the
 * engine (spikes in flight are saved with a projection), passed by the network that owns them.
 */
function single(obj: Population | Projection, engine: Engine | undefined): SavableNetwork {
  const net = obj.network;
  return {
    populations: isProjection(obj) ? [] : [obj], projections: isProjection(obj) ? [obj] : [],
    dt: net.dt, seed: 0, compiled: net.compiled, engine, getCurrentStep: () => net.currentStep, setCurrentStep: () => {},
  };
}

/** The arrays of one object as `.npz` bytes. */
export function objectToNpz(obj: Population | Projection, engine?: Engine): Uint8Array { return networkToNpz(single(obj, engine), {}); }
/** Restores one object from `.npz` bytes. */
export function objectFromNpz(obj: Population | Projection, bytes: Uint8Array, engine?: Engine): void { networkFromNpz(single(obj, engine), bytes, {}); }
/** The arrays of one object as JSON. */
export function objectToJson(obj: Population | Projection, engine?: Engine): string { return networkToJson(single(obj, engine), {}); }
/** Restores one object from JSON. */
export function objectFromJson(obj: Population | Projection, text: string, engine?: Engine): void { networkFromJson(single(obj, engine), text, {}); }

/** Writes one population or projection (`.json` → JSON, else `.npz`). */
export async function saveObject(obj: Population | Projection, filename: string, engine?: Engine): Promise<void> {
  await writeBytes(filename, formatOf(filename) === 'json' ? objectToJson(obj, engine) : objectToNpz(obj, engine));
}

/** Loads one population or projection; a file of a whole network works too (other objects are ignored). */
export async function loadObject(obj: Population | Projection, filename: string, engine?: Engine): Promise<void> {
  const bytes = await readBytes(filename);
  if (formatOf(filename) === 'json') objectFromJson(obj, new TextDecoder().decode(bytes), engine);
  else objectFromNpz(obj, bytes, engine);
}
