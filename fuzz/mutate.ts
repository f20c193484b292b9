/**
 * Mutations of model descriptions. Each mutant carries what it is by construction: 'invalid' when
 * the change always makes the description wrong (an unknown symbol, an unbalanced parenthesis, a
 * field of the wrong type, …), 'unknown' when it may or may not (a dropped token, a deep but
 * well-formed expression, a duplicated line). Expectations are conservative: when in doubt, 'unknown'.
 */
import type { Rng } from './prng.js';
import { BASES, FIELDS, type Base, type Spec } from './generate.js';
import type { Expect } from './types.js';
import { FLAG_NAMES } from '../src/equations/flags.js';

export interface Mutant {
  base: Base;
  spec: Spec;
  /** The mutated field (or key). */
  field: string;
  op: string;
  expect: Expect;
  /** The refusal must name this field (type errors, syntax errors confined to the field). */
  strictField: boolean;
  /** The model's name (what a refusal must contain), when the name itself was not mutated away (set by `mutate`). */
  name?: string;
  /** Synapses: the pre-synaptic population's type, when the mutation changed it (a rate synapse fed by spikes). */
  pre?: 'rate' | 'spike';
  /** Synapses: 0 all-to-all with one delay, 1 fixed probability with random delays, 2 one-to-one, 3 two targets. */
  connectivity?: number;
  /** The network's default numerical method (for ODEs without a method flag). */
  method?: string;
  /** The network's step in ms (delays of 0.5 ms at dt 1.0 round to the shortest delay). */
  dt?: number;
}

/** Default methods of the network, in turn (each takes other code paths: implicit solvers, stages). */
const METHODS = ['explicit', 'implicit', 'semiimplicit', 'exponential', 'midpoint', 'rk4'];

/** Fields holding lines `lhs = rhs : flags`. */
const LINE_FIELDS = new Set(['parameters', 'equations', 'reset', 'axonReset', 'preSpike', 'postSpike', 'preAxonSpike', 'functions']);
/** Fields holding one expression (a condition, a psp). */
const EXPR_FIELDS = new Set(['spike', 'axonSpike', 'psp']);
/** Fields that may be a list of lines. */
const LIST_FIELDS = new Set(['equations', 'reset', 'axonReset', 'preSpike', 'postSpike', 'preAxonSpike']);
/** Fields where any string is acceptable. */
const FREE_FIELDS = new Set(['name', 'description']);

const UNKNOWN = 'zq_unknown';

/**
 * Field values written from scratch: [value, expectation]. An undeclared variable assigned in
 * reset/pre_spike/post_spike is not an error (ANNarchy makes it an implicit local variable); one
 * read there is.
 */
