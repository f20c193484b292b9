/**
 * What a fuzz case says about itself, what the child reports back, and the outcome classes.
 */

/**
 * What the input is, by construction: 'invalid' must be refused with a NeurarchyError; 'valid'
 * must be accepted (and behave as documented); 'unknown' may be either, but never crash or hang.
 */
export type Expect = 'invalid' | 'valid' | 'unknown';

/** One case as the child ran it. */
export interface CaseReport {
  battery: string;
  index: number;
  /** Short description of the input (mutation and where). */
  label: string;
  /** The input itself, printable (a mutant's changed field, a call). */
  input: string;
  expect: Expect;
  /** A refusal's message must contain this (the model's or object's name), when set. */
  mustName?: string[];
  /** What happened in the child. */
  outcome: 'accepted' | 'refused' | 'threw';
  error?: { name: string; message: string; stack?: string };
  /** js and cpp (or saved and loaded state) disagree: what differs. */
  mismatch?: string;
  /** An accepted 'valid' case did not do what is documented: what went wrong. */
  wrong?: string;
  /** Backends the case ran on. */
  backends: string[];
  ms: number;
}

/** The outcome classes of the report. */
export const CLASSES = ['refused-ok', 'accepted-ok', 'CRASH', 'HANG', 'SILENT', 'MISMATCH', 'WRONG-REFUSAL', 'POOR-MESSAGE'] as const;
export type OutcomeClass = (typeof CLASSES)[number];

/** Classes that make `npm run fuzz` exit with 1. */
export const FAILING: ReadonlySet<OutcomeClass> = new Set(['CRASH', 'HANG', 'SILENT', 'MISMATCH', 'WRONG-REFUSAL']);

/** A case as the parent records it: the child's report, or what the parent saw (death, time limit). */
export interface CaseResult {
  battery: string;
  index: number;
  cls: OutcomeClass;
  label: string;
  input: string;
  /** The error, the signal, the mismatch: why the case is in its class. */
  detail: string;
  /** Top frames of the stack inside the repository (file:line), for de-duplication. */
  where?: string;
  ms: number;
  backends: string[];
}

/** A message from the parent to a child: run case `index` of `battery`. */
export interface CaseRequest {
  battery: string;
  seed: number;
  index: number;
  /** Run on cpp too (and compare with js). */
  cpp: boolean;
  cacheDir: string;
}
