import { type DuckDBDataChunk, DuckDBFloatVector, DuckDBListVector } from '@duckdb/node-api';

// Vectors read out of DuckDB without a JS number a value: the library's own conversion of a
// FLOAT[] makes an array of 384 numbers a row (then copied again into a Float32Array), which was
// most of the main thread's time reading a bulk upload or an index's catch-up rows.

/**
 * The library keeps a FLOAT vector's items as a Float32Array and a list vector's validity, but
 * exports neither: both are checked here, so a version that changes them fails loudly.
 */
function internals(lists: DuckDBListVector): { items: Float32Array; valid: (row: number) => boolean } {
  const child = lists.childVector;
  const items = (child as unknown as { items?: unknown }).items;
  const validity = (lists as unknown as { validity?: { itemValid?: unknown } }).validity;
  if (!(child instanceof DuckDBFloatVector) || !(items instanceof Float32Array))
    throw new Error('@duckdb/node-api no longer keeps FLOAT vectors as a Float32Array');
  if (typeof validity?.itemValid !== 'function')
    throw new Error("@duckdb/node-api no longer keeps a list vector's validity");
  const itemValid = validity.itemValid as (row: number) => boolean;
  return { items, valid: (row) => itemValid.call(validity, row) };
}

/**
 * Each row of a `FLOAT[]` column of a chunk: its values (a view into the chunk: copy what must
 * outlive it), or null for a NULL list. NULL elements are not told apart from garbage: select
 * them away (`coalesce`) where a list may hold any.
 */
export function floatLists(chunk: DuckDBDataChunk, column: number): (Float32Array | null)[] {
  const lists = chunk.getColumnVector(column);
  if (!(lists instanceof DuckDBListVector)) throw new Error(`column ${column} is not a list`);
  const rows = chunk.rowCount;
  const out: (Float32Array | null)[] = new Array(rows);
  if (rows === 0) return out;
  const { items, valid } = internals(lists);
  for (let i = 0; i < rows; i++) {
    if (!valid(i)) {
      out[i] = null;
      continue;
    }
    const start = lists.getEntryOffset(i);
    out[i] = items.subarray(start, start + lists.getEntryLength(i));
  }
  return out;
}