const SNIPPETS: Record<string, Array<[unknown, Expect]>> = {
  parameters: [['tau = 10.0', 'unknown'], ['tau = ', 'invalid'], ['= 10.0', 'invalid'], ['tau = 10.0 : zq_flag', 'invalid'], ['1tau = 10.0', 'invalid'],
    [{ tau: 10 }, 'unknown'], [{ tau: 'ten' }, 'invalid'], [{ tau: NaN }, 'unknown'], [{ tau: [1, 2] }, 'invalid'], [{ tau: null }, 'invalid'], [{ 'ta u': 1 }, 'invalid'], [{}, 'unknown']],
  equations: [['dv/dt = -v', 'unknown'], ['dv/dt = -v : init = ' + UNKNOWN, 'invalid'], ['dv/dt =', 'invalid'], ['d/dt = 1', 'invalid'], ['dv/dt + = v', 'invalid'],
    ['x = 1.0\nx = 2.0', 'unknown'], ['dt = 1.0', 'invalid'], ['t = 1.0', 'invalid'], ['v = 1 : min = 2, max = 1', 'unknown'], [['dv/dt = -v', 5], 'invalid'], [[], 'unknown'], ['', 'unknown']],
  spike: [['v > 0.0', 'unknown'], ['v >', 'invalid'], ['v', 'unknown'], ['', 'unknown'], ['v > 0 and', 'invalid'], ['v >> 1', 'invalid'], ['v = 1', 'unknown'], [UNKNOWN + ' > 0', 'invalid']],
  reset: [['v = 0.0', 'unknown'], [UNKNOWN + ' = 1.0', 'unknown'], ['v = ', 'invalid'], ['v += ' + UNKNOWN, 'invalid'], [['v = 0.0', null], 'invalid'], ['dv/dt = 1.0', 'unknown']],
  axonSpike: [['v > 100.0', 'unknown'], [UNKNOWN + ' > 0', 'invalid'], ['v >', 'invalid']],
  axonReset: [['v = 0.0', 'unknown'], [UNKNOWN + ' = 1', 'unknown'], ['v = ' + UNKNOWN, 'invalid']],
  refractory: [[0, 'unknown'], [2.5, 'unknown'], [-1, 'invalid'], [NaN, 'invalid'], [Infinity, 'unknown'], [1e9, 'unknown'], [-Infinity, 'invalid'],
    [UNKNOWN, 'invalid'], ['', 'unknown'], ['2.0', 'unknown'], ['v', 'unknown'], ['-1.0', 'unknown'], ['1 +', 'invalid'], [[2], 'invalid'], [{}, 'invalid'], [true, 'invalid']],
  functions: [['f(x) = x*x', 'unknown'], ['f(x) = x +', 'invalid'], ['f(x) = ' + UNKNOWN + '(x)', 'invalid'], ['f(x) = f(x)', 'unknown'], ['exp(x) = x', 'unknown'],
    ['f(x, x) = x', 'unknown'], ['f(x) = x\nf(y) = y', 'unknown'], ['f(x) = y', 'invalid'], ['f x = x', 'invalid'], ['f() = 1.0', 'unknown']],
  psp: [['w * pre.r', 'unknown'], ['w * pre.' + UNKNOWN, 'invalid'], ['w * post.' + UNKNOWN, 'invalid'], ['', 'unknown'], ['w *', 'invalid'], ['w = 1', 'invalid']],
  operation: [['sum', 'unknown'], ['max', 'unknown'], ['min', 'unknown'], ['mean', 'unknown'], ['foo', 'invalid'], ['SUM', 'invalid'], ['', 'invalid']],
  preSpike: [['g_target += w', 'unknown'], ['g_' + UNKNOWN + ' += w', 'unknown'], ['post.' + UNKNOWN + ' += 1', 'invalid'], ['pre.' + UNKNOWN + ' += 1', 'invalid'], ['w = ', 'invalid'], ['g_target += w\nw = clip(w, 0, 1)', 'unknown']],
  postSpike: [['w += 0.01', 'unknown'], ['post.' + UNKNOWN + ' += 1', 'invalid'], [UNKNOWN + ' = 1', 'unknown'], ['w += ' + UNKNOWN, 'invalid'], ['w = clip(w + 0.1, 0.0, 1.0)', 'unknown']],
  preAxonSpike: [['g_target += w', 'unknown'], [UNKNOWN + ' += w', 'unknown'], ['g_target += ' + UNKNOWN, 'invalid']],
  name: [['x', 'unknown'], ['', 'unknown'], ['a/b', 'unknown'], ['\u0000', 'unknown'], [5, 'unknown'], [null, 'unknown']],
  description: [['any text', 'unknown'], [5, 'unknown'], ['', 'unknown']],
};

/** Strings that are not part of the equation language, put inside an identifier. */
const BAD_CHARS = ['\u200b', '\u0000', '\u0007', '\u00a0', '\u{1F600}', '\ufeff', '\u202e', '\t', '\r', '\\', '$', '`', '@', '?', ';', '{'];

/** The parts of a line: body, ` : flags`, `# comment`. */
interface LineParts { body: string; flags: string; comment: string }

function splitLine(line: string): LineParts {
  const hash = line.indexOf('#');
  const comment = hash >= 0 ? line.slice(hash) : '';
  const code = hash >= 0 ? line.slice(0, hash) : line;
  let depth = 0, last = -1;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ':' && depth === 0) last = i;
  }
  if (last >= 0) {
    const names = code.slice(last + 1).split(',').map((s) => s.split('=')[0]!.trim());
    if (names.every((n) => FLAG_NAMES.has(n))) return { body: code.slice(0, last), flags: code.slice(last), comment };
  }
  return { body: code, flags: '', comment };
}

