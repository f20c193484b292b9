/**
 * Draws the microcircuit's blocks of synapses (`microcircuit-blocks.ts`) on worker threads, handing
 * each block to `onBlock` on the main thread as it arrives (in any order), so the main thread
 * connects one source population while the workers draw the next. Every block comes from its own
 * stream: the synapses do not depend on the number of workers (0 draws them in this thread).
 */
import { Worker } from 'node:worker_threads';
import { tsxImporter } from '../../src/parallel/spawn.js';
import { drawBlock, type Block, type BlockJob } from './microcircuit-blocks.js';

const BLOCKS_MODULE = new URL('./microcircuit-blocks.ts', import.meta.url).href;

/** A worker's script: load the blocks module through tsx, then draw each job it is sent. */
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.tsx).then((t) => t.tsImport(workerData.module, workerData.module)).then((mod) => {
  parentPort.on('message', (job) => {
    try {
      const b = mod.drawBlock(job);
      parentPort.postMessage({ block: b }, mod.blockBuffers(b));
    } catch (e) {
      parentPort.postMessage({ error: String((e && e.stack) || e) });
    }
  });
  parentPort.postMessage({ ready: true });
}, (e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

/**
 * Draws every job, `workers` at a time (0: here, in order), calling `onBlock` with each block on
 * the main thread. Jobs are sent in the order given; resolves when every block has been handed over.
 */
export async function drawBlocks(jobs: readonly BlockJob[], workers: number, onBlock: (b: Block) => void): Promise<void> {
  if (workers <= 0) {
    for (const job of jobs) onBlock(drawBlock(job));
    return;
  }
  const tsx = await tsxImporter(BLOCKS_MODULE);
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => new Worker(WORKER_SCRIPT, { eval: true, workerData: { tsx, module: BLOCKS_MODULE } }));
  let next = 0;
  try {
    await Promise.all(pool.map((w) => new Promise<void>((resolve, reject) => {
      const send = () => { if (next < jobs.length) w.postMessage(jobs[next++]); else resolve(); };
      w.on('message', (m: { ready?: true; block?: Block; error?: string }) => {
        if (m.error !== undefined) { reject(new Error(`microcircuit block worker: ${m.error}`)); return; }
        if (m.block) onBlock(m.block);
        send();
      });
      w.on('error', reject);
      w.on('exit', (code) => { if (next < jobs.length || code !== 0) reject(new Error(`microcircuit block worker exited with code ${code}`)); });
    })));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
