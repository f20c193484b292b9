/**
 * The playground's worker: transpiles the user's TypeScript (sucrase), points its imports at the
 * bundled package and the Node shims, runs it as a module, and reports progress, plots and printed
 * lines to the page while the simulation goes on. The page stays responsive because all of this
 * happens here; Stop terminates the worker.
 */
import { transform } from 'sucrase';
import { init, parse } from 'es-module-lexer';
import type { FromWorker, Plots, ToWorker } from './protocol.js';

type Neurarchy = typeof import('../src/browser.js');
type Network = InstanceType<Neurarchy['Network']>;

const here = (file: string): string => new URL(file, self.location.href).href;
/** What an import of the user's code may name, and the module that answers it. */
const MODULES: Record<string, string> = {
  'neurarchy': here('lib/neurarchy.js'),
  'neurarchy/browser': here('lib/neurarchy.js'),
  'neurarchy/behaviors': here('lib/behaviors.js'),
  'node:util': here('shims/util.js'),
  'node:fs': here('shims/fs.js'),
  'node:fs/promises': here('shims/fs-promises.js'),
  'node:path': here('shims/path.js'),
};

/** `self` is the worker's global scope (the DOM typings describe a window). */
const scope = self as unknown as { postMessage(message: FromWorker, transfer: Transferable[]): void };
const post = (message: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(message, transfer);

// Printed lines go to the page's output panel.
for (const level of ['log', 'warn', 'error'] as const) {
  console[level] = (...args: unknown[]) => post({ type: 'log', level, text: args.map(show).join(' ') });
}
function show(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof Error) return `${x.name}: ${x.message}`;
  try { return JSON.stringify(x); } catch { return String(x); }
}

/** TypeScript → a blob-URL module whose imports point at the package, the shims and sibling examples. */
async function toModule(name: string, code: string, siblings: Record<string, string>, made: Map<string, string>): Promise<string> {
  const known = made.get(name);
  if (known) return known;
  // Examples run their main part only when started as a script; in the playground they are.
  const script = code.replace(/import\.meta\.url\s*===\s*`file:\/\/\$\{process\.argv\[1\]\}`/g, 'true');
  let js = transform(script, { transforms: ['typescript'], disableESTransforms: true, filePath: name }).code;
  await init();
  const [imports] = parse(js);
  // Replace from the end so earlier offsets stay valid.
  for (const imp of [...imports].reverse()) {
    if (imp.type !== 'static' && imp.type !== 'dynamic') continue; // import.meta, source phase
    if (imp.specifier == null) continue; // import(expression): left as written
    let target = MODULES[imp.specifier];
    // `./x.js` next to the importing example (examples/annarchy/a.ts → annarchy/x.ts).
    const sibling = /^\.\/([\w-]+)\.js$/.exec(imp.specifier)?.[1];
    const folder = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
    const path = `${folder}${sibling}.ts`;
    const source = sibling === undefined ? undefined : siblings[path];
    if (!target && source !== undefined) target = await toModule(path, source, siblings, made);
    if (!target) {
      throw new Error(`${name}: the playground cannot import '${imp.specifier}' (it provides ${Object.keys(MODULES).join(', ')} and the other examples)`);
    }
    // A static import's range is the bare specifier; a dynamic import's includes the quotes.
    js = js.slice(0, imp.start) + (imp.type === 'dynamic' ? JSON.stringify(target) : target) + js.slice(imp.end);
  }
  const url = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
  made.set(name, url);
  return url;
}

/** Every network that ran, for the plots and the .npz download. */
const networks = new Set<Network>();

