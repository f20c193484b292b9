/**
 * The positional arguments of the connector methods. TypeScript refuses a second argument to
 * `connectAllToAll()`, but JavaScript passes it and the method never looked at it:
 * `proj.connectAllToAll(0.1, { delays: 3 })` connected without delays. ANNarchy's own methods are
 * positional (`connect_fixed_probability(probability, weights, delays)`), so a user coming from
 * Python writes exactly that. Each extra or wrong-typed argument is refused here, naming the
 * projection and the method, with the call rewritten as the options object neurarchy takes.
 */
import { InternalError, NetworkError } from '../errors.js';
import { describeValue } from './options.js';

/** How one connector method takes its arguments. */
interface ArgumentShape {
  /** Arguments before the options object (connectFromMatrix's weights: 1). */
  leading: number;
  /** Names of those leading arguments, for messages. */
  leadingNames: readonly string[];
  /** Whether the options argument may be a number, which is the weight (`connectAllToAll(0.5)`). */
  numberIsWeight: boolean;
  /** ANNarchy's method and its positional parameters after the leading ones, as neurarchy's keys. */
  annarchy: string;
  positional: readonly string[];
}

const SELF_FORCE = ['allowSelfConnections', 'forceMultipleWeights'] as const;

/** ANNarchy's signatures (annarchy.md, Projection connectors), keys in neurarchy's spelling. */
const SHAPES: Readonly<Record<string, ArgumentShape>> = {
  connectAllToAll: { leading: 0, leadingNames: [], numberIsWeight: true, annarchy: 'connect_all_to_all', positional: ['weights', 'delays', ...SELF_FORCE] },
  connectOneToOne: { leading: 0, leadingNames: [], numberIsWeight: true, annarchy: 'connect_one_to_one', positional: ['weights', 'delays', 'forceMultipleWeights'] },
  connectFixedProbability: { leading: 0, leadingNames: [], numberIsWeight: false, annarchy: 'connect_fixed_probability', positional: ['probability', 'weights', 'delays', ...SELF_FORCE] },
  connectFixedNumberPre: { leading: 0, leadingNames: [], numberIsWeight: false, annarchy: 'connect_fixed_number_pre', positional: ['number', 'weights', 'delays', ...SELF_FORCE] },
  connectFixedNumberPost: { leading: 0, leadingNames: [], numberIsWeight: false, annarchy: 'connect_fixed_number_post', positional: ['number', 'weights', 'delays', ...SELF_FORCE] },
  connectGaussian: { leading: 0, leadingNames: [], numberIsWeight: false, annarchy: 'connect_gaussian', positional: ['amp', 'sigma', 'delays', 'limit', 'allowSelfConnections'] },
  connectDog: { leading: 0, leadingNames: [], numberIsWeight: false, annarchy: 'connect_dog', positional: ['ampPos', 'sigmaPos', 'ampNeg', 'sigmaNeg', 'delays', 'limit', 'allowSelfConnections'] },
  connectFromMatrix: { leading: 1, leadingNames: ['weights'], numberIsWeight: false, annarchy: 'connect_from_matrix', positional: ['delays', 'prePost'] },
  connectFromSparse: { leading: 1, leadingNames: ['matrix'], numberIsWeight: false, annarchy: 'connect_from_sparse', positional: ['delays'] },
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

function ordinal(i: number): string {
  return ORDINALS[i] ?? `#${i + 1}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A value as it would be written in the suggested call (a distribution or array stays `…`). */
function literal(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return '…';
}

/**
 * The call rewritten with one options object: positional values take ANNarchy's parameter order,
 * and a trailing options object is merged in (`connectAllToAll(0.1, { delays: 3 })` →
 * `connectAllToAll({ weights: 0.1, delays: 3 })`).
 */
function rewritten(method: string, shape: ArgumentShape, args: ArrayLike<unknown>): string {
  const entries: string[] = [];
  for (let i = shape.leading; i < args.length; i++) {
    const v = args[i];
    const key = shape.positional[i - shape.leading];
    if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) entries.push(`${k}: ${literal(x)}`);
    else if (v !== undefined && key !== undefined) entries.push(`${key}: ${literal(v)}`);
  }
  const leading = shape.leadingNames.map((n) => `${n}, `).join('');
  return `${method}(${leading}{ ${entries.join(', ')} })`;
}

/**
 * Throws when a connector method receives more positional arguments than it takes, or an options
 * argument that is not an object (a number only where it is the weight). `where` names the
 * projection and the method, as in the other connector errors.
 */
export function checkConnectArguments(method: string, args: ArrayLike<unknown>, where: string): void {
  const shape = SHAPES[method];
  if (shape === undefined) throw new InternalError(`checkConnectArguments: no argument shape for ${method}`);
  const max = shape.leading + 1;
  const options = args[shape.leading];
  const optionsBad = options !== undefined && !(shape.numberIsWeight && typeof options === 'number') && (options === null || typeof options !== 'object' || Array.isArray(options) || ArrayBuffer.isView(options));
  if (typeof options === 'number' && shape.numberIsWeight && !Number.isFinite(options)) {
    throw new NetworkError(`${where}: the weight must be a finite number, got ${options}`);
  }
  if (args.length <= max && !optionsBad) return;
  const takes = shape.leading === 0
    ? `takes one argument, an options object${shape.numberIsWeight ? ' (or a number: the weight)' : ''}`
    : `takes ${shape.leadingNames.join(', ')} then an options object`;
  const culprit = optionsBad ? shape.leading : max;
  const annarchy = `${shape.annarchy}(${[...shape.leadingNames, ...shape.positional].join(', ')})`;
  throw new NetworkError(
    `${where} ${takes}, not positional arguments like ANNarchy's ${annarchy}: the ${ordinal(culprit)} argument (${describeValue(args[culprit])}) would be ignored or misread; ` +
    `write ${rewritten(method, shape, args)}`,
  );
}

