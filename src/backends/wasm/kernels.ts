/**
 * Which kernels of a network run as WebAssembly: today every neuron kernel of a population that is
 * not a special input (Poisson, spike sources, …, whose kernels draw random numbers in JavaScript).
 * Every other kernel is the js backend's, over the same memory and with the same bits.
 */
import type { NetworkPlan } from '../../ir/plan.js';
import { neuronKernel } from './neuron.js';
import type { KernelText } from './text.js';

/** The kernels of `plan` written for wasm, each named as the step function calls it. */
export function wasmKernels(plan: NetworkPlan): KernelText[] {
  const kernels: KernelText[] = [];
  for (const p of plan.populations) if (!p.special) kernels.push(neuronKernel(p, plan));
  return kernels;
}
