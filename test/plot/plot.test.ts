import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  rasterPlotSvg, tracesSvg, populationRateSvg, weightMatrixSvg, histogramSvg, selectColumns,
} from '../../src/plot/index.js';
// The helpers the plots are drawn with, not exported from the package root.
import { niceTicks, niceStep, formatTick } from '../../src/plot/axes.js';
import { binValues } from '../../src/plot/histogram.js';
import { colormap } from '../../src/plot/svg.js';
import { writeSvg, svgToPng, writePng } from '../../src/plot/node.js';
import { unzlibSync } from 'fflate';
import { rasterPlot, populationRate } from '../../src/analysis/index.js';
import { checkXml, assertFiniteCoordinates } from './xml-check.js';

function texts(svg: string, cls: string): string[] {
  const g = new RegExp(`<g class="${cls}"[^>]*>(.*?)</g>`).exec(svg);
  return g ? [...g[1]!.matchAll(/>([^<]*)<\/text>/g)].map((m) => m[1]!) : [];
}

describe('ticks', () => {
  it('1/2/5 × 10^k steps for known ranges', () => {
    expect(niceTicks(0, 1000).ticks).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 97).ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 0.3, 3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0, 50, 5, false).ticks).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0.5, 49.5, 5, false).ticks).toEqual([10, 20, 30, 40]);
    for (const span of [0.0013, 0.7, 3, 17, 450, 12345, 9e7]) {
      const s = niceStep(span);
      const m = s / 10 ** Math.floor(Math.log10(s) + 1e-12);
      expect([1, 2, 5]).toContain(Math.round(m));
    }
  });
  it('widens empty ranges and formats labels without float noise', () => {
    expect(niceTicks(5, 5).ticks.length).toBeGreaterThan(1);
    expect(niceTicks(0, 0.3, 3).ticks.map((t) => formatTick(t, 0.1))).toEqual(['0.0', '0.1', '0.2', '0.3']);
    expect(formatTick(200, 200)).toBe('200');
    expect(formatTick(-60, 5)).toBe('-60');
    expect(formatTick(2e7, 1e7)).toBe('2e7');
  });
  it('negative ranges', () => {
    const t = niceTicks(-65, -50);
    expect(t.ticks[0]).toBe(t.min);
    expect(t.ticks.at(-1)).toBe(t.max);
    expect(t.min).toBeLessThanOrEqual(-65);
    expect(t.max).toBeGreaterThanOrEqual(-50);
  });
});

describe('rasterPlotSvg', () => {
  const spikes: Record<number, number[]> = {};
  let n = 0;
  for (let r = 0; r < 100; r++) {
    spikes[r] = [];
    for (let s = r % 7; s < 10_000; s += 97 + r) { spikes[r]!.push(s); n++; }
  }
  const raster = rasterPlot(spikes, { dt: 0.1 });
  const svg = rasterPlotSvg(raster, { title: 'Raster <test> & co' });

  it('is valid XML with one mark per spike and finite coordinates', () => {
    checkXml(svg);
    assertFiniteCoordinates(svg);
    const d = /class="raster-spikes"[^>]* d="([^"]*)"/.exec(svg)![1]!;
    expect(d.match(/M/g)!.length).toBe(n);
    expect(n).toBe(raster.times.length);
  });
  it('has the expected axes, labels and escaped title', () => {
    expect(texts(svg, 'tick-labels')).toEqual(expect.arrayContaining(['0', '200', '400', '600', '800', '1000']));
    expect(svg).toContain('>time (ms)</text>');
    expect(svg).toContain('>neuron rank</text>');
    expect(svg).toContain('Raster &lt;test&gt; &amp; co');
  });
  it('handles no spikes and honours sizes', () => {
    const empty = rasterPlotSvg({ times: [], ranks: [] }, { width: 300, height: 200 });
    checkXml(empty);
    assertFiniteCoordinates(empty);
    expect(empty).toContain('width="300" height="200"');
    expect(() => rasterPlotSvg({ times: [1], ranks: [] })).toThrow(/1 times but 0 ranks/);
  });
});

