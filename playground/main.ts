/**
 * The playground page: an editor with the gallery's examples, Run/Stop, the simulation in a Web
 * Worker (so the page never freezes), live progress and plots, downloads, and the code in the URL.
 */
import { EditorView, basicSetup } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { strToU8, strFromU8, deflateSync, inflateSync } from 'fflate';
import { gallery, sources } from './gallery.js';
import type { FromWorker, Plots, ToWorker } from './protocol.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const exampleSelect = $<HTMLSelectElement>('example');
const argsInput = $<HTMLInputElement>('args');
const backendSelect = $<HTMLSelectElement>('backend');
const runButton = $<HTMLButtonElement>('run');
const stopButton = $<HTMLButtonElement>('stop');
const output = $<HTMLPreElement>('output');
const progress = $<HTMLProgressElement>('progress');
const progressText = $<HTMLSpanElement>('progress-text');
const downloads = $<HTMLDivElement>('downloads');

const editor = new EditorView({ parent: $('editor'), extensions: [basicSetup, javascript({ typescript: true })] });
const code = (): string => editor.state.doc.toString();
function setCode(text: string): void { editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } }); }

for (const [i, e] of gallery.entries()) exampleSelect.add(new Option(`${e.title} (${e.file})`, String(i)));
function choose(index: number): void {
  const e = gallery[index]!;
  exampleSelect.value = String(index);
  setCode(sources[e.file]!);
  argsInput.value = e.args;
}
exampleSelect.onchange = () => choose(Number(exampleSelect.value));
if (!('gpu' in navigator)) backendSelect.querySelector<HTMLOptionElement>('option[value=webgpu]')!.disabled = true;

/* ---- sharing by URL: the code deflated and base64url-encoded in the fragment ---- */
const toBase64Url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (s: string): Uint8Array => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
$('share').onclick = async () => {
  const params = new URLSearchParams({ example: exampleSelect.value, args: argsInput.value, code: toBase64Url(deflateSync(strToU8(code()))) });
  location.hash = params.toString();
  await navigator.clipboard?.writeText(location.href).catch(() => undefined);
  log('log', 'link to this code copied to the address bar (and the clipboard)');
};
function loadFromUrl(): boolean {
  const params = new URLSearchParams(location.hash.slice(1));
  const shared = params.get('code');
  if (params.has('example')) choose(Number(params.get('example')) || 0);
  if (shared) setCode(strFromU8(inflateSync(fromBase64Url(shared))));
  if (params.has('args')) argsInput.value = params.get('args')!;
  return params.has('example') || shared !== null;
}
if (!loadFromUrl()) choose(0);

/* ---- running ---- */
let worker: Worker | undefined;
let fileUrls: string[] = [];

function log(level: 'log' | 'warn' | 'error', text: string): void {
  const line = document.createElement('span');
  line.className = level;
  line.textContent = `${text}\n`;
  output.append(line);
  output.scrollTop = output.scrollHeight;
}

function show(plots: Plots): void {
  // A kind with nothing to show keeps its last plots (the worker's monitors may have been emptied).
  for (const kind of ['raster', 'rates', 'traces', 'weights'] as const) {
    if (plots[kind].length > 0) $(`plot-${kind}`).innerHTML = plots[kind].join('');
  }
  if (plots.raster.length > 0) document.body.dataset.spikes = String(plots.spikes);
}

function offer(name: string, mime: string, data: Uint8Array | string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: mime }));
  fileUrls.push(url);
  const a = document.createElement('a');
  a.href = url; a.download = name; a.textContent = name;
  downloads.append(a, ' ');
}

function finish(state: 'done' | 'error' | 'stopped'): void {
  worker?.terminate();
  worker = undefined;
  runButton.disabled = false;
  stopButton.disabled = true;
  document.body.dataset.state = state;
}

runButton.onclick = () => {
  finish('stopped');
  output.textContent = '';
  downloads.textContent = '';
  for (const u of fileUrls) URL.revokeObjectURL(u);
  fileUrls = [];
  for (const kind of ['raster', 'rates', 'traces', 'weights']) $(`plot-${kind}`).innerHTML = '';
  progress.value = 0;
  progressText.textContent = '';
  document.body.dataset.state = 'running';
  document.body.dataset.spikes = '0';
  delete document.body.dataset.backend;
  $('backend-info').textContent = '';
  runButton.disabled = true;
  stopButton.disabled = false;
  const started = performance.now();
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const m = event.data;
    switch (m.type) {
      case 'log': log(m.level, m.text); break;
      case 'compiled':
        document.body.dataset.backend = m.backend;
        $('backend-info').textContent = `compiled for ${m.backend}${m.adapter ? ` (${m.adapter})` : ''}`;
        break;
      case 'progress':
        progress.value = m.done / m.total;
        progressText.textContent = `${m.done.toFixed(0)} / ${m.total.toFixed(0)} ms simulated, ${m.realTimeFactor.toFixed(2)}× real time`;
        break;
      case 'plots':
        show(m.plots);
        if (m.plots.raster.length && !document.body.dataset.firstRasterMs) {
          document.body.dataset.firstRasterMs = String(Math.round(performance.now() - started));
        }
        break;
      case 'file': offer(m.name, m.mime, m.data); break;
      case 'done':
        if (!m.ok) log('error', m.error ?? 'failed');
        log('log', `— finished in ${(m.wallMs / 1000).toFixed(2)} s`);
        finish(m.ok ? 'done' : 'error');
        break;
    }
  };
  worker.onerror = (e) => { log('error', e.message); finish('error'); };
  const siblings = Object.fromEntries(Object.entries(sources));
  const args = argsInput.value.trim() ? argsInput.value.trim().split(/\s+/) : [];
  worker.postMessage({ type: 'run', code: code(), file: gallery[Number(exampleSelect.value)]?.file ?? 'playground.ts', siblings, args, backend: backendSelect.value as ToWorker['backend'] } satisfies ToWorker);
};
stopButton.onclick = () => { log('warn', '— stopped'); finish('stopped'); };
document.body.dataset.state = 'idle';
// For the browser test: each entry's flags and the statistic it checks.
(window as unknown as { playgroundGallery: unknown }).playgroundGallery =
  gallery.map((e) => ({ file: e.file, args: e.args, pattern: e.check.pattern.source, range: e.check.range }));
