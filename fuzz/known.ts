/**
 * Failures the harness found that are known (issue 13's bullets), so that reports and the slice test
 * say which bullet a failure belongs to. A failure that matches none is new.
 */
import type { CaseResult } from './types.js';

export const KNOWN: Array<{ bullet: string; matches: (r: CaseResult) => boolean }> = [
  { bullet: 'issue 13: deep expressions overflow the stack', matches: (r) => /Maximum call stack size exceeded/.test(r.detail) },
  { bullet: 'issue 13: unknown pre.x / post.x in a synapse not checked', matches: (r) => /(pre|post)\.zq_unknown/.test(r.input) && r.cls === 'CRASH' },
  { bullet: 'issue 13: non-string / wrong-type model fields and API arguments', matches: (r) => /^TypeError/.test(r.detail) && /type:|\(5\)|undefined|"Oja"/.test(r.label + r.input) },
  { bullet: 'issue 13: compile/save on a path where creating folders blocks (procfs)', matches: (r) => /\/proc\//.test(r.input) },
  { bullet: 'issue 13: silent acceptance (options, periods, names, rates)', matches: (r) => r.cls === 'SILENT' && r.battery === 'api' },
  { bullet: 'issue 13: memory (sizes that cannot be allocated)', matches: (r) => /Invalid typed array length|Array buffer allocation failed|heap out of memory/.test(r.detail) },
  { bullet: 'issue 13: invisible or control characters shown raw in messages', matches: (r) => r.cls === 'POOR-MESSAGE' && /invisible character/.test(r.detail) },
];

/** The issue-13 bullet a failure belongs to, or 'NEW'. */
export function knownAs(r: CaseResult): string {
  return KNOWN.find((k) => k.matches(r))?.bullet ?? 'NEW';
}
