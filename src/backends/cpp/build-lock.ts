/**
 * One compilation per library, whatever the number of processes or worker threads building the
 * same model at once (`parallelRun()` copies compile together): the builder takes a lock file next
 * to the cached library (created with O_EXCL, so only one wins); the others wait until the library
 * appears or the lock goes away. A lock left by a process that died (its pid is gone) or older than
 * `STALE_MS` is taken over, so a crash never blocks later builds.
 */
import { open, readFile, rm, stat, access } from 'node:fs/promises';

const POLL_MS = 50;
/** Longer than any compilation of a generated model: a lock this old belongs to a stuck process. */
const STALE_MS = 10 * 60 * 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function exists(file: string): Promise<boolean> {
  try { await access(file); return true; } catch { return false; }
}

/** Whether the lock's owner is gone: its pid no longer runs, or the lock is older than STALE_MS. */
async function stale(lockFile: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lockFile, 'utf8'), stat(lockFile)]);
    if (Date.now() - info.mtimeMs > STALE_MS) return true;
    const pid = Number(text.split(' ')[0]);
    if (!Number.isSafeInteger(pid) || pid <= 0) return false; // being written: not stale yet
    try { process.kill(pid, 0); return false; } catch (e) { return (e as NodeJS.ErrnoException).code === 'ESRCH'; }
  } catch {
    return false; // gone meanwhile: the next try takes it
  }
}

/**
 * Waits for the right to build `library`: resolves to a release function once this caller holds
 * `library + '.lock'`, or to `undefined` when the library exists (another builder made it).
 */
export async function lockBuild(library: string): Promise<(() => Promise<void>) | undefined> {
  const lockFile = `${library}.lock`;
  for (;;) {
    if (await exists(library)) return undefined;
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      const release = () => rm(lockFile, { force: true });
      // The builder before us may have put the library in place and released the lock between our
      // check above and taking the lock: then there is nothing to build (seen as a second build
      // under load in test/parallel/cpp-cache.test.ts).
      if (await exists(library)) { await release(); return undefined; }
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (await stale(lockFile)) { await rm(lockFile, { force: true }); continue; }
    await sleep(POLL_MS);
  }
}
