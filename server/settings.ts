import { Cron } from 'croner';
import { z } from 'zod';
import { isTimeZone, SYSTEM_ID_PATTERN } from '../resolvers/validation.ts';
import { isSystemPattern } from '../storage/common/system-pattern.ts';
import { HOT_STEP_ROWS } from '../storage/migration/planner.ts';

// The AKOSHA_* settings, one zod model per concern: each reads its variables and turns them into
// that concern's part of the config (server/config.ts puts them together).

function validCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const seconds = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a number of seconds')
  .transform(Number)
  .pipe(z.number().positive());
const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });
const zone = z.string().refine(isTimeZone, 'expected an IANA time zone such as UTC or Europe/Berlin');

const server = z
  .object({
    AKOSHA_ROLE: z.enum(['all', 'api', 'store', 'age']).default('all'),
    AKOSHA_HOST: z.string().min(1).default('127.0.0.1'),
    AKOSHA_PORT: int(0, 65535).default(8000),
    AKOSHA_LOG_LEVEL: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(
        z.enum(['debug', 'info', 'warning', 'warn', 'error'], {
          message: 'expected DEBUG, INFO, WARNING or ERROR',
        }),
      )
      .default('info'),
    AKOSHA_GRAPHIQL_ENABLED: bool.default(true),
    AKOSHA_INTROSPECTION_ENABLED: bool.default(true),
    AKOSHA_METRICS_ENABLED: bool.default(true),
    AKOSHA_METRICS_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9_.~+/=-]{16,500}$/, 'expected at least 16 characters of a bearer token')
      .optional(),
  })
  .transform((e) => ({
    role: e.AKOSHA_ROLE,
    host: e.AKOSHA_HOST,
    port: e.AKOSHA_PORT,
    logLevel: e.AKOSHA_LOG_LEVEL === 'warn' ? ('warning' as const) : e.AKOSHA_LOG_LEVEL,
    graphiqlEnabled: e.AKOSHA_GRAPHIQL_ENABLED,
    introspectionEnabled: e.AKOSHA_INTROSPECTION_ENABLED,
    metricsEnabled: e.AKOSHA_METRICS_ENABLED,
    metricsToken: e.AKOSHA_METRICS_TOKEN,
  }));

const storage = z
  .object({
    AKOSHA_HOT_PATH: z.string().min(1).default('./data/hot'),
    AKOSHA_WARM_PATH: z.string().min(1).default('./data/warm'),
    AKOSHA_META_PATH: z.string().min(1).default('./data/meta'),
    AKOSHA_COLD_PATH: z.string().min(1).default('./data/cold'),
    AKOSHA_COLD_CACHE_PATH: z.string().min(1).default('./data/cold-cache'),
    AKOSHA_COLD_CACHE_BYTES: int(1_000_000, Number.MAX_SAFE_INTEGER).default(1_073_741_824),
    AKOSHA_SHARDS: int(1, 256).default(8),
    AKOSHA_CHECKPOINT_THRESHOLD: z
      .string()
      .regex(/^\d+(KB|MB|GB)$/, 'expected a size such as 256MB')
      .default('256MB'),
    AKOSHA_DUCKDB_MEMORY_LIMIT: z
      .string()
      .regex(/^\d+(MB|GB)$/, 'expected a size such as 4GB')
      .optional(),
    AKOSHA_DUCKDB_THREADS: int(1, 256).optional(),
    AKOSHA_RECOVER: bool.default(false),
  })
  .transform((e) => ({
    hotPath: e.AKOSHA_HOT_PATH,
    warmPath: e.AKOSHA_WARM_PATH,
    metaPath: e.AKOSHA_META_PATH,
    coldPath: e.AKOSHA_COLD_PATH,
    coldCachePath: e.AKOSHA_COLD_CACHE_PATH,
    coldCacheBytes: e.AKOSHA_COLD_CACHE_BYTES,
    shards: e.AKOSHA_SHARDS,
    checkpointThreshold: e.AKOSHA_CHECKPOINT_THRESHOLD,
    memoryLimit: e.AKOSHA_DUCKDB_MEMORY_LIMIT,
    threads: e.AKOSHA_DUCKDB_THREADS,
    recover: e.AKOSHA_RECOVER,
  }));

