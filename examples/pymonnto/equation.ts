/**
 * PymoNNto's equation example (Examples_Paper/Eqation): 100 neurons with dv/dt = (0 − v)/tau,
 * tau = 100 ms, v(0) = 1, stepped at dt = 0.1 ms for 100 ms (1000 iterations). PymoNNto writes it
 * with its Clock, Variable and Equation modules (explicit Euler, equations `eval`'d); here the same
 * equation is a neurarchy `Neuron` run as a behaviour (`NeuronModel`): parsed, generated code,
 * any integration method. The three-module version is also ported as hand-written behaviours, to
 * show PymoNNto's one-step lag: its Variable module copies `v_new` into `v` at a lower key than the
 * Equation, so after 1000 iterations `v` holds 999 Euler steps (PymoNNto prints 0.36806).
 *
 * Run: npx tsx examples/pymonnto/equation.ts [--iterations 1000] [--method explicit]
 * Expected output: v after 1000 iterations: explicit 0.367695, exponential 0.367879 (exact e^-1 =
 * 0.367879); PymoNNto's Clock/Variable/Equation modules: 0.368063 (PymoNNto prints 0.36806).
 */
import { parseArgs } from 'node:util';
import { Behavior, Network, NeuronGroup, NeuronModel } from 'neurarchy/behaviors';
import { Neuron } from 'neurarchy';

/** PymoNNto's `Clock(step='0.1*ms')`: the step in ms and the time. */
class Clock extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.dt = Float64Array.of(this.parameter('step', 0.1));
    n.t = Float64Array.of(0);
  }
  override iteration(n: NeuronGroup): void { n.t![0]! += n.dt![0]!; }
}

/** PymoNNto's `Variable(eq='v=1')`: creates v and v_new; each step copies v_new into v. */
class Variable extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.v = n.vector(this.parameter('init', 1));
    n.v_new = n.vector(this.parameter('init', 1));
  }
  override iteration(n: NeuronGroup): void { n.v!.set(n.v_new!); }
}

/** PymoNNto's `Equation(eq='dv/dt=(0-v)/tau')`: v_new = v + dt·(0 − v)/tau (explicit Euler). */
class Equation extends Behavior {
  private tau = 100;
  override initialize(): void { this.tau = this.parameter('tau', 100); }
  override iteration(n: NeuronGroup): void {
    const tau = this.tau, dt = n.dt![0]!;
    const v = n.v!, vNew = n.v_new!;
    for (let i = 0; i < n.size; i++) vNew[i] = v[i]! + dt * (0 - v[i]!) / tau;
  }
}

const Decay = new Neuron({ name: 'decay', parameters: 'tau = 100.0', equations: 'tau * dv/dt = 0 - v : init = 1.0\n r = v' });
// (A rate-coded neuron names its output r; here it is v itself.)

/** Runs the equation model with `method` and PymoNNto's three modules; returns v after `iterations`. */
export async function run(opts: { iterations?: number; method?: 'explicit' | 'exponential' | 'midpoint' | 'rk4' } = {}): Promise<{ model: number; modules: number; exact: number }> {
  const iterations = opts.iterations ?? 1000;
  const net = new Network({ seed: 1 });
  const eq = new NeuronGroup({ net, tag: 'equation', size: 100, behavior: { 1: new NeuronModel(Decay, { dt: 0.1, method: opts.method ?? 'explicit' }) } });
  const mod = new NeuronGroup({ net, tag: 'modules', size: 100, behavior: { 1: new Clock({ step: 0.1 }), 2: new Variable({ init: 1 }), 3: new Equation({ tau: 100 }) } });
  await net.initialize();
  await net.simulateIterations(iterations);
  return { model: eq.v![0]!, modules: mod.v![0]!, exact: Math.exp(-(iterations * 0.1) / 100) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: {
    iterations: { type: 'string', default: '1000' }, method: { type: 'string', default: '' }, help: { type: 'boolean', default: false },
  } });
  if (a.help) {
    console.log('usage: npx tsx examples/pymonnto/equation.ts [--iterations 1000] [--method explicit|exponential|midpoint|rk4]');
    console.log('  without --method: explicit and exponential');
  } else {
    const iterations = Number(a.iterations);
    const methods = (a.method ? [a.method] : ['explicit', 'exponential']) as ('explicit' | 'exponential')[];
    const results = [];
    for (const method of methods) results.push({ method, ...(await run({ iterations, method })) });
    const r0 = results[0]!;
    console.log(`v after ${iterations} iterations: ${results.map((r) => `${r.method} ${r.model.toFixed(6)}`).join(', ')} (exact e^-${(iterations / 1000).toString()} = ${r0.exact.toFixed(6)})`);
    console.log(`PymoNNto's Clock/Variable/Equation modules: ${r0.modules.toFixed(6)} (one step behind: PymoNNto prints 0.36806 for 1000 iterations)`);
  }
}
