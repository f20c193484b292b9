/**
 * The connector methods refuse positional arguments they do not take (JavaScript passes them,
 * TypeScript does not): `connectAllToAll(0.1, { delays: 3 })` connected without any delay before.
 * The message names the projection, the method, the argument, and rewrites the call.
 */
import { describe, it, expect } from 'vitest';
import { Network, Neuron } from '../../src/index.js';

const Leaky = new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dr/dt + r = sum(exc)' });

function proj() {
  const net = new Network({ seed: 5 });
  const a = net.create(3, Leaky);
  const b = net.create(3, Leaky);
  return net.connect(a, b, 'exc', undefined, { name: 'ab' });
}

// The calls below are what a JavaScript (or ANNarchy-minded) user writes; the casts stand for that.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const js = (p: ReturnType<typeof proj>) => p as any;

describe('connector methods: positional arguments', () => {
  it('connectAllToAll(0.1, { delays: 3 }) is refused and rewritten as one options object', () => {
    expect(() => js(proj()).connectAllToAll(0.1, { delays: 3 })).toThrow(
      "projection 'ab'.connectAllToAll() takes one argument, an options object (or a number: the weight), not positional arguments like ANNarchy's connect_all_to_all(weights, delays, allowSelfConnections, forceMultipleWeights): the second argument (an object (Object)) would be ignored or misread; write connectAllToAll({ weights: 0.1, delays: 3 })");
  });
  it('maps ANNarchy positional calls onto the keys in ANNarchy order', () => {
    expect(() => js(proj()).connectAllToAll(0.1, 2)).toThrow(/second argument \(number 2\).*write connectAllToAll\(\{ weights: 0\.1, delays: 2 \}\)$/);
    expect(() => js(proj()).connectFixedProbability(0.5, 0.1, 2)).toThrow(/connectFixedProbability\(\) takes one argument, an options object, not positional.*first argument \(number 0\.5\).*write connectFixedProbability\(\{ probability: 0\.5, weights: 0\.1, delays: 2 \}\)$/);
    expect(() => js(proj()).connectFixedNumberPre(2, 0.3)).toThrow(/write connectFixedNumberPre\(\{ number: 2, weights: 0\.3 \}\)$/);
    expect(() => js(proj()).connectFixedNumberPost(2)).toThrow(/write connectFixedNumberPost\(\{ number: 2 \}\)$/);
    expect(() => js(proj()).connectOneToOne(1, 0, true)).toThrow(/write connectOneToOne\(\{ weights: 1, delays: 0, forceMultipleWeights: true \}\)$/);
    expect(() => js(proj()).connectGaussian(1, 0.2)).toThrow(/write connectGaussian\(\{ amp: 1, sigma: 0\.2 \}\)$/);
    expect(() => js(proj()).connectDog(1, 0.2, 0.5, 0.4)).toThrow(/write connectDog\(\{ ampPos: 1, sigmaPos: 0\.2, ampNeg: 0\.5, sigmaNeg: 0\.4 \}\)$/);
    expect(() => js(proj()).connectFromMatrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]], 2)).toThrow(/connectFromMatrix\(\) takes weights then an options object.*second argument \(number 2\).*write connectFromMatrix\(weights, \{ delays: 2 \}\)$/);
    expect(() => js(proj()).connectFromMatrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]], {}, true)).toThrow(/third argument \(boolean true\).*write connectFromMatrix\(weights, \{ prePost: true \}\)$/);
    expect(() => js(proj()).connectFromSparse({ rows: [], cols: [], values: [] }, 1)).toThrow(/connectFromSparse\(\) takes matrix then an options object.*write connectFromSparse\(matrix, \{ delays: 1 \}\)$/);
  });
  it('the ANNarchy 5 short names pass every argument on, so the same checks apply', () => {
    expect(() => js(proj()).allToAll(0.1, { delays: 3 })).toThrow(/connectAllToAll\(\) takes one argument.*write connectAllToAll\(\{ weights: 0\.1, delays: 3 \}\)$/);
    expect(() => js(proj()).fixedProbability({ probability: 0.5 }, { delays: 2 })).toThrow(/second argument.*write connectFixedProbability\(\{ probability: 0\.5, delays: 2 \}\)$/);
    expect(() => js(proj()).fromMatrix([[1]], {}, {})).toThrow(/connectFromMatrix\(\) takes weights then an options object/);
  });
  it('refuses wrong-typed options arguments and flags', () => {
    expect(() => js(proj()).connectAllToAll('0.5')).toThrow(/connectAllToAll\(\) takes one argument.*first argument \(the string "0\.5"\).*write connectAllToAll\(\{ weights: "0\.5" \}\)/);
    expect(() => js(proj()).connectAllToAll([0.5])).toThrow(/first argument \(an array of length 1\)/);
    expect(() => js(proj()).connectAllToAll({ weights: 1, allowSelfConnections: 'false' })).toThrow("projection 'ab'.connectAllToAll(): allowSelfConnections must be true or false, got the string \"false\"");
    expect(() => js(proj()).connectOneToOne({ forceMultipleWeights: 1 })).toThrow(/connectOneToOne\(\): forceMultipleWeights must be true or false, got number 1/);
    expect(() => js(proj()).connectFromMatrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]], { prePost: 'yes' })).toThrow(/prePost must be true or false/);
  });
  it('refuses numbers given as strings (the connector printed "got 0.5"), missing required options and non-matrix arguments', () => {
    expect(() => js(proj()).connectFixedProbability({ probability: '0.5' })).toThrow("projection 'ab'.connectFixedProbability(): probability must be a number, got the string \"0.5\": write probability: 0.5");
    expect(() => js(proj()).connectFixedNumberPost({ number: '2' })).toThrow(/connectFixedNumberPost\(\): number must be a number, got the string "2": write number: 2/);
    expect(() => js(proj()).connectDog({ ampPos: 1, sigmaPos: 0.1, ampNeg: 0.5, sigmaNeg: 'wide' })).toThrow(/connectDog\(\): sigmaNeg must be a number, got the string "wide"$/);
    expect(() => js(proj()).connectAllToAll({ weights: '0.5' })).toThrow(/connectAllToAll\(\): weights must be a number, an array \(one value per synapse\) or a distribution, got the string "0\.5": write weights: 0\.5/);
    expect(() => js(proj()).connectOneToOne({ delays: true })).toThrow(/connectOneToOne\(\): delays must be a number, an array .* got boolean true$/);
    expect(() => js(proj()).connectFixedProbability({ weights: 0.1 })).toThrow("projection 'ab'.connectFixedProbability(): probability is missing: give { probability: … } (and the other options as needed)");
    expect(() => js(proj()).connectGaussian({ amp: 1 })).toThrow(/connectGaussian\(\): sigma is missing: give \{ amp: …, sigma: … \}/);
    expect(() => js(proj()).connectAllToAll(Number.NaN)).toThrow("projection 'ab'.connectAllToAll(): the weight must be a finite number, got NaN");
    expect(() => js(proj()).connectFromMatrix(5)).toThrow(/projection 'ab'\.connectFromMatrix\(\): weights must be a list of rows .* got number 5$/);
    expect(() => proj().connectWithFunc(function diagonal() { return [[1]] as never; })).toThrow(/projection 'ab'\.connectWithFunc\(\): the function 'diagonal' must return a LILBuilder .* got an array of length 1$/);
    expect(() => js(proj()).connectFromSparse()).toThrow(/projection 'ab'\.connectFromSparse\(\): the matrix must be \{ shape: \[pre, post\], row, col, data \} \(COO\), .* \(CSC\), got no argument$/);
  });
  it('connectFromFile / saveConnectivity take one file name', async () => {
    await expect(js(proj()).connectFromFile(42)).rejects.toThrow("projection 'ab'.connectFromFile(): the file name must be a non-empty string ('weights.json' or 'weights.npz'), got number 42");
    await expect(js(proj()).fromFile('w.json', { delays: 1 })).rejects.toThrow(/connectFromFile\(\) takes one argument, the file name, got 2: the second \(an object \(Object\)\) would be ignored; remove it/);
    const p = proj().connectOneToOne(0.5);
    await expect(js(p).saveConnectivity('')).rejects.toThrow(/saveConnectivity\(\): the file name must be a non-empty string/);
  });
  it('still accepts every documented form, with the values it was given', () => {
    expect(proj().connectAllToAll().get('w')).toBe(1);
    expect(proj().connectAllToAll(0.25).get('w')).toBe(0.25);
    expect(js(proj()).connectAllToAll(undefined).nbSynapses).toBe(9);
    const d = proj().connectAllToAll({ weights: 0.1, delays: 3, allowSelfConnections: true });
    expect(d.nbSynapses).toBe(9);
    expect(d.delay).toBe(3);
    expect(proj().connectFromMatrix([[1, 0, 0], [0, 2, 0], [0, 0, 3]], { prePost: true }).nbSynapses).toBe(9);
    expect(proj().allToAll(0.5).get('w')).toBe(0.5);
    expect(proj().oneToOne({ weights: 2 }).nbSynapses).toBe(3);
  });
});
