/** `node:fs` in the playground: written files are offered as downloads (see files.ts); nothing is read. */
import { offerFile } from './files.js';

export function writeFileSync(name: string, data: string | Uint8Array): void { offerFile(name, data); }
export function mkdirSync(): void { /* folders do not exist in the page */ }
export function existsSync(): boolean { return false; }
export function readFileSync(name: string): never { throw new Error(`readFileSync('${name}'): the playground has no file system`); }
export default { writeFileSync, mkdirSync, existsSync, readFileSync };
