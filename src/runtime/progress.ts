/**
 * Progress bar of long `simulate()` calls: steps, simulated time and real-time factor, drawn on
 * stderr. Shown only when stderr is a TTY, not under tests (VITEST, NODE_ENV=test, CI), and after
 * the call has run for a second (short calls print nothing). Off with `setup({ progress: false })`,
 * `net.progress = false`, or NEURARCHY_PROGRESS=0. `process` is only reached through `globalThis`,
 * so browsers (no `process`) simply get no bar.
 */

export interface ProgressBar {
  update(doneSteps: number): void;
  finish(): void;
}

interface Stream { isTTY?: boolean; columns?: number; write(s: string): unknown }

function tty(): Stream | undefined {
  const proc = (globalThis as { process?: { stderr?: Stream; env?: Record<string, string | undefined> } }).process;
  const err = proc?.stderr;
  if (!err || err.isTTY !== true || typeof err.write !== 'function') return undefined;
  const env = proc?.env ?? {};
  if (env.VITEST || env.NODE_ENV === 'test' || env.CI || env.NEURARCHY_PROGRESS === '0') return undefined;
  return err;
}

/** One line of the bar (exported for tests). */
export function formatProgress(done: number, total: number, dt: number, elapsedMs: number, width = 30): string {
  const frac = total > 0 ? Math.min(1, done / total) : 1;
  const fill = Math.round(frac * width);
  const simMs = done * dt;
  const rtf = elapsedMs > 0 ? simMs / elapsedMs : 0;
  const eta = frac > 0 ? (elapsedMs / frac - elapsedMs) / 1000 : 0;
  return `[${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${(frac * 100).toFixed(0).padStart(3)}% `
    + `step ${done}/${total}, ${simMs.toFixed(1)} ms simulated, ${rtf.toFixed(2)}× real time, ETA ${eta.toFixed(0)} s`;
}

const DELAY_MS = 1000;

/** A bar for a `simulate()` of `total` steps, or undefined when none may be shown. */
export function startProgress(total: number, dt: number): ProgressBar | undefined {
  const out = tty();
  if (!out || total <= 0) return undefined;
  const t0 = performance.now();
  let shown = false;
  let last = 0;
  return {
    update(done) {
      const now = performance.now();
      if (now - t0 < DELAY_MS || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      out.write(`\r${formatProgress(done, total, dt, now - t0)}\x1b[K`);
    },
    finish() { if (shown) out.write('\n'); },
  };
}
