/**
 * The WGSL of a network: the memory layout (`memory.ts`), the compute passes of one step in the
 * order of the plan's schedule (`plan.schedule`, walked by `../kernels/schedule.ts` as js and cpp
 * walk it), each wrapped into its own shader module.
 *
 * Each scheduled call becomes one or more passes, tagged with the stage of the call (the monitors'
 * hooks run between stages when they are active: 0 transmission, 1 random draws and neurons, 2
 * rings, global operations, plasticity, post-synaptic events). Work shared by the calls of a run is
 * prepared once before it: the spike rings' pushes and the sizes of the indirect dispatches of
 * spike transmission, the spike lists emptied before the neurons, the sizes of post-event
 * dispatches. The batched spike records are the `record` hook's work on the device: the last
 * passes of the stage it ends.
 */
import { userFunctions as planFunctions, functionScope } from '../kernels/functions.js';
import { transmitsAxonSpikes } from '../kernels/axon.js';
import type { KernelStep, NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import type { EngineInput } from '../../runtime/engine.js';
import { renderExpr } from '../render.js';
import { PHILOX_WGSL_SOURCE } from '../../random/philox_wgsl.js';
import { wgslSpelling, wgslNumber, WGSL_HELPERS } from './spelling.js';
import { Layout, bindingDeclarations, plainMem as PLAIN, FIXED_STORAGE_BINDINGS, type Mem } from './memory.js';
import { WG, gateOf, boundedWhereSmall, directDispatchTuning, mergeCommuting, type Gate, type Kernel } from './kernel.js';
import { neuronKernels } from './neuron.js';
import { rateTransmissionKernel, continuousTransmissionKernel, axonTransmissionKernel, postEventKernel, synapseUpdateKernels, axonPrepLines, postPrepLines, transmits } from './projection.js';
import { spikeTransmissionKernels, spikePrepLines, spikePropagation, spikeSlots, propagationArrays, onDevice } from './propagation.js';
import { clearSumsKernel, clearCountersKernel, randomKernels, globalOpsKernels, delayKernels, recordKernels } from './phases.js';
import { specialKernels, decodingKernels, SPECIAL_WGSL } from './special.js';
import { sharedTransmissionKernel } from './shared.js';
import { RANDOM_WGSL } from './random.js';
import { PROCEDURAL_WGSL } from './procedural.js';
import { FLAGS_PER_PROJECTION } from '../kernels/switches.js';
import { scheduleStages, type ScheduledRun } from '../kernels/schedule.js';
import { InternalError, NetworkError } from '../../errors.js';

type StateMap = Map<string, ArrayLike<number>>;

/**
 * Per projection: slots of its spike ring (0: none), as its spike propagation layout asks
 * (`propagation.ts` `spikePropagation`): with per-synapse delays, the pre-synaptic spike lists of its
 * last `maxSteps` active steps, as the `js` backend's ring.
 */
export function historyLengths(plan: NetworkPlan): number[] {
  return plan.projections.map((p) => (p.type === 'spike' && !p.special ? spikePropagation(p, plan).ringSlots(p) : 0));
}

/**
 * Least elements of a population's spike record (the spikes recorded on the GPU between two reads).
 * @internal tests lower it to make batches halt on a full record.
 */
export const recordLimits = { least: 1 << 22 };

/**
 * Elements of the spike record of a population of `size` neurons: room for a batch of `steps` steps
 * at 0.4 % of the neurons spiking per step (40 Hz at dt = 0.1 ms) and for two steps in which every
 * neuron spikes, at least `recordLimits.least`, at most every neuron in every step. A batch
 * whose record may not hold the next step's spikes halts after the current step (`_wg_halt`,
 * `phases.ts` `recordKernels`) and the host goes on from there: no spike is lost, however many.
 */
export function recordCapacity(size: number, steps: number): number {
  return Math.min(steps * size, Math.max(recordLimits.least, 2 * size, Math.ceil(0.004 * steps * size) + size));
}

/** The value of `_wg_halt` that halts no step (`recordKernels`). */
export const NO_HALT = 2147483647;

/**
 * A projection's connectivity (indices and delays): written after compile only by `proj.delay = …`
 * and `load()`, both of which signal the projection (`Engine.attributeWritten`; a load always
 * writes the weights too), or with a new length (a new layout). The engine compares them with
 * the device copy only after such a signal. A bitmask (`_wg_bits`, `propagation.ts`) is built from
 * them, again after such a signal only.
 */
export const CONNECTIVITY = new Set(['_row_ptr', '_post_rank', '_pre_rank', '_inv_ptr', '_inv_idx', '_syn_dendrite', '_dendrite_of_post', '_delay', '_delay_uniform', '_proc_post', '_proc_table', '_proc_member', '_proc_self', '_wg_bits']);

/**
 * The connectivity arrays that live in the connectivity buffers (`memory.ts` `GroupBuffer`),
 * not in `I`: all but the uniform delay and the procedural threshold table, a few elements each,
 * which the WGSL helpers read from `I`.
 */
const SEPARATE = new Set([...CONNECTIVITY].filter((n) => n !== '_delay_uniform' && n !== '_proc_table'));

/** Int32 arrays no kernel writes (connectivity, delays, input data): never read back. */
const READ_ONLY_INT = new Set([...CONNECTIVITY, '_delay_len', '_refractory', '_ssa_ptr', '_ssa_steps', '_ta_schedule', '_ta_period']);

/** The post-span layout's marks and epoch (`propagation.ts`): written by the GPU, but no state, so never read back. */
const SCRATCH = new Set(['_wg_mark', '_wg_epoch']);

/**
 * Whether the GPU may write an array: the others (connectivity, static weights, input data) are
 * placed after the written ones in each buffer, so that reading the state back copies a prefix.
 */
export function gpuWrites(plan: NetworkPlan, owner: 'pop' | 'proj', id: number, name: string): boolean {
  if (READ_ONLY_INT.has(name) || SCRATCH.has(name) || name === '_ta_buffer') return false;
  if (owner === 'pop' || name.startsWith('_wg_ring')) return true;
  const proj = plan.projections[id];
  const d = proj.description;
  const events = [...d.transmission, ...d.preSpike, ...d.postSpike, ...d.preAxonSpike];
  return name.startsWith('_rand_') || name.startsWith('_dec_') || name === '_last_event' || proj.hasUpdate
    || events.some((a) => a.owner === 'self' && a.target === name) || d.eventDriven.some((v) => v.name === name);
}

/**
 * The layout of every array of `input` (state maps as they are now) and of the engine's own arrays.
 * `bindingBytes` is the adapter's `maxStorageBufferBindingSize`, `storageBuffers` its
 * `maxStorageBuffersPerShaderStage`. The large connectivity arrays go to the connectivity buffers;
 * when the float arrays exceed one binding, the projections' per-synapse float arrays go to float
 * buffers too (`memory.ts` `GroupBuffer`), so a network whose floats fit in one binding keeps them
 * all in `F`. Past the limits a `NetworkError` names the array, its size and the limit.
 */
export function buildLayout(input: EngineInput, history: number[], recordBatch: number, bindingBytes = 2147483644, storageBuffers = 8): Layout {
  const groupElements = Math.floor(bindingBytes / 4);
  // A network whose floats fit in one binding and whose connectivity fits in the buffers keeps the layout
  // (and the shaders) it had before float groups, with the four connectivity bindings every kernel had.
  const one = fits(() => layoutWith(input, history, recordBatch, groupElements, storageBuffers, false));
  if (one && one.size.F <= groupElements) {
    one.padConnectivity(Math.min(4, storageBuffers - FIXED_STORAGE_BINDINGS));
    return one;
  }
  const L = layoutWith(input, history, recordBatch, groupElements, storageBuffers, true);
  if (L.size.F > groupElements) {
    const largest = L.regions.filter((r) => r.buf === 'F').sort((a, b) => b.length - a.length).slice(0, 3)
      .map((r) => `'${r.name}' of ${describe(input, r.owner, r.id)} (${4 * r.length} bytes)`).join(', ');
    throw new NetworkError(`webgpu backend: the network's float arrays that must share one storage buffer need ${4 * L.size.F} bytes, more than this GPU's storage buffer limit (${4 * groupElements} bytes; the largest: ${largest}); only the per-synapse float arrays of projections can be spread over several buffers: use a smaller network or the cpp backend`);
  }
  return L;
}

/** The layout `build` makes, or undefined where it is refused (a `NetworkError`: too large for the buffers). */
function fits(build: () => Layout): Layout | undefined {
  try {
    return build();
  } catch (e) {
    if (e instanceof NetworkError) return undefined;
    throw e;
  }
}

/** The object owning an array, for messages (`projection 'exc'`). */
function describe(input: EngineInput, owner: 'pop' | 'proj' | 'net', id: number): string {
  if (owner === 'proj') return `projection '${input.plan.projections[id].name}'`;
  if (owner === 'pop') return `population '${input.plan.populations[id].name}'`;
  return 'the network';
}

/**
 * Whether a float array of a projection is per synapse (a local attribute, not the single shared
 * weight): the arrays that may move to a float buffer. Random draws (`_rand_…`) stay in `F`: their
 * kernel writes `F` (`phases.ts`).
 */
function perSynapseFloat(input: EngineInput, id: number, name: string): boolean {
  const proj = input.plan.projections[id];
  if (name === 'w' && proj.singleWeight) return false;
  return proj.description.attributes.some((a) => a.name === name && a.locality === 'local');
}

/**
 * The inverse (pre-synaptic) indices of a plain rate-coded projection: only spike events walk
 * them, so a large layout holds none on the device (at N = 30 000 dense, 3.6 GB of `_syn_dendrite`
 * alone). A kernel that read one would fail at generation (`Layout.get`), never read another array.
 */
function unreadByRate(proj: ProjectionPlan, name: string): boolean {
  return proj.type === 'rate' && !proj.special && RATE_UNREAD.has(name);
}

const RATE_UNREAD = new Set(['_syn_dendrite', '_inv_ptr', '_inv_idx']);

/**
 * The layout of {@link buildLayout}: as before float groups, or (`large`) with the per-synapse float
 * arrays in float buffers and rate-coded projections' inverse indices on the host only.
 */
function layoutWith(input: EngineInput, history: number[], recordBatch: number, groupElements: number, storageBuffers: number, large: boolean): Layout {
  const L = new Layout({
    separate: (owner, name) => owner === 'proj' && SEPARATE.has(name),
    separateFloat: (owner, id, name) => {
      if (!large || owner !== 'proj' || !perSynapseFloat(input, id, name)) return undefined;
      return gpuWrites(input.plan, owner, id, name) ? 'written' : 'read';
    },
    // The shared kernels (`special.ts`) index their arrays directly: only plain projections' arrays span buffers.
    splittable: (owner, id) => owner === 'proj' && !input.plan.projections[id].special,
    groupElements,
    storageBuffers,
    describe: (owner, id) => describe(input, owner, id),
  });
  L.add('net', 0, 'constants', 'f', Math.max(1, input.constants.length));
  L.add('net', 0, 'enabled', 'i', Math.max(1, input.enabled.length));
  L.add('net', 0, 'flags', 'i', Math.max(1, FLAGS_PER_PROJECTION * input.switches.length));
  const addMap = (owner: 'pop' | 'proj', id: number, map: StateMap, written: boolean) => {
    for (const [name, arr] of map) {
      if (gpuWrites(input.plan, owner, id, name) !== written) continue;
      if (owner === 'proj' && (!onDevice(input.plan.projections[id], input.plan, name) || (large && unreadByRate(input.plan.projections[id], name)))) continue;
      L.add(owner, id, name, arr instanceof Float64Array || arr instanceof Float32Array ? 'f' : 'i', arr.length);
    }
  };
  // Populations first (the slow path reads them back every step), then projections and their spike
  // rings (read back after each run: spikes in flight for save()), read-only arrays last.
  for (const written of [true, false]) {
    input.state.populations.forEach((s, id) => addMap('pop', id, s, written));
    input.state.projections.forEach((s, id) => addMap('proj', id, s, written));
    if (!written) continue;
    history.forEach((D, id) => {
      if (D <= 0) return;
      const size = input.plan.populations[input.plan.projections[id].pre].size;
      L.add('proj', id, '_wg_ring', 'i', D * size);
      L.add('proj', id, '_wg_ring_n', 'i', D);
      L.add('proj', id, '_wg_ring_idx', 'i', 1);
    });
  }
  // The arrays of propagation layouts (marks, bitmasks): read-only for the read-back (nothing of them is state).
  input.plan.projections.forEach((proj, id) => {
    for (const [name, arr] of propagationArrays(proj, input.plan, input.state.projections[id])) L.add('proj', id, name, 'i', arr.length);
  });
  // Spike records of batched monitoring: the ranks of up to `recordBatch` steps, the count of each
  // step, and (running offset twice, steps recorded, first step of the batch): `phases.ts`
  // `recordKernels`; the first step that a full record halts (`NO_HALT`: none).
  L.add('net', 0, '_wg_halt', 'i', 1);
  for (const p of input.plan.populations) {
    if (!p.spiking) continue;
    L.add('pop', p.id, '_wg_rec', 'i', recordCapacity(p.size, recordBatch));
    L.add('pop', p.id, '_wg_rec_n', 'i', recordBatch);
    L.add('pop', p.id, '_wg_rec_meta', 'i', 4);
  }
  return L;
}

export interface GeneratedNetwork {
  layout: Layout;
  kernels: Kernel[];
  /** One WGSL module per kernel, in `kernels` order. */
  modules: string[];
  /** Slots of the indirect-argument buffer (3 u32 each). */
  indirectSlots: number;
}

/** How `generateWgsl` lays out the passes for the adapter at hand. */
export interface GenerateOptions {
  /** The adapter runs on the CPU (SwiftShader): strategies without workgroup barriers. */
  cpu?: boolean;
}

/**
 * Generates the passes of one step of `plan` over layout `L`: the schedule's calls in its order,
 * each pass tagged with the stage of its call, and one WGSL module per pass.
 */
export function generateWgsl(plan: NetworkPlan, L: Layout, options: GenerateOptions = {}): GeneratedNetwork {
  const slots = { next: 0 };
  const kernels: Kernel[] = [];
  // Indirect dispatches whose bound is small are dispatched directly (Dawn validates each indirect one).
  const maxGroups = options.cpu ? directDispatchTuning.cpu : directDispatchTuning.gpu;
  scheduleStages(plan).forEach(({ runs, hook }, stage) => {
    const passes = [
      ...runs.flatMap((run) => runPasses(run, plan, L, options, slots)),
      ...(hook === 'record' ? plan.populations.flatMap((p) => recordKernels(p, L)) : []),
    ];
    if (passes.length === 0) return;
    if (stage > 2) throw new InternalError(`webgpu backend: the schedule has calls after the record hook (${passes[0].name})`);
    kernels.push(...mergeCommuting(passes.map((k) => boundedWhereSmall({ ...k, stage: stage as Kernel['stage'] }, maxGroups))));
  });
  const functions = (mem: Mem) => userFunctions(plan, L, mem);
  const fnCache = new Map<boolean, string>();
  const modules = kernels.map((k) => {
    if (!fnCache.has(k.mem.atomicF)) fnCache.set(k.mem.atomicF, functions(k.mem));
    return moduleSource(plan, k, fnCache.get(k.mem.atomicF)!, L.get('net', 0, '_wg_halt').offset, L);
  });
  return { layout: L, kernels, modules, indirectSlots: Math.max(1, slots.next) };
}

/** Slots of the indirect-argument buffer handed out so far (transmission's, then post events'). */
interface Slots { next: number }

/**
 * The passes of one run of scheduled calls: what the run prepares once, then each call's passes.
 * Each builder gets the call's gate from the plan's schedule (`gateOf`: `KernelStep.enabledBy`) and
 * tests it where its passes begin, so a disabled population's calls run no code, as js and cpp skip them.
 */
function runPasses(run: ScheduledRun, plan: NetworkPlan, L: Layout, options: GenerateOptions, slots: Slots): Kernel[] {
  const each = (build: (s: KernelStep, gate: Gate) => Kernel[]) => run.steps.flatMap((s) => build(s, gateOf(s, L)));
  switch (run.kind) {
    case 'clear-sums': return each((s, gate) => [clearSumsKernel(plan.populations[s.id], L, gate)!]);
    case 'transmission': return transmissionPasses(run.steps, plan, L, options, slots);
    case 'random': return each((s, gate) => (s.owner === 'pop'
      ? randomKernels({ kind: 'pop', plan: plan.populations[s.id] }, plan, L, gate)
      : randomKernels({ kind: 'proj', plan: plan.projections[s.id] }, plan, L, gate)));
    case 'neuron': {
      // One pass empties every spike list, disabled populations' included (`spikeCounters`): the
      // neuron passes append with atomics, so the lists must be empty before any of them runs.
      const clear = clearCountersKernel(plan, L);
      return [...(clear ? [clear] : []), ...each((s, gate) => {
        const p = plan.populations[s.id];
        return p.special ? specialKernels(p, plan, L, gate) : neuronKernels(p, plan, L, gate);
      })];
    }
    case 'delay': return each((s) => delayKernels(plan.populations[s.id], L));
    case 'global-ops': return each((s) => globalOpsKernels(plan.populations[s.id], L));
    case 'synapse-update': return each((s, gate) => synapseUpdateKernels(plan.projections[s.id], plan, L, gate));
    case 'post-events': {
      const prep: string[] = [];
      const passes = each((s) => {
        const proj = plan.projections[s.id], slot = slots.next++;
        prep.push(...postPrepLines(proj, L, slot));
        return [postEventKernel(proj, plan, L, slot)];
      });
      return [prepKernel('prep_post', prep), ...passes];
    }
    default: throw new InternalError(`webgpu backend: no passes for scheduled ${run.kind} calls`);
  }
}

/**
 * The transmission run: the spike rings' pushes (per-synapse delays), one pass sizing every spike
 * projection's indirect dispatches, then each projection's passes.
 */
function transmissionPasses(steps: KernelStep[], plan: NetworkPlan, L: Layout, options: GenerateOptions, slots: Slots): Kernel[] {
  const at = { L, cpu: options.cpu === true };
  const rings: Kernel[] = [];
  const prep: string[] = [];
  const calls: Kernel[] = [];
  for (const s of steps) {
    const proj = plan.projections[s.id];
    const gate = gateOf(s, L);
    if (proj.special?.kind === 'decoding') calls.push(...decodingKernels(proj, plan, L, gate));
    else if (proj.special?.kind === 'shared') calls.push(sharedTransmissionKernel(proj, plan, L, gate));
    else if (proj.type === 'rate') calls.push(rateTransmissionKernel(proj, plan, at, gate));
    else {
      const walk = spikePropagation(proj, plan), slot = slots.next;
      slots.next += spikeSlots(proj, plan);
      rings.push(...walk.pushes(proj, plan, L, transmits(proj, L, gate)));
      prep.push(...spikePrepLines(proj, plan, L, slot, gate));
      calls.push(...spikeTransmissionKernels(proj, plan, L, slot));
      if (transmitsAxonSpikes(proj, plan)) {
        const axon = slots.next++;
        prep.push(...axonPrepLines(proj, L, axon, gate));
        calls.push(axonTransmissionKernel(proj, plan, L, axon));
      }
      const continuous = continuousTransmissionKernel(proj, plan, at, gate);
      if (continuous) calls.push(continuous);
    }
  }
  return [...rings, ...(prep.length ? [prepKernel('prep_transmission', prep)] : []), ...calls];
}

/** A one-invocation pass writing the indirect dispatch arguments of the passes after it. */
function prepKernel(name: string, lines: string[]): Kernel {
  return { name, stage: 0, mem: PLAIN, dispatch: { threads: 1 }, writesIndirect: true, body: ['if (gi != 0) { return; }', ...lines] };
}

/** The user functions (`add_function`, model functions) as WGSL, reading Constants through `mem`. */
function userFunctions(plan: NetworkPlan, L: Layout, mem: Mem): string {
  const out: string[] = [];
  const cOff = L.get('net', 0, 'constants').offset;
  for (const f of planFunctions(plan)) {
    const scope = functionScope(f, plan, { param: (n) => `p_${n}`, pi: wgslNumber(Math.PI), constant: (c) => mem.f(String(cOff + c)) });
    out.push(`fn F_${f.name}(${f.params.map((p) => `p_${p}: f32`).join(', ')}) -> f32 { return ${renderExpr(f.body, scope, wgslSpelling)}; }`);
  }
  return out.join('\n');
}

/**
 * The first lines of every kernel: nothing of a step at or after the one a full spike record halts
 * runs (`recordKernels`). A kernel with workgroup barriers reads the flag through workgroup memory,
 * so that its return is uniform over the workgroup, as WGSL requires before a barrier.
 */
function haltCheck(barriers: boolean, halt: number): string[] {
  if (!barriers) return [`  if (U.step >= I[${halt}]) { return; }`];
  return [`  if (li == 0) { _halt = I[${halt}]; }`, '  if (U.step >= workgroupUniformLoad(&_halt)) { return; }'];
}

/**
 * How a kernel knows its workgroup counts `nwg`: the `num_workgroups` builtin, or, for a `bounded`
 * dispatch (`kernel.ts`), the counts its preparation kernel wrote into its indirect slot, read
 * before anything else, so that every use of `nwg` (the strides of the loops, `gi`, `wg`) is the
 * count an indirect dispatch would have had; `exit` returns from the workgroups beyond it. With
 * workgroup barriers the counts go through workgroup memory (`workgroupUniformLoad`), so that the
 * return and every loop bounded by `nwg` are uniform over the workgroup, as WGSL requires.
 */
function workgroupCounts(k: Kernel, barriers: boolean): { param: string; read: string[]; exit: string[]; decls: string[] } {
  if (!('bounded' in k.dispatch)) return { param: ', @builtin(num_workgroups) nwg: vec3<u32>', read: [], exit: [], decls: [] };
  const a = 3 * k.dispatch.bounded;
  const counts = `vec3<u32>(IND[${a}], IND[${a + 1}], IND[${a + 2}])`;
  return {
    param: '',
    read: barriers ? [`  if (li == 0) { _nwg = ${counts}; }`, '  let nwg = workgroupUniformLoad(&_nwg);'] : [`  let nwg = ${counts};`],
    exit: ['  if (wid.x >= nwg.x || wid.y >= nwg.y) { return; }'],
    decls: barriers ? ['var<workgroup> _nwg: vec3<u32>;'] : [],
  };
}

function moduleSource(plan: NetworkPlan, k: Kernel, functions: string, halt: number, L: Layout): string {
  const body = k.body.join('\n');
  const barriers = body.includes('workgroupBarrier');
  const counts = workgroupCounts(k, barriers);
  const procedural = body.includes('nx_proc_');
  const random = body.includes('nrx_') || body.includes('nx_geom') || procedural;
  return [
    `// neurarchy webgpu kernel ${k.name}`,
    `const DT: f32 = ${wgslNumber(plan.dt)};`,
    `const SEED: u32 = ${plan.seed >>> 0}u;`,
    bindingDeclarations(k.mem, k.writesIndirect === true, L),
    WGSL_HELPERS,
    ...(random ? [PHILOX_WGSL_SOURCE] : []),
    ...(body.includes('nrx_gamma') || body.includes('nrx_binomial') ? [RANDOM_WGSL] : []),
    ...(body.includes('nx_geom') ? [SPECIAL_WGSL] : []),
    ...(procedural ? [PROCEDURAL_WGSL] : []),
    functions,
    ...(k.decls ?? []),
    ...(barriers ? ['var<workgroup> _halt: i32;'] : []),
    ...counts.decls,
    `@compute @workgroup_size(${WG})`,
    `fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>${counts.param}) {`,
    '  let li = i32(lid.x);',
    ...counts.read,
    `  let gi = i32(gid.x + gid.y * nwg.x * ${WG}u);`,
    '  let wg = i32(wid.x + wid.y * nwg.x);',
    ...haltCheck(barriers, halt),
    ...counts.exit,
    ...k.body.map((l) => `  ${l}`),
    '}',
    '',
  ].join('\n');
}
