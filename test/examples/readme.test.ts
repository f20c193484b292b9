// The README's first model is copied by new users: it must run as printed and produce activity.
import { describe, it, expect, vi } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

describe('README', () => {
  it('the first model runs and prints what the README says', async () => {
    const section = readme.slice(readme.indexOf('## A first model'));
    const code = /```ts\n([^]*?)```/.exec(section)![1];
    const promised = /It prints `([^`]+)`/.exec(section)![1];
    // The block imports 'neurarchy': the test resolves it to the sources (vitest.config.ts alias).
    const dir = join(repo, 'test', 'examples', '.generated');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `readme-first-model-${process.pid}.ts`);
    writeFileSync(file, code);
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { lines.push(args.join(' ')); });
    try { await import(file); } finally { log.mockRestore(); }
    expect(lines).toEqual([promised]);
    expect(Number(/mean rate ([\d.]+)/.exec(promised)![1])).toBeGreaterThan(0.1); // activity, not silence
  });
});
