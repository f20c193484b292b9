/**
 * The guarded child: receives case requests over IPC, runs each, sends back its report. It runs
 * cases one at a time, so when it dies (a signal, an abort, an exit) or stops answering, the parent
 * knows which case did it.
 */
import { BATTERIES } from './batteries/index.js';
import type { CaseRequest } from './types.js';
import { registerBackend } from '../src/backends/registry.js';
import { createCppBackend } from '../src/backends/cpp/index.js';

// The bundled child cannot follow the registry's non-literal import of the cpp backend: register it.
registerBackend('cpp', async (o) => createCppBackend(o));

process.on('message', (req: CaseRequest) => {
  const battery = BATTERIES[req.battery];
  if (!battery) throw new Error(`no battery '${req.battery}'`);
  void battery.run(req).then((report) => process.send!(report));
});
process.send!({ ready: true });
