/**
 * PymoNNto's `NeuronSubGroup` (`neurons.subGroup(mask)`): a masked view of a neuron group. Reading
 * an attribute gives the values of the masked neurons (a new array, as NumPy's boolean indexing
 * copies); writing one puts values into the masked neurons of the group (a number for all of them,
 * or one value per masked neuron). Attributes that are not arrays of the group's size are read and
 * written as they are. Partitions (`partitionMasks`) and receptive fields work on sub-groups.
 */
import { NeurarchyError } from '../../errors.js';

/**
 * What a sub-group needs of the group it views: its size and name, and its attributes (read and
 * written by name). `NeuronGroup` has them; this module does not import it (NeuronGroup.ts calls
 * {@link subGroup}), so a sub-group's type names its group by the type parameter `G` instead:
 * `neurons.subGroup(mask).base` is typed as the `NeuronGroup` it came from.
 */
export interface SubGroupBase {
  /** Number of neurons. */
  readonly size: number;
  /** The group's name, for error messages. */
  readonly tag: string;
}

/**
 * The members of a sub-group of a `G` (a `NeuronGroup` when made by `neurons.subGroup`);
 * attribute access is added by {@link subGroup}.
 */
export class NeuronSubGroupClass<G extends SubGroupBase = SubGroupBase> {
  static { Object.defineProperty(this, 'name', { value: 'NeuronSubGroup' }); }
  /** Number of neurons in the mask. */
  readonly size: number;
  /** Indices (in the base group) of the masked neurons, ascending (PymoNNto `id_mask`). */
  readonly id: Int32Array;

  constructor(
    /** The group this is a view of (PymoNNto `BaseNeuronGroup`). */
    readonly base: G,
    /** One 0/1 entry per neuron of the base group. */
    readonly mask: Uint8Array,
  ) {
    if (mask.length !== base.size) {
      throw new NeurarchyError(`${base.tag}.subGroup: the mask has ${mask.length} entries, the group ${base.size}`);
    }
    const ids: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) ids.push(i);
    this.id = Int32Array.from(ids);
    this.size = ids.length;
  }

  /**
   * The masked values of an attribute of the base group (a copy), the attribute itself when it is
   * not per-neuron, undefined when the group has none (as a missing property).
   */
  read(name: string): unknown {
    const v = (this.base as unknown as Record<string, unknown>)[name];
    if (!isPerNeuron(v, this.base.size)) return v;
    const out = new (v.constructor as new (n: number) => ArrayLike<number> & { [i: number]: number })(this.size);
    for (let k = 0; k < this.size; k++) out[k] = v[this.id[k]!]!;
    return out;
  }

  /** Writes values into the masked neurons of the base group's attribute (a number, or one value per masked neuron). */
  write(name: string, value: unknown): void {
    const target = (this.base as unknown as Record<string, unknown>)[name];
    if (!isPerNeuron(target, this.base.size)) {
      (this.base as unknown as Record<string, unknown>)[name] = value;
      return;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      for (const i of this.id) target[i] = Number(value);
      return;
    }
    const src = value as ArrayLike<number>;
    if (!src || typeof src.length !== 'number' || src.length !== this.size) {
      throw new NeurarchyError(`sub-group of '${this.base.tag}': ${name} takes a number or ${this.size} values (one per masked neuron)`);
    }
    for (let k = 0; k < this.size; k++) target[this.id[k]!] = src[k]!;
  }
}

function isPerNeuron(v: unknown, n: number): v is { length: number; [i: number]: number; constructor: unknown } {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && (v as unknown as ArrayLike<number>).length === n;
}

/**
 * A sub-group with attribute access (`sub.voltage` reads the masked values, `sub.voltage = 0`
 * writes them). Members (`size`, `id`, `mask`, `base`, `read`, `write`) win over attributes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type NeuronSubGroup<G extends SubGroupBase = SubGroupBase> = NeuronSubGroupClass<G> & { [attribute: string]: any };

/** Makes the sub-group of `group` selected by `mask` (a 0/1 array, or neuron indices). */
export function subGroup<G extends SubGroupBase>(group: G, mask: ArrayLike<number> | ArrayLike<boolean>): NeuronSubGroup<G> {
  const m = new Uint8Array(group.size);
  if (mask.length === group.size && !(mask instanceof Int32Array)) {
    for (let i = 0; i < m.length; i++) m[i] = mask[i] ? 1 : 0;
  } else {
    for (let k = 0; k < mask.length; k++) {
      const i = Number(mask[k]);
      if (!Number.isInteger(i) || i < 0 || i >= group.size) {
        throw new NeurarchyError(`${group.tag}.subGroup: give a 0/1 mask of ${group.size} entries or neuron indices in 0…${group.size - 1}; got ${String(mask[k])} at ${k}`);
      }
      m[i] = 1;
    }
  }
  const sub = new NeuronSubGroupClass(group, m);
  return new Proxy(sub, {
    get(t, name, receiver) {
      if (typeof name === 'symbol' || name in t) return Reflect.get(t, name, receiver);
      return t.read(name);
    },
    set(t, name, value, receiver) {
      if (typeof name === 'symbol' || name in t) return Reflect.set(t, name, value, receiver);
      t.write(name, value);
      return true;
    },
  }) as NeuronSubGroup<G>;
}
