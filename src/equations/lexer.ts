/**
 * Tokenizer of ANNarchy's expression language: numbers, names, keywords and operators. It knows
 * nothing about grammar; it only refuses characters and spellings that can never be valid
 * (`%`, `'`, `&`, `2x`) with an error that names them.
 */
import { EquationError } from '../errors.js';

/** Where a piece of equation text comes from, for error messages. */
export interface TextLocation {
  model: string;
  field?: string;
  line?: number;
  /** The whole line, when the text being tokenized is only part of it (shown in errors). */
  text?: string;
}

export type TokenKind = 'num' | 'ident' | 'kw' | 'op' | 'eof';

/** One token. `pos`/`end` are offsets into the tokenized text. */
export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  end: number;
  /** Numbers only: the value, and whether it was written without `.` or exponent. */
  value?: number;
  isInt?: boolean;
}

/** Python keywords of the language. `is` / `is not` are comparisons, `True` / `False` booleans. */
export const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'is', 'if', 'else', 'True', 'False']);

/** Operators, longest first (so that `**` wins over `*`, `<=` over `<`, `+=` over `+`). */
const OPERATORS = ['**', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '+', '-', '*', '/', '^', '<', '>', '=', '(', ')', ',', '.', ':'];

/** Characters that users sometimes write and what to write instead. */
const HINTS: Record<string, string> = {
  '%': "'%' is not an operator in equations; use modulo(a, b)",
  "'": "unexpected character \"'\" (derivatives are written dx/dt)",
  '"': 'unexpected quote',
  '&': "'&' is not an operator; use 'and'",
  '|': "'|' is not an operator; use 'or'",
  '!': "'!' is not an operator; use 'not' (or '!=' for inequality)",
  '[': "'[' is not allowed in equations (no indexing)",
  ']': "']' is not allowed in equations (no indexing)",
  ';': "';' separates definitions and cannot appear inside an expression",
};

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

/** Invisible, control and unusual space characters, which messages show escaped. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;

/**
 * `text` with invisible and control characters written as escapes (`'\u200b'`, `\n`), so that an
 * error message shows what is really there.
 */
export function escapeText(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Longest text (line or symbol) shown in a message; longer ones are cut, with their length. */
const SHOWN_LENGTH = 160;

/** User text as a message shows it: invisible characters escaped, very long text cut. */
export function shownText(text: string): string {
  const escaped = escapeText(text);
  return escaped.length <= SHOWN_LENGTH ? escaped : `${escaped.slice(0, SHOWN_LENGTH)}… (${text.length} characters)`;
}

/** Throws an EquationError located at `where`, naming `symbol` (invisible characters escaped). */
export function fail(message: string, where: TextLocation, text: string, symbol?: string): never {
  const shown = where.text ?? text;
  throw new EquationError(escapeText(message), {
    model: where.model, field: where.field, line: where.line,
    symbol: symbol === undefined ? undefined : shownText(symbol),
    text: shown === undefined ? undefined : shownText(shown),
  });
}

/** Splits `text` into tokens; the last one is always `eof`. */
export function tokenize(text: string, where: TextLocation): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text)!;
      const end = i + m[0].length;
      if (IDENT_PART.test(text[end] ?? '') || text[end] === '.') {
        let j = end;
        while (j < text.length && (IDENT_PART.test(text[j]) || text[j] === '.')) j++;
        const written = text.slice(i, j);
        fail(`malformed number or implicit multiplication '${written}' (write the product with '*', e.g. 2 * x)`, where, text, written);
      }
      out.push({ kind: 'num', text: m[0], pos: i, end, value: Number(m[0]), isInt: !/[.eE]/.test(m[0]) });
      i = end;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j])) j++;
      const word = text.slice(i, j);
      out.push({ kind: KEYWORDS.has(word) ? 'kw' : 'ident', text: word, pos: i, end: j });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      out.push({ kind: 'op', text: op, pos: i, end: i + op.length });
      i += op.length;
      continue;
    }
    // One code point, not one UTF-16 unit: an emoji is one character in the message.
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const hint = HINTS[char] ?? (/\s/u.test(char) ? `unexpected space character '${escapeText(char)}' (only ordinary spaces and tabs separate tokens)`
      : `unexpected character '${char}'${escapeText(char) !== char ? ' (invisible)' : ''}`);
    fail(hint, where, text, char);
  }
  out.push({ kind: 'eof', text: '', pos: text.length, end: text.length });
  return out;
}
