/**
 * `VideoPopulation`: ANNarchy's camera input (`ANNarchy.extensions.image.VideoPopulation`), an
 * {@link ImagePopulation} fed frame by frame. Where the frames come from depends on where it runs:
 * - in a browser, a camera through `getUserMedia` (`startCamera()`, or a camera index or deviceId);
 * - in Node.js, a video file, URL or Linux camera device (`/dev/video0`, or the number 0) decoded
 *   by the `ffmpeg` program, an optional system dependency: without it `startCamera` says how to
 *   install it.
 * Frames of another size are resized as `setImage` does (Pillow's bicubic filter), not with
 * OpenCV's bilinear `resize` of ANNarchy's C++ camera code, so that a frame and the same picture
 * given to `setImage` give the same rates.
 */
import { NetworkError } from '../../errors.js';
import { describeValue } from '../../core/options.js';
import { ImagePopulation } from './ImagePopulation.js';
import { FfmpegFrames } from './ffmpeg.js';
import { BrowserCamera, mediaDevices } from './camera.js';

/**
 * `const pop = new VideoPopulation([48, 64, 3]); await pop.startCamera(); await pop.grabImage();
 * await net.simulate(10); …; pop.release()`.
 */
export class VideoPopulation extends ImagePopulation {
  #camera: BrowserCamera | undefined;
  #frames: FfmpegFrames | undefined;

  /** Whether a camera or video is open. */
  get isStarted(): boolean { return this.#camera !== undefined || this.#frames !== undefined; }

  /**
   * Opens the video source. In a browser: camera `source` (a number, the order of the browser's
   * video inputs, default 0) or a deviceId. In Node.js: a video file or URL (string), or camera
   * number n for `/dev/videoN` (Linux, through ffmpeg's v4l2 input).
   */
  async startCamera(source: number | string = 0): Promise<void> {
    const where = `VideoPopulation '${this.name}'.startCamera()`;
    if (this.isStarted) throw new NetworkError(`${where}: a camera is already started; call release() first`);
    if (!(typeof source === 'string' && source !== '') && !(Number.isSafeInteger(source) && (source as number) >= 0)) {
      throw new NetworkError(`${where}: the source must be a camera number (0, 1, …) or a string (a deviceId in a browser, a file or device path in Node.js), got ${describeValue(source)}`);
    }
    const devices = mediaDevices();
    if (devices) { this.#camera = await BrowserCamera.open(devices, source, where); return; }
    const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
    if (!isNode) throw new NetworkError(`${where}: this environment has neither a browser's camera (navigator.mediaDevices) nor Node.js's processes (for ffmpeg)`);
    this.#frames = await FfmpegFrames.open(source, where);
  }

  /**
   * Puts the next frame into `r` (a camera: the current frame). Returns false, leaving `r` as it
   * was, at the end of a video file.
   */
  async grabImage(): Promise<boolean> {
    const where = `VideoPopulation '${this.name}'.grabImage()`;
    if (this.#camera) { this.applyImage({ pixels: this.#camera.grab(where), palette: false }, false); return true; }
    if (this.#frames) {
      const frame = await this.#frames.next();
      if (!frame) return false;
      this.applyImage({ pixels: frame, palette: false }, false);
      return true;
    }
    throw new NetworkError(`${where}: no camera is started; call await pop.startCamera() first`);
  }

  /** Stops the camera or ffmpeg. Harmless when nothing is started. */
  release(): void {
    this.#camera?.close();
    this.#frames?.close();
    this.#camera = undefined;
    this.#frames = undefined;
  }
}
