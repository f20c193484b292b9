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