const limits = z
  .object({
    AKOSHA_EMBEDDING_DIMENSION: int(1, 4096).default(384),
    AKOSHA_MAX_BATCH_SIZE: int(1, 100_000).default(1000),
    AKOSHA_QUERY_TIMEOUT: seconds.default(30),
    AKOSHA_MAX_RESULTS: int(1, 10_000).default(100),
    AKOSHA_SEARCH_BATCH_MAX: int(1, 1024).default(64),
    AKOSHA_EMBEDDING_URL: httpUrl.optional(),
    AKOSHA_EMBEDDING_MODEL: z.string().min(1).max(200).default('all-MiniLM-L6-v2'),
    AKOSHA_EMBEDDING_API_KEY: z.string().min(1).optional(),
    AKOSHA_EMBEDDING_TIMEOUT: seconds.default(10),
  })
  .transform((e) => ({
    /** nearText's model: an OpenAI-compatible endpoint, or null for the built-in lexical embedder. */
    embedding: e.AKOSHA_EMBEDDING_URL
      ? {
          url: e.AKOSHA_EMBEDDING_URL,
          model: e.AKOSHA_EMBEDDING_MODEL,
          apiKey: e.AKOSHA_EMBEDDING_API_KEY,
          timeoutMs: e.AKOSHA_EMBEDDING_TIMEOUT * 1000,
        }
      : null,
    dimension: e.AKOSHA_EMBEDDING_DIMENSION,
    maxBatchSize: e.AKOSHA_MAX_BATCH_SIZE,
    queryTimeoutMs: e.AKOSHA_QUERY_TIMEOUT * 1000,
    maxResults: e.AKOSHA_MAX_RESULTS,
    searchBatchMax: e.AKOSHA_SEARCH_BATCH_MAX,
  }));

/** What one GraphQL request may ask for (graphql-armor, batching, cost and budgets). */
const requestLimits = z
  .object({
    AKOSHA_MAX_DEPTH: int(1, 100).default(12),
    AKOSHA_MAX_ALIASES: int(1, 1000).default(30),
    AKOSHA_MAX_TOKENS: int(10, 1_000_000).default(5000),
    AKOSHA_MAX_DIRECTIVES: int(1, 1000).default(50),
    AKOSHA_MAX_COST: int(1, 100_000_000).default(20_000),
    AKOSHA_BATCH_LIMIT: int(1, 1000).default(10),
    AKOSHA_COST_BUDGET_PER_MINUTE: int(1, 1_000_000_000).default(200_000),
    AKOSHA_MAX_RESPONSE_BYTES: int(1024, 1_073_741_824).default(16_777_216),
    AKOSHA_MAX_QUERY_BYTES: int(256, 10_000_000).default(65_536),
    AKOSHA_MAX_REQUEST_BYTES: int(1024, 1_073_741_824).default(25_000_000),
  })
  .transform((e) => ({
    maxDepth: e.AKOSHA_MAX_DEPTH,
    maxAliases: e.AKOSHA_MAX_ALIASES,
    maxTokens: e.AKOSHA_MAX_TOKENS,
    maxDirectives: e.AKOSHA_MAX_DIRECTIVES,
    maxCost: e.AKOSHA_MAX_COST,
    batch: e.AKOSHA_BATCH_LIMIT,
    costBudgetPerMinute: e.AKOSHA_COST_BUDGET_PER_MINUTE,
    maxResponseBytes: e.AKOSHA_MAX_RESPONSE_BYTES,
    maxQueryBytes: e.AKOSHA_MAX_QUERY_BYTES,
    maxRequestBytes: e.AKOSHA_MAX_REQUEST_BYTES,
  }));

