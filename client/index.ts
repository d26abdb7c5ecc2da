import { createClient } from 'graphql-ws';
import { graphql } from '../schema/operations/gql.ts';
import type {
  ClientIngestMutation,
  ClientProgressSubscription,
  ClientSearchQuery,
  ClientSearchQueryVariables,
  ClientStartMigrationMutation,
  ClientUploadMutation,
  MemoryInput,
  StartMigrationInput,
} from '../schema/operations/graphql.ts';

// The typed TypeScript client of Akosha: search, ingest, snapshot uploads, migrations and their
// progress over graphql-ws. Every operation is a typed document generated from the schema
// (`npm run codegen`), so a schema change that breaks a call fails the typecheck here.
//
//   const akosha = createAkoshaClient({ url: 'https://akosha.example.com/graphql', token });
//   const { hits } = await akosha.search({ nearText: 'retry budget', limit: 5 });
//   const byWords = await akosha.search({ query: '"retry budget" backoff', mode: 'HYBRID', alpha: 0.5 });
//   for await (const e of akosha.migrationProgress(job.id)) console.log(e.phase, e.recordsDone);

const SEARCH = graphql(`query ClientSearch($nearVector: Vector, $nearText: String, $query: String,
  $mode: SearchMode, $alpha: Float, $fusion: Fusion, $autocut: Int, $systemIds: [String!],
  $projects: [String!], $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int,
  $tiers: [Tier!]) {
  search(nearVector: $nearVector, nearText: $nearText, query: $query, mode: $mode, alpha: $alpha, fusion: $fusion,
    autocut: $autocut, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from, to: $to,
    minScore: $minScore, limit: $limit, tiers: $tiers) {
    partial
    failures { tier shard message }
    hits {
      score tier shard systemId clientId
      explain { vectorScore keywordScore vectorPart keywordPart terms { clause score } }
      memory { id clientId systemId kind content timestamp metadata }
    }
  }
}`);
const INGEST = graphql(`mutation ClientIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }
}`);
const UPLOAD = graphql(`mutation ClientUpload($systemId: String!, $file: Upload!, $timeZone: String) {
  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $timeZone) {
    format accepted duplicates rejected rejections { clientId reason }
  }
}`);
const START = graphql(`mutation ClientStartMigration($input: StartMigrationInput) {
  startMigration(input: $input) { id status recordsTotal }
}`);
const PROGRESS = graphql(`subscription ClientProgress($jobId: ID!, $after: Int) {
  migrationProgress(jobId: $jobId, after: $after) {
    seq phase state recordsDone recordsTotal bytesDone rate etaSeconds errors
  }
}`);

export type SearchResult = ClientSearchQuery['search'];
export type IngestResult = ClientIngestMutation['ingestMemories'];
export type UploadResult = ClientUploadMutation['uploadSystemSnapshot'];
export type MigrationJob = ClientStartMigrationMutation['startMigration'];
export type ProgressEvent = ClientProgressSubscription['migrationProgress'];
export type { MemoryInput, StartMigrationInput };

/** A refusal from the server, with its GraphQL error code (FORBIDDEN, BAD_USER_INPUT, OVERLOADED...). */
export class AkoshaClientError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(message: string, code: string, status: number) {
    super(message);
    this.name = 'AkoshaClientError';
    this.code = code;
    this.status = status;
  }
}

export type AkoshaClientOptions = {
  /** The GraphQL endpoint, e.g. https://akosha.example.com/graphql. */
  url: string;
  /** A bearer token, or a function giving the current one (called for every request). */
  token: string | (() => string | Promise<string>);
  fetch?: typeof fetch;
};

type Operation<R, V> = { toString(): string; __apiType?: (v: V) => R };
type GraphQLResponse<R> = { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };

export function createAkoshaClient(o: AkoshaClientOptions) {
  const doFetch = o.fetch ?? fetch;
  const bearer = async () => `Bearer ${typeof o.token === 'string' ? o.token : await o.token()}`;

  async function send<R>(body: BodyInit, contentType: string | null): Promise<R> {
    const res = await doFetch(o.url, {
      method: 'POST',
      headers: {
        ...(contentType ? { 'content-type': contentType } : {}),
        accept: 'application/graphql-response+json, application/json',
        authorization: await bearer(),
      },
      body,
    });
    const text = await res.text();
    let parsed: GraphQLResponse<R>;
    try {
      parsed = JSON.parse(text) as GraphQLResponse<R>;
    } catch {
      throw new AkoshaClientError(
        `not a GraphQL response (HTTP ${res.status}): ${text.slice(0, 200)}`,
        'BAD_RESPONSE',
        res.status,
      );
    }
    const first = parsed.errors?.[0];
    if (first || !parsed.data)
      throw new AkoshaClientError(
        first?.message ?? 'no data',
        first?.extensions?.code ?? 'UNKNOWN',
        res.status,
      );
    return parsed.data;
  }

  const run = <R, V>(doc: Operation<R, V>, variables: V) =>
    send<R>(JSON.stringify({ query: doc.toString(), variables }), 'application/json');

  return {
    /** Tier-aware search by vector or text, with filters; `partial` and `failures` say what did not answer. */
    async search(variables: ClientSearchQueryVariables): Promise<SearchResult> {
      return (await run(SEARCH, variables)).search;
    },
    /** Stores up to AKOSHA_MAX_BATCH_SIZE memories; bad items come back in `rejected`. */
    async ingest(memories: MemoryInput[]): Promise<IngestResult> {
      return (await run(INGEST, { input: memories })).ingestMemories;
    },
    /** A Session-Buddy snapshot (DuckDB, Parquet or JSON Lines, optionally gzip) as a GraphQL multipart upload. */
    async upload(
      systemId: string,
      file: Blob,
      opts: { name?: string; timeZone?: string } = {},
    ): Promise<UploadResult> {
      const form = new FormData();
      form.append(
        'operations',
        JSON.stringify({
          query: UPLOAD.toString(),
          variables: { systemId, file: null, timeZone: opts.timeZone ?? null },
        }),
      );
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', file, opts.name ?? 'snapshot');
      return (await send<ClientUploadMutation>(form, null)).uploadSystemSnapshot;
    },
    async startMigration(input: StartMigrationInput = {}): Promise<MigrationJob> {
      return (await run(START, { input })).startMigration;
    },
    /** The job's progress events over graphql-ws, from `after`, until its final event. */
    migrationProgress(jobId: string, opts: { after?: number } = {}): AsyncIterableIterator<ProgressEvent> {
      const ws = createClient({
        url: o.url.replace(/^http/, 'ws'),
        connectionParams: async () => ({ authorization: await bearer() }),
        lazy: true,
        retryAttempts: 0,
      });
      const events = ws.iterate<ClientProgressSubscription>({
        query: PROGRESS.toString(),
        variables: { jobId, after: opts.after ?? 0 },
      });
      async function* follow(): AsyncGenerator<ProgressEvent> {
        try {
          for await (const r of events) {
            const first = r.errors?.[0];
            if (first)
              throw new AkoshaClientError(first.message, String(first.extensions?.code ?? 'UNKNOWN'), 200);
            const e = r.data?.migrationProgress;
            if (!e) continue;
            yield e;
            if (e.state !== 'RUNNING') return;
          }
        } finally {
          await ws.dispose();
        }
      }
      return follow();
    },
  };
}

export type AkoshaClient = ReturnType<typeof createAkoshaClient>;
