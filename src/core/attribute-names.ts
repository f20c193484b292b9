/**
 * Type level only (issue 12): the attribute names of a neuron or synapse spec written with literal
 * strings, so that `pop.v` is a declared property and a misspelt member (`pop.slise()`) is a type
 * error. Nothing here exists at runtime. Whenever a name cannot be known for sure (a non-literal
 * string, a `Variable` object, a line the small parser below does not recognise) the result is
 * `string`, and the objects fall back to the `[attribute: string]: any` index signature: a missing
 * name would make valid code fail to compile, an extra one costs nothing.
 *
 * Every recursion below is tail-recursive (an accumulator), so TypeScript's limit is 1000 steps per
 * string scanned (characters of one identifier, lines of a field, `g_` occurrences), far above a
 * 40-line equations field.
 */
import type { NeuronSpec, SynapseSpec } from '../equations/spec.js';

/**
 * The property map of attribute names `A` minus the members `M` of the class (a member wins at
 * runtime). `any` as before: reads give arrays or numbers, writes take numbers, arrays and
 * distributions, and one property type cannot say both (docs/attribute-typing.md). Optional only so
 * that an object whose names are unknown (`A = string`) still converts to one whose names are known.
 */
export type AttributeProperties<A extends string, M> =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads and writes differ (see above)
  string extends A ? { [attribute: string]: any } : { [K in Exclude<A, keyof M>]?: any };

/**
 * The keys of a spec that the spec type does not have, each required to be `never`: the excess
 * property check that a generic `const S` parameter loses (`new Neuron({ equatons: … })`). A
 * computed key (`[field]: …`, an index signature) is left to the runtime check.
 */
export type UnknownKeys<S, Spec> = { [K in keyof S as K extends keyof Spec ? never : string extends K ? never : K]: never };

/** The names a model class declares (its `attributeNames` phantom), `string` when unknown. */
export type AttributeNamesOf<T> =
  T extends { readonly attributeNames?: infer A } ? ([Exclude<A, undefined>] extends [never] ? string : Exclude<A, undefined> & string) : string;

/** The names of a Neuron argument: an instance or a model class instantiated with its defaults. */
export type ModelArgNames<T> = T extends abstract new (...args: never[]) => infer I ? AttributeNamesOf<I> : AttributeNamesOf<T>;

type Space = ' ' | '\t' | '\r' | '\n';
type TrimLeft<S extends string> = S extends `${Space}${infer R}` ? TrimLeft<R> : S;
type TrimRight<S extends string> = S extends `${infer R}${Space}` ? TrimRight<R> : S;
type Trim<S extends string> = TrimLeft<TrimRight<S>>;

type Letter = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm' | 'n' | 'o' | 'p' | 'q' | 'r' | 's'
  | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z' | Uppercase<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm'
  | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z'> | '_';
type IdentChar = Letter | '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/** The identifier at the start of `S` ('' when none). */
type LeadingIdent<S extends string, Acc extends string = ''> =
  S extends `${infer C}${infer R}` ? (C extends IdentChar ? LeadingIdent<R, `${Acc}${C}`> : Acc) : Acc;
/** `S` itself when it is one identifier, otherwise `string` (unknown: fall back). */
type Ident<S extends string> = S extends `${infer C}${string}` ? (C extends Letter ? (LeadingIdent<S> extends S ? S : string) : string) : string;

/** The lines of a multi-line string, without `#` comments, trimmed, blank ones left out. */
type Lines<S extends string, Acc extends string = never> = S extends `${infer L}\n${infer R}` ? Lines<R, Acc | Clean<L>> : Exclude<Acc | Clean<S>, ''>;
type Clean<L extends string> = Trim<L extends `${infer B}#${string}` ? B : L>;

/** The part of a line before its flags (`: init = 0`) and before `=`, `+=`, `-=`, `*=` or `/=`. */
type LeftSide<L extends string> = WithoutOperator<Trim<(L extends `${infer B}:${string}` ? B : L) extends `${infer H}=${string}` ? H : ''>>;
type WithoutOperator<H extends string> = H extends `${infer N}${'+' | '-' | '*' | '/'}` ? Trim<N> : H;

/** `f(x, y) = expr` → `f` (a model function, callable as `pop.f(…)`). */
type FunctionLineName<L extends string> = L extends `${infer F}(${string}` ? Ident<Trim<F>> : string;

