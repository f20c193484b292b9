// Convolution, Pooling and Copy (issue 17): what is refused, with the projection and the fix named.
import { describe, it, expect } from 'vitest';
import { Network, Neuron, Projection } from '../../../src/index.js';
import { Convolution, Pooling, Copy } from '../../../src/extensions/convolution/index.js';

const Input = () => new Neuron({ parameters: 'baseline = 0', equations: 'r = baseline' });
const Output = () => new Neuron({ equations: 'r = sum(exc)' });

function pops(pre: number[], post: number[]) {
  const net = new Network({ dt: 1 });
  return { net, a: net.create(pre, Input()), b: net.create(post, Output()) };
}

describe('Convolution: refusals', () => {
  it('filter shapes that do not fit the geometries', () => {
    const { a, b } = pops([4, 4], [4, 4]);
    expect(() => new Convolution(a, b, 'exc', { name: 'c1' }).connectFilter([[[1]]])).toThrow(/'c1'.connectFilter\(\): the filter has more dimensions .* use connectFilters\(\)/);
    expect(() => new Convolution(a, b, 'exc', { name: 'c2' }).connectFilter([1, 2, 3])).toThrow(/'c2'.*fewer dimensions .* set keepLastDimension: true/);
    expect(() => new Convolution(a, b, 'exc', { name: 'c3' }).connectFilter([[1, 2], [3]])).toThrow(/'c3'.*not rectangular: \[1\] should be an array of 2 elements/);
    expect(() => new Convolution(a, b, 'exc', { name: 'c4' }).connectFilter([[1, NaN]])).toThrow(/'c4'.*filter value \[0\]\[1\] must be a finite number/);
    expect(() => new Convolution(a, b, 'exc', { name: 'c5' }).connectFilter([])).toThrow(/'c5'.*empty dimension/);
    expect(() => new Convolution(a, b, 'exc', { name: 'c6' }).connectFilters([[[1]], [[1]], [[1]]])).toThrow(/'c6'.*a bank of 3 filters needs a post-synaptic population whose last dimension is 3/);
  });

  it('geometries, sub-sampling, padding and options', () => {
    const { a, b } = pops([5, 5], [2, 2]);
    expect(() => new Convolution(a, b, 'exc', { name: 'g1' }).connectFilter([[1]])).toThrow(/'g1'.*dimension 0 \(5\) must be a multiple of the post-synaptic one \(2\)/);
    expect(() => new Convolution(a, b, 'exc', { name: 'g2' }).connectFilter([[1]], { subsampling: [[0, 0]] })).toThrow(/'g2'.*subsampling must list 4 coordinates/);
    expect(() => new Convolution(a, b, 'exc', { name: 'g3' }).connectFilter([[1]], { subsampling: [[0, 0], [0, 1], [1, 0], [1, 9]] })).toThrow(/'g3'.*inside the pre-synaptic geometry \(5, 5\)/);
    expect(() => new Convolution(a, b, 'exc', { name: 'g4' }).connectFilter([[1]], { padding: 'edge' as 'border' })).toThrow(/'g4'.*padding must be a finite number .* or 'border'/);
    expect(() => new Convolution(a, b, 'exc', { name: 'g5' }).connectFilter([[1]], { stride: 2 } as never)).toThrow(/'g5'.*stride/);
    expect(() => new Convolution(a, b, 'exc', { name: 'g6' }).connectFilter([[1]], { delays: [1, 2] as never })).toThrow(/'g6'.*delays must be one number/);
    expect(() => new Convolution(a, b, 'exc', { operation: 'prod' as 'sum' })).toThrow(/operation must be one of 'sum', 'max', 'min', 'mean'/);
    expect(() => new Convolution(a, b, 'exc', { kernel: 3 } as never)).toThrow(/new Convolution\(\).*kernel/);
  });

  it('spiking populations, views, connecting twice or after compile', async () => {
    const net = new Network({ dt: 1 });
    const s = net.create(4, new Neuron({ equations: 'dv/dt = -v', spike: 'v > 1', reset: 'v = 0' }));
    const r = net.create(4, Output());
    expect(() => new Convolution(s, r, 'exc')).toThrow(/pre and post must both be rate-coded or both spiking/);
    expect(() => new Convolution(r.view([0, 1]) as never, r, 'exc')).toThrow(/pre and post must be Populations \(not views\)/);
    const a = net.create(4, Input());
    const c = net.connect(new Convolution(a, r, 'exc', { name: 'twice' })).connectFilter([1]);
    expect(() => c.connectFilter([1])).toThrow(/'twice' is already connected/);
    const late = net.connect(new Convolution(a, r, 'exc', { name: 'late' }));
    late.connectFilter([1]);
    await net.compile();
    expect(() => { c.weights = [1, 2]; }).toThrow(/'twice'.weights: give 1 finite numbers/);
  });
});

