/**
 * PymoNNto's StorageManager (dossier §2.12): one folder per run, holding the run's parameters in
 * `config.ini` and its data as NumPy files, so that runs can be compared afterwards
 * ({@link StorageManagerGroup}) from TypeScript or from Python (`np.load`, `configparser`).
 *
 * Layout, as PymoNNto's: `<dataFolder>/StorageManager/<name>/<name><nr>/` with `config.ini`
 * (section `[Parameters]` by default), `<key>.npy` (`saveNp`), `<key>.npz` (`saveNpz`,
 * `saveRecorder`, `saveNetwork`), `<key>.json` (`saveObj`), `<key>.txt` (`saveStr`). The run number
 * is the first free one from 1 (`addNewWhenExists: false` reuses `<name>1`; `folderName` names the
 * folder yourself). Unlike PymoNNto nothing is created at import time and `Data/` is made only by
 * {@link StorageManager.open}, in the folder you give (default `./Data`).
 *
 * | PymoNNto | here |
 * |---|---|
 * | `StorageManager(main_folder_name, folder_name, random_nr, print_msg, add_new_when_exists, data_folder)` | `await StorageManager.open(name, { folderName, randomNr, printMsg, addNewWhenExists, dataFolder })` |
 * | `save_param(k, v, section)` / `load_param(k, section, default, return_string)` | `saveParam(k, v, section)` / `loadParam(k, { section, default, returnString })` |
 * | `save_param_dict(d)` / `get_all_params(section)` | `saveParamDict(d)` / `getAllParams(section)` |
 * | `save_np(k, a)` / `load_np(k)` | `saveNp(k, a, shape?)` / `loadNp(k)` |
 * | `save_obj` / `load_obj` / `has_obj` (pickle) | `saveObj` / `loadObj` / `hasObj` (JSON) |
 * | `save_str` / `load_str` | `saveStr` / `loadStr` |
 * | `save_recorder(tag, recorder, keys)` | `saveRecorder(recorder, { keys, name })` |
 * | `save_network` / `load_network` (Save_Load.py, pickle) | `saveNetwork(net, key)` / `loadNetwork(net, key)` (state `.npz`) |
 */
import { NeurarchyError } from '../../errors.js';
import { decodeNpz, encodeNpz, type NpzEntry } from '../../io/npz.js';
import { decodeNpy, encodeNpy, type NpyArray } from '../../io/npy.js';
import { checkOptions, optionKeys } from '../../core/options.js';
import type { GroupNetwork } from '../NeuronGroup.js';
import { EventRecorder, type Recorder } from '../Recorder.js';
import { formatIni, formatValue, parseIni, parseValue, type IniData, type ParamValue } from './ini.js';
import { joinPath, loadFs, type SyncFs } from './fs.js';
import { behaviorNetworkFromNpz, behaviorNetworkToNpz } from './network-state.js';

/** Options of {@link StorageManager.open}. */
export interface StorageManagerOptions {
  /** The run's folder name (default `<name><first free number>`). */
  folderName?: string;
  /** Number the run with a random number instead of the first free one. */
  randomNr?: boolean;
  /** Print the folder's path when it is created (default true, as PymoNNto). */
  printMsg?: boolean;
  /** When the folder exists: take the next free number (default true) or reuse it. */
  addNewWhenExists?: boolean;
  /** The folder holding `StorageManager/` (default `Data`, relative to the working directory). */
  dataFolder?: string;
}

/** The keys of {@link StorageManagerOptions}. */
export const STORAGE_MANAGER_OPTIONS = optionKeys<StorageManagerOptions>()(['folderName', 'randomNr', 'printMsg', 'addNewWhenExists', 'dataFolder']);

/** Options of {@link StorageManager.loadParam}. */
export interface LoadParamOptions {
  /** The section (default `Parameters`). */
  section?: string;
  /** Returned when the key is absent (otherwise absence is an error). */
  default?: ParamValue;
  /** Return the stored text without converting numbers and booleans. */
  returnString?: boolean;
}

/** Options of {@link StorageManager.saveRecorder}. */
export interface SaveRecorderOptions {
  /** Only these expressions (default: all the recorder records). */
  keys?: string[];
  /** File name without `.npz` (default: the recorder's tag). */
  name?: string;
}

const NAME = /^[^/\\\0]+$/;

