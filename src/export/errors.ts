/**
 * The error of the PyNN exporter: a network, or a part of it, that has no faithful PyNN 0.10
 * equivalent. The message names the object (population, projection, monitor), the model and the
 * reason, and where there is one, what to change.
 */
import { NeurarchyError } from '../errors.js';

/** Raised by `exportPyNN` for anything it cannot export faithfully (never silently approximated). */
export class ExportError extends NeurarchyError {
  override name = 'ExportError';
}
