/**
 * The table of arrays a generated library reads and writes. Each array of a population's or a
 * projection's `state` map that some kernel uses gets a slot; the network struct holds one
 * pointer and one length per slot (`N->a[k]`, `N->n[k]`). The engine binds every slot to C-owned
 * memory and puts a typed-array view of that memory back into the `state` map, so the runtime,
 * monitors and users read and write the very memory the kernels use.
 */

/** Element types of the slots: `f32` holds the float attributes in float32 precision (`nx_f32`, read as doubles). */
export type CType = 'f64' | 'f32' | 'i32' | 'u8';

export interface ArraySlot {
  /** Whose `state` map holds the array (`net`: arrays of the engine itself). */
  owner: 'pop' | 'proj' | 'net';
  id: number;
  name: string;
  type: CType;
}

/** Internal arrays that hold int32 values (ir/plan.ts naming convention); every other array is float64. */
const INT32 = new Set([
  '_spiked', '_nspiked', '_last_spike', '_refractory', '_refr_left', '_delay_idx', '_delay_len', '_spike_queue',
  '_spike_queue_n', '_spike_queue_idx', '_row_ptr', '_post_rank', '_pre_rank', '_delay', '_delay_uniform', '_inv_ptr',
  '_inv_idx', '_syn_dendrite', '_dendrite_of_post', '_last_event', '_ssa_ptr', '_ssa_steps', '_ssa_next', '_ssa_t',
  '_ta_schedule', '_ta_period', '_ta_t', '_ta_block', '_dec_idx', '_axon_spiked', '_naxon', '_sh_pre', '_sh_wofs', '_sh_widx',
  '_proc_post', '_proc_table', '_proc_member', '_proc_self',
]);

export function typeOfArray(name: string): CType {
  return INT32.has(name) ? 'i32' : 'f64';
}

export const C_TYPE: Record<CType, string> = { f64: 'double', f32: 'nx_f32', i32: 'int32_t', u8: 'uint8_t' };

/**
 * The generation context of one translation unit: the table of the arrays its kernels use (slot
 * order) and the number of OpenMP threads it is generated for. Every kernel generator takes it, so
 * generation depends on no module state.
 */
export class ArrayTable {
  readonly slots: ArraySlot[] = [];
  /** OpenMP threads of the generated code (1: no pragmas). */
  readonly threads: number;

  /** `owner:id:name` of the arrays stored in float32 (the plan's `f32` rows). */
  readonly #float32: ReadonlySet<string>;

  constructor(threads = 1, float32: ReadonlySet<string> = new Set()) {
    this.threads = Math.max(1, Math.floor(threads));
    this.#float32 = float32;
  }

  readonly #index = new Map<string, number>();

  /** The element type an array has (or will have) in the table, without adding a slot. */
  elementType(owner: ArraySlot['owner'], id: number, name: string): CType {
    const k = this.#index.get(`${owner}:${id}:${name}`);
    if (k !== undefined) return this.slots[k].type;
    return this.#float32.has(`${owner}:${id}:${name}`) ? 'f32' : typeOfArray(name);
  }

  slot(owner: ArraySlot['owner'], id: number, name: string, type?: CType): number {
    const key = `${owner}:${id}:${name}`;
    type ??= this.elementType(owner, id, name);
    let k = this.#index.get(key);
    if (k === undefined) {
      k = this.slots.length;
      this.slots.push({ owner, id, name, type });
      this.#index.set(key, k);
    }
    return k;
  }

  /** Whether a kernel generated so far uses the array (it has a slot). */
  has(owner: ArraySlot['owner'], id: number, name: string): boolean {
    return this.#index.has(`${owner}:${id}:${name}`);
  }

  /** `(T*)N->a[k]`, the pointer of a slot. */
  ptr(owner: ArraySlot['owner'], id: number, name: string, type?: CType): string {
    const k = this.slot(owner, id, name, type);
    return `((${C_TYPE[this.slots[k].type]}*)N->a[${k}])`;
  }

  /** `N->n[k]`, the current length of a slot. */
  len(owner: ArraySlot['owner'], id: number, name: string, type?: CType): string {
    return `N->n[${this.slot(owner, id, name, type)}]`;
  }
}

/**
 * Local pointer declarations of one kernel, collected while its code is rendered (like the js
 * backend's synapse scope): `double* __restrict v = (double*)N->a[3];`.
 */
export class KernelArrays {
  readonly #decl = new Map<string, string>();
  /** `restrict`: only where no two locals can point to the same array (neuron kernels). */
  constructor(readonly table: ArrayTable, readonly restrict = false) {}

  /** Declares local `local` for array `name` of `owner` and returns `local`. */
  need(local: string, owner: ArraySlot['owner'], id: number, name: string, type?: CType): string {
    if (!this.#decl.has(local)) {
      const k = this.table.slot(owner, id, name, type);
      const t = C_TYPE[this.table.slots[k].type];
      this.#decl.set(local, `${t}*${this.restrict ? ' __restrict' : ''} ${local} = (${t}*)N->a[${k}];`);
    }
    return local;
  }

  declarations(): string[] {
    return [...this.#decl.values()];
  }
}

/** A C identifier for attribute `name` seen from `side` (no clash with keywords or the kernels' own locals). */
export function cname(side: 'a' | 'pre' | 'post', name: string): string {
  return `${side}_${name}`;
}
