import { GraphQLError, Kind, type ValueNode, valueFromASTUntyped } from 'graphql';
import { parseDateTime } from '../resolvers/validation.ts';
import { builder } from './builder.ts';

const MAX_VECTOR_LENGTH = 65_536;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

// One pass over the array instead of GraphQL's per-item [Float!] coercion. Non-numbers become
// NaN so that the item (not the whole request) is rejected by ingestion's validation.
function vectorFromArray(items: readonly unknown[]): Float32Array {
  if (items.length > MAX_VECTOR_LENGTH) throw new GraphQLError(`Vector longer than ${MAX_VECTOR_LENGTH}`);
  const out = new Float32Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    out[i] = typeof x === 'number' ? x : Number.NaN;
  }
  return out;
}

function vectorFromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  // Node skips characters that are not base64; re-encoding tells a clean string from a dirty one
  // far faster than a regular expression over kilobytes.
  if (bytes.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')) {
    throw new GraphQLError('Vector string must be base64 of little-endian float32 values');
  }
  if (bytes.length % 4 !== 0) throw new GraphQLError('Vector base64 must decode to a multiple of 4 bytes');
  if (bytes.length / 4 > MAX_VECTOR_LENGTH) throw new GraphQLError(`Vector longer than ${MAX_VECTOR_LENGTH}`);
  const out = new Float32Array(bytes.length / 4);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes);
  else for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

function parseVector(value: unknown): Float32Array {
  if (Array.isArray(value)) return vectorFromArray(value);
  if (typeof value === 'string') return vectorFromBase64(value);
  throw new GraphQLError('Vector must be a list of floats or a base64 string of little-endian float32');
}

function literalNumber(node: ValueNode): number {
  return node.kind === Kind.INT || node.kind === Kind.FLOAT ? Number(node.value) : Number.NaN;
}

builder.scalarType('Vector', {
  description:
    'An embedding: a list of floats, or (about 3x smaller on the wire) a base64 string of the little-endian float32 values.',
  serialize: (v) => Array.from(v as ArrayLike<number>),
  parseValue: parseVector,
  parseLiteral: (node) => {
    if (node.kind === Kind.LIST) return vectorFromArray(node.values.map(literalNumber));
    if (node.kind === Kind.STRING) return vectorFromBase64(node.value);
    throw new GraphQLError('Vector must be a list of floats or a base64 string');
  },
});

function dateTimeOf(value: unknown): Date {
  if (typeof value !== 'string')
    throw new GraphQLError(`DateTime must be a string, got ${JSON.stringify(value)}`);
  const parsed = parseDateTime(value);
  if ('problem' in parsed)
    throw new GraphQLError(`DateTime ${JSON.stringify(value.slice(0, 64))} ${parsed.problem}`);
  return parsed.date;
}

builder.scalarType('DateTime', {
  description:
    'An RFC 3339 date-time, e.g. 2026-11-27T09:30:00Z (real calendar dates, years 1900-9999); without an offset it is read as UTC.',
  serialize: (d) => (d as Date).toISOString(),
  parseValue: dateTimeOf,
  parseLiteral: (node) => dateTimeOf(node.kind === Kind.STRING ? node.value : null),
});

builder.scalarType('JSONObject', {
  description: 'A JSON object, kept whole.',
  serialize: (v) => v as Record<string, unknown>,
  parseValue: (v) => v,
  parseLiteral: (node) => valueFromASTUntyped(node),
});
