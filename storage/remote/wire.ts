// How port values travel between api and store pods inside the internal GraphQL schema's `Wire`
// scalar: JSON, with the two kinds JSON lacks tagged — a Date as {"$date": ISO text} and a vector
// (Float32Array) as {"$f32": base64 of its little-endian float32 bytes}, a quarter of the size of
// its decimal text and read back exactly. An object of the data itself that looks like a tag
// (metadata {"$date": "…"} sent by a client) travels wrapped as {"$obj": {…}}, so it comes back
// as the same object. Both sides use these two functions, nothing else.

type Tagged = { $date: string } | { $f32: string };
const TAGS = new Set(['$date', '$f32', '$obj']);
const looksTagged = (keys: string[]) => keys.length === 1 && TAGS.has(keys[0] as string);

/** A port value as plain JSON (tags for dates and vectors). */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Float32Array)
    return { $f32: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties: a "__proto__" key in the data stays a key.
    const out = Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toWire(v)]),
    );
    return looksTagged(Object.keys(out)) ? { $obj: out } : out;
  }
  return value;
}

/** Back from plain JSON: tags become Dates and Float32Arrays again; a malformed tag is an error. */
export function fromWire<T>(value: unknown): T {
  return revive(value) as T;
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys[0] === '$obj' && looksTagged(keys)) return fields(o.$obj);
  if (looksTagged(keys)) return untag(o as Tagged);
  return fields(o);
}

function fields(o: unknown): Record<string, unknown> {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new Error('wire: a malformed $obj');
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, revive(v)]));
}

function untag(t: Tagged): Date | Float32Array {
  if ('$date' in t) {
    const d = new Date(t.$date);
    if (typeof t.$date !== 'string' || Number.isNaN(d.getTime())) throw new Error('wire: a malformed $date');
    return d;
  }
  if (typeof t.$f32 !== 'string') throw new Error('wire: a malformed $f32');
  const bytes = Buffer.from(t.$f32, 'base64');
  if (bytes.length % 4 !== 0) throw new Error('wire: a $f32 whose length is not a multiple of 4');
  // Copied into its own aligned buffer (a pooled Buffer's offset may not be a multiple of 4).
  return new Float32Array(new Uint8Array(bytes).buffer);
}
