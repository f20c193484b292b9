/**
 * The harness as a function (used by the CLI and by test/fuzz/slice.test.ts): builds the case
 * requests of the chosen batteries, runs them in guarded children, classes the answers.
 */
import os from 'node:os';
import path from 'node:path';
import { runPool } from './run-child.js';
import { classify, summarise, type Summary } from './report.js';
import type { CaseRequest, CaseResult } from './types.js';
import { BASES } from './generate.js';
import { describe as describeModel } from './batteries/models.js';
import { describe as describeApi, count as apiCount } from './batteries/api.js';
import { count as selftestCount } from './batteries/selftest.js';

export interface FuzzOptions {
  seed: number;
  /** Model mutants (all on js). */
  cases: number;
  /** About how many accepted mutants also run on cpp (spread evenly), besides the unmutated bases. */
  cpp: number;
  /** Corrupted files (every tenth also loaded on cpp, when `cpp` > 0). */
  files: number;
  batteries: string[];
  jobs: number;
  /** Only these case indices of each battery (to rerun known cases). */
  only?: Partial<Record<string, number[]>>;
}

/** Where compiled cpp libraries are kept between runs (g++ is the slow part). */
export const CACHE_DIR = path.join(os.tmpdir(), 'neurarchy-fuzz-cache');

export function requests(o: FuzzOptions): CaseRequest[] {
  const reqs: CaseRequest[] = [];
  const add = (battery: string, n: number, cpp: (i: number) => boolean) => {
    if (!o.batteries.includes(battery)) return;
    for (const index of o.only?.[battery] ?? Array.from({ length: n }, (_, i) => i)) reqs.push({ battery, seed: o.seed, index, cpp: cpp(index), cacheDir: CACHE_DIR });
  };
  // About one mutant in six is accepted, and only accepted ones reach the compiler: six candidates per
  // wanted cpp comparison keep `--cpp N` close to N g++ runs.
  const every = o.cpp > 0 ? Math.max(1, Math.floor(o.cases / (6 * o.cpp))) : 0;
  add('api', apiCount(), () => false);
  add('selftest', selftestCount(), () => false);
  add('files', o.files, (i) => o.cpp > 0 && i % 10 === 0);
  // The unmutated bases (the first cases) always run on cpp too, when cpp runs at all.
  add('models', o.cases, (i) => every > 0 && (i < BASES.length || (i % every === 0 && i / every < 6 * o.cpp)));
  return reqs;
}

export function describeCase(req: CaseRequest): { label: string; input: string } {
  if (req.battery === 'models') return describeModel(req.seed, req.index);
  if (req.battery === 'selftest') return { label: 'selftest', input: `case ${req.index}` };
  if (req.battery === 'files') return { label: `file #${req.index}`, input: '(see the child\'s report)' };
  return describeApi(req.index);
}

export async function runFuzz(o: FuzzOptions, progress?: (done: number, total: number) => void): Promise<{ summary: Summary; results: CaseResult[] }> {
  const t0 = performance.now();
  const reqs = requests(o);
  const results: CaseResult[] = [];
  await runPool(reqs, {
    jobs: o.jobs,
    // Models: 30 s (a 10 000-term expression takes ~7 s to be refused on a loaded machine; a hang takes for ever).
    timeoutMs: (r) => (r.cpp ? 240_000 : r.battery === 'models' ? 30_000 : r.battery === 'selftest' ? 3_000 : 15_000),
  }, (req, a) => {
    results.push(classify(req, a, describeCase));
    progress?.(results.length, reqs.length);
  });
  results.sort((a, b) => a.battery.localeCompare(b.battery) || a.index - b.index);
  return { summary: summarise(results, o.seed, (performance.now() - t0) / 1000), results };
}
