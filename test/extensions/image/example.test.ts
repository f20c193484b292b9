// examples/image.ts: the built-in picture's rates are known exactly; with ffmpeg, a video of
// uniform frames of known colours gives their luma, frame by frame.
import { it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { run } from '../../../examples/image.js';

const hasFfmpeg = (() => { try { execFileSync('ffmpeg', ['-version']); execFileSync('ffprobe', ['-version']); return true; } catch { return false; } })();

it('examples/image.ts: the built-in picture (red | blue) and its integrator', async () => {
  const s = await run();
  // Grey: red → (255·19595 + 32768) >> 16 = 76, blue → (255·7471 + 32768) >> 16 = 29, half each.
  expect(s.greyMean).toBeCloseTo((76 + 29) / 2 / 255, 12);
  expect(s.colourMeans[0]).toBeCloseTo(0.5, 12);
  expect(s.colourMeans[1]).toBe(0);
  expect(s.colourMeans[2]).toBeCloseTo(0.5, 12);
  // Explicit Euler, dt 1 ms, tau 10 ms, 50 steps from 0.
  expect(s.leakyMean).toBeCloseTo((1 - 0.9 ** 50) * s.greyMean, 12);
  expect(s.frameMeans).toEqual([]);
});

it('examples/image.ts --image: a PNG file of the same picture gives the same rates', async () => {
  const { PNG } = await import('pngjs');
  const png = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < 64 * 48; i++) png.data.set(i % 64 < 32 ? [255, 0, 0, 255] : [0, 0, 255, 255], 4 * i);
  const path = join(mkdtempSync(join(tmpdir(), 'neurarchy-image-example-')), 'flag.png');
  writeFileSync(path, PNG.sync.write(png, { colorType: 2 }));
  const fromFile = await run({ image: path });
  const builtIn = await run();
  expect(fromFile).toEqual(builtIn);
});

it('examples/image.ts --video: one mean per frame, the luma of each uniform frame', async ({ skip }) => {
  if (!hasFfmpeg) { console.log('ffmpeg not installed (apt-get install ffmpeg): video example test skipped'); skip(); }
  const dir = mkdtempSync(join(tmpdir(), 'neurarchy-image-example-'));
  const colours = [[255, 255, 255], [0, 255, 0], [10, 20, 30]];
  const raw = Buffer.concat(colours.map((c) => Buffer.from(Array.from({ length: 32 * 24 }, () => c).flat())));
  writeFileSync(join(dir, 'frames.rgb'), raw);
  const video = join(dir, 'uniform.mkv');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '32x24', '-r', '5', '-i', join(dir, 'frames.rgb'), '-c:v', 'png', video]);
  const s = await run({ video, frames: 10 });
  // Uniform frames stay uniform when enlarged to 64×48; luma (R·19595 + G·38470 + B·7471 + 32768) >> 16.
  const luma = colours.map(([r, g, b]) => ((r * 19595 + g * 38470 + b * 7471 + 32768) >>> 16) / 255);
  expect(luma.map((v) => Math.round(v * 255))).toEqual([255, 150, 18]);
  expect(s.frameMeans).toHaveLength(3);
  s.frameMeans.forEach((m, k) => expect(m).toBeCloseTo(luma[k], 12));
});
