/**
 * User functions: `name(a, b) = expr`, one per line of a model's `functions` field, or given to
 * `addFunction`. A function sees only its arguments and Constants; it may call built-in functions
 * and global functions.
 */
import type { Expr } from './ast.js';
import type { FunctionDef, SourceRef } from './description.js';
import { fail, tokenize, type TextLocation } from './lexer.js';
import { parseExpression } from './parser.js';
import { splitDefinitions } from './definitions.js';
import { splitTopLevel } from './flags.js';
import { walk } from './algebra.js';
import { BUILTINS } from './builtins.js';
import { RESERVED_NAMES, errorAt, type ModelScope } from './symbols.js';

const TYPE_NAMES = new Set(['int', 'float', 'double', 'bool']);

/** Where a function definition was written (defaults: a global function). */
export interface FunctionLocation {
  model?: string;
  field?: SourceRef['block'];
  line?: number;
}

/**
 * Parses `name(a, b) = expr` (an ANNarchy type suffix `: float, float, float` is accepted and
 * ignored). Checks the form and that the body uses no model attribute syntax (`pre.x`, `sum()`,
 * global operations, random draws); names in the body are checked where the function is used.
 */
export function parseFunctionDefinition(text: string, location: FunctionLocation = {}): FunctionDef {
  const block = location.field ?? 'functions';
  const where: TextLocation = { model: location.model ?? 'global functions', field: block, line: location.line, text };
  let definition = text.trim();
  const parts = splitTopLevel(definition, ':');
  if (parts.length > 1 && splitTopLevel(parts[parts.length - 1]).every((t) => TYPE_NAMES.has(t.trim()))) {
    definition = parts.slice(0, -1).join(':').trim();
  }
  const tokens = tokenize(definition, where);
  const name = tokens[0];
  if (name.kind !== 'ident' || tokens[1]?.text !== '(') fail("a function is written 'name(a, b) = expression'", where, text, name.text);
  if (RESERVED_NAMES.has(name.text)) fail(`'${name.text}' is a reserved or built-in name and cannot be redefined`, where, text, name.text);
  const params: string[] = [];
  let k = 2;
  if (tokens[k].text === ')') k++;
  else {
    for (;;) {
      const p = tokens[k];
      if (p.kind !== 'ident') fail(`expected a parameter name in the definition of ${name.text}()`, where, text, p.text || name.text);
      if (params.includes(p.text)) fail(`parameter '${p.text}' appears twice in ${name.text}()`, where, text, p.text);
      params.push(p.text);
      const sep = tokens[k + 1];
      k += 2;
      if (sep.text === ')') break;
      if (sep.text !== ',') fail(`expected ',' or ')' in the parameters of ${name.text}()`, where, text, sep.text || name.text);
    }
  }
  const eq = tokens[k];
  if (eq.text !== '=') fail(`expected '=' after ${name.text}(${params.join(', ')})`, where, text, eq.text || name.text);
  const body = parseExpression(definition.slice(eq.end), where);
  walk(body, (n: Expr) => {
    const bad = n.kind === 'attr' ? `${n.owner}.${n.name}` : n.kind === 'sum' ? 'sum' : n.kind === 'globalop' ? n.op : n.kind === 'rand' ? n.dist : undefined;
    if (bad) fail(`a function sees only its arguments and Constants; '${bad}' cannot be used in ${name.text}()`, where, text, bad);
  });
  return { name: name.text, params, body, source: { block, line: location.line ?? 0, text } };
}

/** Parses a model's `functions` field. */
export function parseFunctionsField(field: string | undefined, model: string): FunctionDef[] {
  return splitDefinitions(field).map((d) => parseFunctionDefinition(d.text, { model, field: 'functions', line: d.line }));
}

/**
 * Checks the body of `f` in `scope`: every name is a parameter of `f` or a Constant, every call a
 * built-in, an earlier local function or a global function (arity checked). Records Constants and
 * global functions used, following calls into global functions.
 */
export function checkFunctionBody(scope: ModelScope, f: FunctionDef, visible: ReadonlyMap<string, FunctionDef>, seen = new Set<string>()): void {
  if (seen.has(f.name)) return;
  seen.add(f.name);
  walk(f.body, (n) => {
    if (n.kind === 'sym') {
      if (f.params.includes(n.name) || n.name === 'pi') return;
      if (scope.constants.has(n.name)) { scope.usedConstants.add(n.name); return; }
      throw errorAt(scope, f.source, `function ${f.name}() sees only its arguments and Constants: unknown symbol '${n.name}'`, n.name);
    }
    if (n.kind !== 'call') return;
    const callee = visible.get(n.name) ?? scope.globalFunctions.get(n.name);
    const arity = callee ? [callee.params.length] : BUILTINS.get(n.name)?.arity;
    if (!arity) throw errorAt(scope, f.source, `unknown function '${n.name}' in ${f.name}()`, n.name);
    if (!arity.includes(n.args.length)) throw errorAt(scope, f.source, `${n.name}() takes ${arity.join(' or ')} argument(s), got ${n.args.length}`, n.name);
    if (callee && !visible.has(n.name)) {
      scope.usedGlobalFunctions.add(n.name);
      checkFunctionBody(scope, callee, new Map(), seen);
    }
  });
}

/** Parses and checks the local functions of a model and puts them in `scope.localFunctions`. */
export function addLocalFunctions(scope: ModelScope, field: string | undefined): FunctionDef[] {
  const defs = parseFunctionsField(field, scope.model);
  const local = scope.localFunctions as Map<string, FunctionDef>;
  for (const f of defs) {
    if (BUILTINS.has(f.name)) throw errorAt(scope, f.source, `'${f.name}' is a built-in function and cannot be redefined`, f.name);
    if (local.has(f.name)) throw errorAt(scope, f.source, `function '${f.name}' is defined twice`, f.name);
    checkFunctionBody(scope, f, local);
    local.set(f.name, f);
  }
  return defs;
}

/** Records the global functions a model calls, and checks their bodies against its Constants. */
export function checkUsedGlobalFunctions(scope: ModelScope): void {
  for (const name of [...scope.usedGlobalFunctions]) checkFunctionBody(scope, scope.globalFunctions.get(name)!, new Map());
}