/** Throws when `method(filename)` receives something else than one non-empty string. */
export function checkFilenameArgument(args: ArrayLike<unknown>, where: string): void {
  const filename = args[0];
  if (typeof filename !== 'string' || filename.length === 0) {
    throw new NetworkError(`${where}: the file name must be a non-empty string ('weights.json' or 'weights.npz'), got ${describeValue(filename)}`);
  }
  if (args.length > 1) {
    throw new NetworkError(`${where} takes one argument, the file name, got ${args.length}: the second (${describeValue(args[1])}) would be ignored; remove it`);
  }
}

/** Options that are numbers (the connectors check their ranges; a string such as '0.5' is refused here, by type). */
const NUMBER_OPTIONS = ['probability', 'number', 'amp', 'sigma', 'limit', 'ampPos', 'sigmaPos', 'ampNeg', 'sigmaNeg'] as const;

/** Options without a default, per method. */
const REQUIRED_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  connectFixedProbability: ['probability'],
  connectFixedNumberPre: ['number'],
  connectFixedNumberPost: ['number'],
  connectGaussian: ['amp', 'sigma'],
  connectDog: ['ampPos', 'sigmaPos', 'ampNeg', 'sigmaNeg'],
};

/**
 * Throws when a required option is missing or an option has the wrong JavaScript type: a number
 * given as a string (`{ probability: '0.5' }` printed as "got 0.5" by the connector, which read as
 * a number), or weights/delays that are neither a number, an array nor a distribution.
 */
export function checkConnectOptionTypes(method: string, options: object, where: string): void {
  const o = options as Record<string, unknown>;
  const required = REQUIRED_OPTIONS[method] ?? [];
  for (const key of required) {
    if (o[key] === undefined) throw new NetworkError(`${where}: ${key} is missing: give { ${required.map((k) => `${k}: …`).join(', ')} } (and the other options as needed)`);
  }
  for (const key of NUMBER_OPTIONS) {
    const v = o[key];
    if (v === undefined || typeof v === 'number') continue;
    const asNumber = typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? `: write ${key}: ${Number(v)}` : '';
    throw new NetworkError(`${where}: ${key} must be a number, got ${describeValue(v)}${asNumber}`);
  }
  for (const key of ['weights', 'delays'] as const) {
    const v = o[key];
    if (v === undefined || v === null || typeof v === 'number' || typeof v === 'object') continue;
    const asNumber = typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? `: write ${key}: ${Number(v)}` : '';
    throw new NetworkError(`${where}: ${key} must be a number, an array (one value per synapse) or a distribution, got ${describeValue(v)}${asNumber}`);
  }
}

/** Throws unless connectFromMatrix's weights / connectFromSparse's matrix is an object (rows, {data, shape}, COO or CSR). */
export function checkMatrixArgument(method: 'connectFromMatrix' | 'connectFromSparse', value: unknown, where: string): void {
  if (value !== null && typeof value === 'object') return;
  const expected = method === 'connectFromMatrix'
    ? 'weights must be a list of rows (post × pre, or pre × post with prePost: true) or { data, shape }'
    : 'the matrix must be { shape: [pre, post], row, col, data } (COO), { shape, indptr, indices, data } (CSR) or { format: \'csc\', shape, indptr, indices, data } (CSC)';
  throw new NetworkError(`${where}: ${expected}, got ${value === undefined ? 'no argument' : describeValue(value)}`);
}
