/**
 * Only the prelude a translation unit uses. The random, libm and helper sources (`philox_c.ts`,
 * `random-batch.ts`, `fdlibm.ts`, `spelling.ts`, `special.ts`) are libraries of top-level
 * definitions; a network calls a handful of them (a COBA network: no random function at all). This
 * keeps the definitions reachable from the network's own code (kernels, stages, entry points),
 * following every name they use, in their original order; `#include`s and anything it cannot name
 * are kept. Smaller sources compile faster and read better; the code kept is unchanged.
 */

/** One top-level piece of C: a definition (with the comments before it), a macro or another line. */
interface Chunk {
  text: string;
  /** Names it defines (empty: always kept). */
  defines: string[];
  /** Identifiers it uses. */
  uses: string[];
}

const IDENT = /[A-Za-z_]\w*/g;
const KEYWORDS = new Set(['static', 'inline', 'const', 'unsigned', 'signed', 'struct', 'union', 'typedef', 'extern', 'volatile', 'register']);

/** The code of `text` without comments, strings and character literals (for names). */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, ' ');
}

/** The name(s) a top-level C definition or declaration defines. */
function definedNames(code: string): string[] {
  const c = code.trim();
  if (c.startsWith('#define')) return [c.split(/[\s(]/)[1]];
  if (c.startsWith('#')) return [];
  if (/^typedef\b/.test(c)) {
    const ids = c.replace(/\{[\s\S]*\}/, ' ').match(IDENT) ?? [];
    return ids.length ? [ids[ids.length - 1]] : [];
  }
  const m = /^(?:struct|union)\s+([A-Za-z_]\w*)/.exec(c);
  if (m) return [m[1]];
  // The last identifier before the first '(' '[' '=' ';' '{': a function, an array, a variable.
  const head = c.slice(0, c.search(/[([=;{]/) >>> 0);
  const ids = (head.match(IDENT) ?? []).filter((x) => !KEYWORDS.has(x));
  return ids.length ? [ids[ids.length - 1]] : [];
}

/** Splits a C source into top-level chunks (brace depth 0, outside comments, strings and macros). */
function chunks(src: string): Chunk[] {
  const out: Chunk[] = [];
  let start = 0;
  let depth = 0;
  const push = (end: number) => {
    const text = src.slice(start, end);
    start = end;
    if (!text.trim()) { if (out.length) out[out.length - 1].text += text; else out.push({ text, defines: [], uses: [] }); return; }
    const code = codeOnly(text);
    if (!code.trim()) { out.push({ text, defines: [], uses: [] }); return; }
    out.push({ text, defines: definedNames(code), uses: code.match(IDENT) ?? [] });
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (src.startsWith('//', i)) { i = src.indexOf('\n', i); if (i < 0) i = src.length; continue; }
    if (src.startsWith('/*', i)) { i = src.indexOf('*/', i + 2) + 2; continue; }
    if (ch === '"' || ch === "'") {
      i++;
      while (i < src.length && src[i] !== ch) i += src[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === '#' && depth === 0 && /(^|\n)[ \t]*$/.test(src.slice(Math.max(0, i - 200), i))) {
      // A preprocessor line (with its continuations) is a chunk of its own, comments before it included.
      let e = i;
      for (;;) {
        const nl = src.indexOf('\n', e);
        if (nl < 0) { e = src.length; break; }
        if (src[nl - 1] === '\\') { e = nl + 1; continue; }
        e = nl + 1;
        break;
      }
      push(e);
      i = e;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      // A function body ends its chunk; a struct, union or initializer goes on to its ';' (`struct S { … } s;`).
      const aggregate = /^\s*(?:typedef|struct|union|enum)\b|=[^;{]*$/.test(codeOnly(src.slice(start, i)).split('{')[0]);
      if (depth === 0 && !(aggregate || /^\s*;/.test(src.slice(i + 1, i + 50)))) { push(i + 1); i++; continue; }
    } else if (ch === ';' && depth === 0) { push(i + 1); i++; continue; }
    i++;
  }
  if (start < src.length) push(src.length);
  return out;
}

/** The definitions of `prelude` that `roots` (the rest of the source) reaches, in prelude order. */
export function usedPrelude(prelude: string, roots: string): string {
  const parts = chunks(prelude);
  const byName = new Map<string, number[]>();
  parts.forEach((c, k) => { for (const n of c.defines) byName.set(n, [...(byName.get(n) ?? []), k]); });
  const keep = parts.map((c) => c.defines.length === 0);
  const seen = new Set<string>();
  const work: string[] = codeOnly(roots).match(IDENT) ?? [];
  for (const c of parts) if (c.defines.length === 0) work.push(...c.uses);
  while (work.length) {
    const name = work.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const k of byName.get(name) ?? []) {
      if (keep[k]) continue;
      keep[k] = true;
      work.push(...parts[k].uses);
    }
  }
  return parts.filter((_, k) => keep[k]).map((c) => c.text).join('').replace(/\n{3,}/g, '\n\n');
}
