/**
 * Multiple networks, ANNarchy's MultiNetwork / MultipleNetworks example without `parallel_run`:
 * the Izhikevich (2003) pulse-coupled network (800 excitatory, 200 inhibitory neurons, all-to-all,
 * heterogeneous parameters, noisy input; dt = 1 ms) is built by one function as several independent
 * `Network` objects, each with its own seed (ANNarchy's `seeds='sequential'`) and duration (200,
 * 400, … ms as in ANNarchy 5's notebook), simulated side by side in one process. A last network with
 * the first one's seed repeats its run spike for spike: a network's results depend on its seed
 * only, not on the other networks living in the same process.
 *
 * ANNarchy's `parallel_run` (forked processes) belongs to issue 16 and is not used here: on a
 * compiled backend the networks' simulations are awaited together instead.
 *
 * Run: npm run build && npx tsx examples/annarchy/multi_network.ts   (--help lists the flags)
 * Expected output: mean rates 10.58, 9.78, 9.40, 9.19 Hz (seeds 1234–1237; the shortest run holds
 * the onset transient), mean 9.74 Hz; the repeated network is identical: yes. ANNarchy prints no figure (its rasters show the same
 * alpha/gamma rhythm in each run).
 */
import { Network, Izhikevich, Uniform, rasterPlot, rasterPlotSvg, type BackendName, type Monitor, type Population, type SpikeRecord } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** One instance of the pulse-coupled network: the network, its population and its spike monitor. */
export interface PulseNetwork { net: Network; P: Population; M: Monitor }

/** Builds the Izhikevich pulse-coupled network of `size` neurons (80 % excitatory) with its own seed. */
export function pulseNetwork(seed: number, size = 1000): PulseNetwork {
  const net = new Network({ dt: 1.0, seed });
  const P = net.create(size, Izhikevich);
  const nbExc = Math.floor(0.8 * size);
  const Exc = P.slice(0, nbExc);
  const Inh = P.slice(nbExc);
  // Heterogeneity drawn from the network's own generator, so each seed gives its own network.
  const re = new Uniform(0, 1).sample(nbExc, net.rng);
  const ri = new Uniform(0, 1).sample(size - nbExc, net.rng);
  Exc.noise = 5.0;                                      Inh.noise = 2.0;
  Exc.a = 0.02;                                         Inh.a = ri.map((x) => 0.02 + 0.08 * x);
  Exc.b = 0.2;                                          Inh.b = ri.map((x) => 0.25 - 0.05 * x);
  Exc.c = re.map((x) => -65.0 + 15.0 * x * x);          Inh.c = -65.0;
  Exc.d = re.map((x) => 8.0 - 6.0 * x * x);             Inh.d = 2.0;
  Exc.v = -65.0;                                        Inh.v = -65.0;
  Exc.u = -65.0 * 0.2;                                  Inh.u = ri.map((x) => -65.0 * (0.25 - 0.05 * x));
  net.connect(Exc, P, 'exc').connectAllToAll({ weights: new Uniform(0.0, 0.5) });
  net.connect(Inh, P, 'inh').connectAllToAll({ weights: new Uniform(0.0, 1.0) });
  const M = net.monitor(P, 'spike');
  return { net, P, M };
}

export interface MultiNetworkOptions {
  /** Number of networks (default 4); network i (from 0) gets seed + i and runs (i + 1) · T / number ms. */
  number?: number;
  /** Duration of the longest run in ms (default 800). */
  T?: number;
  /** Neurons per network (default 1000). */
  size?: number;
  seed?: number;
  backend?: BackendName;
}

export interface MultiNetworkStats {
  /** Mean firing rate of each network (Hz). */
  rates: number[];
  /** Durations of the runs (ms). */
  durations: number[];
  /** Whether a second network with the first one's seed and duration gave the same spikes. */
  repeatIdentical: boolean;
  /** Spikes of each network. */
  spikes: SpikeRecord[];
}

/** Builds, compiles and simulates the networks; returns their statistics. */
export async function run(options: MultiNetworkOptions = {}): Promise<MultiNetworkStats> {
  const { number = 4, T = 800, size = 1000, seed = 1234, backend = 'js' } = options;
  const durations = Array.from({ length: number }, (_, i) => ((i + 1) * T) / number);
  const nets = durations.map((_, i) => pulseNetwork(seed + i, size));
  const repeat = pulseNetwork(seed, size);
  for (const n of [...nets, repeat]) await n.net.compile({ backend });
  // Independent networks: their simulations may run side by side.
  await Promise.all([...nets.map((n, i) => n.net.simulate(durations[i])), repeat.net.simulate(durations[0])]);
  const spikes = nets.map((n) => n.M.get('spike'));
  const rates = spikes.map((s, i) => Object.values(s).reduce((acc, st) => acc + st.length, 0) / size / (durations[i] / 1000));
  const again = repeat.M.get('spike');
  const repeatIdentical = JSON.stringify(again) === JSON.stringify(spikes[0]);
  return { rates, durations, repeatIdentical, spikes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      number: { type: 'string', default: '4' },
      T: { type: 'string', default: '800' },
      size: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/multi_network.ts [--number 4] [--T 800] [--size 1000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --number   networks (default 4); network i runs (i+1)·T/number ms with seed + i');
    console.log('  --T        duration of the longest run in ms (default 800)');
    console.log('  --size     neurons per network (default 1000)');
    console.log('  --seed     seed of the first network (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the raster of the last network to this SVG file');
  } else {
    const s = await run({ number: Number(a.number), T: Number(a.T), size: Number(a.size), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`${s.rates.length} Izhikevich networks of ${a.size} neurons, runs of ${s.durations.join(', ')} ms`);
    console.log(`mean rates ${s.rates.map((r) => r.toFixed(2)).join(', ')} Hz, mean ${(s.rates.reduce((x, y) => x + y, 0) / s.rates.length).toFixed(2)} Hz`);
    console.log(`the repeated network is identical: ${s.repeatIdentical ? 'yes' : 'NO'}`);
    if (a.svg) {
      writeFileSync(a.svg, rasterPlotSvg(rasterPlot(s.spikes[s.spikes.length - 1]), { title: `Izhikevich network, seed ${Number(a.seed) + s.rates.length - 1}` }));
      console.log(`raster written to ${a.svg}`);
    }
  }
}
