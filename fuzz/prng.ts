/**
 * A tiny seeded PRNG (mulberry32) for the fuzz harness. Every case draws from its own stream,
 * derived from (seed, battery, index), so any case can be regenerated alone from its three
 * numbers: the parent process never ships mutants to the children, only their indices.
 */
export class Rng {
  #s: number;

  constructor(seed: number) { this.#s = seed >>> 0; }

  /** The stream of one case. */
  static forCase(seed: number, battery: string, index: number): Rng {
    let h = 2166136261 ^ (seed >>> 0);
    for (const ch of `${battery}#${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return new Rng(Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(seed, 3266489909));
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#s = (this.#s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number { return Math.floor(this.next() * n); }

  pick<T>(items: readonly T[]): T { return items[this.int(items.length)]!; }

  chance(p: number): boolean { return this.next() < p; }
}
