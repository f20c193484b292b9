/**
 * The `config.ini` of a storage-manager folder, as PymoNNto's StorageManager writes it with
 * Python's configparser: `[Section]` headers and `key = value` lines. Values are written as
 * configparser would (`True`/`False`, numbers in shortest round-trip form, strings as they are),
 * so PymoNNto's tools and `configparser` read our folders, and we read theirs.
 */
import { NeurarchyError } from '../../errors.js';

/** A parameter value. */
export type ParamValue = number | string | boolean;

/** Sections → keys → values as written (strings). */
export type IniData = Map<string, Map<string, string>>;

/** Parses `config.ini` text; `where` names the file in errors. */
export function parseIni(text: string, where: string): IniData {
  const out: IniData = new Map();
  let section: Map<string, string> | undefined;
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const head = /^\[(.+)\]$/.exec(line);
    if (head) {
      section = out.get(head[1]!) ?? new Map();
      out.set(head[1]!, section);
      return;
    }
    const eq = line.search(/[=:]/);
    if (eq <= 0 || !section) throw new NeurarchyError(`${where}, line ${k + 1}: expected [Section] or key = value, got '${raw}'`);
    section.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  });
  return out;
}

/** INI text of `data`, sections and keys in insertion order. */
export function formatIni(data: IniData): string {
  return [...data].map(([s, kv]) => `[${s}]\n${[...kv].map(([k, v]) => `${k} = ${v}`).join('\n')}\n`).join('\n');
}

/** A value as configparser stores `str(value)`. */
export function formatValue(value: ParamValue, key: string): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (typeof value !== 'string') throw new NeurarchyError(`saveParam('${key}'): a parameter is a number, a string or a boolean, got ${typeof value}; use saveObj for structures`);
  if (/[\r\n]/.test(value)) throw new NeurarchyError(`saveParam('${key}'): the value holds a line break, which config.ini cannot store; use saveStr`);
  return value;
}

/** A stored value read back: numbers and booleans typed, other strings as they are. */
export function parseValue(text: string): ParamValue {
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text === 'nan') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text;
}