const join = (p: LineParts): string => p.body + p.flags + p.comment;

/** The index of the assignment's `=` in a body (not `==`, `<=`, `>=`, `!=`), and whether it is compound (`+=`). */
function assignment(body: string): { at: number; compound: boolean } | undefined {
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '=') continue;
    const prev = body[i - 1] ?? '', next = body[i + 1] ?? '';
    if (next === '=' ) { i++; continue; }
    if ('<>!='.includes(prev) && prev !== '') continue;
    return { at: i, compound: '+-*/'.includes(prev) && prev !== '' };
  }
  return undefined;
}

const TOKEN = /\d+\.?\d*(?:[eE][+-]?\d+)?|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?|[<>=!+\-*/^]=?|\S/g;

function tokens(body: string): Array<{ text: string; at: number }> {
  return [...body.matchAll(TOKEN)].map((m) => ({ text: m[0], at: m.index! }));
}

/** A field value as lines, and how to put the lines back into the same shape. */
function asLines(value: unknown): { lines: string[]; back: (lines: string[]) => unknown } | undefined {
  if (typeof value === 'string') return { lines: value.split('\n'), back: (l) => l.join('\n') };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { lines: [...value], back: (l) => l };
  return undefined;
}

type LineEdit = (rng: Rng, parts: LineParts, field: string) => { parts: LineParts; expect: Expect } | undefined;

