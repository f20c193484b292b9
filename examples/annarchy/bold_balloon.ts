/**
 * BOLD monitoring with the balloon model (after ANNarchy's notebook "BOLD monitoring - Balloon
 * model"): 100 rate-coded neurons at a baseline rate of 1.0 are recorded by a BoldMonitor
 * (`balloon_RN` by default: revised coefficients, non-linear BOLD equation; Stephan et al. 2007).
 * Its input `I_CBF` is the population's mean rate, normalised over the first 2 s
 * (`normalizeInput: 2000`: the relative change from the baseline). At 5 s the rate doubles for
 * 1 s, and the hemodynamic response follows: the BOLD signal rises for some seconds, peaks, falls
 * below the baseline (post-stimulus undershoot) and slowly recovers. dt = 1 ms.
 *
 * Run: npm run build && npx tsx examples/annarchy/bold_balloon.ts   (--help lists the flags)
 * Expected output: (balloon_RN) input during the pulse 1.000; BOLD peak 1.720 % at 3.34 s after the
 * onset; undershoot -0.350 % at 9.65 s after the onset. The same as an RK4 integration of the
 * balloon ODEs (test/extensions/bold); --model RL, CN, CL or maith2021 for the other variants.
 */
import {
  Network, Neuron, BoldMonitor, balloon_RN, balloon_RL, balloon_CN, balloon_CL, balloon_maith2021, tracesSvg,
  type BackendName, type BoldModel,
} from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The models selectable with --model. */
export const MODELS: Record<string, () => BoldModel> = {
  RN: () => new balloon_RN(), RL: () => new balloon_RL(), CN: () => new balloon_CN(), CL: () => new balloon_CL(), maith2021: () => new balloon_maith2021(),
};

export interface BoldBalloonOptions { model?: string; T?: number; backend?: BackendName }
export interface BoldBalloonStats {
  /** Input I_CBF during the pulse. */
  input: number;
  /** Largest BOLD value (fraction, not %) and its time after the pulse onset (ms). */
  peak: number; peakTime: number;
  /** Smallest BOLD value after the peak and its time after the onset (ms). */
  undershoot: number; undershootTime: number;
  /** The BOLD signal, one value per ms. */
  bold: Float64Array;
}

const ONSET = 5000;

export async function run(options: BoldBalloonOptions = {}): Promise<BoldBalloonStats> {
  const { model = 'RN', T = 25000, backend = 'js' } = options;
  const make = MODELS[model];
  if (!make) throw new Error(`unknown model '${model}' (one of ${Object.keys(MODELS).join(', ')})`);
  const net = new Network({ dt: 1.0 });
  const pop = net.create(100, new Neuron({ parameters: 'baseline = 1.0', equations: 'r = baseline : init = 1.0' }));
  const m = new BoldMonitor({ populations: pop, boldModel: make(), mapping: { I_CBF: 'r' }, normalizeInput: 2000, recordedVariables: ['I_CBF', 'BOLD'] });
  await net.compile({ backend });
  m.start();
  await net.simulate(ONSET);
  pop.baseline = 2.0;
  await net.simulate(1000);
  pop.baseline = 1.0;
  await net.simulate(T - ONSET - 1000);
  const bold = Float64Array.from(m.get('BOLD'), (row) => row[0]!);
  const input = m.get('I_CBF')[ONSET + 500]![0]!;
  let p = 0;
  for (let i = 0; i < bold.length; i++) if (bold[i]! > bold[p]!) p = i;
  let u = p;
  for (let i = p; i < bold.length; i++) if (bold[i]! < bold[u]!) u = i;
  return { input, peak: bold[p]!, peakTime: p - ONSET, undershoot: bold[u]!, undershootTime: u - ONSET, bold };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: a } = parseArgs({
    strict: true,
    options: {
      model: { type: 'string', default: 'RN' },
      T: { type: 'string', default: '25000' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/bold_balloon.ts [--model RN] [--T 25000] [--backend js] [--svg FILE]');
    console.log(`  --model    balloon variant: ${Object.keys(MODELS).join(', ')} (default RN)`);
    console.log('  --T        simulated time in ms (default 25000; the pulse is at 5000–6000)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the BOLD signal to FILE');
  } else {
    const s = await run({ model: a.model, T: Number(a.T), backend: a.backend as BackendName });
    console.log(`BOLD monitoring, balloon_${a.model}, a 1 s pulse at ${ONSET / 1000} s`);
    console.log(`input during the pulse ${s.input.toFixed(3)}`);
    console.log(`BOLD peak ${(100 * s.peak).toFixed(3)} % at ${(s.peakTime / 1000).toFixed(2)} s after the onset`);
    console.log(`undershoot ${(100 * s.undershoot).toFixed(3)} % at ${(s.undershootTime / 1000).toFixed(2)} s after the onset`);
    if (a.svg) {
      const t = Array.from(s.bold, (_, k) => k / 1000);
      writeFileSync(a.svg, tracesSvg({ t, values: [Array.from(s.bold, (b) => 100 * b)], labels: ['BOLD'] }, { title: `balloon_${a.model}: 1 s pulse at ${ONSET / 1000} s`, xLabel: 'time (s)', yLabel: 'BOLD (%)' }));
      console.log(`BOLD signal written to ${a.svg}`);
    }
  }
}