/** Plots of every monitor and plastic projection of the networks that ran. */
function plots(nr: Neurarchy): Plots {
  const out: Plots = { raster: [], traces: [], rates: [], weights: [], spikes: 0 };
  for (const net of networks) {
    for (const m of net.monitors) {
      for (const v of m.variables) {
        if (v === 'spike') {
          const spikes = m.get('spike', { keep: true });
          let count = 0;
          for (const list of Object.values(spikes)) count += list.length;
          if (count === 0) continue;
          out.spikes += count;
          out.raster.push(nr.monitorRasterSvg(m, { width: 640, height: 300 }));
          {
            out.rates.push(nr.populationRateSvg(nr.populationRate(spikes, { dt: net.dt, smooth: 5 }), { width: 640, height: 200 }));
          }
        } else {
          try { out.traces.push(nr.monitorTracesSvg(m, v, undefined, { width: 640, height: 220 })); } catch { /* not a per-neuron variable */ }
        }
      }
    }
    for (const p of net.projections) {
      if (!p.description.plastic) continue;
      const w = (p as unknown as { w: unknown }).w;
      const values = Array.isArray(w) ? (w as ArrayLike<number>[]).flatMap((row) => Array.from(row)) : typeof w === 'number' ? [w] : Array.from(w as ArrayLike<number>);
      out.weights.push(nr.histogramSvg(values, { bins: 30, title: `weights of ${p.name}`, width: 640, height: 220 }));
    }
  }
  return out;
}

/**
 * Runs `simulate()` in slices so that progress and plots reach the page while it runs; the slices
 * are whole steps, and a network simulated in slices computes the same bits as in one call.
 */
function instrument(nr: Neurarchy, backend: ToWorker['backend']): void {
  const proto = nr.Network.prototype as unknown as {
    simulate(duration: number, ...rest: unknown[]): Promise<void>;
    compile(options?: Record<string, unknown>): Promise<void>;
  };
  const { simulate, compile } = proto;
  proto.compile = async function (this: Network, options = {}) {
    networks.add(this);
    await compile.call(this, { ...options, backend });
    const adapter = (this.engine as { info?: { adapter?: unknown } } | undefined)?.info?.adapter;
    post({ type: 'compiled', backend, adapter: typeof adapter === 'string' ? adapter : undefined });
  };
  proto.simulate = async function (this: Network, duration: number, ...rest: unknown[]) {
    networks.add(this);
    const steps = Math.round(duration / this.dt);
    const start = performance.now();
    let last = start;
    for (let done = 0; done < steps;) {
      const slice = Math.min(steps - done, Math.max(1, Math.round(20 / this.dt)));
      await simulate.call(this, slice * this.dt, ...rest);
      done += slice;
      const now = performance.now();
      if (now - last > 150 || done === steps) {
        last = now;
        const simulated = done * this.dt;
        post({ type: 'progress', done: simulated, total: steps * this.dt, realTimeFactor: simulated / Math.max(1e-9, now - start) });
        post({ type: 'plots', plots: plots(nr) });
      }
    }
  };
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const { code, file, siblings, args, backend } = event.data;
  const start = performance.now();
  (globalThis as unknown as { process: unknown }).process = {
    argv: ['node', 'playground.ts', ...args], env: {}, platform: 'browser',
    exit: () => { throw new Error('process.exit() called'); },
  };
  try {
    const nr = (await import(/* @vite-ignore */ MODULES.neurarchy)) as Neurarchy;
    instrument(nr, backend);
    const url = await toModule(file, code, siblings, new Map());
    await import(/* @vite-ignore */ url);
    // Kinds of plot with nothing left to show (an example's own `m.get('spike')` empties its
    // monitor) keep what the page drew during the run.
    post({ type: 'plots', plots: plots(nr) });
    for (const net of networks) {
      const bytes = net.toNpz();
      post({ type: 'file', name: `network-${[...networks].indexOf(net) + 1}.npz`, mime: 'application/zip', data: bytes }, [bytes.buffer]);
    }
    post({ type: 'done', ok: true, wallMs: performance.now() - start });
  } catch (e) {
    post({ type: 'done', ok: false, error: show(e), wallMs: performance.now() - start });
  }
};
