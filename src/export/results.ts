/**
 * Reads the results file an exported PyNN script writes (`<name>.results.npz`) into the shapes of
 * neurarchy's monitors: spikes as a record rank → steps (with the record's dt and window, so
 * `meanFr`, `coefficientOfVariation` and `rasterPlot` need no options), variables as one row per
 * sample, and the final weights of plastic projections.
 *
 * Keys: `meta/dt`, `meta/duration`, `meta/processes`; per monitor `<key>/spike/ranks`,
 * `<key>/spike/times` (ms), `<key>/spike/neurons` (the monitored ranks), `<key>/<var>` (samples × neurons) and `<key>/<var>/ranks`; per plastic
 * projection `<name>/pre`, `<name>/post`, `<name>/w` (neurarchy units).
 */
import { decodeNpz } from '../io/npz.js';
import type { NpyArray } from '../io/npy.js';
import { attachRecordInfo, type SpikeRecordInfo } from '../analysis/spikes.js';
import type { SpikeRecord } from '../core/Monitor.js';
import { ExportError } from './errors.js';

/** One monitor's recordings from the PyNN run. */
export interface PyNNMonitorResults {
  /** rank → spike steps (like `monitor.get('spike')`), when spikes were recorded. */
  spike?: SpikeRecord & SpikeRecordInfo;
  /** Per variable: the recorded ranks and one row per sample (values in neurarchy units). */
  variables: Record<string, { ranks: Int32Array; rows: Float64Array[] }>;
}

/** Everything an exported script wrote. */
export interface PyNNResults {
  dt: number;
  duration: number;
  /** MPI processes the run used. */
  processes: number;
  /** By monitor name (`monitor<i>` for unnamed monitors, in the network's order). */
  monitors: Record<string, PyNNMonitorResults>;
  /** Final weights of plastic projections, by projection name. */
  projections: Record<string, { pre: Int32Array; post: Int32Array; w: Float64Array }>;
}

const numbers = (a: NpyArray): number[] => Array.from(a.data as ArrayLike<number | bigint>, Number);

/** Decodes a results file (its bytes). Throws an ExportError when a key is missing or malformed. */
export function decodePyNNResults(bytes: Uint8Array): PyNNResults {
  const arrays = decodeNpz(bytes);
  const need = (k: string): NpyArray => {
    const a = arrays[k];
    if (!a) throw new ExportError(`readPyNNResults: the file has no '${k}' entry: it was not written by a script of exportPyNN`);
    return a;
  };
  const dt = numbers(need('meta/dt'))[0], duration = numbers(need('meta/duration'))[0], processes = numbers(need('meta/processes'))[0];
  const monitors: Record<string, PyNNMonitorResults> = {};
  const projections: PyNNResults['projections'] = {};
  const mon = (k: string) => (monitors[k] ??= { variables: {} });
  for (const key of Object.keys(arrays)) {
    let m: RegExpMatchArray | null;
    if ((m = key.match(/^(.*)\/spike\/ranks$/))) {
      const ranks = numbers(arrays[key]), times = numbers(need(`${m[1]}/spike/times`));
      const rec: SpikeRecord = {};
      for (let i = 0; i < ranks.length; i++) (rec[ranks[i]] ??= []).push(Math.round(times[i] / dt));
      for (const r of Object.keys(rec)) rec[Number(r)].sort((a, b) => a - b);
      // The monitored neurons, silent ones included (as a monitor's record counts them).
      const neurons = arrays[`${m[1]}/spike/neurons`] ? numbers(arrays[`${m[1]}/spike/neurons`]) : [...new Set(ranks)];
      const stop = Math.round(duration / dt);
      const rankLimit = Math.max(0, ...neurons, ...ranks) + (neurons.length + ranks.length > 0 ? 1 : 0);
      mon(m[1]).spike = attachRecordInfo(rec, { dt, unit: 'steps', start: 0, stop, duration, size: neurons.length, rankLimit });
    } else if ((m = key.match(/^(.*)\/([^/]+)\/ranks$/)) && m[2] !== 'spike' && arrays[`${m[1]}/${m[2]}`]) {
      const values = arrays[`${m[1]}/${m[2]}`];
      const [samples, n] = values.shape.length === 2 ? values.shape : [values.shape[0] ?? 0, 1];
      const flat = Float64Array.from(numbers(values));
      const rows = Array.from({ length: samples }, (_, s) => flat.subarray(s * n, (s + 1) * n));
      mon(m[1]).variables[m[2]] = { ranks: Int32Array.from(numbers(arrays[key])), rows };
    } else if ((m = key.match(/^(.*)\/w$/)) && arrays[`${m[1]}/pre`]) {
      projections[m[1]] = { pre: Int32Array.from(numbers(arrays[`${m[1]}/pre`])), post: Int32Array.from(numbers(need(`${m[1]}/post`))), w: Float64Array.from(numbers(arrays[key])) };
    }
  }
  return { dt, duration, processes, monitors, projections };
}

/** Reads the results file of an exported PyNN script (Node). */
export async function readPyNNResults(filename: string): Promise<PyNNResults> {
  const { readBytes } = await import('../io/files.js');
  return decodePyNNResults(await readBytes(filename));
}
