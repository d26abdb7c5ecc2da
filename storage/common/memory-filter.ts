import { LIST, listValue, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { micros } from './engine.ts';

/** Memories of these systems that match every other field given (null: no condition). */
export type MemoryFilter = {
  systemIds: string[];
  ids: string[] | null;
  /** ISO instants, inclusive. */
  from: string | null;
  to: string | null;
  /** metadata.project is one of these. */
  projects: string[] | null;
  /** metadata.tags holds any of these. */
  tags: string[] | null;
};

/** The filter as SQL over the memory columns of any tier ($1..$6, bound by `filterParams`). */
export const FILTER_SQL = `list_contains($1::VARCHAR[], system_id)
  AND ($2::VARCHAR[] IS NULL OR list_contains($2::VARCHAR[], id))
  AND ($3::TIMESTAMP IS NULL OR ts >= $3::TIMESTAMP)
  AND ($4::TIMESTAMP IS NULL OR ts <= $4::TIMESTAMP)
  AND ($5::VARCHAR[] IS NULL OR list_contains($5::VARCHAR[], project))
  AND ($6::VARCHAR[] IS NULL OR list_has_any($6::VARCHAR[], tags))`;
export const FILTER_TYPES = [
  LIST(VARCHAR),
  LIST(VARCHAR),
  TIMESTAMP,
  TIMESTAMP,
  LIST(VARCHAR),
  LIST(VARCHAR),
];

export function filterParams(f: MemoryFilter) {
  const list = (xs: string[] | null) => (xs ? listValue(xs) : null);
  return [
    listValue(f.systemIds),
    list(f.ids),
    f.from ? micros(new Date(f.from)) : null,
    f.to ? micros(new Date(f.to)) : null,
    list(f.projects),
    list(f.tags),
  ];
}
