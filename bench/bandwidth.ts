/**
 * Memory bandwidth of this machine, for the floors in BENCHMARKS.md: a STREAM-like probe in C
 * (bench/lib/triad.c, `g++ -O3 -march=native`, one thread, 128 MiB arrays, best of 10) and the
 * same triad in JavaScript (Float64Array), which is what the `js` backend can reach.
 *
 * Run: npx tsx bench/bandwidth.ts [--n 16777216] [--reps 10]      (also `npm run bench -- --bandwidth …`)
 * Prints one line `RESULT {json}`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './lib/args.js';

const a = parseArgs({ n: 1 << 24, reps: 10 });
const out: Record<string, unknown> = { kind: 'bandwidth', n: a.n, reps: a.reps };

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib', 'triad.c');
const dir = mkdtempSync(path.join(os.tmpdir(), 'nb-triad-'));
try {
  const exe = path.join(dir, 'triad');
  execFileSync('g++', ['-x', 'c', '-O3', '-march=native', '-o', exe, src]);
  Object.assign(out, { c: JSON.parse(execFileSync(exe, [String(a.n), String(a.reps)], { encoding: 'utf8' })) });
  out.compiler = execFileSync('g++', ['--version'], { encoding: 'utf8' }).split('\n')[0];
} catch (e) {
  out.c_error = (e as Error).message.split('\n')[0];
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The same triad in JavaScript.
const n = a.n;
const x = new Float64Array(n).fill(1), y = new Float64Array(n).fill(2), z = new Float64Array(n);
let best = Infinity;
for (let r = 0; r < a.reps; r++) {
  const t = performance.now();
  for (let i = 0; i < n; i++) z[i] = x[i] + 3.0 * y[i];
  best = Math.min(best, performance.now() - t);
}
out.js_triad_gbs = Number((24 * n / (best / 1000) / 1e9).toFixed(2));
out.load_avg = os.loadavg().map((v) => Number(v.toFixed(2)));
console.log(`RESULT ${JSON.stringify(out)}`);