function checkKey(key: string, what: string): void {
  if (typeof key !== 'string' || !NAME.test(key) || key === '.' || key === '..') {
    throw new NeurarchyError(`${what}: '${String(key)}' cannot be a file name (no '/', '\\', '.' or '..'); choose another key`);
  }
}

/** One run's folder. */
export class StorageManager {
  private ini: IniData;

  private constructor(
    private readonly fs: SyncFs,
    /** The experiment's name (`main_folder_name`). */
    readonly name: string,
    /** The run's folder name (`<name><nr>`). */
    readonly folderName: string,
    /** The run's folder path. */
    readonly path: string,
  ) {
    const cfg = joinPath(path, 'config.ini');
    this.ini = fs.existsSync(cfg) ? parseIni(new TextDecoder().decode(fs.readFileSync(cfg)), cfg) : new Map();
  }

  /** Creates (or, with `addNewWhenExists: false` or a given existing `folderName`, reopens) a run folder. Node.js only. */
  static async open(name: string, opts: StorageManagerOptions = {}): Promise<StorageManager> {
    checkOptions(opts, STORAGE_MANAGER_OPTIONS, 'StorageManager.open()');
    checkKey(name, 'StorageManager.open()');
    const fs = await loadFs('StorageManager');
    const main = joinPath(opts.dataFolder ?? 'Data', 'StorageManager', name);
    let folder = opts.folderName;
    if (folder !== undefined) checkKey(folder, 'StorageManager.open(): folderName');
    else if (opts.randomNr) {
      do folder = `${name}${Math.floor(Math.random() * 1e9)}`; while (fs.existsSync(joinPath(main, folder)));
    } else {
      let nr = 1;
      if (opts.addNewWhenExists ?? true) while (fs.existsSync(joinPath(main, `${name}${nr}`))) nr++;
      folder = `${name}${nr}`;
    }
    const path = joinPath(main, folder);
    const fresh = !fs.existsSync(path);
    fs.mkdirSync(path, { recursive: true });
    const sm = new StorageManager(fs, name, folder, path);
    if (fresh) {
      sm.writeIni();
      if (opts.printMsg ?? true) console.log(`StorageManager: new folder ${path}`);
    }
    return sm;
  }

  /** Opens an existing run folder (used by {@link StorageManagerGroup}). @internal */
  static reopen(fs: SyncFs, name: string, folder: string, path: string): StorageManager {
    return new StorageManager(fs, name, folder, path);
  }

  private file(key: string, ext: string, what: string): string {
    checkKey(key, what);
    return joinPath(this.path, `${key}${ext}`);
  }

  private writeIni(): void {
    this.fs.writeFileSync(joinPath(this.path, 'config.ini'), formatIni(this.ini));
  }

  /** Stores a parameter in `config.ini` (written at once). */
  saveParam(key: string, value: ParamValue, section = 'Parameters'): this {
    if (!/^[^\s=:[\]]+(?: [^\s=:[\]]+)*$/.test(key)) throw new NeurarchyError(`saveParam: '${key}' cannot be an INI key (no '=', ':', brackets or line breaks)`);
    const text = formatValue(value, key);
    let s = this.ini.get(section);
    if (!s) { s = new Map(); this.ini.set(section, s); }
    s.set(key, text);
    this.writeIni();
    return this;
  }

  /** Stores every entry of `d`. */
  saveParamDict(d: Record<string, ParamValue>, section = 'Parameters'): this {
    for (const [k, v] of Object.entries(d)) this.saveParam(k, v, section);
    return this;
  }

  /** A stored parameter (numbers and booleans converted back); absence is an error unless a default is given. */
  loadParam(key: string, opts: LoadParamOptions = {}): ParamValue {
    checkOptions(opts, optionKeys<LoadParamOptions>()(['section', 'default', 'returnString']), 'loadParam()');
    const section = opts.section ?? 'Parameters';
    const text = this.ini.get(section)?.get(key);
    if (text === undefined) {
      if (opts.default !== undefined) return opts.default;
      const known = [...(this.ini.get(section)?.keys() ?? [])];
      throw new NeurarchyError(`${this.path}: no parameter '${key}' in [${section}] (it has ${known.length ? known.join(', ') : 'none'}); pass { default } to accept absence`);
    }
    return opts.returnString ? text : parseValue(text);
  }

  /** Several parameters at once (absent ones: `default`, or an error). */
  loadParamList(keys: string[], opts: LoadParamOptions = {}): ParamValue[] {
    return keys.map((k) => this.loadParam(k, opts));
  }

