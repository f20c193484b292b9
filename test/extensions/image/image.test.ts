// ImagePopulation: exact rates of hand-made PNGs, the resize of a known gradient against the
// bicubic filter's expected values, colour channels, errors; and, where Debian's Pillow is
// installed, byte-for-byte agreement with what ANNarchy's set_image (Pillow) gives.
import { describe, it, expect, beforeAll, vi } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { Network } from '../../../src/index.js';
import { ImagePopulation } from '../../../src/extensions/image/ImagePopulation.js';
import { resize } from '../../../src/extensions/image/resample.js';
import { luma } from '../../../src/extensions/image/pixels.js';
import { describeBackends, compileOptions, closeDigits } from '../../helpers/backends.js';

const dir = mkdtempSync(join(tmpdir(), 'neurarchy-image-'));

/** Writes a PNG of the given colour type (0 grey, 2 RGB, 6 RGBA) from RGBA values. */
function writePng(name: string, width: number, height: number, rgba: number[], colorType: 0 | 2 | 4 | 6): string {
  const png = new PNG({ width, height });
  png.data.set(rgba);
  const path = join(dir, name);
  writeFileSync(path, PNG.sync.write(png, { colorType }));
  return path;
}

const rates = (pop: ImagePopulation): number[] => Array.from(pop.r as ArrayLike<number>);