const s3 = z
  .object({
    AKOSHA_S3_BUCKET: z.string().min(3).optional(),
    AKOSHA_S3_ENDPOINT: httpUrl.optional(),
    AKOSHA_S3_REGION: z.string().min(1).default('us-east-1'),
    AKOSHA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    AKOSHA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  })
  .transform((e) => {
    const connection = {
      endpoint: e.AKOSHA_S3_ENDPOINT,
      region: e.AKOSHA_S3_REGION,
      accessKeyId: e.AKOSHA_S3_ACCESS_KEY_ID,
      secretAccessKey: e.AKOSHA_S3_SECRET_ACCESS_KEY,
    };
    return {
      connection,
      cold: e.AKOSHA_S3_BUCKET ? { bucket: e.AKOSHA_S3_BUCKET, ...connection } : undefined,
    };
  });

const aging = z
  .object({
    AKOSHA_HOT_TIER_DAYS: int(0, 36_500).default(7),
    AKOSHA_WARM_TIER_DAYS: int(0, 36_500).default(90),
    AKOSHA_FAILPOINT: z.string().optional(),
    AKOSHA_MIGRATION_STEP_PAUSE_MS: int(0, 600_000).default(0),
    AKOSHA_MIGRATION_HOT_STEP_ROWS: int(1, 100_000_000).default(HOT_STEP_ROWS),
    AKOSHA_AGING_SCHEDULE: z
      .string()
      .refine((p) => p === 'off' || validCron(p), 'expected a cron expression such as "0 2 * * *", or off')
      .default('0 2 * * *'),
    AKOSHA_HOT_MAX_BYTES: int(0, 1e15).default(100_000_000_000),
    AKOSHA_HOT_SIZE_CHECK_SCHEDULE: z
      .string()
      .refine((p) => p === 'off' || validCron(p), 'expected a cron expression such as "* * * * *", or off')
      .default('* * * * *'),
    AKOSHA_RETENTION_DAYS: int(0, 36_500).default(0),
    AKOSHA_RETENTION_SYSTEMS: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const rules = v.split(',').filter((r) => r.trim() !== '');
        return rules.flatMap((rule) => {
          const [pattern = '', days = ''] = rule.trim().split('=');
          if (!isSystemPattern(pattern) || !/^\d{1,5}$/.test(days)) {
            ctx.addIssue({
              code: 'custom',
              message: `expected pattern=days (such as team-a-*=30), got "${rule}"`,
            });
            return [];
          }
          return [{ pattern, days: Number(days) }];
        });
      }),
  })
  .transform((e) => ({
    retention: { days: e.AKOSHA_RETENTION_DAYS, systems: e.AKOSHA_RETENTION_SYSTEMS },
    hotMaxBytes: e.AKOSHA_HOT_MAX_BYTES,
    sizeCheckSchedule: e.AKOSHA_HOT_SIZE_CHECK_SCHEDULE,
    hotDays: e.AKOSHA_HOT_TIER_DAYS,
    warmDays: e.AKOSHA_WARM_TIER_DAYS,
    failpoint: e.AKOSHA_FAILPOINT,
    stepPauseMs: e.AKOSHA_MIGRATION_STEP_PAUSE_MS,
    hotStepRows: e.AKOSHA_MIGRATION_HOT_STEP_ROWS,
    schedule: e.AKOSHA_AGING_SCHEDULE,
  }));

