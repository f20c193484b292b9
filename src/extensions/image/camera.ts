/**
 * A camera in a browser: `getUserMedia` into a muted, inline `<video>` element, whose current
 * frame is drawn on a canvas and read as RGBA pixels.
 */
import { NetworkError } from '../../errors.js';
import { drawnPixels } from './sources.js';
import type { Pixels } from './pixels.js';

interface Track { stop(): void }
interface Stream { getTracks(): Track[] }
interface MediaDevices {
  getUserMedia(c: { video: boolean | { deviceId: { exact: string } }; audio: false }): Promise<Stream>;
  enumerateDevices(): Promise<{ kind: string; deviceId: string; label: string }[]>;
}
interface VideoElement {
  muted: boolean; playsInline: boolean; srcObject: Stream | null; videoWidth: number; videoHeight: number;
  readyState: number; play(): Promise<void>; addEventListener(e: string, f: () => void, o?: { once: boolean }): void;
}

/** The browser's media devices, or undefined outside a browser. */
export function mediaDevices(): MediaDevices | undefined {
  return (globalThis as { navigator?: { mediaDevices?: MediaDevices } }).navigator?.mediaDevices;
}

export class BrowserCamera {
  private constructor(private readonly stream: Stream, private readonly video: VideoElement) {}

  /** Opens camera number `index` (ANNarchy's port: the order of enumerateDevices), a deviceId, or the default camera. */
  static async open(devices: MediaDevices, source: number | string | undefined, where: string): Promise<BrowserCamera> {
    let deviceId: string | undefined = typeof source === 'string' ? source : undefined;
    if (typeof source === 'number' && source !== 0) {
      const cams = (await devices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
      if (source >= cams.length) throw new NetworkError(`${where}: there is no camera ${source} (this browser lists ${cams.length})`);
      deviceId = cams[source].deviceId;
    }
    let stream: Stream;
    try {
      stream = await devices.getUserMedia({ video: deviceId ? { deviceId: { exact: deviceId } } : true, audio: false });
    } catch (e) {
      throw new NetworkError(`${where}: the browser refused the camera (${(e as Error).name}: ${(e as Error).message}); the page must be served over https or from localhost, and the user must allow the camera`);
    }
    const doc = (globalThis as { document?: { createElement(t: 'video'): VideoElement } }).document;
    if (!doc) { for (const t of stream.getTracks()) t.stop(); throw new NetworkError(`${where}: reading camera frames needs a document (a page, not a worker)`); }
    const video = doc.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    // HAVE_CURRENT_DATA (2): a frame can be drawn.
    const loaded = video.readyState >= 2 ? Promise.resolve() : new Promise<void>((resolve) => video.addEventListener('loadeddata', () => resolve(), { once: true }));
    await video.play();
    await loaded;
    return new BrowserCamera(stream, video);
  }

  /** The current frame. */
  grab(where: string): Pixels { return drawnPixels(this.video, where); }

  close(): void {
    for (const t of this.stream.getTracks()) t.stop();
    this.video.srcObject = null;
  }
}
