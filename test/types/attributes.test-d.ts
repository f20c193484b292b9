/**
 * Type test (issue 12), checked by `npm run typecheck`, never run: the attribute names of a model are
 * properties of its populations and projections (`pop.v`), so a misspelt member (`pop.slise()`) or
 * attribute (`pop.tua`) is a type error, while reads and writes stay as before. Each
 * `@ts-expect-error` fails the type check if the line below it compiles.
 */
import {
  Network, Neuron, Synapse, Population, Projection, PoissonPopulation, Izhikevich, STDP, Uniform,
  SpikeSourceArray, TimedArray, InputArray, HomogeneousCorrelatedSpikeTrains, PopulationView,
} from '../../src/index.js';
import type { ShapedArray } from '../../src/core/values.js';
import type { NeuronAttributeNames, SynapseAttributeNames } from '../../src/core/attribute-names.js';

/** `true` when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(): T | undefined { return undefined; }

const LIF = new Neuron({
  parameters: `
    tau = 10.0 : population
    v_th = 1.0  # threshold
  `,
  equations: 'tau * dv/dt = -v + g_exc - g_inh : init = 0.0',
  spike: 'v > v_th',
  reset: 'v = 0.0',
});
const RATE = new Neuron({ parameters: { tau: 10, baseline: 0 }, equations: ['tau * dv/dt + v = baseline + sum(exc)', 'r = pos(v)'] });
const HEBB = new Synapse({ parameters: 'eta = 0.01', equations: 'dw/dt = eta * pre.r * post.r', functions: 'f(x) = 2 * x' });

export function populations(net: Network): void {
  const pop = net.create(10, LIF);
  const rate = new Population(10, RATE);
  const poisson = net.create(new PoissonPopulation(10, { rates: 20 }));

  // Reading and writing attributes is as convenient as before.
  pop.v = 0.5;
  pop.v = new Uniform(0, 1);
  pop.tau = [1, 2, 3];
  const twice: number = pop.tau * 2;
  const first: number = (pop.v as Float64Array)[0];
  const g = pop.g_exc;
  rate.baseline = 1;
  const r: number = (rate.r as Float64Array)[3];
  poisson.rates = 30;
  void [twice, first, g, r];

  // Members keep their own types.
  const size: number = pop.size;
  const name: string = pop.name;
  const view = pop.slice(0, 2);
  void [size, name, view];
  // No `any` in the members: methods and getters keep their declared types.
  expectType<Equal<typeof pop.slice, (start: number, stop?: number) => PopulationView<'tau' | 'v_th' | 'v' | 'r' | 'g_exc' | 'g_inh'>>>();
  // A view has the population's attributes.
  view.v = 0;
  const v1: number = (view.v as Float64Array)[1];
  void v1;
  // @ts-expect-error a misspelt member of a view
  void view.slise;
  expectType<Equal<typeof pop.size, number>>();
  expectType<Equal<ReturnType<typeof poisson.get>, ShapedArray | number>>();

  // @ts-expect-error a misspelt method
  pop.slise(0, 2);
  // @ts-expect-error a misspelt attribute
  pop.tua = 5;
  // @ts-expect-error `u` is not an attribute of the rate neuron (tau, baseline, v, r)
  rate.u = 1;
  // @ts-expect-error a misspelt method on an input
  poisson.slise(0, 2);
  // @ts-expect-error a misspelt method on a population created with `new`
  rate.slise(0, 2);
}

export function izhikevich(net: Network): void {
  const izh = net.create(10, Izhikevich);
  const izh2 = new Population(10, new Izhikevich({ a: 0.02 }));
  izh.v = -65;
  izh2.u = izh.b * izh.c;
  const v0: number = (izh.v as Float64Array)[0];
  void v0;
  // @ts-expect-error a misspelt method on a built-in model's population
  izh.slise(0, 2);
  // @ts-expect-error a misspelt attribute
  izh2.vv = 1;
}

export function projections(net: Network): void {
  const pre = net.create(new PoissonPopulation(10, { rates: 20 }));
  const post = net.create(10, Izhikevich);
  const lif = net.create(10, LIF);

  const plain = net.connect(pre, post, 'exc').connectAllToAll({ weights: 0.5 });
  const plastic = net.connect(pre, lif, 'exc', new STDP());
  const hebb = new Projection(lif, lif, 'exc', HEBB);

  plain.w = 1.0;
  const w0: number = (plain.w as Float64Array[])[0][0];
  plastic.w = new Uniform(0, 1);
  plastic.A_plus = 0.02;
  hebb.eta = 0.1;
  const doubled = hebb.f(2);
  void [w0, doubled];

  expectType<Equal<ReturnType<typeof plain.connectOneToOne>, typeof plain>>();
  // @ts-expect-error a misspelt method
  plain.conectAllToAll();
  // @ts-expect-error a misspelt method (built-in synapse)
  plastic.conectAllToAll();
  // @ts-expect-error a misspelt method (literal synapse)
  hebb.conectAllToAll();
  // @ts-expect-error the default synapse has only `w`
  plain.eta = 1;

  // Dendrites and single synapses have the synapse's attributes.
  const dendrite = hebb.dendrite(0);
  dendrite.eta = 0.2;
  const wd: number = (dendrite.w as Float64Array)[0];
  const ws: number = hebb.synapse(0, 0).w * 2;
  void [wd, ws];
  // @ts-expect-error a misspelt member of a dendrite
  dendrite.synapes(0);
  // @ts-expect-error a misspelt attribute of a synapse
  plain.dendrites[0].synapse(0).ww = 1;
}

export function inputs(): void {
  const ssa = new SpikeSourceArray([[1, 2]]);
  const ta = new TimedArray({ rates: [[1, 2]] });
  const ia = new InputArray(3);
  const hcst = new HomogeneousCorrelatedSpikeTrains(3, { rates: 10, corr: 0.1, tau: 10 });
  ia.r = [1, 2, 3];
  ta.r = 0;
  hcst.mu_0 = 1;
  void ssa.spikeTimes;
  // @ts-expect-error misspelt methods on inputs
  ssa.slise(0, 1);
  // @ts-expect-error misspelt on a TimedArray
  ta.slise(0, 1);
  // @ts-expect-error misspelt on an InputArray
  ia.slise(0, 1);
  // @ts-expect-error misspelt on HomogeneousCorrelatedSpikeTrains
  hcst.slise(0, 1);
}

/** When the names are not known to the type (a spec from a non-literal string), any name is accepted, as before. */
export function fallback(net: Network, equations: string): void {
  const pop = net.create(10, new Neuron({ equations }));
  pop.anything = 1;
  const untyped: Population = pop;
  const typed = untyped as Population<'v'>; // names unknown convert to names known
  void typed;
  const proj: Projection = net.connect(pop, pop, 'exc', new Synapse({ parameters: equations }));
  proj.whatever = 1;
}

