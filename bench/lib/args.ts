/** Tiny `--key value` parser and the one-line JSON output shared by the benchmark scripts. */
export function parseArgs<T extends Record<string, string | number>>(defaults: T): T {
  const out: Record<string, string | number> = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) continue;
    const key = m[1];
    const value = m[2] ?? argv[++i];
    out[key] = typeof defaults[key] === 'number' ? Number(value) : value;
  }
  return out as T;
}

export function emit(record: Record<string, unknown>): void {
  console.log(`RESULT ${JSON.stringify(record)}`);
}
