/**
 * The `wasm` backend: the network's kernels compiled in process to one WebAssembly module (no
 * toolchain: `./encoder.ts` writes the binary), run over the network's arrays in one WebAssembly
 * memory (`./memory.ts`). The step function and the kernels not yet written for wasm are the js
 * backend's, over the same memory: every kernel computes the same bits on either side, so which
 * side runs a kernel changes the speed, never a result (`./kernels.ts` says which kernels are wasm).
 */
import type { Backend, Engine, EngineInput, StateMap } from '../../runtime/engine.js';
import { JsEngine } from '../js/engine.js';
import { WasmMemory } from './memory.js';
import { buildModule, moduleImports } from './module.js';
import { wasmKernels } from './kernels.js';
import { derivedMaps, fillDerived } from './derived.js';
import { randomModule } from './random.js';
import { fillDraws } from '../../random/draws.js';

/** A network compiled to WebAssembly: the module's kernels and the js step function over one memory. */
export class WasmEngine implements Engine {
  readonly backend = 'wasm' as const;
  readonly source: string;
  readonly #input: EngineInput;
  readonly #memory: WasmMemory;
  readonly #derived: StateMap[];
  readonly #js: JsEngine;
  /** Whether the derived arrays must be rebuilt before the next run (weights or connectivity written). */
  #stale = true;

  private constructor(input: EngineInput, memory: WasmMemory, derived: StateMap[], js: JsEngine, source: string) {
    this.#input = input;
    this.#memory = memory;
    this.#derived = derived;
    this.#js = js;
    this.source = source;
  }

  /** Lays out the memory, compiles the module (asynchronously: browsers refuse large synchronous compiles), builds the js side. */
  static async create(input: EngineInput): Promise<WasmEngine> {
    const derived = derivedMaps(input.plan, input.state.projections);
    const memory = new WasmMemory(input, derived);
    const kernels = wasmKernels(input.plan);
    const { bytes, vectorised } = buildModule(input.plan, kernels, memory, simdSupported());
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(bytes as BufferSource), moduleImports(memory.memory, input.plan.seed));
    const exported = Object.fromEntries(kernels.map((k) => [k.name, instance.exports[k.name] as (step: number) => void]));
    const js = new JsEngine(input, exported, await randomFill(memory.memory));
    const text = kernels.map((k) => [`;; ${k.name}${vectorised.includes(k.name) ? ' (equations two elements at a time: f64x2)' : ''}`, ...k.body].join('\n')).join('\n\n');
    const engine = new WasmEngine(input, memory, derived, js, `${text}\n\n// the step function and the other kernels (js)\n${js.source}`);
    engine.#sync(); // the derived arrays at build time, not in the first run
    return engine;
  }

  /** The runtime's switches, constants and replaced arrays into memory; the derived arrays rebuilt when stale. */
  #sync(): void {
    if (this.#memory.sync()) this.#stale = true;
    if (!this.#stale) return;
    if (fillDerived(this.#input.plan, this.#input.state.projections, this.#derived)) this.#memory.sync();
    this.#stale = false;
  }

  run(start: number, count: number): void {
    this.#sync();
    this.#js.run(start, count);
  }

  stopCondition(popId: number, step: number): boolean {
    // A js kernel reading the state maps: nothing to copy in (the runtime asks after every step).
    return this.#js.stopCondition(popId, step);
  }

  attributeWritten(owner: 'pop' | 'proj'): void {
    // Weights (and, through load(), connectivity) may have changed: rebuild the derived arrays.
    if (owner === 'proj') this.#stale = true;
  }

  delaysChanged(projId: number): void {
    this.#js.delaysChanged(projId);
  }

  getPendingEvents(projId: number): { ptr: Int32Array; syn: Int32Array } | undefined {
    return this.#js.getPendingEvents(projId);
  }

  setPendingEvents(projId: number, events: { ptr: Int32Array; syn: Int32Array }): void {
    this.#js.setPendingEvents(projId, events);
  }
}

/** A module with one `f64x2.splat` and nothing else: whether this engine takes 128-bit SIMD. */
const SIMD_PROBE = Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7b, 3, 2, 1, 0, 10, 15, 1, 13, 0, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0x14, 0x0b);
let simd: boolean | undefined;

/**
 * Whether the JavaScript engine validates WebAssembly SIMD (every current browser and Node.js do);
 * without it the equations' loops are scalar (the same bits, slower), said once in a warning.
 */
export function simdSupported(): boolean {
  if (simd === undefined) {
    simd = WebAssembly.validate(SIMD_PROBE);
    if (!simd) console.warn('neurarchy wasm backend: this engine has no WebAssembly SIMD, so the equations run one neuron at a time (the same results, slower)');
  }
  return simd;
}

/** The random module, compiled once per process (it is the same for every network). */
let randomCompiled: Promise<WebAssembly.Module> | undefined;

type FillFunction = (ptr: number, n: number, seed: number, stream: number, stepLo: number, stepHi: number, drawId: number, a: number, b: number) => void;

/**
 * The js backend's `fillDraws` with its Uniform and Normal fills done in WebAssembly (`./random.ts`,
 * the same bits) when the array is in the network's memory: `a + (b − a)·u` and `m + s·z`, the
 * arguments computed here exactly as `fillDraws` computes them. Other distributions stay js.
 */
async function randomFill(memory: WebAssembly.Memory): Promise<typeof fillDraws> {
  randomCompiled ??= WebAssembly.compile(randomModule() as BufferSource);
  const instance = await WebAssembly.instantiate(await randomCompiled, { env: { memory } });
  const uniform = instance.exports.fill_uniform as FillFunction;
  const normal = instance.exports.fill_normal as FillFunction;
  return (out, dist, args, seed, stream, step, drawId) => {
    if ((dist !== 'Uniform' && dist !== 'Normal') || out.buffer !== memory.buffer) return fillDraws(out, dist, args, seed, stream, step, drawId);
    const stepLo = step % 4294967296, stepHi = Math.floor(step / 4294967296);
    if (dist === 'Uniform') uniform(out.byteOffset, out.length, seed, stream, stepLo, stepHi, drawId, args[0], args[1] - args[0]);
    else normal(out.byteOffset, out.length, seed, stream, stepLo, stepHi, drawId, args[0], args[1]);
    return out;
  };
}

/** The `wasm` backend (`compile({ backend: 'wasm' })`, the default). */
export const wasmBackend: Backend = {
  name: 'wasm',
  build: (input) => WasmEngine.create(input),
};
