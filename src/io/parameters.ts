/**
 * `saveParameters` / `loadParameters` as ANNarchy: a JSON object
 * `{"populations": {name: {param: value}}, "projections": {name: {param: value}}, "network": {}, "constants": {name: value}}`
 * holding the global (`: population` / `: projection`) parameters and the constants. Browser-safe
 * (strings in and out); `io/files.ts` reads and writes files.
 */
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';
import type { Constant } from '../core/Constant.js';
import { LoadError } from './network-io.js';

export interface ParameterNetwork {
  readonly populations: Population[];
  readonly projections: Projection[];
  /** Constants known to the network. */
  readonly constants?: Constant[];
}

/** The JSON written by `saveParameters()`: global parameter values by population, projection and network. */
export interface ParametersJson {
  /** Global parameters of each population, by population name. */
  populations: Record<string, Record<string, number>>;
  /** Global parameters of each projection, by projection name. */
  projections: Record<string, Record<string, number>>;
  /** Network-level values (none so far: written as an empty object, kept for the format). */
  network: Record<string, number>;
  /** The constants' values, by name. */
  constants: Record<string, number>;
}

function globals(obj: Population | Projection): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of obj.description.attributes) {
    if (a.role === 'parameter' && a.locality === 'global') out[a.name] = (obj.state.get(a.name) as Float64Array)[0]!;
  }
  return out;
}

/** The global parameters and constants of the network. */
export function collectParameters(net: ParameterNetwork): ParametersJson {
  const out: ParametersJson = { populations: {}, projections: {}, network: {}, constants: {} };
  for (const p of net.populations) out.populations[p.name] = globals(p);
  for (const p of net.projections) out.projections[p.name] = globals(p);
  for (const c of net.constants ?? []) out.constants[c.name] = c.value;
  return out;
}

/** JSON text (indented) of {@link collectParameters}. */
export function parametersToJson(net: ParameterNetwork): string {
  return JSON.stringify(collectParameters(net), null, 4);
}

/**
 * Sets the global parameters (and constants) from {@link parametersToJson} text. Objects and
 * parameters of the file must exist in the network (checked before anything is written); objects
 * of the network absent from the file keep their values.
 */
export function parametersFromJson(net: ParameterNetwork, text: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LoadError(`loadParameters(): not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(doc)) throw new LoadError('loadParameters(): not a parameters object ({"populations": …, "projections": …, "network": …, "constants": …})');
  const problems: string[] = [];
  const known = ['populations', 'projections', 'network', 'constants'];
  for (const k of Object.keys(doc)) if (!known.includes(k)) problems.push(`unknown key '${k}' (known: ${known.join(', ')})`);
  const section = (k: string): Record<string, unknown> => {
    const v = doc[k];
    if (v === undefined) return {};
    if (!isRecord(v)) { problems.push(`'${k}' is not an object`); return {}; }
    return v;
  };
  const writes: (() => void)[] = [];
  const take = (kind: 'population' | 'projection', list: (Population | Projection)[], values: Record<string, unknown>) => {
    for (const [name, params] of Object.entries(values)) {
      const obj = list.find((o) => o.name === name);
      if (!obj) { problems.push(`${kind} '${name}' is not in the network`); continue; }
      if (!isRecord(params)) { problems.push(`${kind} '${name}': not an object of parameter values`); continue; }
      const g = globals(obj);
      for (const [p, v] of Object.entries(params)) {
        if (!(p in g)) problems.push(`${kind} '${name}' has no global parameter '${p}'`);
        else if (typeof v !== 'number') problems.push(`${kind} '${name}', '${p}': ${JSON.stringify(v)} is not a number`);
        else writes.push(() => { (obj.state.get(p) as Float64Array)[0] = v; obj.network.attributeWritten(obj, p); });
      }
    }
  };
  take('population', net.populations, section('populations'));
  take('projection', net.projections, section('projections'));
  section('network');
  for (const [name, v] of Object.entries(section('constants'))) {
    const c = (net.constants ?? []).find((k) => k.name === name);
    if (!c) problems.push(`constant '${name}' is not in the network`);
    else if (typeof v !== 'number') problems.push(`constant '${name}': ${JSON.stringify(v)} is not a number`);
    else writes.push(() => { c.set(v); });
  }
  if (problems.length) throw new LoadError(`loadParameters(): the file does not match the network:\n  - ${problems.join('\n  - ')}`);
  for (const w of writes) w();
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