const ann = z
  .object({
    AKOSHA_ANN_ENABLED: bool.default(true),
    AKOSHA_ANN_CONNECTIVITY: int(4, 128).default(16),
    AKOSHA_ANN_EXPANSION_ADD: int(8, 1024).default(48),
    AKOSHA_ANN_EXPANSION_SEARCH: int(8, 4096).default(96),
    AKOSHA_ANN_WARM_EXPANSION_ADD: int(8, 1024).default(64),
    AKOSHA_ANN_WARM_EXPANSION_SEARCH: int(8, 4096).default(160),
    AKOSHA_ANN_QUANTIZATION: z.enum(['f32', 'f16', 'i8']).default('i8'),
    AKOSHA_ANN_EXACT_THRESHOLD: int(0, 100_000_000).default(20_000),
    AKOSHA_ANN_OVERSAMPLE: int(1, 100).default(4),
    AKOSHA_INDEX_SAVE_SECONDS: seconds.default(60),
    AKOSHA_ANN_WORKERS: int(1, 64).optional(),
  })
  .transform((e) => ({
    enabled: e.AKOSHA_ANN_ENABLED,
    connectivity: e.AKOSHA_ANN_CONNECTIVITY,
    expansionAdd: e.AKOSHA_ANN_EXPANSION_ADD,
    expansionSearch: e.AKOSHA_ANN_EXPANSION_SEARCH,
    warmExpansionAdd: e.AKOSHA_ANN_WARM_EXPANSION_ADD,
    warmExpansionSearch: e.AKOSHA_ANN_WARM_EXPANSION_SEARCH,
    quantization: e.AKOSHA_ANN_QUANTIZATION,
    exactThreshold: e.AKOSHA_ANN_EXACT_THRESHOLD,
    oversample: e.AKOSHA_ANN_OVERSAMPLE,
    saveEveryMs: e.AKOSHA_INDEX_SAVE_SECONDS * 1000,
    workers: e.AKOSHA_ANN_WORKERS,
  }));

const sources = z
  .object({
    AKOSHA_PULL_BUCKET: z.string().min(3).optional(),
    AKOSHA_PULL_INTERVAL_SECONDS: seconds.default(60),
    AKOSHA_MAX_CONCURRENT_INGESTS: int(1, 1000).default(10),
    AKOSHA_INGESTION_TIMEOUT: seconds.default(300),
    AKOSHA_INGESTION_QUEUE_SIZE: int(0, 100_000).default(100),
    AKOSHA_INGESTION_PAUSED: bool.default(false),
    AKOSHA_PUSH_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9_-]{24,200}$/, 'expected 24-200 letters, digits, _ or -')
      .optional(),
    AKOSHA_PUSH_TOKENS: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{24,200}=[A-Za-z0-9_*|-]+(,[A-Za-z0-9_-]{24,200}=[A-Za-z0-9_*|-]+)*$/,
        'expected token=system|system,token=pattern-* (tokens of 24-200 letters, digits, _ or -)',
      )
      .optional(),
    AKOSHA_MAX_UPLOAD_BYTES: int(1024, Number.MAX_SAFE_INTEGER).default(536_870_912),
    AKOSHA_MAX_UNCOMPRESSED_BYTES: int(1024, Number.MAX_SAFE_INTEGER).default(4_294_967_296),
    AKOSHA_MAX_UPLOAD_ROWS: int(1, 1_000_000_000).default(5_000_000),
    AKOSHA_UPLOAD_READER_MEMORY: z
      .string()
      .regex(/^\d+(MB|GB)$/, 'expected a size such as 256MB')
      .default('256MB'),
    AKOSHA_DEFAULT_TIME_ZONE: zone.default('UTC'),
    AKOSHA_SYSTEM_TIME_ZONES: z
      .string()
      .transform((v) =>
        Object.fromEntries(
          v
            .split(',')
            .filter(Boolean)
            .map((pair) => pair.split('=').map((x) => x.trim())),
        ),
      )
      .pipe(z.record(z.string().regex(SYSTEM_ID_PATTERN), z.string().refine(isTimeZone, 'unknown time zone')))
      .optional(),
  })
  .transform((e) => ({
    admission: {
      maxConcurrent: e.AKOSHA_MAX_CONCURRENT_INGESTS,
      maxQueue: e.AKOSHA_INGESTION_QUEUE_SIZE,
      waitMs: e.AKOSHA_INGESTION_TIMEOUT * 1000,
      paused: e.AKOSHA_INGESTION_PAUSED,
    },
    pull: {
      bucket: e.AKOSHA_PULL_BUCKET,
      intervalMs: e.AKOSHA_PULL_INTERVAL_SECONDS * 1000,
      maxConcurrent: e.AKOSHA_MAX_CONCURRENT_INGESTS,
      timeoutMs: e.AKOSHA_INGESTION_TIMEOUT * 1000,
    },
    /** Push tokens and the systems each may write (null: any system; AKOSHA_PUSH_TOKEN). */
    pushTokens: new Map<string, readonly string[] | null>([
      ...(e.AKOSHA_PUSH_TOKEN ? [[e.AKOSHA_PUSH_TOKEN, null] as const] : []),
      ...(e.AKOSHA_PUSH_TOKENS ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const [token = '', systems = ''] = pair.split('=');
          return [token, systems.split('|').filter(Boolean)] as const;
        }),
    ]),
    uploads: {
      maxUploadBytes: e.AKOSHA_MAX_UPLOAD_BYTES,
      maxUncompressedBytes: e.AKOSHA_MAX_UNCOMPRESSED_BYTES,
      maxRows: e.AKOSHA_MAX_UPLOAD_ROWS,
      readerMemory: e.AKOSHA_UPLOAD_READER_MEMORY,
      timeoutMs: e.AKOSHA_INGESTION_TIMEOUT * 1000,
      defaultTimeZone: e.AKOSHA_DEFAULT_TIME_ZONE,
      timeZones: e.AKOSHA_SYSTEM_TIME_ZONES ?? {},
    },
  }));