/** Edits of one line; each returns the expectation of its result. */
const LINE_EDITS: Record<string, LineEdit> = {
  'tok:drop': (rng, p) => {
    const t = tokens(p.body); if (t.length < 2) return undefined;
    const k = t[rng.int(t.length)]!;
    return { parts: { ...p, body: p.body.slice(0, k.at) + p.body.slice(k.at + k.text.length) }, expect: 'unknown' };
  },
  'tok:dup': (rng, p) => {
    const t = tokens(p.body); if (t.length < 1) return undefined;
    const k = t[rng.int(t.length)]!;
    return { parts: { ...p, body: p.body.slice(0, k.at) + k.text + ' ' + p.body.slice(k.at) }, expect: 'unknown' };
  },
  'tok:swap': (rng, p) => {
    const t = tokens(p.body); if (t.length < 2) return undefined;
    const i = rng.int(t.length - 1), a = t[i]!, b = t[i + 1]!;
    const body = p.body.slice(0, a.at) + b.text + p.body.slice(a.at + a.text.length, b.at) + a.text + p.body.slice(b.at + b.text.length);
    return { parts: { ...p, body }, expect: 'unknown' };
  },
  'sym:unknown': (_rng, p, field) => ({ parts: { ...p, body: `${p.body.trimEnd()} + ${UNKNOWN} ` }, expect: field === 'parameters' && !assignment(p.body) ? 'unknown' : 'invalid' }),
  'sym:pre-missing': (_rng, p) => ({ parts: { ...p, body: `${p.body.trimEnd()} + pre.${UNKNOWN} ` }, expect: 'invalid' }),
  'sym:post-missing': (_rng, p) => ({ parts: { ...p, body: `${p.body.trimEnd()} + post.${UNKNOWN} ` }, expect: 'invalid' }),
  'sym:pre-existing': (_rng, p, field) => ({ parts: { ...p, body: `${p.body.trimEnd()} + 0.0 * pre.v ` }, expect: field === 'parameters' ? 'invalid' : 'unknown' }),
  'call:unknown': (_rng, p) => ({ parts: { ...p, body: `${p.body.trimEnd()} + zq_fn(1.0) ` }, expect: 'invalid' }),
  'call:arity': (rng, p) => ({ parts: { ...p, body: `${p.body.trimEnd()} + ${rng.pick(['exp(1.0, 2.0)', 'pos()', 'clip(1.0)', 'sin(1.0, 2.0, 3.0)', 'modulo(7.0)'])} ` }, expect: 'invalid' }),
  // Distribution arguments that are refused as initial values must be refused in equations too (issue 13).
  'dist:bad-args': (rng, p, field) => ({
    parts: { ...p, body: `${p.body.trimEnd()} + ${rng.pick(['Normal(0.0, -1.0)', 'Uniform(1.0, 0.0)', 'Exponential(-1.0)', 'Gamma(-1.0, 1.0)', 'Normal(0.0)'])} ` },
    expect: field === 'parameters' || field === 'functions' ? 'unknown' : 'invalid',
  }),
  // A tiny time-dependent power: js and cpp must compute x^y with the same bits, not only y = 2.
  'pow:term': (rng, p) => ({ parts: { ...p, body: `${p.body.trimEnd()} + 1e-9 * (t + 0.3)^${rng.pick(['3', '3.7', '0.5', '-1.5', '4'])} ` }, expect: 'unknown' }),
  'paren:open': (rng, p) => {
    if (p.body.trim() === '') return undefined;
    const at = rng.int(p.body.length + 1);
    return { parts: { ...p, body: p.body.slice(0, at) + '(' + p.body.slice(at) }, expect: 'invalid' };
  },
  'paren:close': (rng, p) => {
    if (p.body.trim() === '') return undefined;
    const at = rng.int(p.body.length + 1);
    return { parts: { ...p, body: p.body.slice(0, at) + ')' + p.body.slice(at) }, expect: 'invalid' };
  },
  'flag:unknown': (_rng, p, field) => ({
    parts: { ...p, flags: p.flags ? `${p.flags}, zq_flag` : ' : zq_flag' },
    expect: (field === 'equations' || field === 'parameters') && assignment(p.body) ? 'invalid' : 'unknown',
  }),
  'flag:two-methods': (_rng, p) => ({ parts: { ...p, flags: p.flags ? `${p.flags}, implicit, exponential` : ' : implicit, exponential' }, expect: 'unknown' }),
  'flag:init-unknown': (_rng, p, field) => ({ parts: { ...p, flags: p.flags ? `${p.flags}, init = ${UNKNOWN}` : ` : init = ${UNKNOWN}` }, expect: field === 'equations' && assignment(p.body) ? 'invalid' : 'unknown' }),
  'flag:min-empty': (_rng, p) => ({ parts: { ...p, flags: p.flags ? `${p.flags}, min = ` : ' : min = ' }, expect: 'unknown' }),
  'line:no-eq': (_rng, p) => {
    const a = assignment(p.body); if (!a) return undefined;
    const from = a.compound ? a.at - 1 : a.at;
    return { parts: { ...p, body: p.body.slice(0, from) + '  ' + p.body.slice(a.at + 1) }, expect: 'invalid' };
  },
  'unicode:in-identifier': (rng, p) => {
    const ids = [...p.body.matchAll(/[A-Za-z_]\w+/g)]; if (ids.length === 0) return undefined;
    const id = rng.pick(ids), at = id.index! + 1 + rng.int(id[0].length - 1);
    return { parts: { ...p, body: p.body.slice(0, at) + rng.pick(BAD_CHARS) + p.body.slice(at) }, expect: 'invalid' };
  },
  'unicode:letter': (rng, p) => {
    const ids = [...p.body.matchAll(/[A-Za-z_]\w+/g)]; if (ids.length === 0) return undefined;
    const id = rng.pick(ids), at = id.index! + 1;
    return { parts: { ...p, body: p.body.slice(0, at) + rng.pick(['é', 'λ', 'ß', 'Ω']) + p.body.slice(at) }, expect: 'unknown' };
  },
  'unicode:between': (rng, p) => {
    const at = rng.int(p.body.length + 1);
    return { parts: { ...p, body: p.body.slice(0, at) + ' ' + rng.pick(BAD_CHARS) + ' ' + p.body.slice(at) }, expect: 'unknown' };
  },
  'num:weird': (rng, p) => {
    const nums = [...p.body.matchAll(/\d+\.\d+|\d+/g)]; if (nums.length === 0) return undefined;
    const n = rng.pick(nums), [text, expect] = rng.pick<[string, Expect]>([['1e999', 'unknown'], ['1..0', 'invalid'], ['1.0.0', 'invalid'], ['.5', 'unknown'], ['0x1F', 'unknown'], ['1e-400', 'unknown'], ['9'.repeat(400), 'unknown']]);
    return { parts: { ...p, body: p.body.slice(0, n.index!) + text + p.body.slice(n.index! + n[0].length) }, expect };
  },
};

