/**
 * Partitions and receptive fields on a group's grid (PymoNNto's `partition_masks`,
 * `split_grid_into_sub_group_blocks`, `get_subgroup_receptive_field_mask`, dossier §2.9), over the
 * coordinates `x`, `y`, `z` of a group made with a `geometry`.
 *
 * `partitionMasks(group, [sx, sy, sz])` cuts the bounding box of the coordinates into sx × sy × sz
 * equal boxes, x slowest, z fastest (PymoNNto's loop order). Box bounds are inclusive on both sides,
 * and a neuron on a shared bound belongs to the first box that contains it, so the masks are
 * disjoint and cover the group. `receptiveFieldMask(src, sub, [rx, ry, rz])` selects the neurons of
 * `src` inside the bounding box of `sub`'s coordinates grown by rx, ry, rz.
 */
import { NeurarchyError } from '../../errors.js';
import { subGroup, type NeuronSubGroup, type SubGroupBase } from './subgroup.js';

/** Steps or sizes per axis, PymoNNto style: `[x, y, z]` (missing axes are 1). */
export type Triple = readonly [number, number?, number?];

/** Something with coordinates: a group with a geometry, or a sub-group of one. */
export interface HasCoordinates {
  readonly size: number;
}

/**
 * One block of a `Partition` behaviour (`synapse.partitions`): a box of dst neurons and the src
 * neurons around it, as sub-groups of `G` (a `NeuronGroup`; structure/receptive-fields.ts exports
 * it as `PartitionBlock`). Declared here, below the groups, so that SynapseGroup.ts can type its
 * `partitions` without importing the behaviour's module.
 */
export interface PartitionBlockOf<G extends SubGroupBase> {
  /** The dst neurons of the block. */
  readonly dst: NeuronSubGroup<G>;
  /** The src neurons within the receptive field of the block. */
  readonly src: NeuronSubGroup<G>;
}

/** The coordinate vectors of a group or sub-group; an error naming the object when it has none. */
export function coordinates(g: HasCoordinates, what: string): [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>] {
  const r = g as unknown as Record<string, unknown>;
  const xyz = [r.x, r.y, r.z] as (ArrayLike<number> | undefined)[];
  if (xyz.some((a) => !a || typeof a !== 'object' || a.length !== g.size)) {
    throw new NeurarchyError(`${what}: the group has no coordinates x, y, z; create it with a geometry (geometry: [width, height, depth])`);
  }
  return xyz as [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
}

function triple(t: Triple, what: string, min: number): [number, number, number] {
  const v: [number, number, number] = [t[0], t[1] ?? 1, t[2] ?? 1];
  for (const x of v) {
    if (!Number.isFinite(x) || x < min) throw new NeurarchyError(`${what}: [${t.join(', ')}] must hold numbers ≥ ${min}`);
  }
  return v;
}

function range(a: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < a.length; i++) { if (a[i]! < lo) lo = a[i]!; if (a[i]! > hi) hi = a[i]!; }
  return [lo, hi];
}

/** PymoNNto `partition_masks(steps)`: one 0/1 mask per box, disjoint, covering the group. */
export function partitionMasks(group: SubGroupBase, steps: Triple = [1, 1, 1]): Uint8Array[] {
  const what = `${group.tag}.partitionMasks`;
  const s = triple(steps, what, 1);
  if (!s.every(Number.isInteger)) throw new NeurarchyError(`${what}: steps [${steps.join(', ')}] must be whole numbers`);
  const xyz = coordinates(group, what);
  const lim = xyz.map(range);
  const bounds = (d: number, k: number): [number, number] => {
    const [lo, hi] = lim[d]!;
    return [lo + ((hi - lo) / s[d]!) * k, lo + ((hi - lo) / s[d]!) * (k + 1)];
  };
  const taken = new Uint8Array(group.size);
  const masks: Uint8Array[] = [];
  for (let ix = 0; ix < s[0]; ix++) {
    for (let iy = 0; iy < s[1]; iy++) {
      for (let iz = 0; iz < s[2]; iz++) {
        const b = [bounds(0, ix), bounds(1, iy), bounds(2, iz)];
        const m = new Uint8Array(group.size);
        for (let i = 0; i < group.size; i++) {
          if (taken[i]) continue;
          let inside = true;
          for (let d = 0; d < 3 && inside; d++) inside = xyz[d]![i]! >= b[d]![0] && xyz[d]![i]! <= b[d]![1];
          if (inside) { m[i] = 1; taken[i] = 1; }
        }
        masks.push(m);
      }
    }
  }
  return masks;
}

/** PymoNNto `split_grid_into_sub_group_blocks(steps)`: the sub-groups of {@link partitionMasks}. */
export function splitGridIntoSubGroupBlocks<G extends SubGroupBase>(group: G, steps: Triple = [1, 1, 1]): NeuronSubGroup<G>[] {
  return partitionMasks(group, steps).map((m) => subGroup(group, m));
}

/**
 * PymoNNto `src.get_subgroup_receptive_field_mask(sub, xyz_rf)`: the neurons of `src` whose
 * coordinates lie in the bounding box of `sub`'s coordinates grown by `rf` on each axis (bounds
 * inclusive).
 */
export function receptiveFieldMask(src: SubGroupBase, sub: HasCoordinates, rf: Triple = [1, 1, 1]): Uint8Array {
  const what = `${src.tag}.receptiveFieldMask`;
  const r = triple(rf, what, 0);
  const own = coordinates(src, what);
  const box = coordinates(sub, `${what} (the sub-group)`).map(range);
  const m = new Uint8Array(src.size);
  for (let i = 0; i < src.size; i++) {
    let inside = true;
    for (let d = 0; d < 3 && inside; d++) inside = own[d]![i]! >= box[d]![0] - r[d]! && own[d]![i]! <= box[d]![1] + r[d]!;
    m[i] = inside ? 1 : 0;
  }
  return m;
}
