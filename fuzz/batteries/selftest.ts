/**
 * Battery 'selftest' (never part of a default run): one case per outcome class, to check the
 * harness itself — a child killed by SIGSEGV and one that aborts are CRASHes of their own case, an
 * endless loop is a HANG, a TypeError a CRASH, an invalid input accepted SILENT, a refusal that does
 * not name the model POOR-MESSAGE, and the cases after them still run in fresh children.
 */
import { NetworkError } from '../../src/index.js';
import type { CaseReport, CaseRequest, Expect } from '../types.js';
import { runGuarded } from './common.js';

export const name = 'selftest';

const CASES: Array<{ input: string; expect: Expect; names?: string[]; run: () => unknown }> = [
  { input: 'SIGSEGV', expect: 'unknown', run: () => process.kill(process.pid, 'SIGSEGV') },
  { input: 'endless loop', expect: 'unknown', run: () => { for (;;) { /* hang */ } } },
  { input: 'TypeError', expect: 'invalid', run: () => (undefined as unknown as { x: number }).x },
  { input: 'invalid accepted', expect: 'invalid', run: () => 1 },
  { input: 'refusal without the name', expect: 'invalid', names: ['SelfTestModel'], run: () => { throw new NetworkError('something is wrong'); } },
  { input: 'refusal with the name', expect: 'invalid', names: ['SelfTestModel'], run: () => { throw new NetworkError('SelfTestModel: something is wrong'); } },
  { input: 'abort', expect: 'unknown', run: () => process.abort() },
  { input: 'valid accepted', expect: 'valid', run: () => 1 },
  { input: 'valid refused', expect: 'valid', run: () => { throw new NetworkError('no'); } },
];

export const count = (): number => CASES.length;

export async function run(req: CaseRequest): Promise<CaseReport> {
  const c = CASES[req.index]!;
  return runGuarded({ battery: name, index: req.index, label: 'selftest', input: c.input, expect: c.expect, mustName: c.names }, async (r) => {
    r.backends.push('js');
    await c.run();
  });
}
