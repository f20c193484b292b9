/**
 * `exportPyNN`: a network as a self-contained PyNN 0.10 script (plus a side file of arrays), to run
 * on NEURON or NEST, on one machine or on a cluster under MPI. Everything that has no faithful PyNN
 * equivalent is refused with an ExportError naming the object and the reason; everything that is
 * adapted (delays raised to the MPI minimum, capacitance chosen for custom neurons, noise drawn by
 * PyNN) is listed in `notes` and in the script's header.
 */
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';
import { Population as PopulationClass } from '../core/Population.js';
import { PopulationView } from '../core/PopulationView.js';
import type { Monitor } from '../core/Monitor.js';
import { defaultNetwork } from '../core/default-network.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { encodeNpz, type NpzEntry } from '../io/npz.js';
import { ExportError } from './errors.js';
import { mapPopulation, type CellMapping } from './cells.js';
import { mapProjection, type ProjectionMapping } from './projections.js';
import { writeScript, type ScriptMonitor } from './script.js';

/** Options of {@link exportPyNN}. */
export interface ExportPyNNOptions {
  /** Simulated time (ms) the script runs for. Required. */
  duration: number;
  /** The script's default simulator (`--simulator` overrides it when it runs). Default `'neuron'`. */
  simulator?: 'neuron' | 'nest';
  /**
   * `'exact'` (default): the synapses neurarchy drew, as lists in the side file (FromListConnector);
   * `'pynn'`: PyNN's connector for the same rule (FixedProbability, AllToAll, OneToOne,
   * FixedNumberPre/Post), with PyNN's own random draws — smaller files, other synapses.
   */
  connectivity?: 'exact' | 'pynn';
  /**
   * PyNN's integration step (ms). Default the network's dt. NEURON integrates implicitly: a finer step
   * than neurarchy's explicit Euler at dt = 1 ms keeps Izhikevich networks excitable (0.1 ms: 8.5 Hz
   * against neurarchy's 9.1 Hz; 1 ms: 0.7 Hz). Noise currents keep neurarchy's dt.
   */
  timestep?: number;
  /** Smallest delay (ms) in the script; shorter delays are raised to it (listed in `notes`). Default 2·timestep, what NEURON under MPI needs. */
  minDelay?: number;
  /** Capacitance (nF) given to custom integrate-and-fire neurons, whose equations have none. Default 1.0 (PyNN's default). */
  cm?: number;
  /** Seed of PyNN's random generators (connectors, Poisson sources, noise). Default the network's seed. */
  seed?: number;
}

/** The keys of {@link ExportPyNNOptions}. */
export const EXPORT_PYNN_OPTIONS = optionKeys<ExportPyNNOptions>()(['duration', 'simulator', 'connectivity', 'timestep', 'minDelay', 'cm', 'seed']);

/** What the exporter reads of a network (a `Network` is one). */
export interface ExportableNetwork {
  readonly dt: number;
  readonly seed: number;
  readonly populations: Population[];
  readonly projections: Projection[];
  readonly monitors: Monitor[];
  /** Steps simulated so far (an export after a run starts from the current state). */
  readonly currentStep?: number;
}

/** What {@link pynnExport} produces (nothing written yet). */
export interface PyNNExport {
  /** Python source of the script. */
  script: string;
  /** The side file's arrays (`DATA['<key>']` in the script). */
  data: Record<string, NpzEntry>;
  /** What the export adapted, one sentence each (also in the script's header). */
  notes: string[];
}

/** What {@link exportPyNN} wrote. */
export interface PyNNExportFiles {
  /** The script (the file name given). */
  script: string;
  /** The side file, `<name>.data.npz` next to the script. */
  data: string;
  /** Where the script writes its results, `<name>.results.npz` next to it (unless `--results`). */
  results: string;
  notes: string[];
}

const base = (file: string): string => file.replace(/\.py$/, '');
const fileName = (path: string): string => path.split(/[\\/]/).pop() as string;

/**
 * The script and side file for `net`, in memory (browsers, tests). `title` names the files the
 * script reads and writes (`<title>.data.npz`, `<title>.results.npz`).
 */
