/**
 * The script a worker runs, as source text: Node's `worker_threads` evaluate it (`eval: true`) and
 * browsers start it from a Blob URL as a module worker, so no file has to be found next to the
 * package (a bundle is one file). It is plain JavaScript kept in step with copy.ts: import the
 * user's module (through tsx's `tsImport` for a TypeScript module in Node), then for each job build
 * the network, run the method, free the network, and post the result or the error.
 */

/** The steps shared by both environments; `post(message)` and `handle(message)` are wired by the prefix. */
const COMMON = `
globalThis[Symbol.for('neurarchy.parallelWorker')] = true;
const modules = new Map();
function load(url, tsx) {
  let p = modules.get(url);
  if (!p) {
    p = tsx ? import(tsx).then((t) => t.tsImport(url, url)) : import(url);
    modules.set(url, p);
  }
  return p;
}
function describe(e) {
  return e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : { name: 'Error', message: String(e) };
}
async function handle(m) {
  let net;
  try {
    const mod = await load(m.module, m.tsx);
    const missing = [m.network, m.method].find((name) => typeof mod[name] !== 'function');
    if (missing !== undefined) {
      post({ type: 'failed', index: m.job.index, error: { name: 'NetworkError', message: 'module ' + m.module + " has no exported function '" + missing + "': export it from that module" } });
      return;
    }
    const build = mod[m.network];
    const method = mod[m.method];
    const info = { index: m.job.index, seed: m.job.seed, number: m.job.number };
    const copy = { ...info, args: m.job.args };
    net = /^class\\b/.test(Function.prototype.toString.call(build)) ? new build(copy) : await build(copy);
    const result = await method(net, m.job.args, info);
    try {
      post({ type: 'done', index: m.job.index, result });
    } catch (e) {
      post({ type: 'failed', index: m.job.index, error: { name: 'DataCloneError', message: 'the result of the method cannot be sent back from the worker (' + e.message + '): return numbers, strings, arrays, typed arrays or plain objects of them' } });
    }
  } catch (e) {
    post({ type: 'failed', index: m.job.index, error: describe(e) });
  } finally {
    try { if (net && typeof net.dispose === 'function' && net.disposed !== true) net.dispose(); } catch { /* the result is already sent */ }
  }
}
`;

/** The worker script for Node's `new Worker(code, { eval: true })`. */
export const NODE_WORKER_SCRIPT = `
const { parentPort } = require('node:worker_threads');
const post = (m) => parentPort.postMessage(m);
${COMMON}
parentPort.on('message', (m) => { void handle(m); });
`;

/** The worker script for a browser's module worker (started from a Blob URL). */
export const BROWSER_WORKER_SCRIPT = `
const post = (m) => self.postMessage(m);
${COMMON}
self.onmessage = (e) => { void handle(e.data); };
`;
