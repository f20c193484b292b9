/**
 * Running one case's body and turning what it threw into a report: a NeurarchyError is a refusal,
 * anything else (TypeError, RangeError, a string) is reported as thrown, for the parent to class as
 * a crash.
 */
import { NeurarchyError } from '../../src/index.js';
import type { CaseReport } from '../types.js';

export type Pending = Omit<CaseReport, 'outcome' | 'backends' | 'ms'>;

export async function runGuarded(base: Pending, body: (report: CaseReport) => Promise<void>): Promise<CaseReport> {
  const report: CaseReport = { ...base, outcome: 'accepted', backends: [], ms: 0 };
  // Tell the parent what is about to run: if the child dies or hangs, the case is still described.
  process.send?.({ started: { label: base.label, input: base.input } });
  const t0 = performance.now();
  try {
    await body(report);
  } catch (e) {
    report.outcome = e instanceof NeurarchyError ? 'refused' : 'threw';
    report.error = e instanceof Error
      ? { name: e.name, message: e.message, stack: e.stack }
      : { name: typeof e, message: String(e) };
  }
  report.ms = performance.now() - t0;
  return report;
}
