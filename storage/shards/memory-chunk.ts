import {
  ARRAY,
  BIGINT,
  DOUBLE,
  DuckDBArrayValue,
  type DuckDBArrayVector,
  DuckDBDataChunk,
  type DuckDBType,
  FLOAT,
  LIST,
  listValue,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';
import { micros } from '../common/engine.ts';
import type { MemoryRecord } from '../types.ts';

/** DuckDB's vector size: the most rows one data chunk can hold. */
export const CHUNK_ROWS = 2048;

// Well-formed as the columns store them (UTF-8 turns an unpaired surrogate into U+FFFD).
export function projectOf(metadata: Record<string, unknown>): string | null {
  return typeof metadata.project === 'string' ? metadata.project.toWellFormed() : null;
}

export function tagsOf(metadata: Record<string, unknown>): string[] | null {
  const tags = metadata.tags;
  return Array.isArray(tags)
    ? tags.filter((t): t is string => typeof t === 'string').map((t) => t.toWellFormed())
    : null;
}

/**
 * Builds data chunks column by column: the bulk path, ~50x faster than row appends. `terms` are
 * each record's keyword terms (storage/keyword/analyze.ts `termIds`); `firstSeq` numbers the first
 * record, the others follow in order.
 */
export function* memoryChunks(
  records: readonly MemoryRecord[],
  terms: readonly (readonly number[])[],
  dimension: number,
  firstSeq: number,
): Generator<DuckDBDataChunk> {
  const types: DuckDBType[] = [
    VARCHAR,
    VARCHAR,
    VARCHAR,
    VARCHAR,
    VARCHAR,
    TIMESTAMP,
    TIMESTAMP,
    VARCHAR,
    LIST(VARCHAR),
    VARCHAR,
    ARRAY(FLOAT, dimension),
    FLOAT,
    BIGINT,
    LIST(DOUBLE),
    VARCHAR,
  ];
  for (let start = 0; start < records.length; start += CHUNK_ROWS) {
    const rows = records.slice(start, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, rows.length);
    chunk.setColumnValues(
      0,
      rows.map((r) => r.systemId),
    );
    chunk.setColumnValues(
      1,
      rows.map((r) => r.id),
    );
    chunk.setColumnValues(
      2,
      rows.map((r) => r.kind),
    );
    chunk.setColumnValues(
      3,
      rows.map((r) => r.content),
    );
    chunk.setColumnValues(
      4,
      rows.map((r) => r.contentHash),
    );
    chunk.setColumnValues(
      5,
      rows.map((r) => micros(r.timestamp)),
    );
    chunk.setColumnValues(
      6,
      rows.map((r) => micros(r.uploadedAt)),
    );
    chunk.setColumnValues(
      7,
      rows.map((r) => projectOf(r.metadata)),
    );
    chunk.setColumnValues(
      8,
      rows.map((r) => {
        const tags = tagsOf(r.metadata);
        return tags ? listValue(tags) : null;
      }),
    );
    chunk.setColumnValues(
      9,
      rows.map((r) => JSON.stringify(r.metadata)),
    );
    const vectors = chunk.getColumnVector(10) as DuckDBArrayVector;
    rows.forEach((r, i) => {
      // DuckDBArrayValue only indexes its items, so a Float32Array is read without copying to an Array.
      vectors.setItem(i, new DuckDBArrayValue(r.embedding as unknown as number[]));
    });
    vectors.flush();
    chunk.setColumnValues(
      11,
      rows.map((r) => r.norm),
    );
    chunk.setColumnValues(
      12,
      rows.map((_, i) => BigInt(firstSeq + start + i)),
    );
    chunk.setColumnValues(
      13,
      rows.map((_, i) => listValue(terms[start + i] as number[])),
    );
    chunk.setColumnValues(
      14,
      rows.map((r) => r.embeddingModel ?? null),
    );
    yield chunk;
  }
}