// The parser: names of a realistic model, and the fallback for what it cannot read.
expectType<Equal<NeuronAttributeNames<{
  parameters: 'tau = 10.0 : population\n v_th = 1.0 # threshold';
  equations: 'tau * dv/dt = -v + g_exc - g_inh : init = 0.0';
  spike: 'v > v_th';
  reset: 'v = 0.0\n g_ampa = 0';
}>, 'tau' | 'v_th' | 'v' | 'r' | 'g_exc' | 'g_inh' | 'g_ampa'>>();
expectType<Equal<NeuronAttributeNames<{ parameters: { a: 1 }; equations: readonly ['x += 1', 'tau_d * dy/dt = -y'] }>, 'a' | 'x' | 'y' | 'r'>>();
expectType<Equal<NeuronAttributeNames<{ equations: 'x[0] = 1' }>, string>>();
expectType<Equal<NeuronAttributeNames<{ equations: string }>, string>>();
expectType<Equal<SynapseAttributeNames<{ preSpike: 'g_target += w\n x = 1 : init = 7'; postSpike: ['y -= 1'] }>, 'w' | 'g_target' | 'x' | 'y'>>();
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a synapse spec with no field at all
expectType<Equal<SynapseAttributeNames<{}>, 'w'>>();

/** A 40-line equations string stays within TypeScript's recursion limits. */
expectType<Equal<NeuronAttributeNames<{
  equations: `
    dv0/dt = -v0 : init = 0.0
    dv1/dt = -v1 + v0
    dv2/dt = -v2 + v1
    dv3/dt = -v3 + v2
    dv4/dt = -v4 + v3
    dv5/dt = -v5 + v4
    dv6/dt = -v6 + v5
    dv7/dt = -v7 + v6
    dv8/dt = -v8 + v7
    dv9/dt = -v9 + v8
    a0 = v0 * 2.0 + sin(t) : init = 1.0
    a1 = a0 + v1
    a2 = a1 + v2
    a3 = a2 + v3
    a4 = a3 + v4
    a5 = a4 + v5
    a6 = a5 + v6
    a7 = a6 + v7
    a8 = a7 + v8
    a9 = a8 + v9
    tau_b * db0/dt + b0 = g_exc0
    tau_b * db1/dt + b1 = g_exc1
    tau_b * db2/dt + b2 = g_exc2
    tau_b * db3/dt + b3 = g_exc3
    tau_b * db4/dt + b4 = g_exc4
    tau_b * db5/dt + b5 = g_exc5
    tau_b * db6/dt + b6 = g_exc6
    tau_b * db7/dt + b7 = g_exc7
    tau_b * db8/dt + b8 = g_exc8
    tau_b * db9/dt + b9 = g_exc9
    c0 = ite(b0 > 1.0, 1.0, 0.0)
    c1 = ite(b1 > 1.0, 1.0, 0.0)
    c2 = ite(b2 > 1.0, 1.0, 0.0)
    c3 = ite(b3 > 1.0, 1.0, 0.0)
    c4 = ite(b4 > 1.0, 1.0, 0.0)
    c5 = ite(b5 > 1.0, 1.0, 0.0)
    c6 = ite(b6 > 1.0, 1.0, 0.0)
    c7 = ite(b7 > 1.0, 1.0, 0.0)
    c8 = ite(b8 > 1.0, 1.0, 0.0)
    c9 = ite(b9 > 1.0, 1.0, 0.0)
  `;
  spike: 'v0 > 1';
}>, `${'v' | 'a' | 'b' | 'c'}${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | `g_exc${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | 'r'>>();
