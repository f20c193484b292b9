/** A static file server over one folder on loopback: the playground (`npm run playground`) and the browser tests. */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.wasm': 'application/wasm',
};

export function serveFolder(folder: string, port = 0): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    let file = normalize(join(folder, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(folder) || !existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
  }));
}

// `tsx scripts/serve.ts <folder> [port]`: serves the folder until interrupted (npm run playground).
if (import.meta.url === `file://${process.argv[1]}`) {
  const folder = (await import('node:path')).resolve(process.argv[2] ?? 'site');
  const port = Number(process.argv[3] ?? 8080);
  const { url } = await serveFolder(folder, port);
  console.log(`serving ${folder} at ${url}/ (Ctrl-C to stop)`);
}
