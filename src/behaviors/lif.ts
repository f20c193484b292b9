/**
 * A leaky integrate-and-fire neuron written as a behaviour, for comparison with the same neuron
 * written in the equation language (`LIF_EQUATIONS` below, run with `NeuronModel`). Semantics
 * follow ANNarchy's explicit Euler step:
 *
 *     tau * dv/dt = vRest - v + I        (I = vars[input], written by other behaviours)
 *     spike: v > vThreshold  (tested after the update)   reset: v = vReset
 *
 * then `refractory` (ms) steps during which v stays at vReset. Parameters (constructor
 * arguments): `tau` (10 ms), `vRest` (0), `vReset` (0), `vThreshold` (1), `dt` (1 ms),
 * `refractory` (0 ms), `v0` (initial v: a number or a spec; default vRest), `input` (the name of
 * the input variable, default `'I'`; created as zeros when absent). Writes `vars.v` and
 * `vars.spike` (a 0/1 Uint8Array).
 */
import { Behavior } from './Behavior.js';
import type { NeuronGroup } from './NeuronGroup.js';

/** LIF dynamics over a neuron group's typed arrays. */
export class LIFBehavior extends Behavior {
  private tau = 10;
  private vRest = 0;
  private vReset = 0;
  private vThreshold = 1;
  private dt = 1;
  private refractorySteps = 0;
  private input = 'I';
  private countdown = new Int32Array(0);

  override initialize(n: NeuronGroup): void {
    this.tau = this.parameter('tau', 10);
    this.vRest = this.parameter('vRest', 0);
    this.vReset = this.parameter('vReset', 0);
    this.vThreshold = this.parameter('vThreshold', 1);
    this.dt = this.parameter('dt', 1);
    this.refractorySteps = Math.round(this.parameter('refractory', 0) / this.dt);
    this.input = this.parameter('input', 'I');
    n.vars.v = this.parameterArray('v0', this.vRest, n);
    n.vars.spike = new Uint8Array(n.size);
    n.vars[this.input] ??= n.vector('zeros');
    this.countdown = new Int32Array(n.size);
  }

  override iteration(n: NeuronGroup): void {
    const v = n.vars.v!;
    const spike = n.vars.spike!;
    const input = n.vars[this.input]!;
    const { tau, vRest, vReset, vThreshold, dt, refractorySteps, countdown } = this;
    for (let i = 0; i < n.size; i++) {
      if (countdown[i]! > 0) {
        countdown[i]!--;
        v[i] = vReset;
        spike[i] = 0;
        continue;
      }
      // The same operations, in the same order, as the generated explicit-Euler code of the equation
      // `tau * dv/dt = v_rest - v + I`, so both give bit-identical voltages (test/behaviors/models.test.ts).
      const vi = v[i]! + dt * ((vRest - v[i]! + input[i]!) / tau);
      if (vi > vThreshold) {
        spike[i] = 1;
        v[i] = vReset;
        countdown[i] = refractorySteps;
      } else {
        spike[i] = 0;
        v[i] = vi;
      }
    }
  }
}

/**
 * The neuron of {@link LIFBehavior} in the equation language (parameters at their defaults), for
 * `new NeuronModel(new Neuron(LIF_EQUATIONS))`: the same spikes and voltages, bit for bit.
 */
export const LIF_EQUATIONS = {
  name: 'LIF',
  parameters: 'tau = 10.0\nv_rest = 0.0\nv_reset = 0.0\nv_thresh = 1.0\nI = 0.0',
  equations: 'tau * dv/dt = v_rest - v + I',
  spike: 'v > v_thresh',
  reset: 'v = v_reset',
} as const;