  /** Every parameter of a section. */
  getAllParams(section = 'Parameters'): Record<string, ParamValue> {
    return Object.fromEntries([...(this.ini.get(section) ?? [])].map(([k, v]) => [k, parseValue(v)]));
  }

  /** Whether a parameter is stored. */
  hasParam(key: string, section = 'Parameters'): boolean {
    return this.ini.get(section)?.has(key) ?? false;
  }

  /** Writes `<key>.npy` (shape default `[data.length]`). */
  saveNp(key: string, data: ArrayLike<number>, shape?: readonly number[]): this {
    this.fs.writeFileSync(this.file(key, '.npy', 'saveNp'), encodeNpy(data, shape));
    return this;
  }

  /** Reads `<key>.npy`. */
  loadNp(key: string): NpyArray {
    const f = this.file(key, '.npy', 'loadNp');
    if (!this.fs.existsSync(f)) throw new NeurarchyError(`loadNp: no '${f}'`);
    return decodeNpy(this.fs.readFileSync(f), { name: f });
  }

  /** Whether `<key>.npy` exists. */
  hasNp(key: string): boolean {
    return this.fs.existsSync(this.file(key, '.npy', 'hasNp'));
  }

  /** Writes several arrays to `<key>.npz` (`np.load(f)[name]`). */
  saveNpz(key: string, arrays: Record<string, NpzEntry>): this {
    this.fs.writeFileSync(this.file(key, '.npz', 'saveNpz'), encodeNpz(arrays));
    return this;
  }

  /** Reads `<key>.npz`. */
  loadNpz(key: string): Record<string, NpyArray> {
    const f = this.file(key, '.npz', 'loadNpz');
    if (!this.fs.existsSync(f)) throw new NeurarchyError(`loadNpz: no '${f}'`);
    return decodeNpz(this.fs.readFileSync(f));
  }

  /** Writes `<key>.json`. */
  saveObj(key: string, obj: unknown): this {
    this.fs.writeFileSync(this.file(key, '.json', 'saveObj'), JSON.stringify(obj, null, 1));
    return this;
  }

  /** Reads `<key>.json`. */
  loadObj<T = unknown>(key: string): T {
    const f = this.file(key, '.json', 'loadObj');
    if (!this.fs.existsSync(f)) throw new NeurarchyError(`loadObj: no '${f}'`);
    return JSON.parse(new TextDecoder().decode(this.fs.readFileSync(f))) as T;
  }

  /** Whether `<key>.json` exists. */
  hasObj(key: string): boolean {
    return this.fs.existsSync(this.file(key, '.json', 'hasObj'));
  }

  /** Writes `<key>.txt`. */
  saveStr(key: string, text: string): this {
    this.fs.writeFileSync(this.file(key, '.txt', 'saveStr'), text);
    return this;
  }

  /** Reads `<key>.txt`. */
  loadStr(key: string): string {
    const f = this.file(key, '.txt', 'loadStr');
    if (!this.fs.existsSync(f)) throw new NeurarchyError(`loadStr: no '${f}'`);
    return new TextDecoder().decode(this.fs.readFileSync(f));
  }

  /**
   * Writes a recorder's data to `<name>.npz`: for a Recorder, each expression as written (steps ×
   * width; `np.load(f)['mean(voltage)']`) and `iteration` (the iteration of each row); for an
   * EventRecorder, `<expr>.t` and `<expr>.i` per expression. Expressions holding `/` cannot be
   * archive names: record them under a name without it.
   */
  saveRecorder(recorder: Recorder, opts: SaveRecorderOptions = {}): this {
    checkOptions(opts, optionKeys<SaveRecorderOptions>()(['keys', 'name']), 'saveRecorder()');
    const keys = opts.keys ?? [...recorder.expressions];
    const out: Record<string, NpzEntry> = {};
    for (const k of keys) {
      checkKey(k, `saveRecorder: expression '${k}'`);
      if (recorder instanceof EventRecorder) {
        out[`${k}.t`] = { data: recorder.t(k) };
        out[`${k}.i`] = { data: recorder.i(k) };
      } else {
        const m = recorder.get(k);
        // One value per step (mean(…)): a 1-D series, as PymoNNto's np.array of scalars.
        out[k] = { data: m.data, shape: m.cols === 1 ? [m.rows] : [m.rows, m.cols] };
      }
    }
    if (!(recorder instanceof EventRecorder) && recorder.expressions.length) out.iteration = { data: recorder.iterations(keys[0]) };
    return this.saveNpz(opts.name ?? recorder.tag, out);
  }

