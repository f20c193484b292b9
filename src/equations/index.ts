/**
 * The equation language: parsing, analysis and numerical methods. Input: `NeuronSpec` /
 * `SynapseSpec` (ANNarchy's fields as written); output: `NeuronDescription` /
 * `SynapseDescription` (checked, backend-free, ODEs already rewritten by their methods).
 */
export * from './ast.js';
export type * from './description.js';
export type * from './spec.js';
export { tokenize, KEYWORDS, type Token, type TokenKind, type TextLocation } from './lexer.js';
export { parseExpression, derivativeSymbol, derivativeOf, GLOBAL_OPS, DISTRIBUTIONS, type ParseOptions, type IdCounter } from './parser.js';
export { splitFlags, parseFlags, FLAG_NAMES, type Flags, type SplitLine } from './flags.js';
export { splitDefinitions, parseDefinition, hasAssignment, type Definition, type DefinitionLine, type Statement } from './definitions.js';
export {
  simplify, simplifyBinary, derivative, substitute, linearIn, symbolsOf, dependsOn, walk, mapExpr, children, exprEquals, negate,
  type LinearForm,
} from './algebra.js';
export { integrateBlock, solveForDerivative, relaxation, type OdeEquation, type Relaxation } from './methods.js';
export { BUILTINS, evaluate, type BuiltinFunction, type EvaluateOptions } from './builtins.js';
export { exprToString, exprToTex, formatNumber, nameToTex } from './printer.js';
export { RESERVED_NAMES } from './symbols.js';
export { parseFunctionDefinition, type FunctionLocation } from './functions.js';
export { analyseNeuron, type AnalysisContext } from './analyseNeuron.js';
export { analyseSynapse } from './analyseSynapse.js';
export { parseStopCondition } from './stop.js';