const auth = z
  .object({
    AKOSHA_META_PATH: z.string().min(1).default('./data/meta'),
    AKOSHA_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AKOSHA_JWKS_URL: httpUrl.optional(),
    AKOSHA_JWKS_FILE: z.string().min(1).optional(),
    AKOSHA_JWKS_CACHE_SECONDS: int(1, 86_400).default(600),
    AKOSHA_JWKS_COOLDOWN_SECONDS: int(0, 3600).default(30),
    AKOSHA_JWT_ISSUER: z.string().min(1).optional(),
    AKOSHA_JWT_AUDIENCE: z.string().min(1).optional(),
    AKOSHA_JWT_ALGORITHMS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.enum(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'], {
            message: 'expected a comma-separated list of JWS algorithms (never none)',
          }),
        ),
      )
      .optional(),
    AKOSHA_JWT_CLOCK_TOLERANCE: int(0, 600).default(30),
    AKOSHA_JOB_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9_.~+/=-]{32,500}$/, 'expected at least 32 characters of a bearer token')
      .optional(),
  })
  .transform((e) => ({
    devSecretFile: `${e.AKOSHA_META_PATH}/dev-jwt-secret`,
    jwtSecret: e.AKOSHA_JWT_SECRET,
    jwksUrl: e.AKOSHA_JWKS_URL,
    jwksFile: e.AKOSHA_JWKS_FILE,
    jwksCacheSeconds: e.AKOSHA_JWKS_CACHE_SECONDS,
    jwksCooldownSeconds: e.AKOSHA_JWKS_COOLDOWN_SECONDS,
    jwtIssuer: e.AKOSHA_JWT_ISSUER,
    jwtAudience: e.AKOSHA_JWT_AUDIENCE,
    jwtAlgorithms: e.AKOSHA_JWT_ALGORITHMS ?? [],
    jwtClockToleranceSeconds: e.AKOSHA_JWT_CLOCK_TOLERANCE,
    /** The scheduled jobs' bearer token (aging CronJob): may start and follow migrations, nothing else. */
    jobToken: e.AKOSHA_JOB_TOKEN,
  }));

