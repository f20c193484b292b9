/**
 * Which kernels of a network run as WebAssembly: the neuron kernels (special inputs' included) and
 * the projections' kernels (weighted sums, spike propagation, synaptic equations, post-synaptic
 * events, per-synapse delays through the ring of `./ring.ts`), except those of special projections
 * (shared-weight windows, DecodingProjection); global operations; the delay rings' pushes; the
 * random draws of owners whose draws are all Uniform or Normal with arguments the kernel can spell,
 * on one thread (`./random-kernel.ts`: direct calls of `./random.ts`'s fills). Other random draws are
 * js (`./engine.ts`: Uniform and Normal filled by `./random.ts` through js, the others by js). Every
 * kernel left to js runs over the same memory with the same bits.
 */
import type { NetworkPlan } from '../../ir/plan.js';
import { neuronKernel } from './neuron.js';
import { specialPopulationKernel } from './special.js';
import { delayKernel, globalOpsKernel } from './phases.js';
import { rateTransmissionKernel, spikeTransmissionKernel, synapseUpdateKernel, postEventKernel } from './projection.js';
import type { KernelText } from './text.js';
import type { ParallelJobs } from './threads.js';
import { wasmRandomKernel } from './random-kernel.js';

/**
 * The kernels of `plan` written for wasm, each named as the step function calls it; with `jobs`
 * (threads, `./threads.ts`), the parallel loops' ranged kernels after them.
 */
export function wasmKernels(plan: NetworkPlan, jobs?: ParallelJobs): KernelText[] {
  const kernels: KernelText[] = [];
  for (const p of plan.populations) {
    kernels.push(p.special ? specialPopulationKernel(p) : neuronKernel(p, plan, jobs));
    const ops = globalOpsKernel(p);
    if (ops) kernels.push(ops);
    const delay = delayKernel(p);
    if (delay) kernels.push(delay);
  }
  // With threads the js random kernels share large fills among the threads (`FillJobs`).
  const random = (k: KernelText | undefined) => { if (k && !jobs) kernels.push(k); };
  for (const p of plan.populations) if (!p.special) random(wasmRandomKernel({ kind: 'pop', plan: p }, plan));
  for (const proj of plan.projections) random(wasmRandomKernel({ kind: 'proj', plan: proj }, plan));
  for (const proj of plan.projections) {
    if (proj.special) continue;
    if (proj.type === 'rate') kernels.push(rateTransmissionKernel(proj, plan, jobs));
    // A procedural projection's walk stays the js kernel (imported by the step loop): same bits.
    else if (!proj.procedural) kernels.push(spikeTransmissionKernel(proj, plan, jobs));
    if (proj.hasUpdate) kernels.push(synapseUpdateKernel(proj, plan, jobs));
    if (proj.hasPostEvents) kernels.push(postEventKernel(proj, plan));
  }
  return [...kernels, ...(jobs?.kernels ?? [])];
}
