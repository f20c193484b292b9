/**
 * ANNarchy 4.8.2.6's figures on this machine type, as measured by the peer study and published in
 * ../shared/bench/RESULTS.md ("Results" table: Debian 12, 2 vCPUs AMD EPYC, g++ 12.2 `-O3
 * -march=native`, double precision, medians of 3 fresh processes, quiet machine).
 *
 * Only a fallback: `bench/run.ts` runs ANNarchy itself (peer mode `annarchy`, our scripts in
 * bench/peers/annarchy/, installed by bench/peers/install-annarchy.sh), and its measured rows
 * replace these. A benchmark without a measured ANNarchy row (ANNarchy not installed, not among
 * `--peer-modes`, or older records rendered with `--from … --render`) gets these figures, labelled
 * as quoted, never as measured in the same run.
 */
export const ANNARCHY_SOURCE = '../shared/bench/RESULTS.md (ANNarchy 4.8.2.6, medians of 3, same machine type)';

export interface AnnarchyFigure {
  model: string;
  N: number;
  threads: 1 | 2;
  /** simulate() only, median [min, max], seconds. */
  run_s: number; run_min_s: number; run_max_s: number;
  /** compile() (code generation + g++ + connectivity), median, seconds. */
  build_s: number;
  /** the whole `python script.py`, median, seconds. */
  wall_s: number;
  /** peak RSS of the simulating (Python) process, MB. */
  rss_mb: number;
  check: string;
}

const f = (model: string, N: number, threads: 1 | 2, run: [number, number, number], build: number, wall: number, rss: number, check: string): AnnarchyFigure =>
  ({ model, N, threads, run_s: run[0], run_min_s: run[1], run_max_s: run[2], build_s: build, wall_s: wall, rss_mb: rss, check });

export const ANNARCHY: AnnarchyFigure[] = [
  f('coba', 4000, 1, [0.118, 0.115, 0.132], 10.6, 11.9, 135, '21.25 Hz, CV 1.50'),
  f('coba', 4000, 2, [0.147, 0.129, 0.23], 9.94, 11.4, 135, '21.25 Hz'),
  f('coba', 20000, 1, [1.33, 1.22, 1.67], 16.8, 19.9, 226, '21.91 Hz'),
  f('coba', 20000, 2, [1.07, 1.04, 1.6], 17.7, 21.1, 226, '21.91 Hz'),
  f('coba', 100000, 1, [8.85, 7.98, 9.62], 72.8, 86.2, 659, '20.66 Hz'),
  f('coba', 100000, 2, [8.3, 8.08, 10.3], 82.7, 95, 659, '20.66 Hz'),
  f('cuba', 4000, 1, [0.0955, 0.0877, 0.113], 11.3, 12.6, 132, '5.78 Hz, CV 0.52'),
  f('cuba', 4000, 2, [0.118, 0.115, 0.125], 11.5, 13, 132, '5.78 Hz'),
  f('cuba', 20000, 1, [0.708, 0.621, 0.73], 15.6, 18, 209, '5.81 Hz'),
  f('izhikevich', 1000, 1, [0.0718, 0.054, 0.075], 11.4, 12.5, 169, '9.51 Hz, CV 0.44'),
  f('izhikevich', 1000, 2, [0.0587, 0.0515, 0.0705], 12.7, 13.9, 169, '9.51 Hz'),
  f('rate', 1000, 1, [0.896, 0.849, 0.961], 9.51, 12, 204, 'mean |r| end 0.5050'),
  f('rate', 1000, 2, [0.442, 0.44, 0.445], 9.95, 11.7, 204, 'mean |r| end 0.5050'),
  f('rate', 4000, 1, [19, 18.8, 20.1], 13.3, 36, 1415, 'mean |r| end 0.5201'),
  f('rate', 4000, 2, [10.1, 9.77, 11.2], 17, 32.1, 1415, 'mean |r| end 0.5201'),
  f('stdp', 1000, 1, [5.26, 4.62, 5.35], 12.5, 19, 126, 'w/gmax mean 0.427, <0.1 29 %, >0.9 16 %, out 26.4 Hz'),
  f('stdp', 1000, 2, [10.2, 9.21, 10.3], 12.3, 23.5, 127, 'w/gmax mean 0.427'),
];

/** The quoted figure for a model, size and thread count (only for the default simulated time). */
export function annarchyFigure(model: string, N: number, threads: number): AnnarchyFigure | undefined {
  return ANNARCHY.find((x) => x.model === model && x.N === N && x.threads === threads);
}
