/**
 * Recording behaviours. `Recorder(['voltage', 'mean(voltage)'], { tag })` stores the value of each
 * expression after its key's turn in every step; `EventRecorder('spike', { tag })` stores the
 * (iteration, index) of every non-zero element. Expressions are parsed, never evaluated as code
 * (see `expression.ts`). Both initialise last, so the variables they record exist.
 *
 * Data are found by the expression as written (or its PymoNNto spelling: `'np.mean(voltage)'`,
 * `'n.voltage'`), on the recorder (`rec.get('voltage')`) or from any ancestor
 * (`net.getRecorded('voltage', 0)`, `net.get('voltage', 0)`).
 *
 * Shapes (all row-major {@link DenseMatrix}es, so `.data` is a flat Float64Array):
 * - `Recorder.get(expr)`: recorded steps × width, where width is the host's size for per-element
 *   expressions and 1 for numbers (`mean(…)`): `.data` is then the time series.
 * - `EventRecorder.get('spike')`: events × 2, columns iteration `t` and index `i`;
 *   `get('spike.t')` and `get('spike.i')`: events × 1.
 *
 * Differences from PymoNNto: an expression that fails raises an error naming it (PymoNNto skips
 * the step silently); there is no tag cache to go stale after `clear()`.
 */
import type { Expr } from '../equations/ast.js';
import { NeurarchyError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { Behavior } from './Behavior.js';
import { evaluateOnHost, normalizeKey, parseRecorderExpression, type Value } from './expression.js';
import type { BehaviorHost } from './host.js';
import { DenseMatrix } from './matrix.js';
import type { SearchKey } from './tags.js';

/** Options of a recorder. */
export interface RecorderOptions {
  /** Tags of the recorder. */
  tag?: string;
  /** Record only when `iteration % every === 0` (default 1: every step; PymoNNto `gapwidth`). */
  every?: number;
  /** Keep only the last `maxLength` steps (Recorder only). */
  maxLength?: number;
}

/** The keys of {@link RecorderOptions}. */
export const RECORDER_OPTIONS = optionKeys<RecorderOptions>()(['tag', 'every', 'maxLength']);

/** A growing row-major table of numbers, optionally keeping only the last rows. */
class Series {
  width = -1;
  rows = 0;
  private start = 0;
  private data = new Float64Array(0);
  private iters = new Int32Array(0);

  constructor(private readonly maxLength: number | undefined) {}

  push(value: Value, iteration: number, text: string): void {
    const w = typeof value === 'number' ? 1 : value.length;
    if (this.width < 0) this.width = w;
    else if (w !== this.width) throw new NeurarchyError(`'${text}' had ${this.width} value(s) per step and now has ${w}`);
    if (this.maxLength !== undefined && this.rows === this.maxLength) { this.start++; this.rows--; }
    if ((this.start + this.rows + 1) * w > this.data.length || this.start + this.rows + 1 > this.iters.length) this.makeRoom();
    const at = this.start + this.rows;
    if (typeof value === 'number') this.data[at] = value;
    else if (value instanceof Float64Array) this.data.set(value, at * w);
    else for (let i = 0; i < w; i++) this.data[at * w + i] = value[i]!;
    this.iters[at] = iteration;
    this.rows++;
  }

  private makeRoom(): void {
    const w = Math.max(1, this.width);
    if (this.start > 0 && this.start >= this.rows) {
      this.data.copyWithin(0, this.start * w, (this.start + this.rows) * w);
      this.iters.copyWithin(0, this.start, this.start + this.rows);
      this.start = 0;
      return;
    }
    const cap = Math.max(16, 2 * (this.start + this.rows + 1));
    const data = new Float64Array(cap * w);
    data.set(this.data.subarray(this.start * w, (this.start + this.rows) * w));
    const iters = new Int32Array(cap);
    iters.set(this.iters.subarray(this.start, this.start + this.rows));
    this.data = data;
    this.iters = iters;
    this.start = 0;
  }

  matrix(): DenseMatrix {
    const w = Math.max(1, this.width);
    return new DenseMatrix(this.rows, w, this.data.slice(this.start * w, (this.start + this.rows) * w));
  }

  iterations(): Int32Array {
    return this.iters.slice(this.start, this.start + this.rows);
  }
}

/** Records expressions of its host every step (or every `every` steps). */
export class Recorder extends Behavior {
  override readonly initializeLast = true;
  /** The expressions, as written. */
  readonly expressions: readonly string[];
  private readonly every: number;
  private readonly maxLength: number | undefined;
  private parsed = new Map<string, Expr>();
  private series = new Map<string, Series>();

  constructor(variables: string | readonly string[], opts: RecorderOptions = {}) {
    checkOptions(opts, RECORDER_OPTIONS, `new ${new.target.name}()`);
    super({ ...opts });
    this.addTag('recorder');
    this.expressions = typeof variables === 'string' ? [variables] : [...variables];
    this.every = this.parameter('every', 1);
    this.maxLength = this.parameter<number | undefined>('maxLength', undefined);
    if (!Number.isInteger(this.every) || this.every < 1) throw new NeurarchyError(`${this.constructor.name}: every must be a positive whole number`);
    for (const e of this.expressions) this.series.set(e, new Series(this.maxLength));
  }

  /** Parses the expressions (a syntax error fails here, naming the expression). */
  override initialize(host: BehaviorHost): void {
    for (const e of this.expressions) this.parsed.set(e, parseRecorderExpression(e, `${this.tag} on '${host.tag}'`));
  }

  override iteration(host: BehaviorHost): void {
    if (!host.recording || !host.network.recording) return;
    const it = host.iteration;
    if (it % this.every !== 0) return;
    for (const e of this.expressions) this.record(e, evaluateOnHost(this.parsed.get(e)!, host, e), it);
  }

  /** Stores one evaluated value. */
  protected record(expr: string, value: Value, iteration: number): void {
    this.series.get(expr)!.push(value, iteration, expr);
  }

  /** The expression as written that `key` designates, or undefined. */
  protected resolveKey(key: string): string | undefined {
    if (this.series.has(key)) return key;
    const k = normalizeKey(key);
    return this.expressions.find((e) => normalizeKey(e) === k);
  }

  /** Data recorded for `expr`: recorded steps × width (see the module comment). */
  get(expr: string): DenseMatrix {
    const key = this.resolveKey(expr);
    if (key === undefined) throw new NeurarchyError(`${this.tag} does not record '${expr}'; it records ${this.recordedKeys().map((k) => `'${k}'`).join(', ')}`);
    return this.series.get(key)!.matrix();
  }

  /** The iteration of each recorded row of `expr` (default: the first expression). */
  iterations(expr: string = this.expressions[0]!): Int32Array {
    const key = this.resolveKey(expr);
    if (key === undefined) throw new NeurarchyError(`${this.tag} does not record '${expr}'`);
    return this.series.get(key)!.iterations();
  }

  /** The keys under which this recorder's data can be found. */
  recordedKeys(): string[] {
    return [...this.expressions];
  }

  override toString(): string {
    const rest = super.toString().replace(/^\w+\(/, '');
    return `${this.constructor.name}([${this.expressions.map((e) => `'${e}'`).join(', ')}]${rest === ')' ? ')' : `, ${rest}`}`;
  }

  /** Forgets everything recorded (PymoNNto `clear`/`reset`). */
  clear(): void {
    for (const e of this.expressions) this.series.set(e, new Series(this.maxLength));
  }

  override find(key: SearchKey): unknown[] {
    if (typeof key !== 'string') return [];
    const k = this.resolveKey(key);
    return k === undefined ? [] : [this.series.get(k)!.matrix()];
  }
}

/** Growing list of (iteration, index) events. */
class Events {
  count = 0;
  t = new Int32Array(64);
  i = new Int32Array(64);

  push(t: number, i: number): void {
    if (this.count === this.t.length) {
      const t2 = new Int32Array(this.count * 2); t2.set(this.t); this.t = t2;
      const i2 = new Int32Array(this.count * 2); i2.set(this.i); this.i = i2;
    }
    this.t[this.count] = t;
    this.i[this.count] = i;
    this.count++;
  }
}

/**
 * Records the non-zero elements of expressions as events: `get('spike.t')` holds the iteration
 * and `get('spike.i')` the element (neuron) index of each event, in order of time then index.
 */
export class EventRecorder extends Recorder {
  private events = new Map<string, Events>();

  constructor(variables: string | readonly string[], opts: Omit<RecorderOptions, 'maxLength'> = {}) {
    super(variables, opts);
    for (const e of this.expressions) this.events.set(e, new Events());
  }

  protected override record(expr: string, value: Value, iteration: number): void {
    const ev = this.events.get(expr)!;
    if (typeof value === 'number') { if (value !== 0) ev.push(iteration, 0); return; }
    for (let i = 0; i < value.length; i++) if (value[i] !== 0) ev.push(iteration, i);
  }

  private split(key: string): { expr: string; part: 't' | 'i' | undefined } | undefined {
    const whole = this.resolveKey(key);
    if (whole !== undefined) return { expr: whole, part: undefined };
    const m = /^(.*)\.(t|i)$/s.exec(key.trim());
    if (!m) return undefined;
    const base = this.resolveKey(m[1]!);
    return base === undefined ? undefined : { expr: base, part: m[2] as 't' | 'i' };
  }

  /** `'spike'`: events × 2 (t, i); `'spike.t'`, `'spike.i'`: events × 1. */
  override get(key: string): DenseMatrix {
    const s = this.split(key);
    if (!s) throw new NeurarchyError(`${this.tag} does not record '${key}'; it records ${this.recordedKeys().map((k) => `'${k}'`).join(', ')}`);
    const ev = this.events.get(s.expr)!;
    if (s.part) return new DenseMatrix(ev.count, 1, Float64Array.from(ev[s.part].subarray(0, ev.count)));
    const data = new Float64Array(ev.count * 2);
    for (let k = 0; k < ev.count; k++) { data[2 * k] = ev.t[k]!; data[2 * k + 1] = ev.i[k]!; }
    return new DenseMatrix(ev.count, 2, data);
  }

  /** Iterations of the events of `expr` (default: the first expression). */
  t(expr: string = this.expressions[0]!): Int32Array {
    return this.eventsOf(expr).t.slice(0, this.eventsOf(expr).count);
  }

  /** Element indices of the events of `expr` (default: the first expression). */
  i(expr: string = this.expressions[0]!): Int32Array {
    return this.eventsOf(expr).i.slice(0, this.eventsOf(expr).count);
  }

  private eventsOf(expr: string): Events {
    const key = this.resolveKey(expr);
    if (key === undefined) throw new NeurarchyError(`${this.tag} does not record '${expr}'`);
    return this.events.get(key)!;
  }

  override iterations(): Int32Array {
    throw new NeurarchyError(`${this.tag}: an EventRecorder has no per-step rows; use t() and i()`);
  }

  override recordedKeys(): string[] {
    return this.expressions.flatMap((e) => [e, `${e}.t`, `${e}.i`]);
  }

  override clear(): void {
    super.clear();
    for (const e of this.expressions) this.events.set(e, new Events());
  }

  override find(key: SearchKey): unknown[] {
    if (typeof key !== 'string') return [];
    return this.split(key) ? [this.get(key)] : [];
  }
}