describe('tracesSvg and populationRateSvg', () => {
  const t = Float64Array.from({ length: 1001 }, (_, i) => i * 0.1);
  const v1 = t.map((x) => -65 + 10 * Math.sin(x / 10));
  const v2 = t.map((x) => -60 + 5 * Math.cos(x / 7));
  it('one path per trace, legend, gaps for NaN', () => {
    const withGap = v2.slice();
    withGap[500] = NaN;
    const svg = tracesSvg({ t, values: [v1, withGap], labels: ['neuron 0', 'neuron 5'] }, { yLabel: 'v (mV)' });
    checkXml(svg);
    assertFiniteCoordinates(svg);
    expect(svg.match(/class="trace"/g)!.length).toBe(2);
    expect(svg).toContain('>neuron 5</text>');
    expect(svg).toContain('>v (mV)</text>');
    const second = [...svg.matchAll(/class="trace"[^>]* d="([^"]*)"/g)][1]![1]!;
    expect(second.match(/M/g)!.length).toBe(2);
    expect(texts(svg, 'tick-labels')).toEqual(expect.arrayContaining(['0', '20', '40', '60', '80', '100']));
  });
  it('decimates long traces to a bounded path', () => {
    const long = Float64Array.from({ length: 200_000 }, (_, i) => i);
    const vals = long.map((x) => Math.sin(x / 50));
    const svg = tracesSvg({ t: long, values: vals });
    assertFiniteCoordinates(svg);
    const d = /class="trace"[^>]* d="([^"]*)"/.exec(svg)![1]!;
    expect(d.split(/[ML]/).length).toBeLessThan(4 * 640);
  });
  it('selectColumns picks neurons from a (T, N) record', () => {
    const flat = Float64Array.from([0, 1, 2, 10, 11, 12]);
    expect(selectColumns(flat, 3, [2, 0]).map((c) => [...c])).toEqual([[2, 12], [0, 10]]);
    expect(() => tracesSvg({ t: [0, 1], values: [[1]] })).toThrow(/trace 0 has 1 samples/);
  });
  it('population rate from spikes, rate axis from 0', () => {
    const spikes = { 0: [1, 5, 9, 30], 1: [2, 40] };
    const pr = populationRate(spikes, { dt: 1, start: 0, stop: 50, smooth: 5 });
    const svg = populationRateSvg(pr, { title: 'pop' });
    checkXml(svg);
    assertFiniteCoordinates(svg);
    expect(svg).toContain('>rate (Hz)</text>');
    expect(texts(svg, 'tick-labels')).toContain('0');
  });
});

describe('weightMatrixSvg', () => {
  it('heat map with colour bar; NaN cells blank; big matrices block-averaged', () => {
    const m = Array.from({ length: 20 }, (_, r) => Array.from({ length: 30 }, (_, c) => (r === c ? NaN : Math.sin(r) * Math.cos(c))));
    const svg = weightMatrixSvg(m, { title: 'w', colormap: 'rdbu', vmin: -1, vmax: 1 });
    checkXml(svg);
    assertFiniteCoordinates(svg);
    expect(svg).toContain('class="colorbar"');
    expect(svg).toContain('>pre-synaptic rank</text>');
    const big = { data: Float64Array.from({ length: 1000 * 1000 }, (_, i) => i % 1000), rows: 1000, cols: 1000 };
    const svg2 = weightMatrixSvg(big, { maxCells: 10_000 });
    expect(svg2.match(/<rect /g)!.length).toBeLessThan(10_000 + 10);
    expect(() => weightMatrixSvg({ data: [1, 2], rows: 2, cols: 2 })).toThrow(/needs 4 values/);
  });
  it('colour maps interpolate between end points', () => {
    expect(colormap('gray', 0)).toBe('#000000');
    expect(colormap('gray', 1)).toBe('#ffffff');
    expect(colormap('gray', 0.5)).toBe('#808080');
    expect(colormap('viridis', 2)).toBe('#fde725');
  });
});

