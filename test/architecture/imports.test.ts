// The import graph of src/ (type-only imports and re-exports included): no cycle anywhere, and the
// user-facing objects of core/ import none of the layers above them (ir, runtime, backends, io,
// report), as ARCHITECTURE.md's one-way flow says. The graph is read with TypeScript's own
// pre-processor, which lists every `import`, `import type`, `export … from` and `import()`.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Resolves `./x.js` to `./x.ts` (or `./x/index.ts`) inside src; other specifiers are packages. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const c of [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')]) if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
}

/** Every module of src and the modules it imports (relative paths). */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const info = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    const deps = info.importedFiles.map((i) => resolveImport(f, i.fileName)).filter((x): x is string => x !== undefined);
    graph.set(relative(SRC, f), [...new Set(deps.map((d) => relative(SRC, d)))]);
  }
  return graph;
}

/** The strongly connected components of more than one module (or a module importing itself): the cycles. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** One shortest cycle through `start` inside its component, for a readable message. */
function cycleThrough(graph: Map<string, string[]>, comp: string[]): string {
  const inComp = new Set(comp);
  const start = comp[0];
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = prev.get(x)!) path.splice(1, 0, x);
        return [...path, start].join(' → ');
      }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return comp.join(', ');
}

/**
 * Cycles left, each inside one folder, with who fixes it and how (docs/internals/module-state.md).
 * Remove an entry when its folder has no cycle any more: the test then requires it.
 */
const KNOWN: { folder: string; why: string }[] = [
];

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('reads the graph (sanity: known edges are found, type-only included)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('ir/plan.ts')).toContain('equations/description.ts'); // `import type`
    expect(graph.get('index.ts')).toContain('core/Neuron.ts'); // `export … from`
  });

  it('has no cycle, except the known ones left inside one folder (docs/internals/module-state.md)', () => {
    const found = cycles(graph);
    const show = (c: string[]) => `${c.length} modules (${c.join(', ')}): ${cycleThrough(graph, c)}`;
    // A cycle is tolerated only while its folder is listed in KNOWN and it stays inside that folder.
    const unknown = found.filter((c) => !KNOWN.some((k) => c.every((m) => m.startsWith(k.folder))));
    expect(unknown.map(show).join('\n'), 'import cycles').toBe('');
    // A fixed cycle must leave the list (so the list only shrinks).
    const stale = KNOWN.filter((k) => !found.some((c) => c.every((m) => m.startsWith(k.folder))));
    expect(stale.map((k) => k.folder), 'KNOWN lists folders that have no cycle any more: remove them').toEqual([]);
  });

  it('no cycle goes through ir/, runtime/, io/, report/ or network/', () => {
    const mine = ['ir/', 'runtime/', 'io/', 'report/', 'network/'];
    const bad = cycles(graph).filter((c) => c.some((m) => mine.some((f) => m.startsWith(f))));
    expect(bad.map((c) => cycleThrough(graph, c))).toEqual([]);
  });

  it('core/ imports none of ir/, runtime/, backends/, io/, report/', () => {
    const forbidden = ['ir/', 'runtime/', 'backends/', 'io/', 'report/'];
    const bad: string[] = [];
    for (const [f, deps] of graph) {
      if (!f.startsWith('core/')) continue;
      for (const d of deps) if (forbidden.some((p) => d.startsWith(p))) bad.push(`${f} → ${d}`);
    }
    expect(bad, bad.join('\n')).toEqual([]);
  });

  it('finds a cycle when there is one (the checker itself)', () => {
    const g = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(cycleThrough(g, ['a.ts', 'b.ts', 'c.ts'])).toBe('a.ts → b.ts → c.ts → a.ts');
  });
});