/** Rewrites of the right-hand side of a line (or a whole expression) that keep it well-formed. */
const DEPTHS = [10, 100, 500, 1000, 1500, 3000, 10000];
const DEEP_EDITS: Record<string, (rhs: string, k: number) => string> = {
  'deep:parens': (r, k) => '('.repeat(k) + r + ')'.repeat(k),
  'deep:calls': (r, k) => 'pos('.repeat(k) + r + ')'.repeat(k),
  'deep:if': (r, k) => '(if t >= 0.0 then '.repeat(k) + r + ' else 0.0)'.repeat(k),
  'deep:power': (r, k) => `(${r})` + '^1.0'.repeat(k),
  'deep:unary': (r, k) => '-'.repeat(2 * k) + `(${r})`,
  'flat:sum': (r, k) => `${r}` + ' + 0.0 * t'.repeat(k),
  'flat:product': (r, k) => `${r}` + ' * 1.0'.repeat(k),
};

function deepEdit(rng: Rng, p: LineParts, op: string, field: string): { parts: LineParts; expect: Expect } | undefined {
  const k = rng.pick(DEPTHS);
  if (EXPR_FIELDS.has(field)) return { parts: { ...p, body: DEEP_EDITS[op]!(p.body.trim(), k) }, expect: 'unknown' };
  const a = assignment(p.body); if (!a) return undefined;
  const rhs = p.body.slice(a.at + 1).trim(); if (rhs === '') return undefined;
  return { parts: { ...p, body: `${p.body.slice(0, a.at + 1)} ${DEEP_EDITS[op]!(rhs, k)} ` }, expect: 'unknown' };
}

type FieldEdit = (rng: Rng, value: unknown, field: string) => { value: unknown; expect: Expect; strict: boolean; del?: boolean } | undefined;

