/**
 * Video frames in Node.js through Debian's (or any) `ffmpeg` and `ffprobe` run as child processes:
 * ffprobe gives the frame size, ffmpeg decodes the file or device and pipes raw RGB frames
 * (`-f rawvideo -pix_fmt rgb24`), read here one frame at a time. Node modules are imported by
 * variable names so that bundlers leave them out of the browser bundle.
 */
import { NetworkError } from '../../errors.js';
import type { Pixels } from './pixels.js';

interface ChildProcess {
  stdout: { on(e: 'data', f: (b: Uint8Array) => void): void; on(e: 'end', f: () => void): void; pause(): void; resume(): void };
  stderr: { on(e: 'data', f: (b: Uint8Array) => void): void };
  on(e: 'error', f: (err: NodeJS.ErrnoException) => void): void;
  on(e: 'close', f: (code: number | null) => void): void;
  kill(): void;
}
interface ChildProcessModule {
  spawn(cmd: string, args: string[], o: { stdio: ['ignore', 'pipe', 'pipe'] }): ChildProcess;
  execFile(cmd: string, args: string[], cb: (err: NodeJS.ErrnoException | null, out: string, errOut: string) => void): void;
}

// A variable, not a literal: bundlers then leave the import alone.
const CHILD_PROCESS = 'node:child_process';

/** The programs, from the environment or the PATH. */
export function ffmpegPrograms(): { ffmpeg: string; ffprobe: string } {
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
  return { ffmpeg: env.NEURARCHY_FFMPEG ?? 'ffmpeg', ffprobe: env.NEURARCHY_FFPROBE ?? 'ffprobe' };
}

function missing(program: string, where: string): NetworkError {
  return new NetworkError(`${where}: reading video in Node.js runs ffmpeg and ffprobe, and '${program}' was not found: `
    + 'install them (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) or give their paths in the environment '
    + 'variables NEURARCHY_FFMPEG and NEURARCHY_FFPROBE; in a browser, startCamera() uses the camera through getUserMedia');
}

/** Where a camera number points on Linux, and the input options of each kind of source. */
function inputArgs(source: number | string): string[] {
  if (typeof source === 'number') return ['-f', 'v4l2', '-i', `/dev/video${source}`];
  if (/^\/dev\/video\d+$/.test(source)) return ['-f', 'v4l2', '-i', source];
  return ['-i', source];
}

/** Reads frames of a video file or camera device. */
export class FfmpegFrames {
  #proc: ChildProcess | undefined;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #ended = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;
  #stderr = '';

  private constructor(readonly width: number, readonly height: number) {}

  /** Probes the frame size and starts decoding. */
  static async open(source: number | string, where: string): Promise<FfmpegFrames> {
    const cp = await import(/* @vite-ignore */ CHILD_PROCESS) as ChildProcessModule;
    const { ffmpeg, ffprobe } = ffmpegPrograms();
    const input = inputArgs(source);
    const size = await new Promise<string>((resolve, reject) => {
      cp.execFile(ffprobe, ['-v', 'error', ...input.slice(0, -2), '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0:s=x', input.at(-1)!],
        (err, out, errOut) => {
          if (err?.code === 'ENOENT') reject(missing(ffprobe, where));
          else if (err) reject(new NetworkError(`${where}: ffprobe could not open ${JSON.stringify(source)}: ${(errOut || err.message).trim()}`));
          else resolve(out.trim());
        });
    });
    const m = /^(\d+)x(\d+)/.exec(size);
    if (!m) throw new NetworkError(`${where}: ${JSON.stringify(source)} has no video stream (ffprobe said ${JSON.stringify(size)})`);
    const frames = new FfmpegFrames(Number(m[1]), Number(m[2]));
    await frames.#start(cp, ffmpeg, input, where);
    return frames;
  }

  #start(cp: ChildProcessModule, ffmpeg: string, input: string[], where: string): Promise<void> {
    // -noautorotate: frames as stored, of the size ffprobe reported.
    const proc = cp.spawn(ffmpeg, ['-v', 'error', '-noautorotate', ...input, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#proc = proc;
    const frameBytes = this.width * this.height * 3;
    proc.stdout.on('data', (b) => {
      this.#chunks.push(b);
      this.#buffered += b.length;
      // Two frames ahead are enough: pausing the pipe makes ffmpeg wait (no unbounded memory).
      if (this.#buffered >= 2 * frameBytes) proc.stdout.pause();
      this.#notify();
    });
    proc.stdout.on('end', () => { this.#ended = true; this.#notify(); });
    proc.stderr.on('data', (b) => { this.#stderr = (this.#stderr + new TextDecoder().decode(b)).slice(-2000); });
    return new Promise((resolve, reject) => {
      proc.on('error', (err) => {
        const e = err.code === 'ENOENT' ? missing(ffmpeg, where) : new NetworkError(`${where}: ffmpeg failed: ${err.message}`);
        this.#error = e; this.#ended = true; this.#notify(); reject(e);
      });
      // A process that started is reported by its first output or its end; spawn errors come first.
      setTimeout(resolve, 0);
      proc.on('close', (code) => {
        if (code && this.#buffered < frameBytes && !this.#error) this.#error = new NetworkError(`${where}: ffmpeg stopped (exit code ${code}): ${this.#stderr.trim()}`);
        this.#ended = true;
        this.#notify();
      });
    });
  }

  #notify(): void { const w = this.#wake; this.#wake = undefined; w?.(); }

  /** The next frame in mode RGB, or undefined at the end of the video. */
  async next(): Promise<Pixels | undefined> {
    const frameBytes = this.width * this.height * 3;
    while (this.#buffered < frameBytes && !this.#ended) {
      this.#proc?.stdout.resume();
      await new Promise<void>((resolve) => { this.#wake = resolve; });
    }
    if (this.#error) throw this.#error;
    if (this.#buffered < frameBytes) return undefined;
    const data = new Uint8Array(frameBytes);
    let filled = 0;
    while (filled < frameBytes) {
      const head = this.#chunks[0];
      const take = Math.min(head.length, frameBytes - filled);
      data.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) this.#chunks.shift();
      else this.#chunks[0] = head.subarray(take);
    }
    this.#buffered -= frameBytes;
    if (this.#buffered < 2 * frameBytes && !this.#ended) this.#proc?.stdout.resume();
    return { width: this.width, height: this.height, mode: 'RGB', data };
  }

  /** Stops ffmpeg. */
  close(): void {
    this.#proc?.kill();
    this.#proc = undefined;
    this.#chunks = [];
    this.#buffered = 0;
    this.#ended = true;
    this.#notify();
  }
}
