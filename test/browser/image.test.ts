// The image extension in a real browser (Debian's Chromium): examples/image.html reads a canvas
// into ImagePopulations and runs a network on it; its camera part reads Chromium's fake camera,
// fed a video of known content (left half black, right half white), through getUserMedia. The
// other image sources (<img>, ImageBitmap, ImageData) are checked in the same page.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { serveFolder } from '../../scripts/serve.js';

const repo = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'neurarchy-image-browser-'));

/** A Y4M video (Chromium's fake-camera file format): 64×48, left half black, right half white. */
function writeY4m(path: string): void {
  const w = 64, h = 48, frames = 4;
  const y = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) y[r * w + c] = c < w / 2 ? 16 : 235;   // video range
  const uv = new Uint8Array((w / 2) * (h / 2)).fill(128);
  const parts: Uint8Array[] = [Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) parts.push(Buffer.from('FRAME\n'), y, uv, uv);
  writeFileSync(path, Buffer.concat(parts));
}

let browser: Browser | undefined;
let close: (() => void) | undefined;
let base = '';
let bundle = '';
beforeAll(async () => {
  // The page loads the package bundle; until the image extension is exported from
  // src/browser.ts, the test serves a bundle of src/browser.ts plus the extension in its place.
  const out = await build({
    stdin: { contents: `export * from './src/browser.ts';\nexport * from './src/extensions/image/index.ts';`, resolveDir: repo, loader: 'ts' },
    bundle: true, platform: 'browser', format: 'iife', globalName: 'neurarchy', target: 'es2022', write: false, logLevel: 'silent',
  });
  bundle = out.outputFiles[0].text;
  const y4m = join(tmp, 'halves.y4m');
  writeY4m(y4m);
  browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`]);
  ({ url: base, close } = await serveFolder(repo));
}, 120_000);
afterAll(async () => { await browser?.close(); close?.(); });

describe('examples/image.html', () => {
  it('reads a canvas into image populations, then the (fake) camera into a VideoPopulation', async ({ skip }) => {
    if (!browser) skip();
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/dist/browser/neurarchy.iife.js', (route) => route.fulfill({ contentType: 'text/javascript', body: bundle }));
    await page.goto(`${base}/examples/image.html?camera`);
    await page.waitForFunction(() => document.body.dataset.cameraDone !== undefined || document.body.dataset.done === 'error', undefined, { timeout: 60_000 });
    expect(errors).toEqual([]);
    const data = await page.evaluate(() => ({ ...document.body.dataset }));
    expect(data.done, data.error).toBe('true');
    // The picture: a red→blue gradient (luma 0.25 → 0.14) with a white disc covering 804/6144 of it.
    const grey = Number(data.greyMean);
    expect(grey).toBeGreaterThan(0.25);
    expect(grey).toBeLessThan(0.4);
    // The leaky integrator (tau 10 ms, explicit Euler, dt 1 ms) after 50 steps: 1 − 0.9^50 of its input.
    expect(Number(data.leakyMean) / grey).toBeCloseTo(1 - 0.9 ** 50, 12);
    // The camera: the video's left half black, right half white (64×48), not mirrored, read into
    // 32 columns: Pillow's bicubic reduction of that edge gives 0 … 0, 17, 238, 255 … 255 (columns
    // 15 and 16 straddle it; the same numbers as Image.resize in test/extensions/image).
    const cols = JSON.parse(data.cameraColumns!) as number[];
    expect(Number(data.cameraFrames)).toBe(5);
    const expected = Array.from({ length: 32 }, (_, x) => (x < 15 ? 0 : x === 15 ? 17 : x === 16 ? 238 : 255) / 255);
    cols.forEach((c, x) => expect(c, `column ${x}`).toBeCloseTo(expected[x], 12));
    // At the video's own size nothing is resized: the frame exactly, row 0 shown.
    const native = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's bundle, untyped in the page
      const { Network, VideoPopulation } = (window as unknown as { neurarchy: any }).neurarchy;
      const cam = new VideoPopulation([48, 64], { network: new Network() });
      await cam.startCamera();
      await cam.grabImage();
      const r = Array.from(cam.r as number[]);
      cam.release();
      return { r, started: cam.isStarted };
    });
    expect(native.r.slice(0, 64)).toEqual(Array.from({ length: 64 }, (_, x) => (x < 32 ? 0 : 1)));
    expect(native.r).toEqual(Array.from({ length: 48 * 64 }, (_, i) => (i % 64 < 32 ? 0 : 1)));
    expect(native.started).toBe(false);
    await page.close();
  });

  it('<img>, ImageBitmap, ImageData and <canvas> give the same exact rates', async ({ skip }) => {
    if (!browser) skip();
    const page = await browser!.newPage();
    await page.route('**/dist/browser/neurarchy.iife.js', (route) => route.fulfill({ contentType: 'text/javascript', body: bundle }));
    await page.goto(`${base}/examples/image.html`);
    await page.waitForFunction(() => document.body.dataset.done !== undefined, undefined, { timeout: 60_000 });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's bundle, untyped in the page
      const { Network, ImagePopulation } = (window as unknown as { neurarchy: any }).neurarchy;
      // 8×4 canvas: left half red, right half blue.
      const canvas = document.createElement('canvas');
      canvas.width = 8; canvas.height = 4;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = 'rgb(255, 0, 0)'; ctx.fillRect(0, 0, 4, 4);
      ctx.fillStyle = 'rgb(0, 0, 255)'; ctx.fillRect(4, 0, 4, 4);
      const img = new Image();
      img.src = canvas.toDataURL('image/png');
      await img.decode();
      const sources: Record<string, unknown> = {
        canvas, img, bitmap: await createImageBitmap(canvas), imageData: ctx.getImageData(0, 0, 8, 4),
      };
      const net = new Network();
      const out: Record<string, { grey: number[]; colour: number[] }> = {};
      for (const [name, src] of Object.entries(sources)) {
        const grey = new ImagePopulation([4, 8], { network: net });
        const colour = new ImagePopulation([4, 8, 3], { network: net });
        await grey.setImage(src);
        await colour.setImage(src);
        out[name] = { grey: Array.from(grey.r as number[]).map((v) => Math.round(v * 255)), colour: Array.from(colour.r as number[]).map((v) => Math.round(v * 255)) };
      }
      let error = '';
      try { await new ImagePopulation([2, 2], { network: net, name: 'p' }).setImage('photo.png'); } catch (e) { error = (e as Error).message; }
      return { out, error };
    });
    // Pillow's luma: red 76, blue 29.
    const row = [76, 76, 76, 76, 29, 29, 29, 29];
    for (const [name, { grey, colour }] of Object.entries(result.out)) {
      expect(grey, name).toEqual([...row, ...row, ...row, ...row]);
      const rgb = [...[0, 1, 2, 3].flatMap(() => [255, 0, 0]), ...[0, 1, 2, 3].flatMap(() => [0, 0, 255])];
      expect(colour, name).toEqual([...rgb, ...rgb, ...rgb, ...rgb]);
    }
    expect(Object.keys(result.out)).toEqual(['canvas', 'img', 'bitmap', 'imageData']);
    // A file path in a browser: the reason and what to pass instead.
    expect(result.error).toMatch(/ImagePopulation 'p'.setImage\(\): reading the file 'photo.png' needs Node.js; in a browser pass an <img>, <canvas>, ImageBitmap or ImageData/);
    await page.close();
  });
});