/** Edits of whole fields: other types, whole lines, values written from scratch. */
const FIELD_EDITS: Record<string, FieldEdit> = {
  'type:number': (rng, _v, field) => {
    const x = rng.pick([5, -5, 0, 1.5, NaN, Infinity]);
    if (field === 'refractory') return { value: x, expect: Number.isNaN(x) || x < 0 ? 'invalid' : 'unknown', strict: true };
    return { value: x, expect: FREE_FIELDS.has(field) ? 'unknown' : 'invalid', strict: true };
  },
  'type:null': (_rng, _v, field) => ({ value: null, expect: FREE_FIELDS.has(field) ? 'unknown' : 'invalid', strict: true }),
  'type:bool': (rng, _v, field) => ({ value: rng.chance(0.5), expect: FREE_FIELDS.has(field) ? 'unknown' : 'invalid', strict: true }),
  'type:array': (rng, v, field) => {
    const lines = asLines(v)?.lines.filter((l) => l.trim() !== '');
    const [value, expect] = rng.pick<[unknown, Expect]>([
      [[], LIST_FIELDS.has(field) || FREE_FIELDS.has(field) ? 'unknown' : 'invalid'],
      [[1, 2], FREE_FIELDS.has(field) ? 'unknown' : 'invalid'],
      [lines ?? ['x'], LIST_FIELDS.has(field) || FREE_FIELDS.has(field) ? 'unknown' : 'invalid'],
      [[[lines?.[0] ?? 'x']], FREE_FIELDS.has(field) ? 'unknown' : 'invalid'],
    ]);
    return { value, expect, strict: true };
  },
  'type:object': (rng, _v, field) => {
    const value = rng.pick<object>([{}, { a: 1 }, { toString: 'x' }, new Date(0), new Map()]);
    const dictionary = field === 'parameters' && (Object.keys(value).length === 0 || (value as { a?: number }).a === 1) && !(value instanceof Date);
    return { value, expect: dictionary || FREE_FIELDS.has(field) ? 'unknown' : 'invalid', strict: true };
  },
  'type:undefined': () => ({ value: undefined, expect: 'unknown', strict: false, del: true }),
  'line:drop': (rng, v) => {
    const l = asLines(v); if (!l || l.lines.length < 2) return undefined;
    l.lines.splice(rng.int(l.lines.length), 1);
    return { value: l.back(l.lines), expect: 'unknown', strict: false };
  },
  'line:dup': (rng, v) => {
    const l = asLines(v); if (!l || l.lines.length < 1) return undefined;
    const i = rng.int(l.lines.length); l.lines.splice(i, 0, l.lines[i]!);
    return { value: l.back(l.lines), expect: 'unknown', strict: false };
  },
  'line:swap': (rng, v) => {
    const l = asLines(v); if (!l || l.lines.length < 2) return undefined;
    const i = rng.int(l.lines.length - 1); [l.lines[i], l.lines[i + 1]] = [l.lines[i + 1]!, l.lines[i]!];
    return { value: l.back(l.lines), expect: 'unknown', strict: false };
  },
  'line:add-no-eq': (rng, v, field) => {
    if (!LINE_FIELDS.has(field) || field === 'functions') return undefined;
    const l = asLines(v ?? '') ?? { lines: [], back: (x: string[]) => x.join('\n') };
    l.lines.splice(rng.int(l.lines.length + 1), 0, rng.pick(['v + 1.0', 'tau', '1.0', 'dv/dt', 'w * 2']));
    return { value: l.back(l.lines), expect: 'invalid', strict: true };
  },
  'line:control': (rng, v, field) => {
    if (FREE_FIELDS.has(field)) return undefined;
    const l = asLines(v); if (!l) return undefined;
    l.lines.splice(rng.int(l.lines.length + 1), 0, rng.pick(['\u0000', '\u0007\u0008', '\u{1F600} = 1.0', '\u202e v = 1']));
    return { value: l.back(l.lines), expect: 'invalid', strict: true };
  },
  'set:snippet': (rng, _v, field) => {
    const [value, expect] = rng.pick(SNIPPETS[field] ?? [['', 'unknown']]);
    // Not strict: a new value may make another field wrong (a spike condition makes `r` in the equations an error).
    return { value, expect, strict: false };
  },
};

/**
 * Names that may collide with the generated code (JavaScript and C++ keywords and globals, the
 * kernels' own locals), with the equation language (functions, keywords, reserved variables) or with
 * what the runtime adds (`r`, `g_exc`, `rates`).
 */
const COLLIDING = ['i', 'j', 'k', 'n', 'N', 'P', 'S', 'Math', 'constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'length',
  'this', 'var', 'let', 'new', 'function', 'return', 'delete', 'typeof', 'int', 'double', 'float', 'auto', 'main', 'static', 'const', 'NAN', 'INFINITY',
  'exp', 'log', 'sum', 'pos', 'clip', 'dt', 't', 'w', 'r', 'g_exc', 'rates', 'spike', 'if', 'then', 'else', 'and', 'or', 'not', 'True', 'False',
  'pre', 'post', 'init', 'a_v', 'T_v', '_v', 'state', 'globalThis', 'undefined', 'NaN', 'Infinity', 'eval', 'arguments', 'rank', 'delay', 'step', 'rng',
  'x_1', 'A', 'E', 'e', 'pi', 'inf', 'nan', 'size', 'ite', 'Normal', 'Uniform'];

/** The names a description defines (parameters and left-hand sides of its equations), with the field. */
function definedNames(spec: Spec): Array<[string, string]> {
  const names = new Map<string, string>();
  for (const field of ['parameters', 'equations']) {
    const l = asLines(spec[field]);
    if (!l) continue;
    for (const line of l.lines) {
      const m = /^\s*(?:[\w.]+\s*\*\s*)?(?:d([A-Za-z_]\w*)\/dt|([A-Za-z_]\w*))\s*(?:\+[^=]*)?=/.exec(line);
      const name = m?.[1] ?? m?.[2];
      if (name && !names.has(name)) names.set(name, field);
    }
  }
  return [...names];
}

