/**
 * From a field's text to definitions: lines (newlines and `;`, `#` comments, continuation lines of
 * multi-line conditionals), flags, and the kind of each statement — ODE, assignment, increment.
 */
import type { Expr } from './ast.js';
import type { AssignOp, SourceRef } from './description.js';
import { fail, tokenize, type TextLocation, type Token } from './lexer.js';
import { parseExpression, derivativeOf, type IdCounter } from './parser.js';
import { splitFlags, parseFlags, FLAG_NAMES, splitTopLevel, type Flags } from './flags.js';
import { symbolsOf } from './algebra.js';

/** One definition as written: its text (continuation lines joined) and its first line number. */
export interface DefinitionLine {
  text: string;
  line: number;
}

/** Whether `text` contains `=`, `+=`, `-=`, `*=` or `/=` (not `==`, `!=`, `<=`, `>=`). */
export function hasAssignment(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '=') continue;
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    if (after === '=') { i++; continue; }
    if (before === '=' || before === '!' || before === '<' || before === '>') continue;
    return true;
  }
  return false;
}

/** `text` without a trailing list of known flags (for deciding whether a line continues the previous one). */
function withoutFlags(text: string): string {
  const parts = splitTopLevel(text, ':');
  if (parts.length < 2) return text;
  const items = splitTopLevel(parts[parts.length - 1]).map((s) => s.trim());
  const known = items.every((it) => FLAG_NAMES.has((it.includes('=') ? it.slice(0, it.indexOf('=')) : it).trim()));
  return known ? parts.slice(0, -1).join(':') : text;
}

/** Parenthesis depth at the end of `text` (positive when a `(` is still open). */
function openParentheses(text: string): number {
  let depth = 0;
  for (const c of text) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
  return depth;
}

/**
 * Whether a line without an assignment operator continues the definition `previous` (ANNarchy's
 * multi-line conditionals and expressions broken over lines): it starts with `else`, an operator
 * or `)`, or `previous` is unfinished (an open parenthesis, a trailing operator, `:` or `,`).
 * Any other such line is a mistake of its own, reported at its line rather than merged above.
 */
function continuesPrevious(previous: string, line: string): boolean {
  if (/^(else|and|or)\b/.test(line) || /^[-+*/^)<>=!,:]/.test(line)) return true;
  if (openParentheses(previous) > 0) return true;
  return /[-+*/^(<>=!,:]\s*$/.test(previous) || /\b(and|or|not|if|else)\s*$/.test(previous);
}

/**
 * Splits a field into definitions: one per line or `;`, `#` starts a comment, and a line without
 * an assignment operator that continues an unfinished one (see `continuesPrevious`) is joined to it.
 */
export function splitDefinitions(field: string | readonly string[] | undefined): DefinitionLine[] {
  if (field === undefined) return [];
  const text = typeof field === 'string' ? field : field.join('\n');
  const out: DefinitionLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const hash = raw.indexOf('#');
    const code = hash >= 0 ? raw.slice(0, hash) : raw;
    for (const piece of code.split(';')) {
      const t = piece.trim();
      if (t === '') continue;
      const continues = out.length > 0 && (/^else\b/.test(t) || (!hasAssignment(withoutFlags(t)) && continuesPrevious(out[out.length - 1].text, t)));
      if (continues) out[out.length - 1].text += ` ${t}`;
      else out.push({ text: t, line: index + 1 });
    }
  });
  return out;
}

/** A condition field (`spike`, `axon_spike`): all its lines form one expression. */
export function joinCondition(field: string): DefinitionLine | undefined {
  const lines = field.split('\n').map((l) => (l.includes('#') ? l.slice(0, l.indexOf('#')) : l).trim());
  const first = lines.findIndex((l) => l !== '');
  if (first < 0) return undefined;
  return { text: lines.filter((l) => l !== '').join(' '), line: first + 1 };
}

/** The statement of one definition. */
export type Statement =
  /** `lhs = rhs` with one derivative symbol (`derivativeSymbol(variable)`) in `lhs`. */
  | { kind: 'ode'; variable: string; lhs: Expr; rhs: Expr }
  /** `target op value`; `target` is a `sym` or, in event code, an `attr` (`pre.x`, `post.x`). */
  | { kind: 'assign'; target: Expr; op: AssignOp; value: Expr };

/** One parsed definition with its flags and where it was written. */
export interface Definition {
  statement: Statement;
  flags: Flags;
  source: SourceRef;
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=']);

/** The first assignment operator at parenthesis depth 0. */
function assignmentToken(tokens: Token[]): Token | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (t.kind !== 'op') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && ASSIGN_OPS.has(t.text)) return t;
  }
  return undefined;
}

/** Parses one definition line of field `block` of model `model`. */
export function parseDefinition(def: DefinitionLine, block: SourceRef['block'], model: string, ids: IdCounter): Definition {
  const where: TextLocation = { model, field: block, line: def.line, text: def.text };
  const split = splitFlags(def.text, where);
  const flags = parseFlags(split.flags ?? [], where, def.text);
  const body = split.body;
  const tokens = tokenize(body, where);
  const opTok = assignmentToken(tokens);
  if (!opTok) fail("this line has no '=': expected an assignment ('x = …', 'x += …') or an ODE ('dx/dt = …')", where, def.text, body);
  const leftText = body.slice(0, opTok.pos);
  const rightText = body.slice(opTok.end);
  if (leftText.trim() === '') fail(`nothing on the left of '${opTok.text}'`, where, def.text, opTok.text);
  if (rightText.trim() === '') fail(`nothing on the right of '${opTok.text}'`, where, def.text, opTok.text);
  const lhs = parseExpression(leftText, where, { derivatives: true, allowIf: false, randomIds: ids });
  const rhs = parseExpression(rightText, where, { randomIds: ids });
  const source: SourceRef = { block, line: def.line, text: def.text };
  const derivatives = [...symbolsOf(lhs)].map(derivativeOf).filter((d): d is string => d !== undefined);
  if (derivatives.length > 1) fail(`only one derivative per line (found d${derivatives[0]}/dt and d${derivatives[1]}/dt)`, where, def.text, `d${derivatives[1]}/dt`);
  if (derivatives.length === 1) {
    if (opTok.text !== '=') fail(`an ODE is written with '=', not '${opTok.text}'`, where, def.text, opTok.text);
    return { statement: { kind: 'ode', variable: derivatives[0], lhs, rhs }, flags, source };
  }
  if (lhs.kind !== 'sym' && lhs.kind !== 'attr') {
    fail(`the left side of '${opTok.text}' must be a single name (or contain a derivative dx/dt)`, where, def.text, leftText.trim());
  }
  return { statement: { kind: 'assign', target: lhs, op: opTok.text as AssignOp, value: rhs }, flags, source };
}
