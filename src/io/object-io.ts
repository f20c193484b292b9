/**
 * `pop.save(filename)` / `pop.load(filename)` / `proj.save` / `proj.load`: the arrays of one
 * population or projection, under the keys of `network-io.ts` (`<name>/<array>`), without the
 * network's step counter.
 */
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';
import { networkToNpz, networkFromNpz, networkToJson, networkFromJson, type SavableNetwork } from './network-io.js';
import { writeBytes, readBytes, formatOf } from './files.js';

function isProjection(obj: Population | Projection): obj is Projection { return 'requireConnected' in obj; }

function single(obj: Population | Projection): SavableNetwork {
  const net = obj.network;
  return {
    populations: isProjection(obj) ? [] : [obj], projections: isProjection(obj) ? [obj] : [],
    dt: net.dt, seed: 0, compiled: net.compiled, engine: (net as { engine?: SavableNetwork['engine'] }).engine, getCurrentStep: () => net.currentStep, setCurrentStep: () => {},
  };
}

export function objectToNpz(obj: Population | Projection): Uint8Array { return networkToNpz(single(obj), {}); }
export function objectFromNpz(obj: Population | Projection, bytes: Uint8Array): void { networkFromNpz(single(obj), bytes, {}); }
export function objectToJson(obj: Population | Projection): string { return networkToJson(single(obj), {}); }
export function objectFromJson(obj: Population | Projection, text: string): void { networkFromJson(single(obj), text, {}); }

/** Writes one population or projection (`.json` → JSON, else `.npz`). */
export async function saveObject(obj: Population | Projection, filename: string): Promise<void> {
  await writeBytes(filename, formatOf(filename) === 'json' ? objectToJson(obj) : objectToNpz(obj));
}

/** Loads one population or projection; a file of a whole network works too (other objects are ignored). */
export async function loadObject(obj: Population | Projection, filename: string): Promise<void> {
  const bytes = await readBytes(filename);
  if (formatOf(filename) === 'json') objectFromJson(obj, new TextDecoder().decode(bytes));
  else objectFromNpz(obj, bytes);
}
