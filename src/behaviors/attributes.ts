/**
 * State as attributes (PymoNNto's `neurons.voltage = neurons.vector()`): on a network, neuron group
 * or synapse group, an attribute that is not a member of the class **is** an entry of `host.vars`,
 * so `neurons.voltage` and `neurons.vars.voltage` are one array, and recorders (which read `vars`)
 * see every attribute a behaviour writes.
 *
 * How: one `Proxy` sits in the prototype chain of every host, below the class prototypes
 * (`NeuronGroup.prototype → BehaviorHost.prototype → proxy → Taggable.prototype`). A property
 * lookup reaches it only when the instance and its class prototypes lack the name, so members
 * (`size`, `vector()`, `W`) and own fields cost what they cost on any object. A write of a name
 * that no class in the chain defines reaches the proxy's `set` trap too (an ordinary `[[Set]]`
 * asks the prototype when the property is not own), which stores it in `vars`. The first access to
 * a state name then gives the host an own accessor for it, so a behaviour's `n.voltage[i]` in a
 * loop costs a few ns, not a trap (see {@link bindAccessor}). `'voltage' in neurons` is not
 * reliable for state (a proxy's `has` trap does not know the instance): test `neurons.voltage !==
 * undefined` or `'voltage' in neurons.vars`.
 *
 * Reads resolve, in order: a member; `vars[name]`; **quick access** — the one object tagged
 * `name` among the host's behaviours (and, on a network, its neuron and synapse groups:
 * `net.my_neurons`, `net.GLUTAMATE`, `ng.my_recorder`); otherwise undefined (as any missing JS
 * property). A tag that names several objects throws an error listing them (PymoNNto binds only
 * unique tags, silently skipping the others). Writes never touch tags: `net.my_neurons = x`
 * creates a state attribute that shadows the quick access, as PymoNNto's existing attributes do.
 *
 * Names of members are refused as state: methods and getters of the host classes cannot be
 * assigned (`neurons.vector = …` throws a TypeError naming the key), see {@link sealMethods}.
 *
 * Types: see {@link StateProperties}: by default every attribute name type-checks as `any` (a
 * port line by line); `NeuronGroup<{ voltage: Float64Array }>` gives typed attributes and refuses
 * misspelt ones.
 */
import { NeurarchyError } from '../errors.js';
import { Taggable } from './tags.js';

/** The state of a host whose attribute names are not known to the type: any name, `any` value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseState = Record<string, any>;

/**
 * The attribute properties of a host with state `S`, minus the members `M` of its class (a member
 * wins at runtime). `LooseState` (the default) gives an index signature of `any`, so a PymoNNto
 * behaviour ports as written; a declared state gives exactly its properties, typed.
 */
export type StateProperties<S extends object, M> =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  string extends keyof S ? { [attribute: string]: any } : Omit<S, keyof M>;

/**
 * The type of `host.vars` for state `S`: for `LooseState`, any name typed `any`, like the
 * attributes it stores (`neurons.vars.voltage` is `neurons.voltage`); with a declared state, its
 * properties take their declared types (`vars.tau: number`) over an index signature of `L` (the
 * usual value), so a typed group still converts to an untyped one. Misspelt names are caught on
 * the attributes (`n.voltge`), not in `vars`.
 */
export type VarsOf<S extends object, L> = string extends keyof S ? LooseState : S & Record<string, L>;

/** What the proxy needs from a host (implemented by `BehaviorHost`). */
export interface AttributeHost {
  /** The state, the same object as `vars`. */
  readonly vars: object;
  /** The one object tagged `name` (quick access), or undefined; throws when several are. */
  quickAccess(name: string): unknown;
}

function isHost(x: unknown): x is AttributeHost {
  return typeof x === 'object' && x !== null && Object.hasOwn(x, 'vars');
}

/**
 * After the first read or write of a state name through the proxy, the host gets an own accessor
 * for it (non-enumerable, reading and writing `vars[name]`), so later accesses are ordinary
 * property accesses that the engine optimises (a trap costs ~300 ns; an accessor ~5 ns, measured
 * on Node 22). The accessor reads `vars` each time, so `delete host.vars.x` and `host.vars.x = …`
 * stay in step with `host.x`.
 */
function bindAccessor(host: AttributeHost, name: string): void {
  Object.defineProperty(host, name, {
    get(this: AttributeHost) { return (this.vars as Record<string, unknown>)[name]; },
    set(this: AttributeHost, v: unknown) { (this.vars as Record<string, unknown>)[name] = v; },
    enumerable: false,
    configurable: true,
  });
}

/**
 * The prototype placed under a host class's prototype. Its target is an empty object inheriting
 * from `Taggable.prototype`, so `instanceof Taggable` and every inherited member still resolve.
 */
function attributeProto(): object {
  const target = Object.create(Taggable.prototype) as object;
  return new Proxy(target, {
    get(t, name, receiver) {
      if (typeof name === 'symbol' || name in t || !isHost(receiver)) return Reflect.get(t, name, receiver);
      const vars = receiver.vars as Record<string, unknown>;
      if (Object.hasOwn(vars, name)) {
        bindAccessor(receiver, name);
        return vars[name];
      }
      return receiver.quickAccess(name);
    },
    set(t, name, value, receiver) {
      if (typeof name === 'symbol' || name in t || !isHost(receiver)) return Reflect.set(t, name, value, receiver);
      (receiver.vars as Record<string, unknown>)[name] = value;
      bindAccessor(receiver, name);
      return true;
    },
  });
}

/**
 * Installs the attribute proxy under `cls.prototype` (called once, for `BehaviorHost`, whose
 * prototype must inherit directly from `Taggable.prototype`).
 */
export function installAttributes(cls: abstract new (...args: never[]) => object): void {
  if (Object.getPrototypeOf(cls.prototype) !== Taggable.prototype) {
    throw new NeurarchyError(`installAttributes: ${cls.name} must extend Taggable directly`);
  }
  // Taggable's members are copied above the proxy, so that `tag`, `hasTag()`… do not pay for a trap.
  for (const name of Object.getOwnPropertyNames(Taggable.prototype)) {
    if (name !== 'constructor' && !Object.hasOwn(cls.prototype, name)) {
      Object.defineProperty(cls.prototype, name, Object.getOwnPropertyDescriptor(Taggable.prototype, name)!);
    }
  }
  Object.setPrototypeOf(cls.prototype, attributeProto());
}

/**
 * Makes the methods of `cls.prototype` non-writable, so that `neurons.vector = …` (a state name
 * that collides with a member) throws in strict code instead of silently replacing the method
 * (getters without setters throw already). Setters (`synapse.W = …`) keep working; the properties
 * stay configurable (test spies can still replace them).
 */
export function sealMethods(cls: abstract new (...args: never[]) => object): void {
  const proto = cls.prototype as object;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(proto, name)!;
    if (typeof d.value === 'function' && d.writable) Object.defineProperty(proto, name, { ...d, writable: false });
  }
}

/** Picks the one tagged object for quick access; several is an error naming them and the fix. */
export function uniqueTagged(owner: string, name: string, candidates: Iterable<Taggable>): Taggable | undefined {
  const found: Taggable[] = [];
  for (const c of candidates) if (c.hasTag(name)) found.push(c);
  if (found.length <= 1) return found[0];
  throw new NeurarchyError(
    `${owner}.${name}: ${found.length} objects are tagged '${name}' (${found.map((f) => `'${f.tags[0]}'`).join(', ')}); `
    + `quick access needs a unique tag: use ${owner}.find('${name}') (all of them) or ${owner}.get('${name}', i)`,
  );
}
