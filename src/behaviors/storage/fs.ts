/**
 * The synchronous `node:fs` calls the storage manager needs, loaded on first use through a variable
 * (as `src/io/files.ts` does) so that browser bundles do not follow the import. In a browser the
 * storage manager is refused with that reason; `behaviorNetworkToNpz` works everywhere.
 */
import { NeurarchyError } from '../../errors.js';

/** The part of `node:fs` used here. */
export interface SyncFs {
  existsSync(p: string): boolean;
  mkdirSync(p: string, o: { recursive: true }): unknown;
  readFileSync(p: string): Uint8Array;
  writeFileSync(p: string, d: Uint8Array | string): void;
  readdirSync(p: string, o: { withFileTypes: true }): { name: string; isDirectory(): boolean }[];
  rmSync(p: string, o: { recursive: true; force: true }): void;
}

const FS = 'node:fs';
let loaded: SyncFs | undefined;

/** `node:fs`, or an error saying that the storage manager needs Node.js. */
export async function loadFs(who: string): Promise<SyncFs> {
  if (loaded) return loaded;
  try {
    loaded = (await import(/* @vite-ignore */ FS)) as SyncFs;
  } catch {
    throw new NeurarchyError(`${who} writes folders and needs Node.js; in a browser use behaviorNetworkToNpz(net) and encodeNpz() for bytes`);
  }
  return loaded;
}

/** `a/b/c` with `/` separators, whatever the parts end with. */
export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').map((p, i) => (i === 0 ? p.replace(/\/+$/, '') : p.replace(/^\/+|\/+$/g, ''))).join('/');
}
