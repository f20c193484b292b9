/**
 * Errors raised by neurarchy. Every error a user can cause says what is wrong, where (model, field,
 * line, symbol) and, where there is one, what to do instead.
 */

/** Base class of every error neurarchy throws on purpose. */
export class NeurarchyError extends Error {
  /** `'NeurarchyError'`, the class's name (also in the message's first line when printed). */
  override name = 'NeurarchyError';
}

/** Where an equation error was found. */
export interface EquationErrorLocation {
  /** The neuron's or synapse's name. */
  model: string;
  /** The field: 'parameters', 'equations', 'spike', 'reset', 'pre_spike', … */
  field?: string;
  /** 1-based line inside that field. */
  line?: number;
  /** The offending symbol, flag or token. */
  symbol?: string;
  /** The line as written. */
  text?: string;
}

/** A mistake in a model's equations, found before any code is generated. */
export class EquationError extends NeurarchyError {
  /** `'EquationError'`, the class's name (also in the message's first line when printed). */
  override name = 'EquationError';
  /** The model (neuron or synapse name) in which the mistake is. */
  readonly model: string;
  /** The field of the model (`equations`, `spike`, …), when known. */
  readonly field?: string;
  /** Line number within the field (1-based), when known. */
  readonly line?: number;
  /** The name at fault, when there is one. */
  readonly symbol?: string;
  /** The line as written. */
  readonly text?: string;

  constructor(message: string, where: EquationErrorLocation) {
    const place = [
      `in ${where.model}`,
      where.field ? `field '${where.field}'` : undefined,
      where.line ? `line ${where.line}` : undefined,
    ].filter(Boolean).join(', ');
    const symbol = where.symbol ? ` (symbol '${where.symbol}')` : '';
    const text = where.text ? `\n    ${where.text.trim()}` : '';
    super(`${message}${symbol} — ${place}${text}`);
    this.model = where.model;
    this.field = where.field;
    this.line = where.line;
    this.symbol = where.symbol;
    this.text = where.text;
  }
}

/** Misuse of the network API (wrong shape, unknown attribute, adding objects after compile, …). */
export class NetworkError extends NeurarchyError {
  /** `'NetworkError'`, the class's name (also in the message's first line when printed). */
  override name = 'NetworkError';
}

/**
 * A broken internal assumption ("this should not happen"): not the user's mistake, so the message
 * says what failed and asks for a report instead of suggesting a fix.
 */
export class InternalError extends NeurarchyError {
  /** `'InternalError'`, the class's name (also in the message's first line when printed). */
  override name = 'InternalError';

  constructor(message: string) {
    super(`internal: ${message.replace(/^internal: /, '')} — this is a bug in neurarchy: please report it with the model`);
  }
}