/** The query cache (L1 in process, L2 in Redis) and the Redis connection (AKOSHA_REDIS_*). */
const cache = z
  .object({
    AKOSHA_CACHE_ENABLED: bool.default(true),
    AKOSHA_L1_CACHE_SIZE: int(1, 10_000_000).default(1000),
    AKOSHA_L2_CACHE_ENABLED: bool.default(true),
    AKOSHA_CACHE_TTL_SECONDS: int(1, 86_400 * 30).default(3600),
    AKOSHA_REDIS_HOST: z.string().min(1).optional(),
    AKOSHA_REDIS_PORT: int(1, 65535).default(6379),
    AKOSHA_REDIS_PASSWORD: z.string().min(1).optional(),
    AKOSHA_REDIS_TLS: bool.default(false),
    AKOSHA_REDIS_DB: int(0, 1000).default(0),
    AKOSHA_REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'expected letters, digits, :, _ or -')
      .default('akosha:'),
  })
  .transform((e) => ({
    enabled: e.AKOSHA_CACHE_ENABLED,
    l1Size: e.AKOSHA_L1_CACHE_SIZE,
    l2Enabled: e.AKOSHA_L2_CACHE_ENABLED,
    ttlSeconds: e.AKOSHA_CACHE_TTL_SECONDS,
    redis: e.AKOSHA_REDIS_HOST
      ? {
          host: e.AKOSHA_REDIS_HOST,
          port: e.AKOSHA_REDIS_PORT,
          password: e.AKOSHA_REDIS_PASSWORD,
          tls: e.AKOSHA_REDIS_TLS,
          db: e.AKOSHA_REDIS_DB,
          prefix: e.AKOSHA_REDIS_KEY_PREFIX,
        }
      : null,
  }));

const backup = z
  .object({
    AKOSHA_BACKUP_SCHEDULE: z
      .string()
      .refine((p) => p === 'off' || validCron(p), 'expected a cron expression such as "0 3 * * *", or off')
      .default('off'),
    AKOSHA_BACKUP_RETENTION: int(1, 10_000).default(7),
  })
  .transform((e) => ({ schedule: e.AKOSHA_BACKUP_SCHEDULE, retention: e.AKOSHA_BACKUP_RETENTION }));

/** The aging client (`AKOSHA_ROLE=age`): which server to ask, with which token. */
const ageClient = z
  .object({ AKOSHA_API_URL: httpUrl.optional(), AKOSHA_API_TOKEN: z.string().min(1).optional() })
  .transform((e) => ({ apiUrl: e.AKOSHA_API_URL, apiToken: e.AKOSHA_API_TOKEN }));

/**
 * Scale-out (AKOSHA_ROLE=api|store): which shards a store owns, where an api finds the stores,
 * and the token both present on the internal protocol. Cross-checks by role are in config.ts.
 */
const cluster = z
  .object({
    AKOSHA_STORE_ORDINAL: int(0, 255).optional(),
    AKOSHA_STORE_REPLICAS: int(1, 256).default(1),
    AKOSHA_STORE_URLS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .pipe(z.array(httpUrl).min(1).max(256))
      .optional(),
    AKOSHA_SERVICE_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9_.~+/=-]{32,500}$/, 'expected at least 32 characters of a bearer token')
      .optional(),
    AKOSHA_STORE_TIMEOUT: seconds.default(10),
  })
  .transform((e) => ({
    ordinal: e.AKOSHA_STORE_ORDINAL,
    replicas: e.AKOSHA_STORE_REPLICAS,
    storeUrls: e.AKOSHA_STORE_URLS ?? [],
    serviceToken: e.AKOSHA_SERVICE_TOKEN,
    storeTimeoutMs: e.AKOSHA_STORE_TIMEOUT * 1000,
  }));

export const concerns = {
  server,
  storage,
  limits,
  requestLimits,
  s3,
  aging,
  ann,
  sources,
  auth,
  ageClient,
  backup,
  cache,
  cluster,
};
