/** `node:fs/promises` in the playground: written files are offered as downloads (see files.ts). */
import { offerFile } from './files.js';

export async function writeFile(name: string, data: string | Uint8Array): Promise<void> { offerFile(name, data); }
export async function mkdir(): Promise<void> { /* folders do not exist in the page */ }
export async function readFile(name: string): Promise<never> { throw new Error(`readFile('${name}'): the playground has no file system`); }
export default { writeFile, mkdir, readFile };
