// Examples are meant to be copied into a user's project: they import only the package ('neurarchy'
// and its subpaths), Node's own modules and sibling examples, parse their flags strictly, and say
// what they print.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', 'examples');
const examples = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

describe('examples', () => {
  it('there are examples to check', () => expect(examples.length).toBeGreaterThanOrEqual(9));
  for (const file of examples) {
    const text = readFileSync(join(root, file), 'utf8');
    it(`${file} imports only neurarchy, node: modules and sibling examples`, () => {
      const sources = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
      expect(sources.length).toBeGreaterThan(0);
      for (const s of sources) expect(s).toMatch(/^(neurarchy(\/(behaviors|node))?|node:[a-z/]+|\.\/[\w-]+\.js)$/);
    });
    it(`${file} parses flags strictly and states its expected output`, () => {
      expect(text).toMatch(/parseArgs\(\{[^]*?strict: true/);
      expect(text).not.toMatch(/process\.argv\[2\]/);
      expect(text).toMatch(/Expected output: \S/);
    });
  }
});
