/**
 * Classes each answer (refused-ok, accepted-ok, CRASH, HANG, SILENT, MISMATCH, WRONG-REFUSAL,
 * POOR-MESSAGE), counts them by battery and prints the table, the first examples of each failing
 * class and the distinct causes (class + error name + where in src/ it was thrown).
 */
import path from 'node:path';
import type { Answer } from './run-child.js';
import { CLASSES, FAILING, type CaseRequest, type CaseResult, type OutcomeClass, type CaseReport } from './types.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The first stack frame inside the repository's src/ (or the generated code), as `file:line`. */
export function whereThrown(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^()\s]+?):(\d+):\d+\)?\s*$/.exec(line.trim());
    if (m && m[1]!.includes('/src/')) return `${path.relative(ROOT, m[1]!.replace('file://', ''))}:${m[2]}`;
    if (/eval at/.test(line)) return `generated code (${line.trim().replace(/^at /, '').replace(/\(eval at .*/, '').trim().slice(0, 60)})`;
  }
  return undefined;
}

/** Characters a message must escape: C0 controls but tab and newline, DEL, C1, zero-width, bidi, BOM. */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/u;

function classOfReport(r: CaseReport): { cls: OutcomeClass; detail: string } {
  const err = r.error ? `${r.error.name}: ${r.error.message}` : '';
  if (r.outcome === 'threw') return { cls: 'CRASH', detail: err };
  if (r.mismatch) return { cls: 'MISMATCH', detail: r.mismatch };
  if (r.outcome === 'accepted') {
    if (r.expect === 'invalid') return { cls: 'SILENT', detail: 'accepted an invalid input' + (r.wrong ? `: ${r.wrong}` : '') };
    if (r.wrong) return { cls: 'SILENT', detail: r.wrong };
    return { cls: 'accepted-ok', detail: '' };
  }
  if (r.expect === 'valid') return { cls: 'WRONG-REFUSAL', detail: err };
  const missing = (r.mustName ?? []).filter((alts) => !alts.split('|').some((a) => r.error!.message.includes(a)));
  if (missing.length > 0) return { cls: 'POOR-MESSAGE', detail: `does not name ${missing.map((m) => `'${m.split('|')[0]}'`).join(', ')}: ${err}` };
  // Invisible and control characters must be shown escaped ('\u200b'), not raw (issue 13).
  const raw = INVISIBLE.exec(r.error!.message);
  if (raw) return { cls: 'POOR-MESSAGE', detail: `shows the invisible character U+${raw[0].codePointAt(0)!.toString(16).padStart(4, '0')} raw: ${JSON.stringify(r.error!.message).slice(0, 200)}` };
  return { cls: 'refused-ok', detail: err };
}

export function classify(req: CaseRequest, a: Answer, describe: (req: CaseRequest) => { label: string; input: string }): CaseResult {
  if (a.kind === 'report') {
    const { cls, detail } = classOfReport(a.report);
    return { battery: req.battery, index: req.index, cls, detail, label: a.report.label, input: a.report.input, ms: a.report.ms, backends: a.report.backends, where: cls === 'refused-ok' || cls === 'accepted-ok' ? undefined : whereThrown(a.report.error?.stack) };
  }
  const d = a.started ?? describe(req);
  return {
    battery: req.battery, index: req.index, label: d.label, input: d.input, ms: a.ms, backends: req.cpp ? ['js', 'cpp'] : ['js'],
    cls: a.kind === 'timeout' ? 'HANG' : 'CRASH',
    detail: a.kind === 'timeout' ? `no answer within the time limit (${Math.round(a.ms)} ms)` : a.detail,
  };
}

/** The cause of a failure, for de-duplication: class, error name, first words of the message, where. */
export function causeOf(r: CaseResult): string {
  const msg = r.detail.replace(/'[^']*'|"[^"]*"|\d+(\.\d+)?/g, '…').slice(0, 70);
  // Without a stack (silent acceptance, hang, mismatch), the input is the cause: each API call on its
  // own, a model mutation by its field and edit (not by the base it was applied to).
  const what = r.where ?? (r.battery === 'api' ? r.input : r.battery === 'models' && r.cls !== 'MISMATCH' ? r.label.split(' · ').slice(1).join(' · ') : r.label);
  return `${r.cls} ${r.battery} · ${msg} · ${what}`;
}

export interface Summary {
  seed: number;
  seconds: number;
  counts: Record<string, Record<OutcomeClass, number>>;
  /** Cases that ran on cpp too (accepted on js, then built and compared), by battery. */
  onCpp: Record<string, number>;
  /** Distinct causes of non-ok classes, with the smallest input that shows each. */
  causes: Array<{ cause: string; count: number; example: CaseResult }>;
  failing: number;
}

export function summarise(results: CaseResult[], seed: number, seconds: number): Summary {
  const counts: Summary['counts'] = {};
  const onCpp: Summary['onCpp'] = {};
  const causes = new Map<string, { cause: string; count: number; example: CaseResult }>();
  for (const r of results) {
    const row = (counts[r.battery] ??= Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<OutcomeClass, number>);
    row[r.cls]++;
    if (r.backends.includes('cpp')) onCpp[r.battery] = (onCpp[r.battery] ?? 0) + 1;
    if (r.cls === 'refused-ok' || r.cls === 'accepted-ok') continue;
    const key = causeOf(r);
    const c = causes.get(key);
    if (!c) causes.set(key, { cause: key, count: 1, example: r });
    else { c.count++; if (r.input.length < c.example.input.length) c.example = r; }
  }
  const failing = results.filter((r) => FAILING.has(r.cls)).length;
  return { seed, seconds, counts, onCpp, causes: [...causes.values()].sort((a, b) => a.cause.localeCompare(b.cause)), failing };
}

/** The table of counts by battery and class, and the distinct causes with one example each. */
export function formatSummary(s: Summary, examplesPerCause = 1): string {
  const batteries = Object.keys(s.counts);
  const w = 14;
  const lines = [`seed ${s.seed}, ${s.seconds.toFixed(0)} s`, ['class'.padEnd(w), ...batteries.map((b) => b.padStart(9)), 'total'.padStart(9)].join('')];
  for (const c of CLASSES) {
    const vals = batteries.map((b) => s.counts[b]![c]);
    lines.push([c.padEnd(w), ...vals.map((v) => String(v).padStart(9)), String(vals.reduce((a, b) => a + b, 0)).padStart(9)].join(''));
  }
  const totals = batteries.map((b) => Object.values(s.counts[b]!).reduce((a, v) => a + v, 0));
  lines.push(['cases'.padEnd(w), ...totals.map((v) => String(v).padStart(9)), String(totals.reduce((a, b) => a + b, 0)).padStart(9)].join(''));
  const cpp = batteries.map((b) => s.onCpp[b] ?? 0);
  lines.push(['…ran on cpp'.padEnd(w), ...cpp.map((v) => String(v).padStart(9)), String(cpp.reduce((a, b) => a + b, 0)).padStart(9)].join(''));
  if (s.causes.length > 0) {
    lines.push('', `distinct causes (${s.causes.length}); one example each:`);
    for (const c of s.causes.slice(0, examplesPerCause > 0 ? undefined : 0)) {
      const e = c.example;
      lines.push(`- [${c.count}×] ${c.cause}`, `    ${e.battery} #${e.index} ${e.label}`, `    input: ${e.input.slice(0, 300)}`, `    ${e.detail.split('\n')[0]!.slice(0, 300)}`);
    }
  }
  return lines.join('\n');
}
