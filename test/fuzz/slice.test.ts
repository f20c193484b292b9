/**
 * A short seeded slice of the fuzz harness (fuzz/, `npm run fuzz`): 300 mutated models on js (the 21
 * unmutated bases and about 4 accepted mutants also on cpp, compared bit for bit), 30 corrupted save
 * files (3 also loaded on cpp), the whole API-misuse battery.
 * Each case runs in a guarded child process with a time limit. Every battery must show 0 CRASH,
 * 0 HANG, 0 SILENT, 0 MISMATCH and 0 WRONG-REFUSAL; a failure is listed with its input, its error,
 * where it was thrown and the issue-13 bullet it belongs to ('NEW' when none).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { runFuzz } from '../../fuzz/fuzz.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { knownAs } from '../../fuzz/known.js';
import { FAILING, type CaseResult } from '../../fuzz/types.js';

const hasCpp = (await findCompiler()) !== undefined && (process.env.NEURARCHY_BACKENDS ?? 'cpp').includes('cpp');

let results: CaseResult[] = [];

beforeAll(async () => {
  ({ results } = await runFuzz({ seed: 20261202, cases: 300, cpp: hasCpp ? 4 : 0, files: 30, batteries: ['models', 'files', 'api'], jobs: 2 }));
}, 600_000);

function failures(battery: string): string[] {
  return results.filter((r) => r.battery === battery && FAILING.has(r.cls))
    .map((r) => `${r.cls} [${knownAs(r)}] #${r.index} ${r.label}\n      input: ${r.input.slice(0, 160)}\n      ${r.detail.split('\n')[0]!.slice(0, 200)}${r.where ? ` at ${r.where}` : ''}`);
}

describe('fuzz slice (seed 20261202)', () => {
  it('ran every case of every battery, each in a guarded child', () => {
    const per = (b: string) => results.filter((r) => r.battery === b).length;
    expect(per('models')).toBe(300);
    expect(per('files')).toBe(30);
    expect(per('api')).toBeGreaterThan(150);
    // Most mutants are refused, some accepted: the generator reaches both sides.
    expect(results.filter((r) => r.battery === 'models' && r.cls === 'accepted-ok').length).toBeGreaterThan(20);
    expect(results.filter((r) => r.battery === 'models' && r.cls === 'refused-ok').length).toBeGreaterThan(150);
  });

  for (const battery of ['models', 'files', 'api']) {
    it(`${battery}: no crash, hang, silent acceptance, js/cpp mismatch or wrong refusal`, () => {
      const f = failures(battery);
      expect(f, `${f.length} failing case(s):\n    ${f.join('\n    ')}`).toEqual([]);
    });
  }
});

describe('fuzz harness self-test: each failure is attributed to its own case', () => {
  it('a segfault, an abort and a TypeError are CRASHes, an endless loop a HANG, and later cases still run', async () => {
    const { results: r, summary } = await runFuzz({ seed: 1, cases: 0, cpp: 0, files: 0, batteries: ['selftest'], jobs: 1 });
    expect(r.map((x) => `${x.input}: ${x.cls}`)).toEqual([
      'SIGSEGV: CRASH', 'endless loop: HANG', 'TypeError: CRASH', 'invalid accepted: SILENT', 'refusal without the name: POOR-MESSAGE',
      'refusal with the name: refused-ok', 'abort: CRASH', 'valid accepted: accepted-ok', 'valid refused: WRONG-REFUSAL',
    ]);
    expect(r[0]!.detail).toContain('SIGSEGV');
    expect(summary.failing).toBe(6);
  }, 60_000);
});