export function pynnExport(net: ExportableNetwork, title: string, options: ExportPyNNOptions): PyNNExport {
  checkOptions(options, EXPORT_PYNN_OPTIONS, 'exportPyNN()');
  const { duration, simulator = 'neuron', connectivity = 'exact', cm = 1.0 } = options;
  const dt = net.dt;
  if (!(typeof duration === 'number' && duration > 0 && Number.isFinite(duration))) throw new ExportError(`exportPyNN(): duration must be a positive number of ms, got ${String(duration)}`);
  if (simulator !== 'neuron' && simulator !== 'nest') throw new ExportError(`exportPyNN(): simulator must be 'neuron' or 'nest', got ${String(simulator)}`);
  if (connectivity !== 'exact' && connectivity !== 'pynn') throw new ExportError(`exportPyNN(): connectivity must be 'exact' or 'pynn', got ${String(connectivity)}`);
  const timestep = options.timestep ?? dt;
  if (!(typeof timestep === 'number' && timestep > 0 && timestep <= dt)) throw new ExportError(`exportPyNN(): timestep must be a positive number of ms, at most the network's dt (${dt} ms), got ${String(options.timestep)}`);
  const minDelay = options.minDelay ?? 2 * timestep;
  if (!(minDelay >= timestep)) throw new ExportError(`exportPyNN(): minDelay must be at least the timestep (${timestep} ms), got ${String(options.minDelay)}`);
  if (!(cm > 0)) throw new ExportError(`exportPyNN(): cm must be a positive capacitance in nF, got ${String(options.cm)}`);
  const seed = options.seed ?? net.seed;
  const pops = net.populations;
  if (pops.length === 0) throw new ExportError('exportPyNN(): the network has no populations');
  const cells = new Map<Population, CellMapping>();
  for (const p of pops) {
    if (!p.enabled) throw new ExportError(`exportPyNN: population '${p.name}' is disabled; PyNN cannot freeze a population: enable it, or build the network without it`);
    cells.set(p, mapPopulation(p, { cm }));
  }
  for (const p of net.projections) {
    if (!p.transmission) throw new ExportError(`exportPyNN: projection '${p.name}' has its transmission switched off; PyNN has no such switch: switch it on, or build the network without it`);
  }
  const projections: ProjectionMapping[] = net.projections.map((p) => mapProjection(p, cells, { connectivity, minDelay }));
  settleCurrentReceptors(projections, cells);
  const monitors: ScriptMonitor[] = net.monitors.map((m, i) => mapMonitor(m, i, cells));
  const notes = [...[...cells.values()].flatMap((c) => c.notes), ...projections.flatMap((p) => p.notes)];
  const gInit = pops.filter((p) => { const c = cells.get(p)!.initial; return 'gsyn_exc' in c || 'gsyn_inh' in c; });
  if (gInit.length > 0 && simulator === 'neuron') {
    notes.push(`initial conductances of ${gInit.map((p) => `'${p.name}'`).join(', ')} are written (gsyn_exc/gsyn_inh), but PyNN's NEURON backend starts conductances at 0 ` +
      '(NEST uses them): the first milliseconds differ (COBA, 4000 neurons: 20.01 Hz with or without them, neurarchy 20.53 Hz)');
  }
  if (net.currentStep) notes.push(`exported after ${net.currentStep * dt} ms of simulation: the current state is the script's initial state, and its time starts at 0`);
  for (const [i, m] of net.monitors.entries()) {
    if (!m.recording) notes.push(`monitor '${m.name ?? `monitor${i}`}' is paused or not started here; the script records it from the start`);
  }
  const izh = pops.filter((p) => cells.get(p)!.type === 'Izhikevich');
  if (izh.length > 0 && timestep > 0.25) {
    notes.push(`Izhikevich population${izh.length > 1 ? 's' : ''} ${izh.map((p) => `'${p.name}'`).join(', ')} at PyNN timestep ${timestep} ms: NEURON's implicit integration makes the network far less excitable than neurarchy's explicit Euler ` +
      "(Izhikevich 2003 network measured: 0.66 Hz against 9.11 Hz at 1 ms, 8.52 Hz at 0.1 ms); export with { timestep: 0.1 }");
  }
  if (connectivity === 'pynn') notes.push("connectivity: 'pynn': PyNN draws the synapses with its own generator; the network has the same statistics, not the same synapses");
  const { source, data } = writeScript({
    title, simulator, dt: timestep, noiseDt: dt, duration, minDelay, seed,
    maxDelay: projections.reduce((a, p) => Math.max(a, p.maxDelay), minDelay),
    dataFile: `${title}.data.npz`, resultsFile: `${title}.results.npz`,
    populations: pops.map((p) => ({ name: p.name, size: p.size, cell: cells.get(p)! })),
    projections, monitors, notes,
  });
  return { script: source, data, notes };
}

