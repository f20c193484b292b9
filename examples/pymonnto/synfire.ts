/**
 * PymoNNto's classical synfire-chain example (Examples_Classical, after Diesmann, Gewaltig & Aertsen
 * 1999 and Brian2's port): 10 groups of 100 leaky integrate-and-fire neurons, each group connected
 * to the next by dense feed-forward weights (w = 0.2 mV), every neuron under membrane noise
 * (τ dV = (μ − V) dt + σ √τ dW, μ = 5, σ = 3 mV, τ = 10 ms, threshold 15 mV, reset 0, 2 ms
 * refractory), dt = 0.1 ms, 100 steps. At 2 ms a fraction `a` of group 0 is made to fire together:
 * a pulse packet. Keys: 1 transmission from the previous group (spikes of the previous step),
 * 2 the neurons, 10 spike recorders.
 *
 * A synchronous packet of all 100 neurons gives 20 mV in the next group and travels down the
 * chain; a packet of 30 gives 6 mV, recruits only the neurons already near threshold, and dies
 * out: the synfire chain passes synchrony and filters out weak or asynchronous activity. Prints,
 * for both packets, how many neurons of each group fire in the first 10 ms.
 *
 * Run: npx tsx examples/pymonnto/synfire.ts [--iterations 100] [--seed 1]
 * Expected output: strong packet (a = 1): 100 100 100 100 100 100 100 100 100 100 spikes per
 * group, reaches group 9; weak packet (a = 0.3): 30 5 0 0 0 0 0 0 0 0, dies after group 1.
 */
import { parseArgs } from 'node:util';
import { Behavior, EventRecorder, Network, NeuronGroup, SynapseGroup, afferent } from 'neurarchy/behaviors';

const DT = 0.1;

/** Input from the previous group's spikes of the previous step (w per spike). */
class FeedForward extends Behavior {
  override initialize(n: NeuronGroup): void {
    const w = this.parameter('w', 0.2);
    n.input = n.vector();
    for (const s of n.synapses(afferent, 'GLU')) s.W = s.matrix(w);
  }
  override iteration(n: NeuronGroup): void {
    const input = n.input!;
    input.fill(0);
    for (const s of n.synapses(afferent, 'GLU')) s.propagate(s.src.spike, { into: input });
  }
}

/** Noisy LIF; on `packetStep` a fraction `a` of the group is pushed over threshold (group 0 only). */
class NoisyLIF extends Behavior {
  private p = { tau: 10, mu: 5, sigma: 3, theta: 15, refractory: 2, a: 0, packetStep: 20 };
  override initialize(n: NeuronGroup): void {
    for (const k of Object.keys(this.p) as (keyof typeof this.p)[]) this.p[k] = this.parameter(k, this.p[k]);
    n.v = n.vector('normal(5, 2)');
    n.spike = new Uint8Array(n.size);
    n.left = new Int32Array(n.size);
    n.noise = n.vector();
    n.input ??= n.vector();
  }
  override iteration(n: NeuronGroup): void {
    const { tau, mu, sigma, theta, refractory, a, packetStep } = this.p;
    const v = n.v!, spike = n.spike!, left = n.left!, input = n.input!, noise = n.noise!;
    n.fill(noise, 'normal(0, 1)');
    const k = sigma * Math.sqrt(DT / tau);
    if (a > 0 && n.iteration === packetStep) for (let i = 0; i < Math.round(a * n.size); i++) v[i] = theta + 1;
    for (let i = 0; i < n.size; i++) {
      if (left[i]! > 0) { left[i]!--; spike[i] = 0; continue; }
      v[i] = v[i]! + ((mu - v[i]!) * DT) / tau + k * noise[i]! + input[i]!;
      spike[i] = v[i]! > theta ? 1 : 0;
      if (spike[i]) { v[i] = 0; left[i] = Math.round(refractory / DT); }
    }
  }
}

/** Runs the chain with a packet of fraction `a`; returns the spikes of each group. */
export async function runChain(a: number, opts: { iterations?: number; seed?: number } = {}): Promise<number[]> {
  const net = new Network({ seed: opts.seed ?? 1 });
  const groups = Array.from({ length: 10 }, (_, k) => new NeuronGroup({ net, tag: `group${k}`, size: 100, behavior: {
    1: new FeedForward({ w: 0.2 }), 2: new NoisyLIF({ a: k === 0 ? a : 0 }), 10: new EventRecorder('spike', { tag: `spikes${k}` }) } }));
  for (let k = 1; k < 10; k++) new SynapseGroup({ net, src: groups[k - 1]!, dst: groups[k]!, tag: 'GLU' });
  await net.initialize();
  await net.simulateIterations(opts.iterations ?? 100);
  return groups.map((_, k) => net.get<EventRecorder>(`spikes${k}`, 0)!.t().length);
}

/** Both packets. */
export async function run(opts: { iterations?: number; seed?: number } = {}): Promise<{ strong: number[]; weak: number[] }> {
  return { strong: await runChain(1, opts), weak: await runChain(0.3, opts) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: {
    iterations: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', default: false },
  } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/synfire.ts [--iterations 100] [--seed 1]   (dt = 0.1 ms per iteration)');
  else {
    const r = await run({ iterations: Number(a.iterations), seed: Number(a.seed) });
    const last = (x: number[]): number => x.reduce((m, y, k) => (y >= 50 ? k : m), -1);
    console.log(`strong packet (a = 1): ${r.strong.join(' ')} spikes per group, reaches group ${last(r.strong)}; weak packet (a = 0.3): ${r.weak.join(' ')}, dies after group ${r.weak.reduce((m, y, k) => (y > 0 ? k : m), 0)}`);
  }
}