describe('ImagePopulation.setImage', () => {
  it('a hand-made 4×4 grey PNG gives r = value / 255 exactly, in row-major order', async () => {
    const grey = [0, 17, 34, 51, 68, 85, 102, 119, 136, 153, 170, 187, 204, 221, 238, 255];
    const path = writePng('grey4.png', 4, 4, grey.flatMap((v) => [v, v, v, 255]), 0);
    expect(readFileSync(path)[25]).toBe(0);   // IHDR: greyscale
    const net = new Network();
    const pop = new ImagePopulation([4, 4], { network: net });
    await pop.setImage(path);
    expect(rates(pop)).toEqual(grey.map((v) => v / 255));
    expect((pop.r as { shape: number[] }).shape).toEqual([4, 4]);
    // (y, x) = (1, 2) is rank 6: 102/255 = 0.4.
    expect(pop.r[1 * 4 + 2]).toBe(0.4);
  });

  it('colour channels: (h, w, 3) keeps R, G, B; (h, w) takes Pillow\'s luma', async () => {
    // 2×2: red, green, blue, (10, 200, 30).
    const px = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [10, 200, 30]];
    const path = writePng('rgb2.png', 2, 2, px.flatMap((p) => [...p, 255]), 2);
    const net = new Network();
    const colour = new ImagePopulation([2, 2, 3], { network: net });
    await colour.setImage(path);
    expect(rates(colour)).toEqual(px.flat().map((v) => v / 255));
    const grey = new ImagePopulation({ geometry: [2, 2, 1], network: net });
    expect(grey.geometry).toEqual([2, 2]);   // (h, w, 1) is a grey population, as in ANNarchy
    await grey.setImage(path);
    // L = (R·19595 + G·38470 + B·7471 + 32768) >> 16: red 76, green 150, blue 29, and
    // (195950 + 7694000 + 224130 + 32768) >> 16 = 8146848 >> 16 = 124.
    expect(rates(grey)).toEqual([76, 150, 29, 124].map((v) => v / 255));
    expect(luma(10, 200, 30)).toBe(124);
  });

  it('a grey PNG in a colour population: R = G = B', async () => {
    const path = writePng('grey2.png', 2, 1, [10, 10, 10, 255, 250, 250, 250, 255], 0);
    const pop = new ImagePopulation([1, 2, 3], { network: new Network() });
    await pop.setImage(path);
    expect(rates(pop)).toEqual([10, 10, 10, 250, 250, 250].map((v) => v / 255));
  });

  it('ImageData-like pixels and explicit modes', async () => {
    const net = new Network();
    const pop = new ImagePopulation([1, 3], { network: net });
    await pop.setImage({ width: 3, height: 1, data: new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 0, 255, 0, 7]) });
    expect(rates(pop)).toEqual([255, 0, 150].map((v) => v / 255));   // alpha is ignored by convert('L')
    await pop.setImage({ width: 3, height: 1, mode: 'L', data: new Uint8Array([1, 2, 3]) });
    expect(rates(pop)).toEqual([1 / 255, 2 / 255, 3 / 255]);
  });

  it('the resize of a horizontal gradient follows the bicubic filter (16 → 8 and 4 → 8 pixels)', () => {
    // v(k) = 10 + 16·k at the 16 pixels k = 0..15. Reducing by 2, output j is centred between
    // inputs 2j and 2j + 1 and the kernel (Keys' cubic widened ×2: 8 taps, k = 2j − 3 … 2j + 4)
    // is symmetric about that point; where no tap falls off the image (j = 2..5), the normalised
    // weights reproduce the ramp there: 10 + 16·(2j + ½) = 18 + 32j → 82, 114, 146, 178.
    const row = Array.from({ length: 16 }, (_, k) => 10 + 16 * k);
    const down = resize({ width: 16, height: 1, mode: 'L', data: Uint8Array.from(row) }, 8, 1);
    expect(Array.from(down.data.subarray(2, 6))).toEqual([82, 114, 146, 178]);
    // At the borders the cut kernel is renormalised: outputs stay between the ends, increasing.
    expect(down.data[0]).toBeGreaterThanOrEqual(10);
    expect(down.data[7]).toBeLessThanOrEqual(250);
    for (let j = 1; j < 8; j++) expect(down.data[j]).toBeGreaterThan(down.data[j - 1]);
    // Enlarging 4 → 8 (kernel not widened: 4 taps): output i sits at input position i/2 − ¼; where
    // its 4 taps are inside (i = 3, 4), the cubic reproduces the line u(k) = 20 + 40k exactly:
    // 20 + 40·1.25 = 70 and 20 + 40·1.75 = 90.
    const up = resize({ width: 4, height: 1, mode: 'L', data: Uint8Array.from([20, 60, 100, 140]) }, 8, 1);
    expect([up.data[3], up.data[4]]).toEqual([70, 90]);
    // The same along y (the vertical pass): a transposed ramp gives the same values.
    const col = resize({ width: 1, height: 16, mode: 'L', data: Uint8Array.from(row) }, 1, 8);
    expect(Array.from(col.data)).toEqual(Array.from(down.data));
    // A constant image stays constant whatever the size (weights are normalised).
    const flat = resize({ width: 5, height: 3, mode: 'RGB', data: new Uint8Array(45).fill(77) }, 13, 2);
    expect(new Set(flat.data)).toEqual(new Set([77]));
  });

  it('warns once per image size when it resizes, as ANNarchy warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const pop = new ImagePopulation([2, 2], { name: 'retina', network: new Network() });
    const img = { width: 4, height: 4, mode: 'L' as const, data: new Uint8Array(16).fill(9) };
    await pop.setImage(img);
    await pop.setImage(img);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/ImagePopulation 'retina'.*4×4.*2×2.*resized/);
    warn.mockRestore();
    expect(rates(pop)).toEqual([9, 9, 9, 9].map((v) => v / 255));
  });

  it('errors: geometry, missing file, unknown format, wrong pixel sizes', async () => {
    const net = new Network();
    expect(() => new ImagePopulation(10 as never, { network: net })).toThrow(/ImagePopulation\(\).*2-D \(height, width\)/);
    expect(() => new ImagePopulation([10], { network: net })).toThrow(/2-D/);
    expect(() => new ImagePopulation([4, 4, 2], { network: net })).toThrow(/third dimension.*1 \(grey\) or 3 \(colour\).*\[4, 4, 2\]/);
    expect(() => new ImagePopulation([4, 4, 3, 1], { network: net })).toThrow(/third dimension/);
    expect(() => new ImagePopulation([4, 4], { network: net, nmae: 'x' } as never)).toThrow(/nmae/);
    const pop = new ImagePopulation([2, 2], { name: 'eye', network: net });
    await expect(pop.setImage(join(dir, 'nope.png'))).rejects.toThrow(/ImagePopulation 'eye'.setImage\(\).*'.*nope.png' does not exist/);
    const txt = join(dir, 'not-an-image.png');
    writeFileSync(txt, 'hello');
    await expect(pop.setImage(txt)).rejects.toThrow(/neither a PNG nor a JPEG \(it starts with 68 65 6c 6c\)/);
    await expect(pop.setImage({ width: 2, height: 2, data: new Uint8Array(3) })).rejects.toThrow(/2×2 RGBA image needs 16 bytes, got 3/);
    await expect(pop.setImage(42 as never)).rejects.toThrow(/cannot read an image from/);
    const broken = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await expect(pop.setImage(broken)).rejects.toThrow(/not a valid PNG/);
  });

  it('decodes a JPEG (jpeg-js): a uniform colour comes back within JPEG rounding', async () => {
    const data = new Uint8Array(16 * 16 * 4);
    for (let i = 0; i < 256; i++) data.set([200, 100, 50, 255], 4 * i);
    const path = join(dir, 'flat.jpg');
    writeFileSync(path, jpeg.encode({ data, width: 16, height: 16 }, 95).data);
    const pop = new ImagePopulation([16, 16, 3], { network: new Network() });
    await pop.setImage(path);
    for (let i = 0; i < 256; i++) {
      expect(Math.abs(pop.r[3 * i] * 255 - 200)).toBeLessThanOrEqual(2);
      expect(Math.abs(pop.r[3 * i + 1] * 255 - 100)).toBeLessThanOrEqual(2);
      expect(Math.abs(pop.r[3 * i + 2] * 255 - 50)).toBeLessThanOrEqual(2);
    }
  });
});

