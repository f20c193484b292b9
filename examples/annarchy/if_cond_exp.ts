/**
 * IF_cond_exp, ANNarchy's PyNN example: one integrate-and-fire neuron with exponential conductance
 * synapses (built-in `IF_cond_exp`), fed by two spike sources: ten excitatory spikes at 5, 15, …,
 * 95 ms (weight 0.006 µS, delay 2 ms) and ten inhibitory spikes at 155, …, 245 ms (weight 0.02 µS,
 * delay 4 ms); i_offset 0.1 nA, dt = 0.1 ms, 200 ms. The neuron never fires (threshold −51 mV):
 * the trace starts at −65 mV (`init=v_reset` takes the default v_reset when the population is
 * created, before `set()`, in ANNarchy as here), relaxes towards v_rest + i_offset·tau_m/cm = −63 mV
 * (v(t) = −63 − 2·e^(−t/20) exactly, the `exponential` method being exact for a constant linear
 * ODE), rises by a small EPSP every 10 ms and is pulled down by the IPSPs from 159 ms.
 *
 * Run: npm run build && npx tsx examples/annarchy/if_cond_exp.ts   (--help lists the flags)
 * Expected output: v before the first EPSP: -64.409 mV (analytic -64.409 mV), largest v -61.373 mV,
 * v at the end -65.542 mV, spikes: 0; ANNarchy's plotted trace (notebook PyNN, 4.8) starts at -65, is -64.4 at 7 ms, peaks
 * near -61.4 mV at 100 ms and ends near -65.5 mV.
 */
import { Network, IF_cond_exp, SpikeSourceArray, tracesSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface IfCondExpOptions {
  /** Simulated time in ms (default 200). */
  T?: number;
  backend?: BackendName;
}

export interface IfCondExpStats {
  /** The membrane potential after each step (mV), dt = 0.1 ms. */
  v: Float64Array;
  /** Number of spikes of the neuron. */
  spikes: number;
}

/** Builds and simulates the neuron; returns its trace. */
export async function run(options: IfCondExpOptions = {}): Promise<IfCondExpStats> {
  const { T = 200, backend = 'js' } = options;
  const net = new Network({ dt: 0.1 });
  const range = (from: number, to: number): number[] => Array.from({ length: (to - from) / 10 }, (_, k) => from + 10 * k);
  const sourceE = new SpikeSourceArray(range(5, 105), { network: net });
  const sourceI = new SpikeSourceArray(range(155, 255), { network: net });
  const cell = net.create(1, IF_cond_exp);
  cell.set({
    i_offset: 0.1, tau_refrac: 3.0, v_thresh: -51.0, tau_syn_E: 2.0,
    tau_syn_I: 5.0, v_reset: -70.0, e_rev_E: 0.0, e_rev_I: -80.0,
  });
  net.connect(sourceE, cell, 'exc').connectAllToAll({ weights: 0.006, delays: 2.0 });
  net.connect(sourceI, cell, 'inh').connectAllToAll({ weights: 0.02, delays: 4.0 });
  const m = net.monitor(cell, ['spike', 'v']);
  await net.compile({ backend });
  await net.simulate(T);
  const v = Float64Array.from(m.get('v'), (row) => row[0]);
  return { v, spikes: (m.get('spike')[0] ?? []).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      T: { type: 'string', default: '200' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/if_cond_exp.ts [--T 200] [--backend js] [--svg FILE]');
    console.log('  --T        simulated time in ms (default 200)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the membrane potential to this SVG file');
  } else {
    const s = await run({ T: Number(a.T), backend: a.backend as BackendName });
    // The sample after step 69 is the state at t = 7.0 ms, before the first EPSP arrives (step 70).
    console.log(`IF_cond_exp, ${a.T} ms`);
    console.log(`v before the first EPSP: ${s.v[69].toFixed(3)} mV (analytic ${(-63 - 2 * Math.exp(-7.0 / 20)).toFixed(3)} mV)`);
    console.log(`largest v ${Math.max(...s.v).toFixed(3)} mV, v at the end ${s.v[s.v.length - 1].toFixed(3)} mV, spikes: ${s.spikes}`);
    if (a.svg) {
      const t = Float64Array.from(s.v, (_, k) => 0.1 * (k + 1));
      writeFileSync(a.svg, tracesSvg({ t, values: s.v }, { yLabel: 'Vm (mV)', title: 'IF_cond_exp' }));
      console.log(`trace written to ${a.svg}`);
    }
  }
}