/** `spec` with every own use of `from` (not `pre.from`/`post.from`) renamed `to`, in every text field. */
function renamed(spec: Spec, from: string, to: string): Spec {
  const re = new RegExp(`(?<![.\\w])(d?)${from}(?![\\w])`, 'g');
  const fix = (text: string) => text.replace(re, (whole, d: string, at: number, all: string) => (d && all.slice(at + whole.length).startsWith('/dt') ? `d${to}` : d ? whole : to));
  const out: Spec = { ...spec };
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'name' || k === 'description') continue;
    if (typeof v === 'string') out[k] = fix(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v.map(fix);
  }
  return out;
}

/** The mutation of one case: a base, a field, an edit. */
export function mutate(rng: Rng, index: number): Mutant {
  if (index < BASES.length) {
    // The first cases are the bases themselves: valid, and always in the cpp subset (js = cpp bits).
    const base = BASES[index]!, name = `Fuzz${base.kind === 'neuron' ? 'Neuron' : 'Synapse'}${index}`;
    return { base, spec: { ...base.spec, name }, field: 'name', op: 'none (the base model)', expect: 'valid', strictField: false, name };
  }
  const base = rng.pick(BASES);
  const name = `Fuzz${base.kind === 'neuron' ? 'Neuron' : 'Synapse'}${index}`;
  const connectivity = base.kind === 'synapse' ? index % 4 : undefined;
  const method = METHODS[Math.floor(index / 3) % METHODS.length]!;
  const m = mutateModel(rng, base, name);
  // Under another default method the base itself may be refused (a nonlinear ODE is an error with
  // 'exponential' or 'implicit'): the first error need not be in the mutated field.
  const dt = [0.5, 0.1, 1.0, 0.25][Math.floor(index / 18) % 4]!;
  return { ...m, connectivity, method, dt, strictField: m.strictField && method === 'explicit' };
}

function mutateModel(rng: Rng, base: Base, name: string): Mutant {
  let first: Mutant | undefined;
  while (!first) first = mutateOnce(rng, base, { ...base.spec, name }, name, true);
  if (first.op === 'key:unknown' || first.op.startsWith('pre population') || !rng.chance(0.15)) return { ...first, name: nameOf(first.spec) };
  // A second edit of another field: two changes that are each harmless may not be together.
  let second: Mutant | undefined;
  while (!second || second.field === first.field) second = mutateOnce(rng, base, { ...first.spec }, name, false);
  return { ...second, field: `${first.field}+${second.field}`, op: `${first.op} + ${second.op}`, expect: 'unknown', strictField: false, name: nameOf(second.spec) };
}

/** The name a refusal must show: the spec's, when it is a printable non-empty string. */
function nameOf(spec: Spec): string | undefined {
  const n = spec.name;
  return typeof n === 'string' && n.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(n) ? n : undefined;
}