  /** Saves the state of a behaviour network as `<key>.npz` (see `network-state.ts`) and its summary as `<key>.txt`. */
  saveNetwork(net: GroupNetwork, key = 'network'): this {
    this.fs.writeFileSync(this.file(key, '.npz', 'saveNetwork'), behaviorNetworkToNpz(net));
    return this.saveStr(key, net.toString());
  }

  /** Restores the state saved by {@link saveNetwork} into `net` (built the same way). */
  loadNetwork(net: GroupNetwork, key = 'network'): this {
    const f = this.file(key, '.npz', 'loadNetwork');
    if (!this.fs.existsSync(f)) throw new NeurarchyError(`loadNetwork: no '${f}'`);
    behaviorNetworkFromNpz(net, this.fs.readFileSync(f));
    return this;
  }

  /** Deletes this run's folder and everything in it. */
  remove(): void {
    this.fs.rmSync(this.path, { recursive: true, force: true });
  }
}

/** The runs of one experiment: every `<name><…>` folder under `<dataFolder>/StorageManager/<name>/`. */
export class StorageManagerGroup {
  private constructor(
    /** The experiment's name. */
    readonly name: string,
    /** Its runs, in folder-name order (natural: `x2` before `x10`). */
    readonly members: StorageManager[],
  ) {}

  /** Opens every run of experiment `name` (PymoNNto `StorageManagerGroup(Tag, main_folder_name, data_folder)`). */
  static async open(name: string, opts: { dataFolder?: string } = {}): Promise<StorageManagerGroup> {
    checkOptions(opts, ['dataFolder'], 'StorageManagerGroup.open()');
    checkKey(name, 'StorageManagerGroup.open()');
    const fs = await loadFs('StorageManagerGroup');
    const main = joinPath(opts.dataFolder ?? 'Data', 'StorageManager', name);
    if (!fs.existsSync(main)) throw new NeurarchyError(`StorageManagerGroup: no folder '${main}' (no run of '${name}' was stored there)`);
    const folders = fs.readdirSync(main, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return new StorageManagerGroup(name, folders.map((f) => StorageManager.reopen(fs, name, f, joinPath(main, f))));
  }

  /** Sorts the runs by a parameter, ascending (runs without it last). */
  sortBy(param: string, section = 'Parameters'): this {
    const val = (sm: StorageManager): number => {
      const v = sm.hasParam(param, section) ? sm.loadParam(param, { section }) : undefined;
      return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : Infinity;
    };
    this.members.sort((a, b) => val(a) - val(b));
    return this;
  }

  /** The parameter of each run (`undefined` where absent, or those runs left out with `removeNone`). */
  getParamList(param: string, opts: { removeNone?: boolean; section?: string } = {}): (ParamValue | undefined)[] {
    checkOptions(opts, ['removeNone', 'section'], 'getParamList()');
    const section = opts.section ?? 'Parameters';
    const all = this.members.map((sm) => (sm.hasParam(param, section) ? sm.loadParam(param, { section }) : undefined));
    return opts.removeNone ? all.filter((v) => v !== undefined) : all;
  }

  /**
   * One list per parameter, over the runs that have all of them (or all runs with
   * `removeNone: false`, `undefined` where absent); the name `'#SM#'` gives the runs themselves
   * (PymoNNto's marker).
   */
  getMultiParamList(params: string[], opts: { removeNone?: boolean; section?: string } = {}): (ParamValue | StorageManager | undefined)[][] {
    checkOptions(opts, ['removeNone', 'section'], 'getMultiParamList()');
    const section = opts.section ?? 'Parameters';
    const runs = (opts.removeNone ?? true)
      ? this.members.filter((sm) => params.every((p) => p === '#SM#' || sm.hasParam(p, section)))
      : this.members;
    return params.map((p) => runs.map((sm) => (p === '#SM#' ? sm : sm.hasParam(p, section) ? sm.loadParam(p, { section }) : undefined)));
  }

  /** `<key>.npy` of every run that has it. */
  getNpList(key: string): NpyArray[] {
    return this.members.filter((sm) => sm.hasNp(key)).map((sm) => sm.loadNp(key));
  }
}
