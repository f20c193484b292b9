/**
 * `node:util` in the playground: `parseArgs` reads the flags typed in the page (the worker puts them
 * in `process.argv`), with the options' defaults; unknown flags are an error as with Node's strict mode.
 */
interface OptionSpec { type: 'string' | 'boolean'; default?: string | boolean; short?: string }
interface ParseArgsConfig { options?: Record<string, OptionSpec>; strict?: boolean; args?: string[]; allowPositionals?: boolean }

export function parseArgs(config: ParseArgsConfig): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = config.options ?? {};
  const values: Record<string, string | boolean | undefined> = {};
  for (const [k, o] of Object.entries(options)) if (o.default !== undefined) values[k] = o.default;
  const argv = config.args ?? (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2);
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) { positionals.push(argv[i]); continue; }
    const spec = options[m[1]];
    if (!spec) throw new Error(`Unknown option '--${m[1]}' (known: ${Object.keys(options).map((k) => `--${k}`).join(', ')})`);
    values[m[1]] = spec.type === 'boolean' ? true : (m[2] ?? argv[++i]);
  }
  return { values, positionals };
}