/** One edit of `spec` (a copy, changed in place); undefined when the edit drawn does not apply. */
function mutateOnce(rng: Rng, base: Base, spec: Spec, name: string, whole: boolean): Mutant | undefined {
  if (whole && base.kind === 'synapse' && rng.chance(0.03)) {
    // The same synapse fed by the other kind of population (ANNarchy decides rate or spike by the pre side).
    const pre = base.pre === 'rate' ? 'spike' : 'rate';
    return { base, spec, field: 'name', op: `pre population ${pre}`, expect: 'unknown', strictField: false, name, pre };
  }
  if (whole && rng.chance(0.05)) {
    // A defined name renamed, everywhere, to one that may collide with generated code or the language.
    const defined = definedNames(spec);
    if (defined.length === 0) return undefined;
    const [from, field] = rng.pick(defined), to = rng.pick(COLLIDING);
    if (from === to) return undefined;
    return { base, spec: renamed(spec, from, to), field, op: `rename ${from} → ${to}`, expect: 'unknown', strictField: false, name };
  }
  if (whole && rng.chance(0.04)) {
    // An unknown key (a typo, ANNarchy's snake_case, a field of the other kind).
    const key = rng.pick(['equatons', 'pre_spike', 'post_spike', 'spikes', 'Parameters', 'zq_key', base.kind === 'neuron' ? 'psp' : 'spike', 'stop_condition', 'method', 'constructor']);
    spec[key] = 'v > 0';
    return { base, spec, field: key, op: 'key:unknown', expect: 'invalid', strictField: true, name };
  }
  const field = rng.pick(FIELDS[base.kind]);
  // An absent text field is often first given a plausible value, so that its text gets mutated too.
  const seedText = spec[field] === undefined && (LINE_FIELDS.has(field) || EXPR_FIELDS.has(field)) && rng.chance(0.6);
  if (seedText) spec[field] = (SNIPPETS[field] ?? []).find(([v, e]) => e === 'unknown' && typeof v === 'string' && v !== '')?.[0];
  const value = spec[field];
  const lineOps = Object.keys(LINE_EDITS), deepOps = Object.keys(DEEP_EDITS), fieldOps = Object.keys(FIELD_EDITS);
  const lines = asLines(value);
  const textual = lines !== undefined && !FREE_FIELDS.has(field) && field !== 'operation' && field !== 'refractory';
  const refractoryName = field === 'refractory' && typeof value === 'string';
  const roll = rng.next();
  if ((textual || refractoryName) && roll < 0.75) {
    // Edit one line of a text field.
    const op = roll < 0.55 ? rng.pick(lineOps) : rng.pick(deepOps);
    if (op.startsWith('sym:p') && base.kind === 'neuron' && op !== 'sym:pre-existing') return undefined;
    const nonEmpty = lines!.lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim() !== '');
    if (nonEmpty.length === 0) return undefined;
    const [line, at] = rng.pick(nonEmpty);
    const parts = splitLine(line);
    const done = op in LINE_EDITS ? LINE_EDITS[op]!(rng, parts, field) : deepEdit(rng, parts, op, field);
    if (!done) return undefined;
    let expect = done.expect;
    // A pre./post. reference in a neuron is an unknown symbol; an existing pre.v in a synapse is fine.
    if (op === 'sym:pre-existing' && base.kind === 'neuron') expect = 'invalid';
    if (refractoryName && expect === 'unknown' && op.startsWith('sym')) expect = 'invalid';
    const out = [...lines!.lines]; out[at] = join(done.parts);
    spec[field] = lines!.back(out);
    // A seeded field (a spike condition given to a rate neuron) may make another field the first error.
    return { base, spec, field, op, expect, strictField: expect === 'invalid' && !op.startsWith('sym:') && !seedText, name };
  }
  // Wrong types are a third of the field edits (six kinds of them would otherwise be half).
  const typeOps = fieldOps.filter((o) => o.startsWith('type:')), otherOps = fieldOps.filter((o) => !o.startsWith('type:'));
  const op = rng.chance(0.35) ? rng.pick(typeOps) : rng.pick(otherOps);
  const done = FIELD_EDITS[op]!(rng, value, field);
  if (!done) return undefined;
  if (done.del) delete spec[field]; else spec[field] = done.value;
  return { base, spec, field, op, expect: done.expect, strictField: done.strict && done.expect === 'invalid', name };
}

/** A mutant as one printable string (non-string values shown as JavaScript literals). */
export function showSpec(spec: Spec, field: string): string {
  const v = spec[field];
  if (field.includes('+')) return field.split('+').map((f) => showSpec(spec, f)).join(' · ');
  const show = (x: unknown): string => typeof x === 'string' ? JSON.stringify(x.length > 240 ? `${x.slice(0, 110)}…(${x.length} chars)…${x.slice(-110)}` : x)
    : typeof x === 'number' ? String(x) : Array.isArray(x) ? `[${x.map(show).join(', ')}]`
    : x instanceof Map ? 'new Map()' : x instanceof Date ? 'new Date(0)' : x && typeof x === 'object' ? `{ ${Object.entries(x).map(([k, y]) => `${k}: ${show(y)}`).join(', ')} }` : String(x);
  return `${field}: ${field in spec ? show(v) : '(deleted)'}`;
}
