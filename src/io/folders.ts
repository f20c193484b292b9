/**
 * Creating a folder and its missing parents, shared by the file writers (src/io/files.ts) and the
 * cpp backend's `compile({ directory })`. Node's `mkdir(dir, { recursive: true })` never settles
 * where mkdir fails with ENOENT under a parent that exists (procfs: `/proc/x` on Node 20), so the
 * parents are found with `stat` and each missing level is created once: every failure is final.
 * No `node:` import here: callers pass their file-system functions (files.ts loads them lazily so
 * that the browser bundle does not follow them).
 */

/** The file-system calls {@link makeFolders} needs (`node:fs/promises` has them). */
export interface FolderFs {
  stat(path: string): Promise<{ isDirectory(): boolean }>;
  mkdir(path: string): Promise<unknown>;
}

/** What failed, for the caller's message: `cannot <what> '<folder>'`. */
export type FolderFailure = 'use the folder' | 'create a folder inside' | 'create the folder';

/** The folder that contains `p` (`/` and `\` separate; `'.'` for a bare name; a root is its own parent). */
export function parentFolder(p: string): string {
  if (/^([A-Za-z]:)?[\\/]*$/.test(p)) return p === '' ? '.' : p;
  const trimmed = p.replace(/[\\/]+$/, '');
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (i < 0) return '.';
  const head = trimmed.slice(0, i);
  // `/x` → `/`, `C:\x` → `C:\`: the root keeps its separator.
  return head === '' || /^[A-Za-z]:$/.test(head) ? trimmed.slice(0, i + 1) : head;
}

/**
 * Creates `dir` and its missing parents, one level at a time. `fail` turns a failure into the
 * caller's error (the folder concerned and the system error, whose `code` says why).
 */
export async function makeFolders(dir: string, fs: FolderFs, fail: (what: FolderFailure, folder: string, cause: unknown) => Error): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = parentFolder(d)) {
    let found: { isDirectory(): boolean };
    try {
      found = await fs.stat(d);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') throw fail('use the folder', d, e);
      missing.push(d);
      if (parentFolder(d) === d) break;
      continue;
    }
    if (!found.isDirectory()) throw fail('create a folder inside', d, { code: 'ENOTDIR', message: 'not a directory' });
    break;
  }
  for (const d of missing.reverse()) {
    try {
      await fs.mkdir(d);
    } catch (e) {
      // Another process may have created it meanwhile.
      if ((e as { code?: string }).code === 'EEXIST' && (await fs.stat(d).then((s) => s.isDirectory(), () => false))) continue;
      throw fail('create the folder', d, e);
    }
  }
}
