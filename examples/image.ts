/**
 * Images and video as inputs (ANNarchy's image extension). A picture (built in as pixels, or a
 * PNG/JPEG file given with --image, in Node.js) is read by a grey ImagePopulation and a colour one
 * (r = pixel / 255, resized to the geometry with Pillow's bicubic filter, as ANNarchy), and a
 * leaky integrator (tau 10 ms) per pixel is driven by the grey one for 50 ms. With --video (Node.js),
 * a VideoPopulation reads the file's frames through ffmpeg (apt-get install ffmpeg) and the same
 * network runs 10 ms per frame. examples/image.html does the same in a page, with a camera.
 *
 * Run: npx tsx examples/image.ts [--image photo.jpg] [--video clip.mp4] [--frames 20]
 * Expected output: for the built-in picture (left half red, right half blue, 64×48 pixels):
 * "grey mean 0.2059 (red's luma 76/255 and blue's 29/255)", "colour means R 0.5000 G 0.0000
 * B 0.5000", "integrator after 50 ms 0.2048 (1 − 0.9^50 of its input)"; with --video, the mean
 * grey rate of each frame.
 */
import { Network, Neuron, ImagePopulation, VideoPopulation, type PixelData } from 'neurarchy';
import { parseArgs } from 'node:util';

const Leaky = new Neuron({ name: 'leaky', parameters: 'tau = 10.0', equations: 'tau * dr/dt + r = sum(exc)' });

/** The built-in picture: 64×48 RGB pixels, left half pure red, right half pure blue. */
export function builtInPicture(): PixelData {
  const data = new Uint8Array(64 * 48 * 3);
  for (let i = 0; i < 64 * 48; i++) data.set(i % 64 < 32 ? [255, 0, 0] : [0, 0, 255], 3 * i);
  return { width: 64, height: 48, mode: 'RGB', data };
}

/** Options of {@link run}. */
export interface ImageExampleOptions {
  /** A PNG or JPEG file (default: the built-in picture). */
  image?: string;
  /** A video file read through ffmpeg (default: none). */
  video?: string;
  /** Frames of the video to read (default 20). */
  frames?: number;
}

/** What {@link run} measured. */
export interface ImageExampleResult {
  greyMean: number;
  colourMeans: [number, number, number];
  leakyMean: number;
  /** Mean grey rate of each video frame read. */
  frameMeans: number[];
}

const mean = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

export async function run(options: ImageExampleOptions = {}): Promise<ImageExampleResult> {
  const { video, frames = 20 } = options;
  const image = options.image ?? builtInPicture();
  const net = new Network();
  const grey = new ImagePopulation([48, 64], { network: net, name: 'grey' });
  const colour = new ImagePopulation([48, 64, 3], { network: net, name: 'colour' });
  const leaky = net.create([48, 64], Leaky);
  net.connect(grey, leaky, 'exc').connectOneToOne({ weights: 1.0 });
  await net.compile();
  await grey.setImage(image);
  await colour.setImage(image);
  await net.simulate(50);
  const c = Array.from(colour.r as ArrayLike<number>);
  const colourMeans = [0, 1, 2].map((k) => mean(c.filter((_, i) => i % 3 === k))) as [number, number, number];
  const result: ImageExampleResult = { greyMean: mean(grey.r as ArrayLike<number>), colourMeans, leakyMean: mean(leaky.r as ArrayLike<number>), frameMeans: [] };
  if (video) {
    const vnet = new Network();
    const camera = new VideoPopulation([48, 64], { network: vnet, name: 'video' });
    const vleaky = vnet.create([48, 64], Leaky);
    vnet.connect(camera, vleaky, 'exc').connectOneToOne({ weights: 1.0 });
    await vnet.compile();
    await camera.startCamera(video);
    try {
      while (result.frameMeans.length < frames && await camera.grabImage()) {
        await vnet.simulate(10);
        result.frameMeans.push(mean(camera.r as ArrayLike<number>));
      }
    } finally {
      camera.release();
    }
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: a } = parseArgs({
    strict: true,
    options: {
      image: { type: 'string' }, video: { type: 'string' }, frames: { type: 'string', default: '20' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/image.ts [--image photo.jpg] [--video clip.mp4] [--frames 20]');
  } else {
    const s = await run({ image: a.image, video: a.video, frames: Number(a.frames) });
    console.log(`grey mean ${s.greyMean.toFixed(4)}${a.image ? '' : ' (red\'s luma 76/255 and blue\'s 29/255)'}`);
    console.log(`colour means R ${s.colourMeans[0].toFixed(4)} G ${s.colourMeans[1].toFixed(4)} B ${s.colourMeans[2].toFixed(4)}`);
    console.log(`integrator after 50 ms ${s.leakyMean.toFixed(4)} (1 − 0.9^50 of its input)`);
    s.frameMeans.forEach((m, k) => console.log(`frame ${k}: mean grey rate ${m.toFixed(4)}`));
  }
}