describe('histogramSvg', () => {
  it('bins like numpy.histogram and draws one bar per non-empty bin', () => {
    const { counts, edges } = binValues([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect([...counts]).toEqual([2, 2, 2, 2, 3]);
    expect([...edges]).toEqual([0, 2, 4, 6, 8, 10]);
    expect([...binValues([0.1, 0.2, 0.3, 0.7], [0, 0.3, 1]).counts]).toEqual([2, 2]);
    const svg = histogramSvg([1, 1, 2, 5, 5, 5, NaN], { bins: 4, xLabel: 'ISI (ms)' });
    checkXml(svg);
    assertFiniteCoordinates(svg);
    expect(svg.match(/<g class="bars"[^>]*>(.*?)<\/g>/)![1]!.match(/<rect /g)!.length).toBe(3);
    expect(svg).toContain('>ISI (ms)</text>');
  });
});

describe('xml checker catches broken documents', () => {
  it('rejects', () => {
    expect(() => checkXml('<svg><g></svg>')).toThrow();
    expect(() => checkXml('<svg a=1/>')).toThrow();
    expect(() => checkXml('<svg>a & b</svg>')).toThrow();
    expect(() => assertFiniteCoordinates('<svg><path d="M NaN 1"/></svg>')).toThrow();
  });
});

describe('node helpers', () => {
  it('writeSvg writes the file; svgToPng explains how to install resvg when absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurarchy-plot-'));
    try {
      const svg = histogramSvg([1, 2, 3]);
      await writeSvg(join(dir, 'h.svg'), svg);
      expect(readFileSync(join(dir, 'h.svg'), 'utf8')).toBe(svg);
      let installed = true;
      try { await import('@resvg/resvg-js' as string); } catch { installed = false; }
      if (!installed) await expect(svgToPng(svg)).rejects.toThrow(/npm install @resvg\/resvg-js/);
      else expect((await svgToPng(svg))[1]).toBe(0x50); // 'P' of the PNG signature
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('svgToPng renders the plot: PNG header with the asked width, the aspect ratio kept, dark pixels drawn', async (ctx) => {
    try { await import('@resvg/resvg-js' as string); } catch { ctx.skip(); }
    const svg = histogramSvg([1, 2, 2, 3, 3, 3], { title: 'h' });
    const [, w0, h0] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    const png = await svgToPng(svg, { width: 320 });
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
    const width = view.getUint32(16), height = view.getUint32(20);
    expect(width).toBe(320);
    expect(height).toBe(Math.round((320 * h0) / w0));
    // Concatenate the IDAT chunks, inflate them: the filtered scanlines hold RGBA bytes, and a
    // white background with black axes and coloured bars must have bytes well below 255.
    const idat: Uint8Array[] = [];
    for (let o = 8; o < png.length;) {
      const len = view.getUint32(o), type = String.fromCharCode(...png.subarray(o + 4, o + 8));
      if (type === 'IDAT') idat.push(png.subarray(o + 8, o + 8 + len));
      o += 12 + len;
    }
    const raw = unzlibSync(new Uint8Array(Buffer.concat(idat)));
    const bpp = png[25] === 6 ? 4 : 3; // colour type 6 = RGBA, 2 = RGB (8 bits per channel)
    const stride = width * bpp;
    expect(raw.length).toBe(height * (1 + stride));
    // Undo PNG's per-row filters (None, Sub, Up, Average, Paeth) and count the drawn (not white) pixels.
    const prev = new Uint8Array(stride), cur = new Uint8Array(stride);
    let dark = 0;
    for (let row = 0; row < height; row++) {
      const f = raw[row * (1 + stride)], line = raw.subarray(row * (1 + stride) + 1, (row + 1) * (1 + stride));
      for (let k = 0; k < stride; k++) {
        const a = k >= bpp ? cur[k - bpp] : 0, b = prev[k], c = k >= bpp ? prev[k - bpp] : 0;
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        cur[k] = (line[k] + pred) & 255;
      }
      for (let k = 0; k < stride; k += bpp) if (Math.min(cur[k], cur[k + 1], cur[k + 2]) < 160) dark++;
      prev.set(cur);
    }
    expect(dark).toBeGreaterThan(0.01 * width * height); // axes, ticks, labels, bars
    expect(dark).toBeLessThan(0.5 * width * height); // on a white background
  });

  it('writePng writes the bytes svgToPng renders (exported from neurarchy/node)', async (ctx) => {
    try { await import('@resvg/resvg-js' as string); } catch { ctx.skip(); }
    const node = await import('../../src/node.js');
    expect(node.writePng).toBe(writePng);
    const dir = mkdtempSync(join(tmpdir(), 'neurarchy-plot-'));
    try {
      const svg = histogramSvg([1, 2, 2, 3], { title: 'p' });
      await writePng(join(dir, 'h.png'), svg, { width: 200 });
      expect(new Uint8Array(readFileSync(join(dir, 'h.png')))).toEqual(await svgToPng(svg, { width: 200 }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
