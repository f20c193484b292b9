/**
 * The parent's side of the guarded children: a pool of `jobs` child processes (the bundled child), each fed
 * one case at a time over IPC. A case that does not answer within its time limit is a HANG (the child
 * is killed); a child that dies while running a case is a CRASH of that case (signal or exit code and
 * the end of its stderr). Either way a fresh child takes the next case.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { buildSync } from 'esbuild';
import type { CaseReport, CaseRequest } from './types.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * The child is bundled once per run with esbuild (with a source map, so stacks name src/ files):
 * it starts in a fraction of tsx's time, and without tsx's WebAssembly it runs under an
 * address-space limit (prlimit), so that a model that allocates without bound fails in its own
 * process instead of pressing on the whole machine.
 */
function bundleChild(): string {
  // One bundle per parent process (two runs at once must not overwrite each other's), removed at exit.
  const out = path.join(HERE, '..', 'node_modules', '.cache', 'neurarchy-fuzz', `child-${process.pid}.mjs`);
  buildSync({ entryPoints: [path.join(HERE, 'child.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, packages: 'external', sourcemap: true, logLevel: 'error' });
  process.once('exit', () => { rmSync(out, { force: true }); rmSync(`${out}.map`, { force: true }); });
  return out;
}

let childFile: string | undefined;
const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;

/** What the parent learnt about one case: the child's report, or how the child failed. */
export type Answer =
  | { kind: 'report'; report: CaseReport }
  | { kind: 'died'; detail: string; ms: number; started?: Started }
  | { kind: 'timeout'; ms: number; started?: Started };

/** What the child said it was starting (label and input of the case). */
export interface Started { label: string; input: string }

export interface PoolOptions {
  jobs: number;
  /** Time limit of a case in ms. */
  timeoutMs: (req: CaseRequest) => number;
  /** Heap limit of a child, in MB (a model that allocates without bound ends as a V8 abort, not a frozen machine). */
  heapMb?: number;
  /** Address-space limit of a child in GiB (typed arrays live outside the heap); 0 for none. */
  addressSpaceGb?: number;
}

class Worker {
  child?: ChildProcess;
  stderr = '';
  #ready?: Promise<void>;

  constructor(readonly heapMb: number, readonly addressSpaceGb: number) {}

  start(): Promise<void> {
    if (this.#ready) return this.#ready;
    this.stderr = '';
    childFile ??= bundleChild();
    const node = [process.execPath, '--enable-source-maps', `--max-old-space-size=${this.heapMb}`, childFile];
    const argv = hasPrlimit && this.addressSpaceGb > 0 ? ['prlimit', `--as=${this.addressSpaceGb * 2 ** 30}`, ...node] : node;
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, NEURARCHY_FUZZ_CHILD: '1' },
    });
    child.stderr!.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-4000); });
    this.child = child;
    this.#ready = new Promise((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code, signal) => reject(new Error(`fuzz child failed to start (${signal ?? code}): ${this.stderr}`)));
    });
    return this.#ready;
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.#ready = undefined;
  }

  async run(req: CaseRequest, timeoutMs: number): Promise<Answer> {
    await this.start();
    const child = this.child!;
    const t0 = performance.now();
    return new Promise<Answer>((resolve) => {
      const done = (a: Answer) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(a);
      };
      let started: Started | undefined;
      const onMessage = (m: CaseReport | { started: Started }) => {
        if ('started' in m) started = m.started;
        else done({ kind: 'report', report: m });
      };
      const onExit = (code: number | null, signal: string | null) => {
        const tail = this.stderr.trim().split('\n').slice(-6).join(' | ');
        this.child = undefined; this.#ready = undefined;
        done({ kind: 'died', detail: `child died (${signal ?? `exit code ${code}`})${tail ? `: ${tail}` : ''}`, ms: performance.now() - t0, started });
      };
      const timer = setTimeout(() => { this.stop(); done({ kind: 'timeout', ms: performance.now() - t0, started }); }, timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(req);
    });
  }
}

/** Runs every request on a pool of guarded children; `onAnswer` sees each answer as it comes. */
export async function runPool(reqs: CaseRequest[], opts: PoolOptions, onAnswer: (req: CaseRequest, a: Answer) => void): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(opts.jobs, reqs.length)) }, () => new Worker(opts.heapMb ?? 2048, opts.addressSpaceGb ?? 12));
  await Promise.all(workers.map(async (w) => {
    while (next < reqs.length) {
      const req = reqs[next++]!;
      onAnswer(req, await w.run(req, opts.timeoutMs(req)));
    }
    w.stop();
  }));
}
