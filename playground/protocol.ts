/** Messages between the playground page and the worker that runs the user's code. */

/** Page → worker. */
export type ToWorker = {
  type: 'run';
  /** The example's TypeScript, as in the editor. */
  code: string;
  /** Its path under examples/ (`annarchy/hh.ts`): where its `./sibling.js` imports are looked up. */
  file: string;
  /** The other examples (for `import … from './pymonnto_basic.js'`), by file name. */
  siblings: Record<string, string>;
  /** Command-line flags for the examples' `parseArgs` (e.g. `['--T', '200']`). */
  args: string[];
  /** The backend every `compile()` uses. */
  backend: 'js' | 'wasm' | 'webgpu';
};

/** The plots of one update, as SVG strings. */
export interface Plots {
  raster: string[];
  traces: string[];
  rates: string[];
  weights: string[];
  /** Spikes drawn in the rasters (what the browser test compares with the marks). */
  spikes: number;
}

/** Worker → page. */
export type FromWorker =
  | { type: 'log'; level: 'log' | 'warn' | 'error'; text: string }
  | { type: 'compiled'; backend: string; adapter?: string }
  | { type: 'progress'; done: number; total: number; realTimeFactor: number }
  | { type: 'plots'; plots: Plots }
  | { type: 'file'; name: string; mime: string; data: Uint8Array | string }
  | { type: 'done'; ok: boolean; error?: string; wallMs: number };