describe('Pooling and Copy: refusals', () => {
  it('pooling extents and operations', () => {
    const { a, b } = pops([4, 4], [3, 2]);
    expect(() => new Pooling(a, b, 'exc', { name: 'p1' }).pooling()).toThrow(/'p1'.pooling\(\): pre \(4, 4\) is not a whole multiple of post \(3, 2\) in every dimension; give extent explicitly/);
    expect(() => new Pooling(a, b, 'exc', { name: 'p2' }).pooling({ extent: [2, 2] })).toThrow(/'p2'.*leaves the pre-synaptic population .* post × extent must fit in pre/);
    expect(() => new Pooling(a, b, 'exc', { name: 'p3' }).pooling({ extent: [2] })).toThrow(/'p3'.*extent must give 2 positive integers/);
    expect(() => new Pooling(a, b, 'exc', { operation: 'sum' as 'max' })).toThrow(/operation must be 'max', 'min' or 'mean'.*Convolution with a filter of ones/);
    const c = pops([4, 4], [2]);
    expect(() => new Pooling(c.a, c.b, 'exc', { name: 'p4' }).pooling()).toThrow(/'p4'.*different dimensions, so the extent cannot be inferred/);
  });

  it('a copy needs a shared-weight projection of the same sizes', () => {
    const { net, a, b } = pops([4], [4]);
    const regular = net.connect(new Projection(a, b, 'exc')).connectAllToAll({ weights: 1 });
    expect(() => new Copy(a, b, 'exc', { name: 'k1' }).copy(regular as never)).toThrow(/'k1'.copy\(\): only a Convolution, Pooling or Copy can be copied/);
    const other = net.create([2], Output());
    const conv = net.connect(new Convolution(a, b, 'exc')).connectFilter([1, 1]);
    expect(() => new Copy(a, other, 'exc', { name: 'k2' }).copy(conv)).toThrow(/'k2'.*connects 4 → 4 neurons, this projection 4 → 2/);
    const unconnected = new Convolution(a, b, 'exc', { name: 'u' });
    expect(() => new Copy(a, b, 'exc').copy(unconnected)).toThrow(/'u' is not connected yet: call connectFilter\(\) or connectFilters\(\) first/);
  });
});

describe('Convolution: saving', () => {
  it('a whole-network save leaves shared-weight projections out (as ANNarchy) and loads back; listing one is refused', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'nx-conv-')), 'net.json');
    const { net, a, b } = pops([5], [5]);
    const conv = net.connect(new Convolution(a, b, 'exc', { name: 'conv' })).connectFilter([2, 1, 3]);
    await net.compile();
    a.baseline = [1, 2, 3, 4, 5];
    await net.save(file);
    a.baseline = 0;
    await net.load(file);
    expect(Array.from(a.baseline as ArrayLike<number>)).toEqual([1, 2, 3, 4, 5]);
    await expect(net.save(file, { projections: [conv] })).rejects.toThrow(/'conv' shares its weights .* is not saved, as in ANNarchy/);
    await expect(conv.save(file)).rejects.toThrow(/'conv'.save\(\): shared-weight projections .* are not saved/);
  });
});
