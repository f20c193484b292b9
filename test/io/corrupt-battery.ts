// The corrupted-file battery, run in a child process by corrupt-files.test.ts (`tsx
// test/io/corrupt-battery.ts <backend>`), so that a crash of the native backend (SIGSEGV) or a hang
// fails the test instead of killing the test runner. Prints one JSON line: counts and problems.
//
// The network of corrupt-fixture.ts is simulated until spikes are in flight and saved; a second
// copy loads every variant of that file:
//   (a) bit flips of the .npz (every k-th byte, and seeded random bytes with random masks);
//   (a') character flips of the .json (it has no checksum: an accepted flip must then simulate);
//   (b) truncations of the .npz and of the .json at many lengths;
//   (c) entries edited to invalid values and re-encoded with valid checksums (edits.ts).
// Each variant must be refused with a LoadError that leaves the network byte-identical, or be
// accepted with the state of the original file (a flip in bytes nothing reads: timestamps,
// "version made by"); an accepted variant is then simulated, which must give the same state as the
// original file simulated for as long.
import { corruptFixture } from './corrupt-fixture.js';
import { EDITS, applyEdit, VALID_EDITS } from './corrupt-edits.js';
import { LoadError } from '../../src/io/network-io.js';
import { decodeNpz } from '../../src/io/npz.js';
import type { BackendName, Network } from '../../src/index.js';

const backend = (process.argv[2] ?? 'js') as BackendName;

/** Mulberry32: a small seeded generator, enough to pick positions and masks. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

const source = await corruptFixture(backend);
await source.simulate(15);
const goodNpz = source.toNpz();
const goodJson = source.toJson();

const net: Network = await corruptFixture(backend);
net.fromNpz(goodNpz);
const loaded = net.toNpz();
await net.simulate(5);
const simulated = net.toNpz();
net.fromNpz(goodNpz);

const counts = { variants: 0, refused: 0, acceptedIdentical: 0, acceptedEdited: 0 };
const problems: string[] = [];

/**
 * Loads one variant. `identical`: an accepted load must give the original state. Returns whether it
 * was accepted; the network is restored to the original file afterwards.
 */
async function attempt(label: string, load: () => void | Promise<void>, mustName?: string): Promise<boolean> {
  counts.variants++;
  try {
    await load();
  } catch (e) {
    if (!(e instanceof LoadError)) problems.push(`${label}: threw ${(e as Error).name}: ${(e as Error).message}`);
    else if (mustName && !e.message.includes(mustName)) problems.push(`${label}: the message does not name '${mustName}': ${e.message}`);
    if (!equal(net.toNpz(), loaded)) problems.push(`${label}: refused, but the network changed`);
    counts.refused++;
    return false;
  }
  return true;
}

/**
 * Whether two saves after the same simulation agree: byte for byte on the CPU backends; on webgpu,
 * whose float atomics add in the order the GPU schedules them (the last bits of a sum may differ
 * between two runs of the same state, as seen once under load on SwiftShader), every float within
 * 1e-5 relative and every other value equal.
 */
function sameRun(a: Uint8Array, b: Uint8Array): boolean {
  if (equal(a, b)) return true;
  if (backend !== 'webgpu') return false;
  const x = decodeNpz(a), y = decodeNpz(b);
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => {
    const u = x[k], v = y[k];
    if (!v || u.dtype !== v.dtype || u.data.length !== v.data.length) return false;
    const float = u.dtype.includes('f');
    return Array.from(u.data as ArrayLike<number>).every((p, i) => {
      const q = (v.data as ArrayLike<number>)[i];
      return float ? Math.abs(p - q) <= 1e-5 * Math.max(1, Math.abs(p)) : p === q;
    });
  });
}

async function acceptedIdentical(label: string): Promise<void> {
  counts.acceptedIdentical++;
  if (!equal(net.toNpz(), loaded)) problems.push(`${label}: accepted with a state other than the file's`);
  await net.simulate(5);
  if (!sameRun(net.toNpz(), simulated)) problems.push(`${label}: accepted, but simulating gives another state`);
  net.fromNpz(goodNpz);
}

