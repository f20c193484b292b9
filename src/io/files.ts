/**
 * File access for save/load, kept out of the browser bundle: `node:fs/promises` is imported
 * dynamically through a variable, so bundlers do not follow it. In a browser, use the byte-level
 * `net.toNpz()` / `net.fromNpz(bytes)` (or `toJson`/`fromJson`) instead.
 */
import { NetworkError } from '../errors.js';
import { LoadError } from './network-io.js';
import { makeFolders } from './folders.js';

const FS = 'node:fs/promises';

interface Fs {
  readFile(p: string): Promise<Uint8Array>;
  writeFile(p: string, d: Uint8Array | string): Promise<void>;
  mkdir(p: string): Promise<unknown>;
  stat(p: string): Promise<{ isDirectory(): boolean }>;
}

async function fs(): Promise<Fs> {
  try {
    return await import(/* @vite-ignore */ FS);
  } catch {
    throw new NetworkError('saving and loading files needs Node.js; in a browser use toNpz()/fromNpz(bytes)');
  }
}

/** The folder part of a path (`/` and, for Windows paths, `\` separate), or '' for a bare name. */
function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : '';
}

/**
 * Writes `data` to `path`, creating missing parent folders first (as `mkdir -p`), so that
 * `save('results/run1/state.npz')` works in a fresh directory. Failures name the file and the cause.
 */
export async function writeBytes(path: string, data: Uint8Array | string): Promise<void> {
  const f = await fs();
  const folder = folderOf(path);
  // Level by level (io/folders.ts): a recursive mkdir under /proc never settles.
  if (folder) {
    await makeFolders(folder, { stat: (p) => f.stat(p), mkdir: (p) => f.mkdir(p) }, (what, d, e) => {
      const { code = 'error', message } = e as { code?: string; message: string };
      return new NetworkError(`cannot write '${path}': cannot ${what} '${d}' (${message.startsWith(code) ? message : `${code}: ${message}`}); `
        + 'choose a path in a folder this process can write to');
    });
  }
  try {
    await f.writeFile(path, data);
  } catch (e) {
    throw new NetworkError(`cannot write '${path}': ${(e as Error).message}`);
  }
}

/** Reads `path`; a missing or unreadable file is a {@link LoadError} naming it. */
export async function readBytes(path: string): Promise<Uint8Array> {
  const f = await fs();
  let b: Uint8Array;
  try {
    b = await f.readFile(path);
  } catch (e) {
    throw new LoadError(`cannot read '${path}': ${(e as Error).message}`);
  }
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** `.json` → JSON, anything else → `.npz`. */
export function formatOf(path: string): 'json' | 'npz' {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'npz';
}