describe('browser bundle', () => {
  it('the image extension bundles for browsers without Node built-ins or the Node decoders', async () => {
    const { build } = await import('esbuild');
    const entry = join(import.meta.dirname, '..', '..', '..', 'src', 'extensions', 'image', 'index.ts');
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', metafile: true });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.filter((f) => f.startsWith('node:') || /node_modules\/(pngjs|jpeg-js)/.test(f))).toEqual([]);
    expect(inputs.some((f) => f.endsWith('resample.ts'))).toBe(true);
  });
});

describeBackends('ImagePopulation in a network', (backend) => {
  it('the rates drive a projection in a compiled network', async () => {
    const { Population, Neuron } = await import('../../../src/index.js');
    const net = new Network();
    const img = new ImagePopulation([1, 2], { network: net });
    const out = new Population(1, new Neuron({ equations: 'r = sum(exc)' }), { network: net });
    net.connect(img, out, 'exc').allToAll(2.0);
    await net.compile(compileOptions(backend));
    await img.setImage({ width: 2, height: 1, mode: 'L', data: Uint8Array.from([51, 102]) });
    await net.simulate(2);
    // r = 2 × (51 + 102) / 255 (float32 on webgpu: closeDigits relaxes to its precision).
    expect(out.r[0]).toBeCloseTo(2 * (0.2 + 0.4), closeDigits(12, 1.2));
  });
});

// Pillow (Debian's python3-pil) makes the images and computes what ANNarchy's set_image gives.
const python = ['/usr/bin/python3', 'python3'].find((p) => { try { execFileSync(p, ['-c', 'import PIL, numpy']); return true; } catch { return false; } });
describe('same rates as ANNarchy (Pillow)', () => {
  let reference: { pillow: string; cases: { file: string; geometry: number[]; mode: string; r: number[] }[] } | undefined;
  beforeAll(() => {
    if (!python) return;
    execFileSync(python, [join(import.meta.dirname, 'pillow-reference.py'), dir]);
    reference = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8'));
  });

  it('PNG in modes L, RGB, RGBA, LA and P, reduced, enlarged and both: identical to the byte', async ({ skip }) => {
    if (!reference) { console.log('Python with Pillow and numpy not found (apt-get install python3-pil python3-numpy): Pillow comparison skipped'); skip(); }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const pngs = reference!.cases.filter((c) => c.file.endsWith('.png'));
    expect(pngs.length).toBe(19);
    for (const c of pngs) {
      const pop = new ImagePopulation(c.geometry, { network: new Network() });
      await pop.setImage(c.file);
      const got = rates(pop).map((v) => Math.round(v * 255));
      const want = c.r.map((v) => Math.round(v * 255));
      expect(got, `${c.file} (${c.mode}) → [${c.geometry}]`).toEqual(want);
    }
    warn.mockRestore();
  });

  it('JPEG: jpeg-js and libjpeg (Pillow) decode within a few levels of each other', async ({ skip }) => {
    if (!reference) { console.log('Python with Pillow not found: JPEG comparison skipped'); skip(); }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const stats: Record<string, [number, number]> = {};
    for (const c of reference!.cases.filter((k) => k.file.endsWith('.jpeg'))) {
      const pop = new ImagePopulation(c.geometry, { network: new Network() });
      await pop.setImage(c.file);
      const d = rates(pop).map((v, i) => Math.round(Math.abs(v - c.r[i]) * 255));
      stats[`${c.file.split('/').pop()} [${c.geometry}]`] = [Math.max(...d), d.reduce((a, b) => a + b) / d.length];
    }
    warn.mockRestore();
    // Measured: 4:4:4 max 3, 1, 2 levels (mean ≈ 0.5): the IDCTs' rounding. 4:2:0 in colour:
    // max 10, mean 3.3 (libjpeg interpolates the half-resolution chroma, jpeg-js repeats it);
    // in grey the chroma hardly counts: max 1.
    for (const [k, [max, mean]] of Object.entries(stats)) {
      const colour420 = k.startsWith('smooth420') && k.endsWith(',3]');
      expect(max, k).toBeLessThanOrEqual(colour420 ? 12 : 3);
      expect(mean, k).toBeLessThanOrEqual(colour420 ? 4 : 0.75);
    }
    expect(Object.keys(stats)).toHaveLength(5);
  });
});
