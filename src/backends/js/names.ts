/**
 * Attribute names become JS identifiers in generated code; a few names users may choose collide
 * with JavaScript's reserved words or with our own locals, so they get a prefix.
 */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'export',
  'extends', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'return', 'super', 'switch',
  'this', 'throw', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'enum', 'await',
  'implements', 'package', 'protected', 'interface', 'private', 'public', 'arguments', 'eval', 'undefined', 'NaN',
  'Infinity', 'Math', 'P', 'J', 'B', 'R', 'C', 'H', 'EN', 'dt', 't', 'i', 'j', 'k', 'n', 'step', 'SEED',
]);

/** A safe JS identifier for attribute `name`. */
export function js(name: string): string {
  return RESERVED.has(name) ? `a_${name}` : name;
}
