// VideoPopulation in Node.js: frames of a lossless video made by ffmpeg from known pixels come back
// exactly (colour), resized and converted as setImage does (grey), one per grabImage() until the
// end; without ffmpeg, startCamera() names the missing program and the fix.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Network } from '../../../src/index.js';
import { VideoPopulation } from '../../../src/extensions/image/VideoPopulation.js';
import { ImagePopulation } from '../../../src/extensions/image/ImagePopulation.js';

const hasFfmpeg = (() => { try { execFileSync('ffmpeg', ['-version']); execFileSync('ffprobe', ['-version']); return true; } catch { return false; } })();
const dir = mkdtempSync(join(tmpdir(), 'neurarchy-video-'));
const W = 6, H = 4, FRAMES = 3;

/** Frame f, pixel (y, x): R = 40f + 10x, G = 50y + 5, B = 200 − 30f. */
function frame(f: number): Uint8Array {
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data.set([40 * f + 10 * x, 50 * y + 5, 200 - 30 * f], (y * W + x) * 3);
  return data;
}

/** A lossless video (PNG frames in Matroska) of the frames above. */
function makeVideo(): string {
  const raw = join(dir, 'frames.rgb');
  writeFileSync(raw, Buffer.concat(Array.from({ length: FRAMES }, (_, f) => frame(f))));
  const path = join(dir, 'known.mkv');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${W}x${H}`, '-r', '10', '-i', raw, '-c:v', 'png', path]);
  return path;
}

const pops: VideoPopulation[] = [];
afterEach(() => { for (const p of pops.splice(0)) p.release(); delete process.env.NEURARCHY_FFPROBE; delete process.env.NEURARCHY_FFMPEG; });

describe('VideoPopulation (Node.js, ffmpeg)', () => {
  it('grabs the frames of a video file exactly, one per call, then reports the end', async ({ skip }) => {
    if (!hasFfmpeg) { console.log('ffmpeg/ffprobe not installed (apt-get install ffmpeg): video test skipped'); skip(); }
    const path = makeVideo();
    const pop = new VideoPopulation([H, W, 3], { network: new Network() });
    pops.push(pop);
    expect(pop.isStarted).toBe(false);
    await pop.startCamera(path);
    expect(pop.isStarted).toBe(true);
    for (let f = 0; f < FRAMES; f++) {
      expect(await pop.grabImage()).toBe(true);
      expect(Array.from(pop.r as ArrayLike<number>)).toEqual(Array.from(frame(f), (v) => v / 255));
    }
    const last = Array.from(pop.r as ArrayLike<number>);
    expect(await pop.grabImage()).toBe(false);
    expect(Array.from(pop.r as ArrayLike<number>)).toEqual(last);
    pop.release();
    expect(pop.isStarted).toBe(false);
  });

  it('a grey, smaller population gets what setImage gives for the same frame', async ({ skip }) => {
    if (!hasFfmpeg) skip();
    const path = makeVideo();
    const net = new Network();
    const pop = new VideoPopulation([2, 3], { network: net });
    pops.push(pop);
    await pop.startCamera(path);
    await pop.grabImage();
    await pop.grabImage();
    const still = new ImagePopulation([2, 3], { network: net });
    const warn = console.warn; console.warn = () => {};
    await still.setImage({ width: W, height: H, mode: 'RGB', data: frame(1) });
    console.warn = warn;
    expect(Array.from(pop.r as ArrayLike<number>)).toEqual(Array.from(still.r as ArrayLike<number>));
    // Sanity of the values: grey levels between the darkest and brightest luma of frame 1.
    for (const v of Array.from(pop.r as ArrayLike<number>)) { expect(v).toBeGreaterThan(0.1); expect(v).toBeLessThan(0.9); }
  });

  it('errors: no ffmpeg, unreadable file, grab before start, start twice, wrong source', async ({ skip }) => {
    const pop = new VideoPopulation([H, W], { name: 'cam', network: new Network() });
    pops.push(pop);
    await expect(pop.grabImage()).rejects.toThrow(/VideoPopulation 'cam'.grabImage\(\): no camera is started; call await pop.startCamera\(\) first/);
    await expect(pop.startCamera(-1)).rejects.toThrow(/camera number/);
    process.env.NEURARCHY_FFPROBE = '/nonexistent/ffprobe';
    await expect(pop.startCamera('video.mp4')).rejects.toThrow(/startCamera\(\): reading video in Node.js runs ffmpeg and ffprobe, and '\/nonexistent\/ffprobe' was not found: install them \(Debian\/Ubuntu: apt-get install ffmpeg/);
    delete process.env.NEURARCHY_FFPROBE;
    if (!hasFfmpeg) skip();
    process.env.NEURARCHY_FFMPEG = '/nonexistent/ffmpeg';
    await expect(pop.startCamera(makeVideo())).rejects.toThrow(/'\/nonexistent\/ffmpeg' was not found/);
    delete process.env.NEURARCHY_FFMPEG;
    expect(pop.isStarted).toBe(false);
    await expect(pop.startCamera(join(dir, 'missing.mp4'))).rejects.toThrow(/ffprobe could not open ".*missing.mp4": .*No such file/);
    await pop.startCamera(makeVideo());
    await expect(pop.startCamera(makeVideo())).rejects.toThrow(/already started; call release\(\) first/);
  });
});
