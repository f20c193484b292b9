// Every export of the package's entry points has a TSDoc comment (issue 15: "TSDoc on every
// exported class and function"), so that the API reference (`npm run build:site`, typedoc) says
// what each one does. Read with the TypeScript compiler API from the sources, exports followed
// through re-exports and namespaces (`behaviors`).
import { it, expect } from 'vitest';
import ts from 'typescript';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..');
const ENTRY_POINTS = ['src/index.ts', 'src/behaviors/index.ts', 'src/node.ts', 'src/browser.ts'];

/** `file:line name` of each export without a doc comment. */
function undocumented(members = false): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(repo, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(ENTRY_POINTS.map((e) => join(repo, e)), config!.options);
  const checker = program.getTypeChecker();
  const seen = new Set<ts.Declaration>();
  const missing: string[] = [];
  const visit = (exported: ts.Symbol): void => {
    // An `export * as ns` / `export { x as y }` comment documents the alias itself.
    const aliasDocumented = (exported.declarations ?? []).some((d) => ts.getJSDocCommentsAndTags(d.parent?.parent ?? d).length > 0);
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (symbol.flags & ts.SymbolFlags.ValueModule) {
      for (const inner of checker.getExportsOfModule(symbol)) visit(inner);
      return;
    }
    const declaration = symbol.declarations?.[0];
    if (!declaration || seen.has(declaration)) return;
    seen.add(declaration);
    const documented = aliasDocumented || (symbol.declarations ?? []).some((d) => ts.getJSDocCommentsAndTags(d).length > 0 ||
      // `export const x = …`: the comment sits on the variable statement.
      (ts.isVariableDeclaration(d) && ts.getJSDocCommentsAndTags(d.parent.parent).length > 0));
    if (!documented) {
      const file = declaration.getSourceFile();
      missing.push(`${file.fileName.slice(repo.length + 1)}:${file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1} ${symbol.name}`);
    }
  };
  for (const entry of ENTRY_POINTS) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(join(repo, entry))!)!;
    for (const exported of checker.getExportsOfModule(module)) visit(exported);
  }
  if (members) {
    for (const declaration of seen) if (ts.isClassDeclaration(declaration)) missing.push(...undocumentedMembers(declaration, checker));
  }
  return missing;
}

/**
 * The public members of a class without TSDoc: not private, not `@internal`, not documented on
 * another overload, and not inherited from a base class or interface (typedoc shows the base's
 * documentation for those).
 */
function undocumentedMembers(declaration: ts.ClassDeclaration, checker: ts.TypeChecker): string[] {
  const file = declaration.getSourceFile();
  const documented = (m: ts.ClassElement): boolean => ts.getJSDocCommentsAndTags(m).length > 0;
  const bases = (declaration.heritageClauses ?? []).flatMap((h) => h.types.map((t) => checker.getTypeAtLocation(t)));
  const out: string[] = [];
  for (const member of declaration.members) {
    if (!member.name || ts.isPrivateIdentifier(member.name) || ts.isConstructorDeclaration(member) || ts.isClassStaticBlockDeclaration(member)) continue;
    if (ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Private) continue;
    const name = member.name.getText();
    const same = declaration.members.filter((m) => m.name?.getText() === name);
    if (same.some(documented)) continue; // documented (or @internal) on one overload or accessor half
    if (bases.some((b) => b.getProperty(name.replace(/^\[|\]$/g, '')) !== undefined)) continue;
    out.push(`${file.fileName.slice(repo.length + 1)}:${file.getLineAndCharacterOfPosition(member.getStart()).line + 1} ${declaration.name?.text}.${name}`);
  }
  return out;
}

it('every class, function, constant, interface and type exported by the package has TSDoc', () => {
  expect(undocumented()).toEqual([]);
}, 60_000);

it('so has every public member of the exported classes', () => {
  expect(undocumented(true)).toEqual([]);
}, 60_000);
