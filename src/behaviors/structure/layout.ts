/**
 * PymoNNto's network settings (`Network(settings={'syn_dim': SxD, 'dtype': float64})`, dossier
 * §2.1): the layout of synapse matrices. `DxS` (PymoNNto's default, ours too): rows are dst
 * neurons, `W.dot(src.spike)` is the input. `SxD`: rows are src neurons, so the input is the sum of
 * the spiking rows — the layout the 2024 paper found fastest (§4.3); `synapse.propagate()` uses the
 * right loop for each. PymoNNto's documentation and benchmarks write `synapse_mode`, which its code
 * silently ignores (§2.15 item 2); here both keys work, and an unknown key is an error.
 */
import { NeurarchyError } from '../../errors.js';
import { checkOptions, optionKeys } from '../../core/options.js';

/** PymoNNto's constant: src × dst matrices. */
export const SxD = 0;
/** PymoNNto's constant: dst × src matrices (the default). */
export const DxS = 1;

/** The layout of a synapse group's matrices. */
export type MatrixLayout = 'DxS' | 'SxD';

/** A layout as given: a name or PymoNNto's constant. */
export type LayoutSpec = MatrixLayout | typeof SxD | typeof DxS;

/** PymoNNto's `settings` of a network. */
export interface NetworkSettings {
  /** The layout of synapse matrices (default `DxS`). */
  syn_dim?: LayoutSpec;
  /** The same as `syn_dim` (the spelling of PymoNNto's docs and benchmarks). */
  synapse_mode?: LayoutSpec;
  /** Only `'float64'` (values are Float64Arrays; PymoNNto's float32 default is not offered). */
  dtype?: 'float64';
}

/** The keys of {@link NetworkSettings}. */
export const NETWORK_SETTINGS = optionKeys<NetworkSettings>()(['syn_dim', 'synapse_mode', 'dtype']);

/** Reads a layout (a name or PymoNNto's constant); an error names `what` and the accepted values. */
export function readLayout(v: unknown, what: string): MatrixLayout {
  if (v === 'DxS' || v === DxS) return 'DxS';
  if (v === 'SxD' || v === SxD) return 'SxD';
  throw new NeurarchyError(`${what}: ${JSON.stringify(v)} is not a matrix layout; use 'DxS' (rows = dst, the default) or 'SxD' (rows = src), or PymoNNto's DxS/SxD constants`);
}

/** Validates settings and returns the layout they choose. */
export function settingsLayout(settings: NetworkSettings | undefined): MatrixLayout {
  if (settings === undefined) return 'DxS';
  checkOptions(settings, NETWORK_SETTINGS, 'new behaviors.Network({ settings })');
  if (settings.dtype !== undefined && settings.dtype !== 'float64') {
    throw new NeurarchyError(`new behaviors.Network({ settings }): dtype ${JSON.stringify(settings.dtype)} is not offered; values are float64 (remove dtype or give 'float64')`);
  }
  const a = settings.syn_dim === undefined ? undefined : readLayout(settings.syn_dim, 'settings.syn_dim');
  const b = settings.synapse_mode === undefined ? undefined : readLayout(settings.synapse_mode, 'settings.synapse_mode');
  if (a && b && a !== b) throw new NeurarchyError(`new behaviors.Network({ settings }): syn_dim (${a}) and synapse_mode (${b}) disagree; give one`);
  return a ?? b ?? 'DxS';
}