/**
 * Custom current-based cells: the receptor of each target follows the sign of its weights, so the
 * synaptic time constant of that target goes to tau_syn_E or tau_syn_I. Two targets on one receptor
 * with different time constants cannot be one PyNN cell.
 */
function settleCurrentReceptors(projections: ProjectionMapping[], cells: Map<Population, CellMapping>): void {
  for (const [pop, cell] of cells) {
    if (!cell.inputTaus) continue;
    const used = new Map<'excitatory' | 'inhibitory', string>();
    for (const p of projections) {
      if (p.post !== pop) continue;
      const target = p.target;
      const prev = used.get(p.receptor);
      if (prev !== undefined && prev !== target) {
        const a = cell.inputTaus.get(prev), b = cell.inputTaus.get(target);
        if (a !== b) throw new ExportError(`exportPyNN: population '${pop.name}': targets '${prev}' and '${target}' both reach PyNN's ${p.receptor} receptor (same weight sign) with different time constants`);
      }
      used.set(p.receptor, target);
      cell.parameters[p.receptor === 'excitatory' ? 'tau_syn_E' : 'tau_syn_I'] = cell.inputTaus.get(target)!;
    }
  }
}

function mapMonitor(m: Monitor, index: number, cells: Map<Population, CellMapping>): ScriptMonitor {
  const key = m.name ?? `monitor${index}`;
  const obj = m.object as unknown;
  if (!(obj instanceof PopulationClass) && !(obj instanceof PopulationView)) {
    throw new ExportError(`exportPyNN: monitor '${key}' records a projection or a dendrite; PyNN records only neurons (remove it, or read the weights from the results: plastic projections' final weights are always written)`);
  }
  const pop = obj.population;
  const cell = cells.get(pop)!;
  const variables: ScriptMonitor['variables'] = [];
  let spikes = false;
  for (const v of m.variables) {
    if (v === 'spike') { spikes = true; continue; }
    const r = cell.recordables.get(v);
    if (!r) throw new ExportError(`exportPyNN: monitor '${key}' records '${v}' of population '${pop.name}', which has no PyNN equivalent in ${cell.type} (recordable: spike${[...cell.recordables.keys()].map((k) => `, ${k}`).join('')})`);
    variables.push({ ours: v, pynn: r.pynn, factor: r.factor });
  }
  return { key, population: pop.name, ranks: obj === pop ? undefined : Int32Array.from(obj.ranks), spikes, variables, period: m.period };
}

/**
 * Writes the PyNN script `filename` (`.py`), its side file `<name>.data.npz` next to it, and returns
 * the paths and the notes. Run it with `python3 <file>` or `mpirun -np N python3 <file>`; read the
 * results with {@link readPyNNResults}. Node only. `exportPyNN('model.py', { duration })` exports
 * the default network (scripts in ANNarchy 4's style).
 */
export async function exportPyNN(net: ExportableNetwork, filename: string, options: ExportPyNNOptions): Promise<PyNNExportFiles>;
export async function exportPyNN(filename: string, options: ExportPyNNOptions): Promise<PyNNExportFiles>;
export async function exportPyNN(a: ExportableNetwork | string, b: string | ExportPyNNOptions, c?: ExportPyNNOptions): Promise<PyNNExportFiles> {
  const [net, filename, options] = typeof a === 'string'
    ? [defaultNetwork() as unknown as ExportableNetwork, a, b as ExportPyNNOptions]
    : [a, b as string, c as ExportPyNNOptions];
  if (typeof filename !== 'string' || !filename.endsWith('.py')) throw new ExportError(`exportPyNN(): the file name must end in .py, got ${String(filename)}`);
  if (options === null || typeof options !== 'object') throw new ExportError('exportPyNN(): give the options, at least { duration } (ms)');
  const title = fileName(base(filename));
  const out = pynnExport(net, title, options);
  const { writeBytes } = await import('../io/files.js');
  const dataPath = `${base(filename)}.data.npz`;
  await writeBytes(filename, out.script);
  await writeBytes(dataPath, encodeNpz(out.data));
  return { script: filename, data: dataPath, results: `${base(filename)}.results.npz`, notes: out.notes };
}
