/**
 * Writes docs/annarchy-tests.md: for each file of ANNarchy's test folder, how many of its assertion
 * groups test/annarchy/ ports and how they fare. Runs vitest on test/annarchy with the JSON reporter
 * (NEURARCHY_BACKENDS is passed through: `NEURARCHY_BACKENDS=js,cpp npm run annarchy-table`).
 *
 * A port is one `it` title (without the backend suffix); it counts as passed when it passed on every
 * backend, failing when it failed on one, and a port marked `[bug: …]` (`it.fails`) counts as failing
 * (bug) whatever vitest says. Skips are grouped by the reason in their `[skip: …]` tag. Each test file
 * names its ANNarchy source on its first line (`// ANNarchy: tests/…`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'test/annarchy');
const out = path.join(mkdtempSync(path.join(tmpdir(), 'annarchy-table-')), 'results.json');

try {
  execFileSync('npx', ['vitest', 'run', 'test/annarchy', '--reporter=json', `--outputFile=${out}`], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  // vitest exits non-zero when a test fails; the JSON file still has every result.
}

interface Assertion { title: string; status: string; ancestorTitles: string[] }
interface FileResult { name: string; assertionResults: Assertion[] }
const results = JSON.parse(readFileSync(out, 'utf8')) as { testResults: FileResult[] };

interface Row { annarchy: string; file: string; ported: number; passed: number; semantics: number; failing: number; bugs: string[]; skipped: Map<string, number> }
/** Files of ANNarchy's test folders that hold no assertion (4.8.2.6 tests/, 5.0.3 tests_python/ and tests_cpp/). */
const NO_ASSERTIONS: [string, string][] = [
  ['tests/*/__init__.py, tests_python/*/__init__.py', 'package files: import the test classes and clone them once per storage format'],
  ['tests/{RateSynapse,SpikeSynapse}/storage_formats.py', 'the list of C++ storage formats each class runs with; neurarchy has one connectivity layout'],
  ['tests/{RateSynapse,SpikeSynapse}/baseTestCase.py', 'an unused base class'],
  ['tests/Interface/networks.py', 'the networks of test_IO.py, ported inside test_IO.test.ts'],
  ['tests/test_single_thread.py, tests/test_openmp.py, tests/test_CUDA.py', 'entry points running the packages with 1 thread, OpenMP or CUDA; neurarchy runs each port on js and cpp (NEURARCHY_BACKENDS)'],
  ['tests/APIstructure.md, tests_python/README.txt', 'documentation of the test layout'],
  ['tests_python/conftest.py, pytest.ini, run_tests.py', 'pytest configuration and entry point (5.0)'],
  ['tests_cpp/*.cpp, tests_cpp/test_MatrixCommon.hpp', "GoogleTest unit tests of ANNarchy's C++ sparse-matrix classes (LIL, CSR, ELL, …, partitioned): internals with no counterpart; neurarchy's connectivity is tested in test/connectors and test/backends"],
];

const rows: Row[] = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.test.ts')).sort()) {
  const first = readFileSync(path.join(dir, f), 'utf8').split('\n')[0];
  const source = /ANNarchy:\s*(\S+)(.*)/.exec(first);
  const annarchy = source ? `\`${source[1]}\`${source[2]}` : '?';
  const tests = results.testResults.find((r) => path.basename(r.name) === f)?.assertionResults ?? [];
  // one port per title, merged over backends
  const byTitle = new Map<string, string[]>();
  for (const t of tests) byTitle.set(t.title, [...(byTitle.get(t.title) ?? []), t.status]);
  const row: Row = { annarchy, file: f, ported: byTitle.size, passed: 0, semantics: 0, failing: 0, bugs: [], skipped: new Map() };
  for (const [title, statuses] of byTitle) {
    const bug = /\[bug: ([^\]]*)\]/.exec(title)?.[1];
    const skip = /\[skip: ([^\],]*)/.exec(title)?.[1];
    if (bug !== undefined || statuses.includes('failed')) {
      row.failing++;
      const why = bug ?? `unexpected failure: ${title}`;
      if (!row.bugs.includes(why)) row.bugs.push(why);
    } else if (skip !== undefined || statuses.every((s) => s === 'skipped' || s === 'pending' || s === 'todo')) {
      const key = skip ?? 'skipped';
      row.skipped.set(key, (row.skipped.get(key) ?? 0) + 1);
    } else {
      row.passed++;
      if (title.includes('[semantics')) row.semantics++;
    }
  }
  rows.push(row);
}
rows.sort((a, b) => (a.annarchy < b.annarchy ? -1 : a.annarchy > b.annarchy ? 1 : 0));

const sum = (k: 'ported' | 'passed' | 'semantics' | 'failing') => rows.reduce((a, r) => a + r[k], 0);
const skipTotals = new Map<string, number>();
for (const r of rows) for (const [k, n] of r.skipped) skipTotals.set(k, (skipTotals.get(k) ?? 0) + n);
const fmtSkips = (m: Map<string, number>) => [...m].map(([k, n]) => `${n} (${k})`).join(', ') || '0';
const backends = process.env.NEURARCHY_BACKENDS ?? 'default selection';

const lines = [
  '# ANNarchy\'s unit tests, ported',
  '',
  '<!-- generated by `npm run annarchy-table` (scripts/annarchy-tests-table.ts); do not edit by hand -->',
  '',
  'Every file of ANNarchy\'s test folder (tag 4.8.2.6, plus the files 5.0.3 adds) has a counterpart in',
  '`test/annarchy/` that re-expresses its assertions with neurarchy\'s API: same networks, same expected',
  'numbers, one `it` per ANNarchy test method (assertion group). A feature neurarchy does not have yet is',
  'skipped naming the issue that brings it (16: structural plasticity, parallel_run, network copies; 17:',
  'convolution, pooling, BOLD, images; 20: PyNN export); "n/a" marks assertions about ANNarchy internals',
  'with no counterpart. "Failing (bug)" counts ports kept as `it.fails` because neurarchy gives another',
  'result; the reason is in the test title. "Of which semantics" counts passing ports that assert a',
  'documented deliberate difference (README, "Semantics", or a dead ANNarchy expectation that ANNarchy',
  'itself does not compute); each says why in a comment.',
  '',
  `Backends of this run: ${backends}. Totals: **${sum('ported')} ported, ${sum('passed')} passed (${sum('semantics')} of them asserting a documented difference), ${fmtSkips(skipTotals)} skipped, ${sum('failing')} failing (bug)**.`,
  '',
  '| ANNarchy file | neurarchy test | ported | passed | of which semantics | skipped (reason) | failing (bug) |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.annarchy} | \`${r.file}\` | ${r.ported} | ${r.passed} | ${r.semantics} | ${fmtSkips(r.skipped)} | ${r.failing}${r.bugs.length ? ': ' + r.bugs.join('; ') : ''} |`),
  '',
  '## ANNarchy files without assertions',
  '',
  '| ANNarchy file | why there is no port |',
  '|---|---|',
  ...NO_ASSERTIONS.map(([f, why]) => `| \`${f}\` | ${why} |`),
  '',
];
writeFileSync(path.join(root, 'docs/annarchy-tests.md'), lines.join('\n'));
console.log(`docs/annarchy-tests.md: ${rows.length} files, ${sum('ported')} ported, ${sum('passed')} passed, ${sum('failing')} failing`);
