import { LIST, listValue, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import { micros } from '../common/engine.ts';
import type { KeywordClause, KeywordQuery, ShardHit } from '../types.ts';
import { isCjk } from './analyze.ts';

// BM25 over one source of memories (a shard's table or cold Parquet objects), in one statement:
// each clause's frequency in each memory is read from its `terms` list (phrases and prefixes from
// its content, on the memories whose terms allow a match), the statistics (memories, average
// length, memories per clause) are those of the source, and each hit carries every clause's
// share of its score. Okapi BM25 with k1 = 1.2, b = 0.75 and Lucene's idf.

export const BM25 = { k1: 1.2, b: 0.75 };

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;
/** A literal for RE2 (DuckDB's regex engine): every character that is not a letter or digit escaped. */
const reLiteral = (s: string) =>
  s.replace(/[^\p{L}\p{M}\p{N}]/gu, (c) => `\\x{${c.codePointAt(0)?.toString(16)}}`);
const NOT_WORD = String.raw`[^\p{L}\p{M}\p{N}]`;
const CONTENT = 'lower(nfc_normalize(m.content))';
/** A number of ours as a SQL DOUBLE literal. */
const literal = (x: number) => {
  if (!Number.isFinite(x)) throw new Error('a statistic is a finite number');
  return `${x}::DOUBLE`;
};

/** A clause's number of occurrences in memory m (0 when absent), and a cheap necessary condition. */
function frequency(c: KeywordClause): { tf: string; may: string } {
  const id = (n: number) => {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error('a term id is a non-negative integer');
    return `${n}::DOUBLE`;
  };
  if (c.kind === 'term') {
    return {
      tf: `len(list_filter(m.terms, x -> x = ${id(c.id)}))`,
      may: `list_contains(m.terms, ${id(c.id)})`,
    };
  }
  if (c.kind === 'phrase') {
    // Words separated by anything but letters and digits; Han and kana need no separator.
    const body = c.words
      .map((w, i) => {
        const prev = c.words[i - 1];
        const sep =
          i === 0 ? '' : prev !== undefined && (isCjk(prev) || isCjk(w)) ? `${NOT_WORD}*` : `${NOT_WORD}+`;
        return sep + reLiteral(w);
      })
      .join('');
    const last = c.words[c.words.length - 1] ?? '';
    const start = isCjk(c.words[0] ?? '') ? '' : `(?:^|${NOT_WORD})`;
    const end = isCjk(last) ? '' : `(?:${NOT_WORD}|$)`;
    return {
      tf: `len(regexp_extract_all(${CONTENT}, ${sqlText(start + body + end)}))`,
      may: c.ids.map((n) => `list_contains(m.terms, ${id(n)})`).join(' AND '),
    };
  }
  return {
    tf: `len(regexp_extract_all(${CONTENT}, ${sqlText(`(?:^|${NOT_WORD})${reLiteral(c.prefix)}`)}))`,
    may: `contains(${CONTENT}, ${sqlText(c.prefix)})`,
  };
}

/** Parameters $1..$5: the query's filters. */
export function keywordParams(q: KeywordQuery) {
  const list = (xs: string[] | null) => (xs ? listValue(xs) : null);
  return {
    values: [
      list(q.systemIds),
      list(q.projects),
      list(q.tags),
      q.from && micros(q.from),
      q.to && micros(q.to),
    ],
    types: [LIST(VARCHAR), LIST(VARCHAR), LIST(VARCHAR), TIMESTAMP, TIMESTAMP],
  };
}

/** A source's memories with terms, and their average length in terms. */
export type TermStats = { n: number; avgdl: number };

/**
 * The top `limit` memories of `source` by BM25 for the query's clauses, with the query's filters.
 * `source` is a table or table function aliased as m by the caller's text (`FROM ${source} m`);
 * `stats` are the source's statistics when known (else read in the same statement); `idColumn` is
 * the expression returned as id (cold objects add their file).
 */
export function keywordSql(
  source: string,
  q: KeywordQuery,
  stats: TermStats | null,
  idColumn = 'm.id',
): string {
  if (!Number.isInteger(q.limit) || q.limit < 1) throw new Error('limit must be a positive integer');
  const fs = q.keyword.map(frequency);
  const { k1, b } = BM25;
  const part = (i: number) =>
    `CASE WHEN tf${i} > 0 THEN ln(1 + (s.n - f.df${i} + 0.5) / (f.df${i} + 0.5)) * tf${i} * ${k1 + 1} / (tf${i} + ${k1} * (${1 - b} + ${b} * d.dl / s.avgdl)) ELSE 0 END`;
  const idx = fs.map((_, i) => i);
  return `
    WITH docs AS (
      SELECT m.system_id, ${idColumn} AS id, len(m.terms)::DOUBLE AS dl,
        ${idx.map((i) => `CASE WHEN ${fs[i]?.may} THEN ${fs[i]?.tf} ELSE 0 END AS tf${i}`).join(',\n        ')},
        ($1::VARCHAR[] IS NULL OR list_contains($1::VARCHAR[], m.system_id))
          AND ($2::VARCHAR[] IS NULL OR list_contains($2::VARCHAR[], m.project))
          AND ($3::VARCHAR[] IS NULL OR list_has_any($3::VARCHAR[], m.tags))
          AND ($4::TIMESTAMP IS NULL OR m.ts >= $4::TIMESTAMP)
          AND ($5::TIMESTAMP IS NULL OR m.ts <= $5::TIMESTAMP) AS keep
      FROM ${source} m
      WHERE ${fs.map((f) => `(${f.may})`).join(' OR ')}
    ),
    s AS (${
      stats
        ? `SELECT ${literal(stats.n)} AS n, ${literal(stats.avgdl)} AS avgdl`
        : `SELECT count(m.terms)::DOUBLE AS n, coalesce(avg(len(m.terms)), 1)::DOUBLE AS avgdl FROM ${source} m`
    }),
    f AS (SELECT ${idx.map((i) => `count_if(tf${i} > 0)::DOUBLE AS df${i}`).join(', ')} FROM docs),
    scored AS (
      SELECT d.system_id, d.id, [${idx.map(part).join(', ')}] AS parts
      FROM docs d, s, f WHERE d.keep AND (${idx.map((i) => `tf${i} > 0`).join(' OR ')})
    )
    SELECT system_id, id, parts, list_sum(parts) AS score FROM scored
    ORDER BY score DESC, system_id, id LIMIT ${q.limit}`;
}

const hitRow = z.object({
  system_id: z.string(),
  id: z.string(),
  parts: z.array(z.number()),
  score: z.number(),
});

export const parseKeywordHits = (rows: readonly Record<string, unknown>[]): ShardHit[] =>
  rows.map((raw) => {
    const r = hitRow.parse(raw);
    return { systemId: r.system_id, id: r.id, score: r.score, parts: r.parts };
  });
