// Renders notebooks/*.ipynb (with their committed outputs) as Markdown pages for the documentation
// site: text as written, code as TypeScript blocks, printed output as text blocks, plots as SVG
// files beside the page. Run by `npm run build:site` into site-src/tutorials/ (not committed).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'site-src', 'tutorials');
mkdirSync(join(out, 'media'), { recursive: true });

const text = (source) => (Array.isArray(source) ? source.join('') : source ?? '');

for (const file of readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort()) {
  const name = basename(file, '.ipynb');
  const notebook = JSON.parse(readFileSync(join(root, 'notebooks', file), 'utf8'));
  const title = /^#\s+(.+)$/m.exec(text(notebook.cells.find((c) => c.cell_type === 'markdown')?.source))?.[1] ?? name;
  const parts = [`---\ntitle: "${title.replace(/"/g, "'")}"\ngroup: Tutorials\n---\n`];
  let figures = 0;
  for (const cell of notebook.cells) {
    if (cell.cell_type === 'markdown') { parts.push(text(cell.source)); continue; }
    parts.push('```ts\n' + text(cell.source) + '\n```');
    for (const output of cell.outputs ?? []) {
      if (output.output_type === 'stream') parts.push('```text\n' + text(output.text).trimEnd() + '\n```');
      const data = output.data ?? {};
      if (data['image/svg+xml']) {
        const svg = `${name}-${++figures}.svg`;
        writeFileSync(join(out, 'media', svg), text(data['image/svg+xml']));
        parts.push(`![figure ${figures}](media/${svg})`);
      } else if (data['text/plain'] && !data['image/svg+xml']) {
        parts.push('```text\n' + text(data['text/plain']).trimEnd() + '\n```');
      }
      if (output.output_type === 'error') parts.push('```text\n' + `${output.ename}: ${output.evalue}` + '\n```');
    }
  }
  parts.push(`*Run it yourself: \`notebooks/${file}\` in Jupyter with Deno's kernel; \`npm run notebooks\` executes all of them.*`);
  writeFileSync(join(out, `${name}.md`), parts.join('\n\n') + '\n');
  console.log(`site-src/tutorials/${name}.md (${figures} figures)`);
}
