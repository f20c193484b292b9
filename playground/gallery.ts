/**
 * The gallery: every example of `examples/` (their sources are put in by the site build), with the
 * flags that keep a run in the page short and the printed statistic that shows it went right (the
 * browser test checks each one).
 */
import sources from 'virtual:examples';

export interface GalleryEntry {
  file: string;
  title: string;
  /** Flags for the example's parseArgs: a short run. */
  args: string;
  /** The printed statistic (first group: a number) and the range it must fall in. */
  check: { pattern: RegExp; range: [number, number] };
}

const ENTRIES: Omit<GalleryEntry, 'title'>[] = [
  { file: 'coba.ts', args: '--N 1000 --T 300', check: { pattern: /mean rate ([\d.]+) Hz/, range: [5, 80] } },
  { file: 'cuba.ts', args: '--N 1000 --T 300', check: { pattern: /mean rate ([\d.]+) Hz/, range: [1, 60] } },
  { file: 'izhikevich.ts', args: '--T 300', check: { pattern: /mean rate ([\d.]+) Hz/, range: [3, 30] } },
  { file: 'stdp.ts', args: '--T 3000', check: { pattern: /w\/gmax: mean ([\d.]+)/, range: [0.3, 0.8] } },
  { file: 'export.ts', args: '--N 1000 --T 300', check: { pattern: /neurarchy: ([\d.]+) Hz/, range: [5, 80] } },
  { file: 'oja.ts', args: '', check: { pattern: /mean squared weight norm per dendrite: ([\d.]+)/, range: [0.12, 0.16] } },
  { file: 'trials.ts', args: '', check: { pattern: /threshold crossed after ([\d.]+) ms/, range: [29, 31] } },
  { file: 'image.ts', args: '', check: { pattern: /grey mean ([\d.]+)/, range: [0.2058, 0.2060] } },
  { file: 'pymonnto_basic.ts', args: '--out out', check: { pattern: /mean voltage over the run: ([\d.]+)/, range: [0.01, 0.02] } },
  { file: 'pymonnto_synapses.ts', args: '--out out', check: { pattern: /spikes: (\d+)/, range: [100, 2000] } },
  { file: 'pymonnto_mixed.ts', args: '--out out', check: { pattern: /output rate ([\d.]+)/, range: [0.001, 0.05] } },
  { file: 'annarchy/coba.ts', args: '--N 1000 --T 300', check: { pattern: /Mean firing rate in the population: ([\d.]+) Hz/, range: [5, 80] } },
  { file: 'annarchy/cuba.ts', args: '--N 1000 --T 300', check: { pattern: /Mean firing rate in the population: ([\d.]+) Hz/, range: [1, 30] } },
  { file: 'annarchy/izhikevich.ts', args: '--T 300', check: { pattern: /mean rate ([\d.]+) Hz/, range: [3, 30] } },
  { file: 'annarchy/hodgkin_huxley.ts', args: '', check: { pattern: /spikes after the pulse: (\d+)/, range: [1, 1] } },
  { file: 'annarchy/gap_junctions.ts', args: '', check: { pattern: /period at the end ([\d.]+) ms/, range: [39.5, 39.7] } },
  { file: 'annarchy/hybrid.ts', args: '--N 200 --duration 50', check: { pattern: /input 100 Hz: .*decoded rate \(200 inputs\) ([\d.]+) Hz/, range: [85, 115] } },
  { file: 'annarchy/simple_stdp.ts', args: '--T 3000', check: { pattern: /Mean firing rate in the input population: ([\d.]+) Hz/, range: [14, 16] } },
  { file: 'annarchy/ramp.ts', args: '--T 10000', check: { pattern: /Mean Firing Rate with homeostasis: ([\d.]+) Hz/, range: [15, 40] } },
  { file: 'annarchy/sorf.ts', args: '--stimuli 1 --present 500', check: { pattern: /mean weight–grating correlation after learning: ([\d.]+)/, range: [0.02, 0.2] } },
  { file: 'annarchy/refractoriness.ts', args: '--sigma 0', check: { pattern: /mean rate ([\d.]+) Hz/, range: [18.5, 20] } },
  { file: 'annarchy/if_cond_exp.ts', args: '', check: { pattern: /v before the first EPSP: -([\d.]+) mV/, range: [64.40, 64.42] } },
  { file: 'annarchy/if_curr_alpha.ts', args: '--T 500', check: { pattern: /output spikes: (\d+) per neuron/, range: [1, 15] } },
  { file: 'annarchy/aeif_cond_exp.ts', args: '', check: { pattern: /spikes: (\d+) at/, range: [5, 5] } },
  { file: 'annarchy/eif_cond_exp.ts', args: '--T 150', check: { pattern: /network ignites at ([\d.]+) ms/, range: [105, 135] } },
  { file: 'annarchy/non_linear_synapse.ts', args: '', check: { pattern: /largest g: ([\d.]+) \(w = 1\)/, range: [0.51, 0.53] } },
  { file: 'annarchy/short_term_plasticity.ts', args: '--N 1000 --T 300', check: { pattern: /mean rate ([\d.]+) Hz/, range: [2, 6] } },
  { file: 'annarchy/tsodyks_markram.ts', args: '--T 2000', check: { pattern: /mean excitatory rate ([\d.]+) Hz/, range: [2, 10] } },
  { file: 'annarchy/multi_network.ts', args: '--number 2 --T 400 --size 500', check: { pattern: /mean rates ([\d.]+)/, range: [3, 30] } },
  { file: 'annarchy/neural_field.ts', args: '--T 1000', check: { pattern: /tracking error ([\d.]+) cells/, range: [0, 1] } },
  { file: 'annarchy/bar_learning.ts', args: '--trials 300', check: { pattern: /selective features: (\d+) of 32/, range: [8, 32] } },
  { file: 'annarchy/structural_plasticity.ts', args: '--trials 3 --T 1500', check: { pattern: /between the halves: \d+ → (\d+)/, range: [0, 5] } },
  { file: 'annarchy/bold_balloon.ts', args: '--T 16000', check: { pattern: /BOLD peak ([\d.]+) %/, range: [1.71, 1.73] } },
  { file: 'annarchy/bold_two_inputs.ts', args: '--T 16000', check: { pattern: /BOLD peak ([\d.]+) %/, range: [1.3, 1.8] } },
  { file: 'annarchy/convolution.ts', args: '', check: { pattern: /vertical edges: (\d+) neurons/, range: [68, 68] } },
  { file: 'pymonnto/equation.ts', args: '', check: { pattern: /explicit ([\d.]+)/, range: [0.367694, 0.367696] } },
  { file: 'pymonnto/lif.ts', args: '--iterations 300', check: { pattern: /mean rate exc ([\d.]+) Hz/, range: [5, 60] } },
  { file: 'pymonnto/izhikevich.ts', args: '--iterations 400', check: { pattern: /mean rate exc ([\d.]+) Hz/, range: [5, 80] } },
  { file: 'pymonnto/hodgkin_huxley.ts', args: '--iterations 15000', check: { pattern: /spikes in compartment 0: (\d+)/, range: [9, 9] } },
  { file: 'pymonnto/hindmarsh_rose.ts', args: '--iterations 100000', check: { pattern: /I = 2: \d+ spikes in (\d+) bursts/, range: [2, 2] } },
  { file: 'pymonnto/wang_buzsaki.ts', args: '', check: { pattern: /rate ([\d.]+) Hz/, range: [98.7, 98.9] } },
  { file: 'pymonnto/brunel_hakim.ts', args: '--iterations 1500', check: { pattern: /population oscillation ([\d.]+) Hz/, range: [100, 180] } },
  { file: 'pymonnto/synfire.ts', args: '', check: { pattern: /reaches group (\d+)/, range: [9, 9] } },
  { file: 'pymonnto/hopfield.ts', args: '', check: { pattern: /"1" ([\d.]+)/, range: [1, 1] } },
  { file: 'pymonnto/complex.ts', args: '', check: { pattern: /afferent weight sum ([\d.]+)/, range: [9.999, 10.001] } },
  { file: 'pymonnto/sorn.ts', args: '--NE 170 --train 2000 --test 1600', check: { pattern: /SORN state ([\d.]+)/, range: [0.8, 1] } },
];

/** The first line of the example's doc comment, as its title. */
function titleOf(source: string, file: string): string {
  const line = /\/\*\*\s*\n\s*\*\s*(.+)/.exec(source)?.[1] ?? file;
  return line.replace(/\s*[:(—].*$/, '').replace(/[.,;]$/, '').slice(0, 60).trim() || file;
}

/**
 * Examples that need Node.js itself (the package writes files there), left out of the gallery;
 * test/browser/playground.test.ts leaves them out too.
 */
export const NODE_ONLY = ['logger.ts', 'ann2snn.ts', 'sweep.ts'];

export const gallery: GalleryEntry[] = ENTRIES.filter((e) => sources[e.file] !== undefined)
  .map((e) => ({ ...e, title: titleOf(sources[e.file]!, e.file) }));

/** Examples not listed above still appear, with no flags and no check. */
for (const file of Object.keys(sources).sort()) {
  if (!gallery.some((e) => e.file === file) && !NODE_ONLY.includes(file)) gallery.push({ file, title: titleOf(sources[file]!, file), args: '', check: { pattern: /$^/, range: [0, 0] } });
}

export { sources };