// (a) bit flips
const r = rng(20261202);
const positions: [number, number][] = [];
const stride = Math.max(1, Math.floor(goodNpz.length / 160));
for (let i = 3; i < goodNpz.length; i += stride) positions.push([i, 1 << (i % 8)]);
for (let i = 0; i < 100; i++) positions.push([Math.floor(r() * goodNpz.length), 1 + Math.floor(r() * 255)]);
for (const [i, mask] of positions) {
  const bad = goodNpz.slice();
  bad[i]! ^= mask;
  const label = `flip byte ${i} ^ 0x${mask.toString(16)}`;
  if (await attempt(label, () => net.fromNpz(bad))) await acceptedIdentical(label);
}

// (a') character flips of the JSON text: JSON has no checksum and is meant to be editable, so a
// flip may give another valid file (a digit of a weight); it must then pass every check of the
// contents, which the simulation that follows exercises (a missed check crashes native code).
const counts2 = { jsonFlips: 0, jsonAccepted: 0 };
for (let n = 0; n < 150; n++) {
  const i = Math.floor(r() * goodJson.length);
  const text = goodJson.slice(0, i) + String.fromCharCode(goodJson.charCodeAt(i) ^ (1 << Math.floor(r() * 6))) + goodJson.slice(i + 1);
  const label = `json character ${i} flipped`;
  counts2.jsonFlips++;
  if (await attempt(label, () => net.fromJson(text))) {
    counts2.jsonAccepted++;
    try {
      await net.simulate(5);
    } catch (e) {
      problems.push(`${label}: accepted, then simulating threw ${(e as Error).name}: ${(e as Error).message}`);
    }
    net.fromNpz(goodNpz);
  }
}

// (b) truncations
const lengths = new Set([0, 1, 4, 21, 22, 30, goodNpz.length - 1, goodNpz.length - 21, goodNpz.length - 22, goodNpz.length - 23]);
while (lengths.size < 70) lengths.add(Math.floor(r() * goodNpz.length));
for (const n of lengths) {
  const label = `npz truncated to ${n} bytes`;
  if (await attempt(label, () => net.fromNpz(goodNpz.subarray(0, n)))) problems.push(`${label}: accepted`);
}
const jsonLengths = new Set([0, 1, goodJson.length - 1, goodJson.length - 2]);
while (jsonLengths.size < 30) jsonLengths.add(Math.floor(r() * goodJson.length));
for (const n of jsonLengths) {
  const label = `json truncated to ${n} characters`;
  if (await attempt(label, () => net.fromJson(goodJson.slice(0, n)))) problems.push(`${label}: accepted`);
}

// (c) edited entries, both formats
for (const edit of EDITS) {
  for (const format of ['npz', 'json'] as const) {
    if (edit.format && edit.format !== format) continue;
    const label = `${format}: ${edit.what}`;
    const variant = applyEdit(format === 'npz' ? goodNpz : goodJson, edit);
    const load = () => (typeof variant === 'string' ? net.fromJson(variant) : net.fromNpz(variant));
    if (await attempt(label, load, edit.names)) { problems.push(`${label}: accepted`); net.fromNpz(goodNpz); }
  }
}
// Valid edits are accepted, with the edited value (the checks do not refuse everything).
for (const edit of VALID_EDITS) {
  const label = `valid edit: ${edit.what}`;
  const variant = applyEdit(goodNpz, edit) as Uint8Array;
  if (await attempt(label, () => net.fromNpz(variant))) {
    counts.acceptedEdited++;
    const [obj, name] = edit.key.split('/') as [string, string];
    const o = net.getPopulation(obj) ?? net.getProjection(obj);
    const got = Array.from(o!.state.get(name)!.subarray(0, 3));
    if (!edit.check(got)) problems.push(`${label}: loaded ${got.join(', ')}`);
    await net.simulate(5);
    net.fromNpz(goodNpz);
  } else problems.push(`${label}: refused`);
}

console.log(JSON.stringify({ backend, counts: { ...counts, ...counts2 }, problems }));
net.dispose?.();
source.dispose?.();
