/**
 * `npm run fuzz -- [--seed N] [--cases N] [--cpp N] [--files N] [--battery models,files,api]
 *                  [--jobs N] [--json out.json] [--markdown out.md] [--only models:12,40]`
 *
 * Runs the batteries in guarded children, prints the counts by class and battery and the distinct
 * causes of failure; exits with 1 if any case is a CRASH, HANG, SILENT, MISMATCH or WRONG-REFUSAL.
 */
import os from 'node:os';
import path from 'node:path';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { runFuzz, type FuzzOptions } from './fuzz.js';
import { formatSummary } from './report.js';
import { knownAs } from './known.js';
import { findCompiler } from '../src/backends/cpp/toolchain.js';

function parseArgs(argv: string[]): FuzzOptions & { json?: string; markdown?: string } {
  const o: FuzzOptions & { json?: string; markdown?: string } = { seed: 1, cases: 10000, cpp: 150, files: 200, batteries: ['models', 'files', 'api'], jobs: Math.max(1, os.cpus().length) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!, v = argv[i + 1];
    const num = (): number => { const n = Number(v); if (!Number.isInteger(n) || n < 0) throw new Error(`${a} needs a non-negative integer, got ${v}`); i++; return n; };
    switch (a) {
      case '--seed': o.seed = num(); break;
      case '--cases': o.cases = num(); break;
      case '--cpp': o.cpp = num(); break;
      case '--files': o.files = num(); break;
      case '--jobs': o.jobs = Math.max(1, num()); break;
      case '--battery': case '--batteries': o.batteries = (v ?? '').split(',').filter(Boolean); i++; break;
      case '--json': o.json = v; i++; break;
      case '--markdown': o.markdown = v; i++; break;
      case '--only': {
        // --only models:12,40 (repeatable): rerun those cases of that battery only.
        const [battery, list] = (v ?? '').split(':');
        if (!battery || !list) throw new Error(`--only needs battery:i,j,… (e.g. models:12,40), got ${v}`);
        (o.only ??= {})[battery] = list.split(',').map(Number);
        if (!o.batteries.includes(battery) || o.batteries.length === 3) o.batteries = [...new Set([...(Object.keys(o.only)), battery])];
        i++; break;
      }
      case '--help': case '-h':
        console.log('npm run fuzz -- [--seed N] [--cases N] [--cpp N] [--files N] [--battery models,files,api] [--jobs N] [--json out.json] [--markdown LATEST.md] [--only battery:i,j]');
        process.exit(0);
      // falls through
      default: throw new Error(`unknown argument '${a}' (see --help)`);
    }
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
if (opts.cpp > 0 && (await findCompiler()) === undefined) {
  console.error('no C++ compiler found: the cpp subset is skipped (--cpp 0)');
  opts.cpp = 0;
}
const { summary, results } = await runFuzz(opts, (done, total) => {
  if (done % 250 === 0 || done === total) process.stderr.write(`\r${done}/${total} cases`);
});
process.stderr.write('\n');
const command = `npm run fuzz -- --seed ${opts.seed} --cases ${opts.cases} --cpp ${opts.cpp} --files ${opts.files} --battery ${opts.batteries.join(',')}`;
console.log(command);
console.log(formatSummary(summary));
if (opts.json) {
  writeFileSync(path.resolve(opts.json), JSON.stringify({ options: opts, summary, failures: results.filter((r) => r.cls !== 'refused-ok' && r.cls !== 'accepted-ok') }, null, 1));
}
if (opts.markdown) {
  const failures = results.filter((r) => r.cls !== 'refused-ok' && r.cls !== 'accepted-ok');
  // Hand-written notes below the marker survive a new run.
  const file = path.resolve(opts.markdown), marker = '<!-- notes: kept across runs -->';
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const notes = old.includes(marker) ? old.slice(old.indexOf(marker)) : `${marker}\n`;
  writeFileSync(file, [
    `# Fuzz run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, '',
    `\`${command}\` (${summary.seconds.toFixed(0)} s, ${opts.jobs} children)`, '',
    '```', formatSummary({ ...summary, causes: [] }), '```', '',
    `## Distinct causes (${summary.causes.length})`, '',
    ...summary.causes.map((c) => `- **${c.example.cls}** ×${c.count} [${knownAs(c.example)}] — ${c.example.battery} #${c.example.index} ${c.example.label}: \`${c.example.input.slice(0, 200).replace(/`/g, "'")}\` → ${c.example.detail.split('\n')[0]!.slice(0, 200)}${c.example.where ? ` (${c.example.where})` : ''}`),
    '', `Every non-ok case: ${failures.length} (rerun one with \`npm run fuzz -- --seed ${opts.seed} --only <battery>:<index>\`).`, '',
    notes,
  ].join('\n'));
}
process.exit(summary.failing > 0 ? 1 : 0);
