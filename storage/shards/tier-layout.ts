// How each tier keeps vectors. Hot keeps the float32 embedding and its norm. Warm and cold keep
// int8 codes q = round(v / scale) with scale = max|v| / 127 (so v ≈ q · scale) and the norm of q:
// cosine(v, x) ≈ (q · x) / |q| needs no scale, and the embedding is rebuilt as q · scale.

export type Tier = 'hot' | 'warm';

export type TierLayout = {
  tier: Tier;
  /** Column definitions after the shared ones. */
  vectorColumns(dimension: number): string;
  /** Cosine similarity of row m to the unit query vector q.vec. */
  score(dimension: number): string;
  /** The embedding as FLOAT[], for loading a memory. */
  embedding: string;
  /**
   * What an approximate index of the tier is built from and rescores on: hot's float32 embedding,
   * warm's int8 codes (cosine ignores the scale, so the codes' scores are the tier's exact scores).
   */
  indexed: { column: 'embedding'; type: 'f32' } | { column: 'embedding_q'; type: 'i8' };
  /**
   * Whether the tier's index keeps keyword postings: hot's do; warm's (up to 12 times as many
   * rows) would cost more memory than its vector index, so warm keyword searches scan its terms.
   */
  postings: boolean;
  /** The columns added after the first version, in order (last in the table). */
  laterColumns: readonly string[];
};

export const SHARED_COLUMNS = `
    system_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    content VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    ts TIMESTAMP NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    project VARCHAR,
    tags VARCHAR[],
    metadata JSON NOT NULL`;

/**
 * The keyword terms of a memory (storage/keyword/analyze.ts): ids in order, repeats kept. The
 * last column in every tier, so files made before it existed take it by ALTER TABLE.
 */
export const TERMS_COLUMN = 'terms DOUBLE[]';
/** The model that made the embedding (null: not said). After the terms, for the same reason. */
export const MODEL_COLUMN = 'embedding_model VARCHAR';
/** The columns added after the first version, in order. */
export const LATER_COLUMNS = [TERMS_COLUMN, MODEL_COLUMN];

export const HOT: TierLayout = {
  tier: 'hot',
  // seq numbers rows in insertion order per shard: the approximate index's keys and its catch-up cursor
  vectorColumns: (d) => `embedding FLOAT[${d}] NOT NULL, norm FLOAT NOT NULL, seq BIGINT NOT NULL`,
  score: () => 'array_inner_product(m.embedding, q.vec) / m.norm',
  embedding: 'embedding::FLOAT[]',
  indexed: { column: 'embedding', type: 'f32' },
  postings: true,
  laterColumns: LATER_COLUMNS,
};

export const WARM: TierLayout = {
  tier: 'warm',
  vectorColumns: (d) =>
    `embedding_q TINYINT[${d}] NOT NULL, scale FLOAT NOT NULL, norm FLOAT NOT NULL, job_id VARCHAR`,
  score: (d) => `array_inner_product(m.embedding_q::FLOAT[${d}], q.vec) / m.norm`,
  embedding: 'list_transform(embedding_q::FLOAT[], lambda x: x * scale)',
  indexed: { column: 'embedding_q', type: 'i8' },
  postings: false,
  // seq numbers warm rows as hot's do (the warm index's keys and cursor); files from before the
  // warm index get theirs at open.
  laterColumns: [...LATER_COLUMNS, 'seq BIGINT'],
};

/**
 * Hot rows (a SELECT of whole rows) with their scale s = max|v| / 127 and codes q, each computed
 * once; read by `quantizeSelect` under the alias h. The cast to TINYINT rounds to the nearest
 * (halves to even; 20 % less of the move's INSERT than `round()` first: `bench/quantize-sql.ts`),
 * and the largest |v| is found in one pass.
 */
export function quantizeInput(hotRows: string): string {
  return `(SELECT *, list_transform(embedding::FLOAT[], lambda x: (x / s)::TINYINT) AS q FROM (
    SELECT *, list_max(list_transform(embedding::FLOAT[], lambda x: abs(x))) / 127 AS s
    FROM (${hotRows})))`;
}

/**
 * SELECT list turning quantized hot rows (alias h, from `quantizeInput`) into warm rows, numbered
 * from `firstSeq` on.
 */
export function quantizeSelect(dimension: number, jobIdParam: string, firstSeq: number): string {
  return `h.system_id, h.id, h.kind, h.content, h.content_hash, h.ts, h.uploaded_at, h.project, h.tags, h.metadata,
    h.q::TINYINT[${dimension}] AS embedding_q,
    h.s AS scale,
    sqrt(list_dot_product(h.q::FLOAT[], h.q::FLOAT[]))::FLOAT AS norm,
    ${jobIdParam} AS job_id, h.terms, h.embedding_model,
    (${Math.trunc(firstSeq)} + row_number() OVER () - 1)::BIGINT AS seq`;
}
