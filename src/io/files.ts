/**
 * File access for save/load, kept out of the browser bundle: `node:fs/promises` is imported
 * dynamically through a variable, so bundlers do not follow it. In a browser, use the byte-level
 * `net.toNpz()` / `net.fromNpz(bytes)` (or `toJson`/`fromJson`) instead.
 */
import { NetworkError } from '../errors.js';

const FS = 'node:fs/promises';

async function fs(): Promise<{ readFile(p: string): Promise<Uint8Array>; writeFile(p: string, d: Uint8Array | string): Promise<void> }> {
  try {
    return await import(/* @vite-ignore */ FS);
  } catch {
    throw new NetworkError('saving and loading files needs Node.js; in a browser use toNpz()/fromNpz(bytes)');
  }
}

export async function writeBytes(path: string, data: Uint8Array | string): Promise<void> {
  await (await fs()).writeFile(path, data);
}

export async function readBytes(path: string): Promise<Uint8Array> {
  const b = await (await fs()).readFile(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** `.json` → JSON, anything else → `.npz`. */
export function formatOf(path: string): 'json' | 'npz' {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'npz';
}