/** `name = value : flags` → `name`. */
type ParameterLineName<L extends string> = Ident<LeftSide<L>>;
/** `tau * dv/dt + v = …` → `v`; `r = …` → `r`. */
type EquationLineName<L extends string> =
  L extends string ? (LeftSide<L> extends `${infer P}/dt${string}` ? DerivativeName<P> : Ident<LeftSide<L>>) : never; // one line at a time
/** The `x` of the last token `dx` before `/dt`, the token being cut at spaces and operators. */
type DerivativeName<P extends string> = LastToken<P> extends `d${infer X}` ? Ident<X> : string;
type LastToken<P extends string> = P extends `${string}${' ' | '*' | '+' | '-' | '('}${infer R}` ? LastToken<R> : P;

/** Every `g_<target>` identifier written in `S` (a spiking neuron's conductances). */
type Conductances<S extends string, Acc extends string = never> =
  S extends `${infer Before}g_${infer R}` ? Conductances<R, PrecededByIdent<Before> extends true ? Acc : Acc | `g_${LeadingIdent<R>}`> : Acc;
type PrecededByIdent<B extends string> = B extends `${string}${IdentChar}` ? true : false;

/**
 * A field of a spec: its value, `never` when the key is absent, `string` when optional (the
 * declared spec type itself, not a literal). Written without `keyof S`, which would make `Neuron<S>`
 * contravariant in `S` (a `Neuron` of a literal spec must be assignable to a plain `Neuron`).
 */
type Field<S, K extends string> =
  S extends { readonly [P in K]: infer V } ? Exclude<V, undefined>
    : S extends { readonly [P in K]?: infer V } ? (unknown extends V ? never : string) : never;

/** Names declared by a `parameters` field: the keys of the object, or the left side of each line. */
type ParameterNames<P> =
  [P] extends [never] ? never
    : P extends string ? (string extends P ? string : ParameterLineName<Lines<P>>)
      : P extends object ? keyof P & string : string;

/** Names defined by an `equations` field (a string, or a list of literal strings; a `Variable` object is unknown). */
type EquationNames<E> =
  [E] extends [never] ? never
    : E extends string ? (string extends E ? string : EquationLineName<Lines<E>>)
      : E extends readonly (infer L)[] ? (L extends string ? EquationNames<L> : string) : string;

/** Names of the `functions` field. */
type FunctionNames<F> = [F] extends [never] ? never : F extends string ? (string extends F ? string : FunctionLineName<Lines<F>>) : string;

/**
 * Names assigned in event code (`reset`, `preSpike`, …): a variable first written there with an
 * `init` flag is an attribute; every assigned name is kept (one too many costs nothing).
 */
type StatementNames<F> = [F] extends [never] ? never
  : F extends string ? (string extends F ? string : Ident<LeftSide<Lines<F>>>)
    : F extends readonly (infer L)[] ? (L extends string ? StatementNames<L> : string) : string;

/** The text of a statement field (string or list of strings) for the `g_` scan, `string` when not literal. */
type Text<F> = [F] extends [never] ? '' : F extends string ? F : F extends readonly (infer L extends string)[] ? L : string;
type ConductanceNames<T extends string> = string extends T ? string : Conductances<T>;

/**
 * The attribute names of a neuron spec: parameters, variables of the equations and of event code,
 * functions, `r`, and the `g_<target>` conductances of a spiking one. `string` when any part is not known.
 */
export type NeuronAttributeNames<S extends NeuronSpec> =
  | ParameterNames<Field<S, 'parameters'>>
  | EquationNames<Field<S, 'equations'>>
  | FunctionNames<Field<S, 'functions'>>
  | StatementNames<Field<S, 'reset'> | Field<S, 'axonReset'>>
  | 'r' // every population has `r` (a spiking one: its firing rate, see computeFiringRate)
  | (Field<S, 'spike'> extends never ? never
    : ConductanceNames<Text<Field<S, 'equations'>> | Text<Field<S, 'spike'>> | Text<Field<S, 'reset'>>>);

/** The attribute names of a synapse spec: `w`, parameters, variables of the equations and of event code, functions. */
export type SynapseAttributeNames<S extends SynapseSpec> =
  | 'w' | ParameterNames<Field<S, 'parameters'>> | EquationNames<Field<S, 'equations'>> | FunctionNames<Field<S, 'functions'>>
  | StatementNames<Field<S, 'preSpike'> | Field<S, 'postSpike'> | Field<S, 'preAxonSpike'>>;
