/**
 * A minimal protocol-buffers writer: the few wire types the TensorBoard messages use (varint,
 * 64-bit double, 32-bit float, length-delimited). Fields are written in the order the caller
 * gives; proto3 default values (0, '', empty) are skipped as the official encoders do.
 */

const utf8 = new TextEncoder();

export class ProtoWriter {
  #chunks: number[] = [];

  /** Field key: field number and wire type (0 varint, 1 fixed64, 2 bytes, 5 fixed32). */
  #key(field: number, wire: number): void { this.#varint(field * 8 + wire); }

  #varint(v: number | bigint): void {
    let x = BigInt.asUintN(64, BigInt(v));
    while (x >= 0x80n) { this.#chunks.push(Number(x & 0x7fn) | 0x80); x >>= 7n; }
    this.#chunks.push(Number(x));
  }

  #raw(bytes: Uint8Array): void { for (let i = 0; i < bytes.length; i++) this.#chunks.push(bytes[i]); }

  /** int32/int64/enum/bool field (negative numbers as 10-byte two's complement, as protobuf does). */
  int(field: number, v: number | bigint | boolean, always = false): this {
    const n = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    if ((n === 0 || n === 0n) && !always) return this;
    this.#key(field, 0);
    this.#varint(typeof n === 'number' ? BigInt(Math.trunc(n)) : n);
    return this;
  }

  /** A double field; `always` writes a 0 too (a oneof member must be present to be chosen). */
  double(field: number, v: number, always = false): this {
    if (v === 0 && !always) return this;
    this.#key(field, 1);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.#raw(b);
    return this;
  }

  /** A float32 field; `always` as for {@link double}. */
  float(field: number, v: number, always = false): this {
    if (v === 0 && !always) return this;
    this.#key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.#raw(b);
    return this;
  }

  bytes(field: number, b: Uint8Array, always = false): this {
    if (b.length === 0 && !always) return this;
    this.#key(field, 2);
    this.#varint(b.length);
    this.#raw(b);
    return this;
  }

  string(field: number, s: string, always = false): this { return this.bytes(field, utf8.encode(s), always); }

  /** An embedded message, written even when empty (its presence can carry meaning, e.g. a oneof). */
  message(field: number, m: ProtoWriter): this {
    const b = m.finish();
    this.#key(field, 2);
    this.#varint(b.length);
    this.#raw(b);
    return this;
  }

  /** A packed repeated double field. */
  packedDoubles(field: number, values: ArrayLike<number>): this {
    if (values.length === 0) return this;
    const b = new Uint8Array(8 * values.length);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat64(8 * i, values[i], true);
    return this.bytes(field, b);
  }

  finish(): Uint8Array { return Uint8Array.from(this.#chunks); }
}
