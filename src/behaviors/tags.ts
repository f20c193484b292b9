/**
 * Tags name every object of a behaviour network: groups, synapse groups, behaviours. A search key
 * is a tag (string), a behaviour key (number), or a class (matches its instances — PymoNNto meant
 * to support type keys but never matched them, dossier §2.6).
 */

/** A class used as a search key. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClassKey<T = unknown> = abstract new (...args: any[]) => T;

/** What `find`/`get` accept. */
export type SearchKey = string | number | ClassKey;

/** Base of everything that carries tags. */
export class Taggable {
  /** The tags, first one being the main name (`tag`). */
  readonly tags: string[] = [];

  /** The first tag, the object's name. */
  get tag(): string {
    return this.tags[0] ?? '';
  }

  /** Adds tags; a string with commas adds several (PymoNNto's `'exc,main'`). Duplicates are ignored. */
  addTag(tag: string): this {
    for (const t of tag.split(',')) {
      const s = t.trim();
      if (s && !this.tags.includes(s)) this.tags.push(s);
    }
    return this;
  }

  /** Whether `tag` is one of the tags. */
  hasTag(tag: string): boolean {
    return this.tags.includes(tag);
  }

  /** Whether this object answers to `key` as a tag or a class (numeric keys are matched by hosts). */
  matches(key: SearchKey): boolean {
    if (typeof key === 'string') return this.hasTag(key);
    if (typeof key === 'function') return this instanceof key;
    return false;
  }
}

/** Printable form of a search key, for error messages. */
export function keyName(key: SearchKey): string {
  return typeof key === 'function' ? key.name : JSON.stringify(key);
}
