/**
 * One WebAssembly module per network: the kernels given (`KernelText`s), the user's functions, and
 * the imports they call. Transcendental functions are imported from `Math`: V8 calls its own fdlibm
 * port for them directly from WebAssembly (no JavaScript frame), and they are the very functions the
 * js backend calls, so the bits are the same. `tanh`, `sinh` and `cosh`, which V8 would call through
 * a JavaScript wrapper, are the module's own translation of the same fdlibm code (`./libm.ts`);
 * `pow(x, 2)` is `x · x` where that is `Math.pow`'s result (`squareMatchesPow`); the Poisson
 * inputs' geometric draw is the module's own too (`./random.ts` `defineGeometric`).
 */
import type { NetworkPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { jsBuiltins } from '../js/spelling.js';
import { userFunctions, functionScope } from '../kernels/functions.js';
import { ModuleWriter } from './encoder.js';
import { Lowerer, type Callee, type LowerEnv } from './lower.js';
import { readForms } from './sexpr.js';
import { wasmSpelling } from './spelling.js';
import { PI, type KernelText } from './text.js';
import { MAX_PAGES, TABLE, type WasmMemory } from './memory.js';
import { FORK, defineFillJob, defineThreadFunctions, type ParallelJobs } from './threads.js';
import { defineHyperbolic, hyperbolicMatchesMath, squareMatchesPow } from './libm.js';
import { RANGE_PARAMS as RANDOM_FILL_PARAMS, defineGeometric } from './random.js';
import { HOOKS, hookName, runKernel } from './run.js';
import type { StepHooks } from '../../runtime/engine.js';
import { RING_GROW, type WasmRings } from './ring.js';

/** The imported functions: the name the kernels call, its implementation, its arity. */
const IMPORTS: [string, (...x: number[]) => number, number][] = [
  ...(['exp', 'log', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh'] as const).map((f): [string, (x: number) => number, number] => [f, Math[f], 1]),
  ['pow', Math.pow, 2], ['power', Math.pow, 2], ['atan2', Math.atan2, 2],
  ['round_half_up', Math.round, 1], ['round', jsBuiltins.round, 1], ['modulo', jsBuiltins.modulo, 2],
  ['fmod', (a: number, b: number) => a % b, 2],
];

/**
 * The `math` imports as JavaScript source, for the workers of `./threads.ts` (which cannot be handed
 * functions): `Math.<name>` for `Math`'s own, else the function's text (pure arrow functions).
 */
export function mathSources(): [string, string][] {
  const own = new Map(Object.getOwnPropertyNames(Math).map((k) => [(Math as unknown as Record<string, unknown>)[k], k]));
  return IMPORTS.map(([name, fn]) => [name, own.has(fn) ? `Math.${own.get(fn)!}` : fn.toString()]);
}

/** A kernel or hook the step loop calls in JavaScript (it takes the step). */
type StepFunction = (step: number) => void;

/**
 * The module's imports object: `math` functions, the memory, for the step loop (`./run.ts`) the
 * kernels still in JavaScript (`js`) and the runtime's hooks, the growth of a ring slot
 * (`./ring.ts`), and the random module's fills (`rand`, its instance's exports: called by the
 * random kernels, and with threads by the fill jobs).
 */
export function moduleImports(memory: WebAssembly.Memory, js: Record<string, StepFunction>, hooks: StepHooks, rings: WasmRings, rand?: WebAssembly.Exports): WebAssembly.Imports {
  const hook = Object.fromEntries(HOOKS.map((h) => [hookName(h), (step: number) => hooks[h](step)]));
  const grow = (proj: number, slot: number) => rings.grow(proj, slot);
  return { env: { memory }, math: Object.fromEntries(IMPORTS.map(([name, fn]) => [name, fn])), js, hooks: hook, ring: { [RING_GROW]: grow }, ...(rand ? { rand } : {}) };
}

/**
 * The binary module of `kernels` (each exported under its name, taking the step) and of the step
 * loop `run` (`./run.ts`) calling them, the js kernels named `jsKernels` and the hooks; and the
 * names of the kernels whose equations run two elements at a time (`./vector.ts`) and of those whose dense
 * sums run on pairs of partials (`./dense-sum.ts`). `randomScratch`: the address of the random fills'
 * scratch (`NORMAL_SCRATCH_BYTES`), for the random kernels (`./random-kernel.ts`); without it they
 * cannot be lowered.
 */
export function buildModule(plan: NetworkPlan, kernels: KernelText[], jsKernels: readonly string[], memory: WasmMemory, simd = true, threads?: ModuleThreads, randomScratch?: number): {
  bytes: Uint8Array; vectorised: string[]; pairedSums: string[]; run: KernelText; fillJobs?: { Uniform: number; Normal: number };
} {
  const vectorised: string[] = [];
  const pairedSums: string[] = [];
  const w = new ModuleWriter();
  w.importMemory('env', 'memory', 1, threads ? MAX_PAGES : undefined);
  const callees = new Map<string, Callee>();
  const procedures = new Map<string, Callee>();
  for (const name of jsKernels) procedures.set(name, { index: w.importFunction('js', name, ['f64'], []), arity: 1 });
  for (const h of HOOKS) procedures.set(hookName(h), { index: w.importFunction('hooks', hookName(h), ['f64'], []), arity: 1 });
  procedures.set(RING_GROW, { index: w.importFunction('ring', RING_GROW, ['f64', 'f64'], []), arity: 2 });
  // The random module's fills (`./random.ts`): with threads, run as jobs (`./threads.ts` `FillJobs`);
  // called by the random kernels of `./random-kernel.ts` (`(fill …)`, scratch at `randomScratch`).
  const drawing = randomScratch !== undefined && kernels.some((k) => k.body.some((line) => line.startsWith('(fill ')));
  const imported = (threads || drawing) ? (['fill_uniform', 'fill_normal'] as const).map((name) => w.importFunction('rand', name, RANDOM_FILL_PARAMS, [])) : undefined;
  const fills = threads && imported;
  for (const [name, , arity] of IMPORTS) callees.set(name, { index: w.importFunction('math', name, Array(arity).fill('f64'), ['f64']), arity });
  // tanh, sinh, cosh: V8 calls them from WebAssembly through a wrapper; in the module they cost what
  // its C++ costs, with its bits (`./libm.ts`). Defined when a kernel first calls one, after the
  // check that this engine's `Math` gives the same bits (once per process, ≈ 40 ms cold).
  let hyperbolic: ReturnType<typeof defineHyperbolic> | null | undefined;
  // (p, stream, neuron, step, drawId) → steps to the next spike (`../js/special.ts` geometricSteps),
  // defined when a Poisson kernel first calls it: imported, each spike called out to JavaScript and
  // back. Its memo of log(1 − q): 16 bytes of the memory of its own.
  let geom: Callee | undefined;
  const callee = (name: string): Callee | undefined => {
    if (name === 'geom') return (geom ??= { index: defineGeometric(w, plan.seed, memory.alloc(16)), arity: 5 });
    if (name === 'tanh' || name === 'sinh' || name === 'cosh') {
      hyperbolic ??= hyperbolicMatchesMath() ? defineHyperbolic(w, callees.get('exp')!.index) : null;
      if (hyperbolic) return hyperbolic[name];
    }
    return callees.get(name);
  };
  const functions = userFunctions(plan);
  const fnIndex = functions.map((f) => {
    const index = w.declare(Array(f.params.length).fill('f64'), ['f64']);
    callees.set(`F_${f.name}`, { index, arity: f.params.length });
    return index;
  });
  const env = (arrays: (local: string) => ReturnType<WasmMemory['ref']>): LowerEnv => ({
    array: arrays, callee, procedure: (n) => procedures.get(n), dt: plan.dt, table: TABLE, simd, square: squareMatchesPow,
    fills: drawing ? { uniform: imported![0], normal: imported![1], seed: plan.seed, scratch: randomScratch } : undefined,
  });
  const constants = (local: string) => (local === 'C' ? memory.ref('net', 0, 'C') : undefined);
  functions.forEach((f, n) => {
    const scope = functionScope(f, plan, { param: (p) => p, pi: PI, constant: (c) => `C[${c}]` });
    const low = new Lowerer(env(constants), `function ${f.name}`, f.params.map((p) => ({ name: p, type: 'f64' as const })));
    low.expr(readForms(renderExpr(f.body, scope, wasmSpelling))[0], 'f64');
    w.define(fnIndex[n], low.locals, concat(low));
  });
  const arraysOf = (k: KernelText) => (local: string) => { const a = k.arrays.get(local); return a && memory.ref(a.owner, a.id, a.name); };
  // The step is a float64, as in js: exact up to 2^53 (an int32 would wrap after 2^31 steps).
  // A ranged kernel (a parallel loop, `./threads.ts`) takes its share too, and is called by `dispatch` only.
  const indices = kernels.map((k) => (k.ranged ? w.declare(['f64', 'i32', 'i32'], []) : w.declare(['f64'], [], k.name)));
  kernels.forEach((k, j) => { if (!k.ranged) procedures.set(k.name, { index: indices[j], arity: 1 }); });
  const fillJobs = fills && fills.map(() => w.declare(['f64', 'i32', 'i32'], []));
  const thread = threads && {
    // The kernels' jobs, then the two fills' (`fillJobs`).
    jobs: [...threads.jobs.kernels.map((k) => indices[kernels.indexOf(k)]), ...fillJobs!],
    fork: w.declare(['f64', 'f64', 'f64', 'f64'], [], 'fork'),
    dispatch: w.declare(['i32', 'f64', 'i32', 'i32'], []),
    worker: w.declare(['i32', 'i32'], [], 'worker'),
  };
  if (thread) procedures.set(FORK, { index: thread.fork, arity: 4 });
  kernels.forEach((k, j) => {
    const params = [{ name: 'step', type: 'f64' as const }, ...(k.ranged ? [{ name: 'lo', type: 'i32' as const }, { name: 'hi', type: 'i32' as const }] : [])];
    const low = new Lowerer(env(arraysOf(k)), `kernel ${k.name}`, params);
    low.stmts(readForms(['(let t f64 (* step dt))', ...k.body].join('\n')));
    w.define(indices[j], low.locals, concat(low));
    if (low.vectorised > 0) vectorised.push(k.name);
    if (low.pairedSums > 0) pairedSums.push(k.name);
  });
  const run = runKernel(plan, new Set(procedures.keys()));
  const runIndex = w.declare(['f64', 'i32', 'i32'], [], 'run');
  const low = new Lowerer(env(arraysOf(run)), 'the step loop', [{ name: 'start', type: 'f64' }, { name: 'count', type: 'i32' }, { name: 'mode', type: 'i32' }]);
  low.stmts(readForms(run.body.join('\n')));
  w.define(runIndex, low.locals, concat(low));
  if (thread) {
    defineThreadFunctions(w, thread, threads.jobs.threads, threads.control);
    fillJobs!.forEach((job, k) => defineFillJob(w, job, fills![k], threads.control));
  }
  const fillJobNumbers = thread && { Uniform: thread.jobs.length - 2, Normal: thread.jobs.length - 1 };
  return { bytes: w.emit(), vectorised, pairedSums, run, fillJobs: fillJobNumbers };
}

/** What a module with threads needs: its parallel loops, and the address of its control block (`CONTROL_BYTES`). */
export interface ModuleThreads {
  jobs: ParallelJobs;
  control: number;
}

/** The prologue (array addresses) followed by the body. */
function concat(low: Lowerer) {
  const code = low.prologue();
  for (const b of low.code.bytes) code.bytes.push(b);
  return code;
}
