import { DuckDBInstance, VARCHAR } from '@duckdb/node-api';

/**
 * Turns an export's JSON Lines file into Parquet with the columns the snapshot upload reads back
 * (id, kind, content, embedding FLOAT[], timestamp TIMESTAMPTZ, metadata JSON), so a Parquet
 * export uploads into another server as exactly the same memories.
 */
export async function jsonLinesToParquet(source: string, target: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '1',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await instance.connect();
  try {
    await conn.run(
      `COPY (SELECT id, kind, content, embedding, "timestamp", metadata FROM read_json($1,
         format = 'newline_delimited',
         columns = {id: 'VARCHAR', kind: 'VARCHAR', content: 'VARCHAR', embedding: 'FLOAT[]',
                    "timestamp": 'TIMESTAMPTZ', metadata: 'JSON'}))
       TO '${target.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`,
      [source],
      [VARCHAR],
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
