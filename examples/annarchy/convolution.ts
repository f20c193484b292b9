/**
 * Edge detection with shared-weight projections (after ANNarchy's Image notebook: an
 * ImagePopulation filtered by a Convolution, then a Pooling). A 64×64 grey picture (a white square,
 * rows and columns 16–47, on black; or a PNG/JPEG given with --image, in Node.js) is convolved with a
 * bank of two Sobel filters — vertical and horizontal edges, one feature map each, borders repeated
 * — into rate neurons `r = pos(sum(exc))` (64×64×2), then max-pooled over 2×2 blocks (32×32×2).
 * One copy of the 18 filter weights serves all 8192 feature neurons.
 *
 * Run: npx tsx examples/annarchy/convolution.ts [--image photo.png] [--backend js|cpp|webgpu]
 * Expected output: (built-in picture, every backend) "vertical edges: 68 neurons, horizontal edges:
 * 68 neurons" (columns/rows 15 and 16 along the square's rising side, rows/columns 15–48),
 * "largest response 4.00 (a Sobel filter on a 0 → 1 step)", "pooled maps: 36 and 36 neurons".
 */
import { Network, Neuron, ImagePopulation, Convolution, Pooling, type PixelData, type BackendName } from 'neurarchy';
import { parseArgs } from 'node:util';

/** The built-in picture: 64×64 RGB pixels, a white square (rows and columns 16–47) on black. */
export function square(): PixelData {
  const data = new Uint8Array(64 * 64 * 3);
  for (let y = 16; y < 48; y++) for (let x = 16; x < 48; x++) data.fill(255, 3 * (64 * y + x), 3 * (64 * y + x) + 3);
  return { width: 64, height: 64, mode: 'RGB', data };
}

/** Sobel filters: vertical edges (left → right increase), horizontal edges (top → bottom increase). */
export const SOBEL = [
  [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
  [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
];

/** Options of {@link run}. */
export interface ConvolutionExampleOptions {
  /** A PNG or JPEG file (default: the built-in square). */
  image?: string;
  backend?: BackendName;
}

/** What {@link run} measured: active neurons (r > 0.5) per feature map, before and after pooling. */
export interface ConvolutionExampleResult {
  active: [number, number];
  pooled: [number, number];
  largest: number;
}

export async function run(options: ConvolutionExampleOptions = {}): Promise<ConvolutionExampleResult> {
  const net = new Network({ dt: 1 });
  const image = new ImagePopulation([64, 64], { network: net, name: 'image' });
  const Feature = new Neuron({ name: 'feature', equations: 'r = pos(sum(exc))' });
  const features = net.create([64, 64, 2], Feature);
  const pooled = net.create([32, 32, 2], Feature);
  // A bank: the last dimension of `features` is the filter index (ANNarchy's connect_filters).
  net.connect(new Convolution(image, features, 'exc')).connectFilters(SOBEL, { padding: 'border' });
  net.connect(new Pooling(features, pooled, 'exc', { operation: 'max' })).pooling({ extent: [2, 2, 1] });
  await net.compile({ backend: options.backend ?? 'js' });
  await image.setImage(options.image ?? square());
  await net.simulate(3); // image → features → pooled: one step of transmission each
  const count = (r: ArrayLike<number>, map: number) => Array.from(r).filter((v, k) => k % 2 === map && v > 0.5).length;
  const f = Array.from(features.r as ArrayLike<number>);
  const p = Array.from(pooled.r as ArrayLike<number>);
  return { active: [count(f, 0), count(f, 1)], pooled: [count(p, 0), count(p, 1)], largest: Math.max(...f) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: a } = parseArgs({
    strict: true,
    options: { image: { type: 'string' }, backend: { type: 'string', default: 'js' }, help: { type: 'boolean', default: false } },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/convolution.ts [--image photo.png] [--backend js]');
  } else {
    const s = await run({ image: a.image, backend: a.backend as BackendName });
    console.log(`vertical edges: ${s.active[0]} neurons, horizontal edges: ${s.active[1]} neurons (r > 0.5)`);
    console.log(`largest response ${s.largest.toFixed(2)}${a.image ? '' : ' (a Sobel filter on a 0 → 1 step)'}`);
    console.log(`pooled maps: ${s.pooled[0]} and ${s.pooled[1]} neurons (2×2 max pooling)`);
  }
}
