/**
 * Weight normalisation of Diehl et al. (2015), "model-based" variant, as ANNarchy's converter does
 * it: the weights of projection l are multiplied by scale_l / max_j Σ_i max(W_ji, 0), so that the
 * largest input a neuron of layer l can receive (every input active) is scale_l; by default
 * scale_l = l + 2 (2 for the first projection, 3 for the next, …) boosts deeper layers, whose
 * activity is sparser.
 *
 * Diehl P.U. et al. (2015) Fast-classifying, high-accuracy spiking deep networks through weight
 * and threshold balancing. IJCNN 2015, 1-8. doi:10.1109/IJCNN.2015.7280696
 */
import { NetworkError } from '../../errors.js';

/** The factor of each weight matrix (rows = post-synaptic neurons, `pre` columns). */
export function normalisationFactors(matrices: readonly { weights: Float64Array; pre: number; name: string }[], scaleFactor?: number | readonly number[]): number[] {
  const where = 'ANNtoSNNConverter.loadModel()';
  let scales: number[];
  if (scaleFactor === undefined) scales = matrices.map((_, l) => l + 2);
  else if (typeof scaleFactor === 'number') scales = matrices.map(() => scaleFactor);
  else if (Array.isArray(scaleFactor) && scaleFactor.length === matrices.length) scales = [...scaleFactor];
  else throw new NetworkError(`${where}: scaleFactor must be a number or one number per projection (${matrices.length}), got ${JSON.stringify(scaleFactor)}`);
  return matrices.map((m, l) => {
    if (typeof scales[l] !== 'number' || !(scales[l] > 0) || !Number.isFinite(scales[l])) throw new NetworkError(`${where}: scaleFactor[${l}] must be a positive number, got ${scales[l]}`);
    let max = 0;
    for (let j = 0; j < m.weights.length / m.pre; j++) {
      let s = 0;
      for (let i = 0; i < m.pre; i++) s += Math.max(m.weights[j * m.pre + i], 0);
      max = Math.max(max, s);
    }
    if (max === 0) throw new NetworkError(`${where}: layer '${m.name}' has no positive weight: no input can make its neurons fire`);
    return scales[l] / max;
  });
}
