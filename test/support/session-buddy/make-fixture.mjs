#!/usr/bin/env node
// Copied from shared/session-buddy/make-fixture.mjs (the company's fixture generator for Session-Buddy
// upload formats), so tests run on a clean clone. Do not edit here; refresh the copy instead.
// make-fixture.mjs — build a realistic Session-Buddy `reflection.duckdb` plus the
// `manifest.json` its cloud sync would upload next to it (see FORMAT.md, parts A and B).
//
// Usage:
//   node make-fixture.mjs <out/reflection.duckdb> [N=500] [options]
//
// Options:
//   --system-id ID       system id used in manifest/upload id (default "devbox-01")
//   --tz ZONE            client time zone; TIMESTAMP columns hold naive wall-clock
//                        time in this zone, as DuckDB's Python client writes them
//                        (default "America/Los_Angeles"; use "UTC" to avoid the skew)
//   --seed N             PRNG seed (default 42). Same seed + same --now => identical
//                        table contents (ids, text, embeddings); file bytes still differ.
//   --now ISO            pin "now" (default: wall clock). Rows span the 120 days before it.
//   --compression gzip|none   what the manifest declares and the bucket object holds
//                        (default gzip, Session-Buddy's default)
//   --with-kg            also build knowledge_graph.duckdb (kg_entities/kg_relationships)
//   --no-tree            do not write the S3-style object tree (<dir>/bucket/systems/...)
//
// N is the number of conversations_v2 rows; other tables are filled in proportion.
// Output: <out>, <dir>/manifest.json, and (unless --no-tree) <dir>/bucket/<object keys>.

import { createHash } from 'node:crypto';
import { gzipSync, gunzipSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
// @duckdb/node-api comes from the project that runs this script (run it from the project root).
const duckdb = createRequire(path.join(process.cwd(), 'package.json'))('@duckdb/node-api');
const {
  DuckDBInstance, arrayValue, listValue, blobValue, timestampTZValue,
  ARRAY, LIST, FLOAT, VARCHAR, BLOB, TIMESTAMPTZ, DOUBLE, INTEGER,
} = duckdb;

// ---------------------------------------------------------------- arguments
const argv = process.argv.slice(2);
const positional = [];
const opts = { systemId: 'devbox-01', tz: 'America/Los_Angeles', seed: 42, now: null,
  compression: 'gzip', withKg: false, tree: true };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--system-id') opts.systemId = argv[++i];
  else if (a === '--tz') opts.tz = argv[++i];
  else if (a === '--seed') opts.seed = Number(argv[++i]);
  else if (a === '--now') opts.now = argv[++i];
  else if (a === '--compression') opts.compression = argv[++i];
  else if (a === '--with-kg') opts.withKg = true;
  else if (a === '--no-tree') opts.tree = false;
  else if (a.startsWith('--')) { console.error(`unknown option ${a}`); process.exit(2); }
  else positional.push(a);
}
if (!positional[0]) {
  console.error('usage: node make-fixture.mjs <out/reflection.duckdb> [N=500] [--with-kg] [--tz ZONE] ...');
  process.exit(2);
}
if (!['gzip', 'none'].includes(opts.compression)) { console.error('--compression must be gzip|none'); process.exit(2); }
const OUT = path.resolve(positional[0]);
const N = Math.max(10, parseInt(positional[1] ?? '500', 10));
const DIR = path.dirname(OUT);
const NOW_MS = opts.now ? Date.parse(opts.now) : Date.now();
if (Number.isNaN(NOW_MS)) { console.error('bad --now'); process.exit(2); }
const DAY = 86_400_000;
const DIM = 384;

// ---------------------------------------------------------------- deterministic randomness
function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(opts.seed);
const randInt = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const chance = (p) => rnd() < p;
const weighted = (pairs) => { let r = rnd() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) { if ((r -= w) < 0) return v; } return pairs[pairs.length - 1][0]; };
function gauss() { const u = 1 - rnd(), v = rnd(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v); }
function unit(vec) { const n = Math.hypot(...vec); return vec.map((x) => x / n); }
function randomUnit() { return unit(Array.from({ length: DIM }, gauss)); }

// Cluster embeddings by (project, topic) so nearest-neighbour search behaves plausibly:
// each vector = centroid + isotropic noise, renormalised (cos to centroid ~0.75).
const centroids = new Map();
function embeddingFor(key) {
  if (!centroids.has(key)) centroids.set(key, randomUnit());
  const c = centroids.get(key);
  return unit(c.map((x) => x + 0.045 * gauss()));
}
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulid(ms) { // 26-char Crockford ULID: 48-bit ms timestamp + 80 random bits
  let t = BigInt(Math.floor(ms)); let s = '';
  for (let i = 0; i < 10; i++) { s = CROCKFORD[Number(t % 32n)] + s; t /= 32n; }
  for (let i = 0; i < 16; i++) s += CROCKFORD[Math.floor(rnd() * 32)];
  return s;
}
function uuid4() { const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  h[12] = '4'; h[16] = '89ab'[Math.floor(rnd() * 4)]; const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`; }
const sha256hex = (s) => createHash('sha256').update(s).digest('hex');
const md5hex = (s) => createHash('md5').update(s).digest('hex');
function minhashBlob() { // 128 x uint64 little-endian = 1024 bytes, like MinHashSignature.to_bytes()
  const b = new Uint8Array(1024); for (let i = 0; i < 1024; i++) b[i] = Math.floor(rnd() * 256); return b; }
// Python datetime.isoformat() of an aware UTC value: 6-digit fraction, omitted when zero.
const isoUtcMicros = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, f) => (f === '000' ? '+00:00' : `.${f}000+00:00`));
const micros = (ms) => BigInt(Math.round(ms)) * 1000n;
// TIMESTAMP columns: bind a TIMESTAMPTZ instant; DuckDB casts it to the session TimeZone's
// wall-clock time on insert — exactly what happens to Python's datetime.now(UTC) in Session-Buddy.
const ts = (ms) => timestampTZValue(micros(ms));

// ---------------------------------------------------------------- vocabulary
const PROJECTS = [
  { name: 'session-buddy', w: 0.5, comps: ['reflection adapter', 'checkpoint flow', 'akosha sync', 'HNSW index', 'MCP server'],
    tech: ['DuckDB', 'FastMCP', 'httpx', 'pytest', 'uv'] },
  { name: 'acme-webapp', w: 0.3, comps: ['login form', 'billing API', 'React router', 'session cookie', 'CSV export'],
    tech: ['TypeScript', 'Next.js', 'PostgreSQL', 'Playwright', 'Tailwind'] },
  { name: 'infra-tools', w: 0.2, comps: ['terraform module', 'CI pipeline', 'backup job', 'nginx config', 'k8s ingress'],
    tech: ['Terraform', 'GitHub Actions', 'Docker', 'Kubernetes', 'Bash'] },
];
const SYMPTOMS = ['timing out under load', 'returning stale data', 'failing intermittently in CI', 'leaking file handles',
  'double-counting events', 'ignoring the config override', 'crashing on empty input', 'logging secrets'];
const ACTIONS = ['refactor', 'add a regression test for', 'instrument', 'add retries to', 'split', 'document', 'profile'];
const TOOLS = ['Read', 'Edit', 'Bash', 'Grep', 'Write', 'Glob'];
const MODELS = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'];
const TAGS = ['testing', 'performance', 'architecture', 'debugging', 'security', 'tooling', 'database', 'api', 'ci', 'ux'];
const INSIGHT_TYPES = ['pattern', 'architecture', 'best_practice', 'gotcha', 'general'];
const SUBCATS = ['python-testing', 'db-migrations', 'api-design', 'ci-reliability', null];

function pickProject() { return weighted(PROJECTS.map((p) => [p, p.w])); }

// ---------------------------------------------------------------- schema (see FORMAT.md §A)
// Column lists/types/defaults mirror what Session-Buddy 0.23.0 produces on a fresh install
// (adapter-first initialisation, DuckDB 1.5.x); REAL is FLOAT and TEXT is VARCHAR in DuckDB.
const DDL = `
CREATE TABLE conversations_v2 (
  id VARCHAR PRIMARY KEY, content VARCHAR NOT NULL, embedding FLOAT[384],
  category VARCHAR NOT NULL, subcategory VARCHAR, importance_score FLOAT DEFAULT 0.5,
  memory_tier VARCHAR DEFAULT 'long_term', access_count INTEGER DEFAULT 0, last_accessed TIMESTAMP,
  project VARCHAR, namespace VARCHAR DEFAULT 'default', "timestamp" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  session_id VARCHAR, user_id VARCHAR DEFAULT 'default', searchable_content VARCHAR, reasoning VARCHAR,
  metadata VARCHAR,
  source_type VARCHAR CHECK (source_type IS NULL OR source_type IN
    ('claude_code','crackerjack','mahavishnu_workflow','manual','migration')),
  turn_parent_id VARCHAR, causal_parent_id VARCHAR, fingerprint BLOB);
CREATE TABLE memory_entities (id VARCHAR PRIMARY KEY, memory_id VARCHAR NOT NULL, entity_type VARCHAR NOT NULL,
  entity_value VARCHAR NOT NULL, confidence FLOAT DEFAULT 1.0, "timestamp" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (memory_id) REFERENCES conversations_v2(id));
CREATE TABLE memory_relationships (id VARCHAR PRIMARY KEY, from_entity_id VARCHAR NOT NULL, to_entity_id VARCHAR NOT NULL,
  relationship_type VARCHAR NOT NULL, strength FLOAT DEFAULT 1.0, "timestamp" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (from_entity_id) REFERENCES memory_entities(id), FOREIGN KEY (to_entity_id) REFERENCES memory_entities(id));
CREATE TABLE memory_promotions (id VARCHAR PRIMARY KEY, memory_id VARCHAR NOT NULL, from_tier VARCHAR NOT NULL,
  to_tier VARCHAR NOT NULL, reason VARCHAR, priority_score FLOAT, "timestamp" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (memory_id) REFERENCES conversations_v2(id));
CREATE TABLE memory_access_log (id VARCHAR PRIMARY KEY, memory_id VARCHAR, access_type VARCHAR, query_text VARCHAR,
  "timestamp" TIMESTAMP DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY (memory_id) REFERENCES conversations_v2(id));
CREATE TABLE memory_provenance (id VARCHAR PRIMARY KEY, memory_id VARCHAR NOT NULL, source_type VARCHAR NOT NULL,
  source_ref VARCHAR, extracted_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, model VARCHAR);
CREATE TABLE user_models (peer_id VARCHAR NOT NULL, project_id VARCHAR NOT NULL, representation_text VARCHAR NOT NULL,
  last_updated TIMESTAMP NOT NULL DEFAULT now(), evidence_count INTEGER NOT NULL DEFAULT 0, model VARCHAR NOT NULL,
  PRIMARY KEY (peer_id, project_id));
CREATE TABLE causal_links (id VARCHAR PRIMARY KEY, from_id VARCHAR NOT NULL, to_id VARCHAR NOT NULL,
  link_type VARCHAR NOT NULL, evidence FLOAT NOT NULL CHECK (evidence > 0.0 AND evidence <= 1.0),
  last_evidence_at TIMESTAMP NOT NULL DEFAULT now(),
  link_origin VARCHAR NOT NULL CHECK (link_origin IN ('observed','inferred')),
  created_at TIMESTAMP NOT NULL DEFAULT now(), depth INTEGER NOT NULL DEFAULT 1);
CREATE TABLE distilled_skills (id VARCHAR PRIMARY KEY, problem_pattern VARCHAR NOT NULL, suggested_approach VARCHAR NOT NULL,
  because VARCHAR NOT NULL, evidence_count INTEGER NOT NULL DEFAULT 0, source_memory_ids VARCHAR,
  importance_score FLOAT NOT NULL CHECK (importance_score >= 0.7 AND importance_score <= 1.0), model VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT now(), last_reinforced_at TIMESTAMP NOT NULL DEFAULT now());
CREATE TABLE session_windows (id VARCHAR PRIMARY KEY, working_directory VARCHAR NOT NULL, project VARCHAR,
  started_at TIMESTAMPTZ NOT NULL DEFAULT now(), ended_at TIMESTAMPTZ, session_metadata JSON NOT NULL DEFAULT '{}');
CREATE TABLE cross_repo_work_v2 (id VARCHAR PRIMARY KEY, conversation_id VARCHAR NOT NULL, repo_name VARCHAR NOT NULL,
  repo_path VARCHAR NOT NULL, repo_role VARCHAR, session_window_start TIMESTAMPTZ NOT NULL,
  session_window_end TIMESTAMPTZ NOT NULL, work_entries JSON NOT NULL, contributor_sources JSON NOT NULL DEFAULT '[]',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(), updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE UNIQUE INDEX idx_cross_repo_work_v2_conv_repo ON cross_repo_work_v2 (conversation_id, repo_name);
CREATE TABLE reflections_v2 (
  id VARCHAR PRIMARY KEY, conversation_id VARCHAR, content VARCHAR NOT NULL, embedding FLOAT[384],
  category VARCHAR NOT NULL DEFAULT 'context', subcategory VARCHAR, importance_score FLOAT DEFAULT 0.5,
  memory_tier VARCHAR DEFAULT 'long_term', tags VARCHAR[], related_entities VARCHAR[],
  namespace VARCHAR DEFAULT 'default', project VARCHAR, access_count INTEGER DEFAULT 0, last_accessed TIMESTAMP,
  "timestamp" TIMESTAMP DEFAULT CURRENT_TIMESTAMP, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, metadata JSON, insight_type VARCHAR DEFAULT 'general',
  usage_count INTEGER DEFAULT 0, last_used_at TIMESTAMP, confidence_score FLOAT DEFAULT 0.5, fingerprint BLOB,
  FOREIGN KEY (conversation_id) REFERENCES conversations_v2(id));
CREATE TABLE query_cache_l2 (cache_key VARCHAR PRIMARY KEY, normalized_query VARCHAR NOT NULL, project VARCHAR,
  result_ids VARCHAR[], hit_count INTEGER DEFAULT 1, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  last_accessed TIMESTAMP DEFAULT CURRENT_TIMESTAMP, ttl_seconds INTEGER DEFAULT 604800);
CREATE TABLE rewritten_queries (id VARCHAR PRIMARY KEY, original_query VARCHAR NOT NULL, rewritten_query VARCHAR NOT NULL,
  llm_provider VARCHAR, confidence_score FLOAT, context_snapshot VARCHAR, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  used_count INTEGER DEFAULT 1, effective BOOLEAN DEFAULT TRUE);
CREATE TABLE content_fingerprints (id VARCHAR PRIMARY KEY, content_type VARCHAR NOT NULL, fingerprint BLOB NOT NULL,
  content_id VARCHAR NOT NULL, collection_name VARCHAR NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  UNIQUE (content_type, content_id, collection_name));
CREATE TABLE memory_subcategories (id VARCHAR PRIMARY KEY, parent_category VARCHAR NOT NULL, name VARCHAR NOT NULL,
  keywords VARCHAR[], centroid FLOAT[384], centroid_fingerprint BLOB, memory_count INTEGER DEFAULT 0,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  last_accessed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, access_count INTEGER DEFAULT 0, UNIQUE (parent_category, name));
CREATE TABLE category_evolution_snapshots (id VARCHAR PRIMARY KEY, category VARCHAR NOT NULL,
  before_subcategory_count INTEGER NOT NULL, before_silhouette FLOAT, before_total_memories INTEGER NOT NULL,
  after_subcategory_count INTEGER NOT NULL, after_silhouette FLOAT, after_total_memories INTEGER NOT NULL,
  decayed_count INTEGER DEFAULT 0, archived_count INTEGER DEFAULT 0, bytes_freed INTEGER DEFAULT 0,
  evolution_duration_ms FLOAT NOT NULL, "timestamp" TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE archived_subcategories (id VARCHAR PRIMARY KEY, parent_category VARCHAR NOT NULL, name VARCHAR NOT NULL,
  keywords VARCHAR[], centroid FLOAT[384], centroid_fingerprint BLOB, memory_count INTEGER DEFAULT 0,
  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, last_accessed_at TIMESTAMP NOT NULL,
  access_count INTEGER DEFAULT 0, archived_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, archive_reason VARCHAR NOT NULL);
CREATE TABLE result_interactions (id VARCHAR PRIMARY KEY, query VARCHAR NOT NULL, result_id VARCHAR NOT NULL,
  result_type VARCHAR NOT NULL, position INTEGER NOT NULL, similarity_score FLOAT NOT NULL, clicked BOOLEAN NOT NULL,
  dwell_time_ms INTEGER, "timestamp" TIMESTAMP DEFAULT CURRENT_TIMESTAMP, session_id VARCHAR);
CREATE TABLE usage_metrics_summary (id VARCHAR PRIMARY KEY, total_interactions INTEGER DEFAULT 0,
  click_through_rate FLOAT DEFAULT 0.0, avg_dwell_time_ms FLOAT DEFAULT 0.0, avg_position_clicked FLOAT DEFAULT 0.0,
  type_preference JSON, success_threshold FLOAT DEFAULT 0.7, last_updated TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
-- legacy v1 tables, still written by the older ReflectionDatabase code path
CREATE TABLE conversations (id VARCHAR PRIMARY KEY, content VARCHAR NOT NULL, embedding FLOAT[384], project VARCHAR,
  "timestamp" TIMESTAMP, metadata JSON);
CREATE TABLE reflections (id VARCHAR PRIMARY KEY, content VARCHAR NOT NULL, embedding FLOAT[384], project VARCHAR,
  tags VARCHAR[], "timestamp" TIMESTAMP, metadata JSON);
CREATE TABLE reflection_tags (reflection_id VARCHAR, tag VARCHAR, PRIMARY KEY (reflection_id, tag));
CREATE TABLE project_groups (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, description VARCHAR,
  projects VARCHAR[] NOT NULL, created_at TIMESTAMP DEFAULT now(), metadata JSON);
CREATE TABLE project_dependencies (id VARCHAR PRIMARY KEY, source_project VARCHAR NOT NULL, target_project VARCHAR NOT NULL,
  dependency_type VARCHAR NOT NULL, description VARCHAR, created_at TIMESTAMP DEFAULT now(), metadata JSON,
  UNIQUE (source_project, target_project, dependency_type));
CREATE TABLE session_links (id VARCHAR PRIMARY KEY, source_session_id VARCHAR NOT NULL, target_session_id VARCHAR NOT NULL,
  link_type VARCHAR NOT NULL, created_at TIMESTAMP DEFAULT now(), metadata JSON);
CREATE TABLE access_log_v2 (reflection_id VARCHAR PRIMARY KEY, access_timestamp TIMESTAMP, access_count INTEGER DEFAULT 0);
CREATE TABLE code_graphs (id VARCHAR PRIMARY KEY, repo_path VARCHAR NOT NULL, commit_hash VARCHAR NOT NULL,
  indexed_at TIMESTAMP NOT NULL, nodes_count INTEGER NOT NULL, graph_data JSON NOT NULL,
  "timestamp" TIMESTAMP DEFAULT now(), metadata JSON);
-- version bookkeeping tables (created by migration/doctor tooling; usually empty)
CREATE TABLE schema_meta (key VARCHAR PRIMARY KEY, value VARCHAR, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE schema_migrations (id VARCHAR PRIMARY KEY, from_version VARCHAR, to_version VARCHAR,
  started_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, completed_at TIMESTAMP, status VARCHAR, stats VARCHAR, error VARCHAR);
`;
// Secondary (ART) indexes are built after the bulk load: DuckDB refuses to UPDATE rows that sit
// under an index (e.g. access_count), and index-after-load is faster anyway. Session-Buddy's files
// carry the same indexes; file layout differs, logical content does not.
const INDEXES = `
CREATE INDEX idx_conversations_category ON conversations_v2(category, namespace);
CREATE INDEX idx_conversations_tier ON conversations_v2(memory_tier, importance_score DESC);
CREATE INDEX idx_conversations_namespace ON conversations_v2(namespace, project);
CREATE INDEX idx_conversations_timestamp ON conversations_v2("timestamp" DESC);
CREATE INDEX idx_conversations_access ON conversations_v2(last_accessed DESC);
CREATE INDEX idx_conversations_fts ON conversations_v2(searchable_content);
CREATE INDEX idx_v2_source_type_project ON conversations_v2(source_type, project, "timestamp" DESC);
CREATE INDEX idx_default_conv_created ON conversations_v2("timestamp");
CREATE INDEX idx_conversations_subcategory ON conversations_v2(subcategory);
CREATE INDEX idx_reflections_category ON reflections_v2(category, namespace);
CREATE INDEX idx_reflections_tier ON reflections_v2(memory_tier);
CREATE INDEX idx_default_refl_created ON reflections_v2("timestamp");
CREATE INDEX idx_default_refl_insight_type ON reflections_v2(insight_type);
CREATE INDEX idx_default_refl_usage_count ON reflections_v2(usage_count);
CREATE INDEX idx_default_refl_last_used ON reflections_v2(last_used_at);
CREATE INDEX idx_reflections_subcategory ON reflections_v2(subcategory);
CREATE INDEX idx_entities_type ON memory_entities(entity_type, entity_value);
CREATE INDEX idx_entities_memory ON memory_entities(memory_id);
CREATE INDEX idx_access_log_memory ON memory_access_log(memory_id, "timestamp" DESC);
CREATE INDEX idx_provenance_memory ON memory_provenance(memory_id);
CREATE INDEX idx_provenance_extracted ON memory_provenance(extracted_at);
CREATE INDEX idx_conversations_project ON conversations(project);
CREATE INDEX idx_reflections_project ON reflections(project);
CREATE INDEX idx_reflections_timestamp ON reflections("timestamp");
CREATE INDEX idx_reflection_tags_tag ON reflection_tags(tag);
CREATE INDEX idx_relationships_from ON memory_relationships(from_entity_id);
CREATE INDEX idx_relationships_to ON memory_relationships(to_entity_id);
CREATE INDEX idx_user_models_project ON user_models(project_id, last_updated DESC);
CREATE INDEX idx_causal_from ON causal_links(from_id);
CREATE INDEX idx_causal_to ON causal_links(to_id);
CREATE INDEX idx_causal_last_evidence ON causal_links(last_evidence_at);
CREATE INDEX idx_distilled_importance ON distilled_skills(importance_score DESC);
CREATE INDEX idx_distilled_last_reinforced ON distilled_skills(last_reinforced_at DESC);
CREATE INDEX idx_query_cache_l2_accessed ON query_cache_l2(last_accessed);
CREATE INDEX idx_query_cache_l2_project ON query_cache_l2(project);
CREATE INDEX idx_rewritten_queries_created ON rewritten_queries(created_at);
CREATE INDEX idx_rewritten_queries_original ON rewritten_queries(original_query);
CREATE INDEX idx_rewritten_queries_effective ON rewritten_queries(effective);
CREATE INDEX idx_fingerprints_type ON content_fingerprints(content_type);
CREATE INDEX idx_fingerprints_collection ON content_fingerprints(collection_name);
CREATE INDEX idx_subcategories_parent ON memory_subcategories(parent_category);
CREATE INDEX idx_subcategories_count ON memory_subcategories(memory_count);
CREATE INDEX idx_evolution_snapshots_category ON category_evolution_snapshots(category);
CREATE INDEX idx_evolution_snapshots_timestamp ON category_evolution_snapshots("timestamp");
CREATE INDEX idx_archived_subcategories_parent ON archived_subcategories(parent_category);
CREATE INDEX idx_archived_subcategories_archived_at ON archived_subcategories(archived_at);
CREATE INDEX idx_interactions_query ON result_interactions(query);
CREATE INDEX idx_interactions_result_id ON result_interactions(result_id);
CREATE INDEX idx_interactions_timestamp ON result_interactions("timestamp");
CREATE INDEX idx_interactions_clicked ON result_interactions(clicked);
CREATE INDEX idx_code_graphs_repo_path ON code_graphs(repo_path);
CREATE INDEX idx_code_graphs_commit_hash ON code_graphs(commit_hash);
CREATE INDEX idx_code_graphs_indexed_at ON code_graphs(indexed_at DESC);
`;
const KG_DDL = `
CREATE TABLE kg_entities (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, entity_type VARCHAR NOT NULL,
  observations VARCHAR[], properties JSON, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, metadata JSON, embedding FLOAT[384]);
CREATE TABLE kg_relationships (id VARCHAR PRIMARY KEY, from_entity VARCHAR NOT NULL, to_entity VARCHAR NOT NULL,
  relation_type VARCHAR NOT NULL, properties JSON, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, metadata JSON);
`;
const KG_INDEXES = `
CREATE INDEX idx_entities_name ON kg_entities(name);
CREATE INDEX idx_entities_type ON kg_entities(entity_type);
CREATE INDEX idx_relationships_from ON kg_relationships(from_entity);
CREATE INDEX idx_relationships_to ON kg_relationships(to_entity);
CREATE INDEX idx_relationships_type ON kg_relationships(relation_type);
`;

// ---------------------------------------------------------------- helpers
const EMB = ARRAY(FLOAT, DIM);
const emb = (v) => (v ? arrayValue(v) : null);
async function insertRows(conn, table, cols, types, rows) {
  if (!rows.length) return;
  const sql = `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`;
  const stmt = await conn.prepare(sql);
  for (const r of rows) {
    stmt.clearBindings();
    r.forEach((v, i) => (v === null || v === undefined ? stmt.bindNull(i + 1) : stmt.bindValue(i + 1, v, types[i])));
    await stmt.run();
  }
}
function freshFile(p) { for (const f of [p, `${p}.wal`]) if (fs.existsSync(f)) fs.unlinkSync(f); }

// ---------------------------------------------------------------- generate reflection.duckdb
fs.mkdirSync(DIR, { recursive: true });
freshFile(OUT);
const db = await DuckDBInstance.create(OUT);
const conn = await db.connect();
await conn.run(`SET TimeZone = '${opts.tz.replace(/'/g, "''")}'`);
await conn.run('BEGIN TRANSACTION');
await conn.run(DDL);

// Sessions: each a burst of turns at some point in the last 120 days.
const convRows = []; const provRows = []; const sessions = []; const usedIds = new Set();
const nTurnRows = Math.round(N * 0.35);
let nTurns = 0;
while (nTurns < nTurnRows) {
  const p = pickProject();
  const start = NOW_MS - 3 * 3600_000 - rnd() * (120 * DAY - 3 * 3600_000); // keep the burst + ingestion lag <= now
  const s = { id: ulid(start), uuid: uuid4(), project: p, start, turns: randInt(4, 16) };
  s.end = start + s.turns * randInt(40, 240) * 1000;
  sessions.push(s);
  let t = start; let lastUserId = null;
  for (let k = 0; k < s.turns && nTurns < nTurnRows; k++, nTurns++) {
    t += randInt(15, 300) * 1000;
    const comp = pick(p.comps); const assistant = k % 2 === 1;
    const content = assistant
      ? `I'll ${pick(ACTIONS)} the ${comp} in ${p.name}. ${pick(['The root cause is a missing await.', 'We should pin the dependency.', 'A fixture was reused across tests.', 'The cache key ignores the tenant.'])} (turn ${k}, ${s.uuid.slice(0, 8)})`
      : `Why is the ${comp} ${pick(SYMPTOMS)}? Seen again after the last ${pick(p.tech)} upgrade. (turn ${k}, ${s.uuid.slice(0, 8)})`;
    const meta = { source_session: s.uuid, parent_uuid_chain: [uuid4()] };
    if (assistant) {
      const tool = pick(TOOLS); meta.tool_names = [tool]; meta.tool_counts = { [tool]: 1 };
      meta.model = pick(MODELS); meta.token_usage = { input_tokens: randInt(800, 24000), output_tokens: randInt(50, 2500) };
    }
    const ingested = t + randInt(5, 3600) * 1000; // transcript ingestion happens after the turn
    meta.extracted_at = isoUtcMicros(ingested);
    convRows.push({ kind: 'turn', content, project: null, category: 'claude_turn', tier: 'working',
      source: 'claude_code', meta, t: ingested, parent: assistant ? lastUserId : null, embKey: `${p.name}:${comp}`, session: s });
    const row = convRows[convRows.length - 1];
    row.id = sha256hex(content).slice(0, 16);
    if (usedIds.has(row.id)) row.id = ulid(row.t);
    usedIds.add(row.id);
    if (!assistant) lastUserId = row.id;
  }
}
while (convRows.length < N) {
  const p = pickProject(); const t = NOW_MS - rnd() * 120 * DAY; const comp = pick(p.comps);
  const category = weighted([['context', 55], ['facts', 15], ['preferences', 10], ['skills', 10], ['rules', 10]]);
  const n = convRows.length;
  const content = {
    context: `Checkpoint for ${p.name}: worked on the ${comp}; ${pick(SYMPTOMS)} is fixed, follow-up on ${pick(p.comps)} remains. [#${n}]`,
    facts: `${p.name} uses ${pick(p.tech)} for the ${comp}; config lives next to the service entrypoint. [#${n}]`,
    preferences: `User prefers ${pick(['small focused commits', 'pytest over unittest', 'explicit type hints', 'tabs-free YAML', 'squash merges'])} when working on ${p.name}. [#${n}]`,
    skills: `Comfortable with ${pick(p.tech)}; asked for deeper help with ${pick(p.tech)} internals. [#${n}]`,
    rules: `Always ${pick(['run the linter', 'add a changelog entry', 'rebase on main', 'update the fixtures'])} before touching the ${comp}. [#${n}]`,
  }[category];
  const source = weighted([[null, 50], ['manual', 30], ['crackerjack', 10], ['mahavishnu_workflow', 10]]);
  const id0 = sha256hex(content).slice(0, 16);
  const id = usedIds.has(id0) ? ulid(t) : id0; usedIds.add(id);
  convRows.push({ kind: 'note', id, content, project: p.name, category, tier: weighted([['long_term', 85], ['short_term', 15]]),
    source, meta: { project: p.name }, t, parent: null, embKey: `${p.name}:${comp}` });
}

const convInsert = convRows.map((r) => {
  const accessed = chance(0.15);
  r.accessCount = accessed ? randInt(1, 12) : 0;
  return [
    r.id, r.content, chance(0.05) ? null : emb(embeddingFor(r.embKey)), r.category,
    r.kind === 'note' && chance(0.2) ? pick(SUBCATS.filter(Boolean)) : null,
    chance(0.85) ? 0.5 : Math.round((0.3 + rnd() * 0.65) * 100) / 100, r.tier,
    r.accessCount, accessed ? ts(Math.min(NOW_MS, r.t + rnd() * 10 * DAY)) : null,
    r.project, 'default', ts(r.t), null, 'default', r.content,
    r.kind === 'note' && chance(0.1) ? 'Stated explicitly by the user; affects future edits.' : null,
    JSON.stringify(r.meta), r.source, r.parent, null, blobValue(minhashBlob()),
  ];
});
await insertRows(conn, 'conversations_v2',
  ['id', 'content', 'embedding', 'category', 'subcategory', 'importance_score', 'memory_tier', 'access_count',
    'last_accessed', 'project', 'namespace', 'timestamp', 'session_id', 'user_id', 'searchable_content', 'reasoning',
    'metadata', 'source_type', 'turn_parent_id', 'causal_parent_id', 'fingerprint'],
  [VARCHAR, VARCHAR, EMB, VARCHAR, VARCHAR, DOUBLE, VARCHAR, INTEGER, TIMESTAMPTZ, VARCHAR, VARCHAR, TIMESTAMPTZ,
    VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, BLOB],
  convInsert);

for (const r of convRows) if (r.source) {
  provRows.push([ulid(r.t), r.id, r.source, r.meta.source_session ?? null, ts(r.t), r.meta.model ?? null]);
}
await insertRows(conn, 'memory_provenance', ['id', 'memory_id', 'source_type', 'source_ref', 'extracted_at', 'model'],
  [VARCHAR, VARCHAR, VARCHAR, VARCHAR, TIMESTAMPTZ, VARCHAR], provRows);

// reflections_v2: store_reflection rows (insight_type NULL) and store_insight rows.
const reflRows = [];
const nRefl = Math.round(N * 0.3);
for (let i = 0; i < nRefl; i++) {
  const p = pickProject(); const t = NOW_MS - rnd() * 120 * DAY; const comp = pick(p.comps);
  const tags = Array.from(new Set(Array.from({ length: randInt(1, 3) }, () => pick(TAGS))));
  if (chance(0.75)) {
    const content = `Reflection (${p.name}): the ${comp} ${pick(['needs a contract test', 'was over-abstracted', 'is the real bottleneck', 'should own its retries'])}; ${pick(['next time start with a failing test', 'measure before optimising', 'keep the change behind a flag'])}. [r${i}]`;
    reflRows.push([ulid(t), null, content, chance(0.06) ? null : emb(embeddingFor(`${p.name}:${comp}`)), 'context',
      chance(0.3) ? pick(SUBCATS.filter(Boolean)) : null, 0.5, 'long_term', listValue(tags), null, 'default',
      chance(0.8) ? p.name : null, 0, null, ts(t), ts(t), ts(t), null, null, 0, null, 0.5, blobValue(minhashBlob())]);
  } else {
    const used = randInt(0, 5); const src = chance(0.6) ? pick(convRows).id : null;
    const content = `Insight: ${pick(['retry storms come from shared backoff clocks', 'ART indexes block UPDATEs of indexed columns', 'naive timestamps hide timezone bugs', 'idempotent upserts make sync safe to repeat'])} (seen in ${p.name}). [i${i}]`;
    reflRows.push([ulid(t), null, content, chance(0.06) ? null : emb(embeddingFor(`insight:${p.name}`)), 'context', null, 0.5,
      'long_term', listValue(tags), null, 'default', null, 0, null, ts(t), ts(t), ts(t),
      JSON.stringify({ quality_score: Math.round((0.4 + rnd() * 0.6) * 100) / 100, source_conversation_id: src, source_reflection_id: null }),
      pick(INSIGHT_TYPES), used, used ? ts(Math.min(NOW_MS, t + rnd() * 20 * DAY)) : null,
      Math.round((0.3 + rnd() * 0.7) * 100) / 100, null]);
  }
}
await insertRows(conn, 'reflections_v2',
  ['id', 'conversation_id', 'content', 'embedding', 'category', 'subcategory', 'importance_score', 'memory_tier', 'tags',
    'related_entities', 'namespace', 'project', 'access_count', 'last_accessed', 'timestamp', 'created_at', 'updated_at',
    'metadata', 'insight_type', 'usage_count', 'last_used_at', 'confidence_score', 'fingerprint'],
  [VARCHAR, VARCHAR, VARCHAR, EMB, VARCHAR, VARCHAR, DOUBLE, VARCHAR, LIST(VARCHAR), LIST(VARCHAR), VARCHAR, VARCHAR,
    INTEGER, TIMESTAMPTZ, TIMESTAMPTZ, TIMESTAMPTZ, TIMESTAMPTZ, VARCHAR, VARCHAR, INTEGER, TIMESTAMPTZ, DOUBLE, BLOB],
  reflRows);

// Legacy v1 tables (checkpoint summaries + old-style reflections), ids are MD5 hex.
const v1Conv = []; const v1Refl = []; const v1Tags = [];
for (let i = 0; i < Math.round(N * 0.15); i++) {
  const p = pickProject(); const t = NOW_MS - rnd() * 120 * DAY;
  const content = `Session checkpoint — ${p.name}\nQuality: ${randInt(55, 98)}/100\nWorked on: ${pick(p.comps)}, ${pick(p.comps)}\nOpen: ${pick(SYMPTOMS)}`;
  v1Conv.push([md5hex(`${content}_${t / 1000}`), content, chance(0.1) ? null : emb(embeddingFor(`${p.name}:checkpoint`)), p.name, ts(t),
    JSON.stringify({ project: p.name, checkpoint_type: pick(['manual', 'auto', 'session_end']), is_manual: chance(0.3),
      quality_score: randInt(55, 98), timestamp: isoUtcMicros(t) })]);
}
for (let i = 0; i < Math.round(N * 0.05); i++) {
  const p = pickProject(); const t = NOW_MS - rnd() * 120 * DAY;
  const tags = [pick(TAGS), pick(TAGS)].filter((x, k, a) => a.indexOf(x) === k);
  const content = `Old reflection about ${pick(p.comps)} in ${p.name}: ${pick(['prefer composition', 'log at boundaries', 'fail fast on bad config'])}.`;
  const id = md5hex(`reflection_${content}_${t / 1000}`);
  v1Refl.push([id, content, chance(0.1) ? null : emb(embeddingFor(`${p.name}:legacy`)), chance(0.5) ? p.name : null,
    listValue(tags), ts(t), null]);
  for (const tag of tags) v1Tags.push([id, tag]);
}
await insertRows(conn, 'conversations', ['id', 'content', 'embedding', 'project', 'timestamp', 'metadata'],
  [VARCHAR, VARCHAR, EMB, VARCHAR, TIMESTAMPTZ, VARCHAR], v1Conv);
await insertRows(conn, 'reflections', ['id', 'content', 'embedding', 'project', 'tags', 'timestamp', 'metadata'],
  [VARCHAR, VARCHAR, EMB, VARCHAR, LIST(VARCHAR), TIMESTAMPTZ, VARCHAR], v1Refl);
await insertRows(conn, 'reflection_tags', ['reflection_id', 'tag'], [VARCHAR, VARCHAR], v1Tags);

// Session windows (TIMESTAMPTZ: real instants) and the search/access log.
await insertRows(conn, 'session_windows', ['id', 'working_directory', 'project', 'started_at', 'ended_at', 'session_metadata'],
  [VARCHAR, VARCHAR, VARCHAR, TIMESTAMPTZ, TIMESTAMPTZ, VARCHAR],
  sessions.map((s) => [s.id, `/Users/dev/Projects/${s.project.name}`, s.project.name, ts(s.start), ts(s.end), '{}']));
const accessRows = [];
for (let i = 0; i < Math.round(N * 0.3); i++) {
  const t = NOW_MS - rnd() * 120 * DAY;
  if (chance(0.7)) accessRows.push([ulid(t), null, 'search', `${pick(PROJECTS).comps[0]} ${pick(SYMPTOMS)}`, ts(t)]);
  else accessRows.push([ulid(t), pick(convRows).id, 'retrieve', null, ts(t)]);
}
await insertRows(conn, 'memory_access_log', ['id', 'memory_id', 'access_type', 'query_text', 'timestamp'],
  [VARCHAR, VARCHAR, VARCHAR, VARCHAR, TIMESTAMPTZ], accessRows);
await conn.run(INDEXES);
await conn.run('COMMIT');
await conn.run('CHECKPOINT'); // Session-Buddy uploads only the main file, never the .wal
conn.closeSync(); db.closeSync();

// ---------------------------------------------------------------- optional knowledge_graph.duckdb
const files = [{ name: 'reflection.duckdb', local: OUT }];
if (opts.withKg) {
  const kgPath = path.join(DIR, 'knowledge_graph.duckdb');
  freshFile(kgPath);
  const kdb = await DuckDBInstance.create(kgPath); const kc = await kdb.connect();
  await kc.run(`SET TimeZone = '${opts.tz.replace(/'/g, "''")}'`);
  await kc.run('BEGIN TRANSACTION'); await kc.run(KG_DDL);
  const ents = [];
  for (const p of PROJECTS) {
    ents.push({ name: p.name, type: 'project' });
    for (const tech of p.tech) ents.push({ name: tech, type: 'technology' });
    for (const c of p.comps) ents.push({ name: `${p.name}/${c}`, type: 'component' });
  }
  while (ents.length < Math.max(20, Math.round(N / 5))) ents.push({ name: `concept-${ents.length}`, type: pick(['concept', 'file', 'person']) });
  const entRows = ents.map((e) => {
    const t = NOW_MS - rnd() * 120 * DAY; e.id = uuid4();
    const obs = chance(0.85) ? [`${e.name} mentioned in ${randInt(1, 30)} sessions`, `last touched ${pick(['recently', 'last month'])}`] : [];
    return [e.id, e.name, e.type, listValue(obs), JSON.stringify(e.type === 'project' ? { repo: `github.com/example/${e.name}` } : {}),
      ts(t), ts(Math.min(NOW_MS, t + rnd() * 5 * DAY)), '{}', obs.length ? emb(embeddingFor(`kg:${e.type}`)) : null];
  });
  await insertRows(kc, 'kg_entities', ['id', 'name', 'entity_type', 'observations', 'properties', 'created_at', 'updated_at', 'metadata', 'embedding'],
    [VARCHAR, VARCHAR, VARCHAR, LIST(VARCHAR), VARCHAR, TIMESTAMPTZ, TIMESTAMPTZ, VARCHAR, EMB], entRows);
  const relRows = [];
  for (let i = 0; i < Math.max(25, Math.round(N / 4)); i++) {
    const a = pick(ents); let b = pick(ents); if (b === a) b = ents[(ents.indexOf(a) + 1) % ents.length];
    const t = NOW_MS - rnd() * 120 * DAY;
    relRows.push([uuid4(), a.id, b.id, pick(['uses', 'depends_on', 'references', 'related_to', 'extends']),
      JSON.stringify(chance(0.4) ? { confidence: Math.round(rnd() * 100) / 100 } : {}), ts(t), ts(t), '{}']);
  }
  await insertRows(kc, 'kg_relationships', ['id', 'from_entity', 'to_entity', 'relation_type', 'properties', 'created_at', 'updated_at', 'metadata'],
    [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, TIMESTAMPTZ, TIMESTAMPTZ, VARCHAR], relRows);
  await kc.run(KG_INDEXES);
  await kc.run('COMMIT'); await kc.run('CHECKPOINT'); kc.closeSync(); kdb.closeSync();
  files.push({ name: 'knowledge_graph.duckdb', local: kgPath });
}

// ---------------------------------------------------------------- manifest (FORMAT.md §B)
const stamp = new Date(NOW_MS).toISOString();
const uploadId = `${stamp.slice(0, 10).replace(/-/g, '')}_${stamp.slice(11, 19).replace(/:/g, '')}_${opts.systemId}`;
const prefix = `systems/${opts.systemId}/uploads/${uploadId}`;
const manifest = {
  upload_id: uploadId,
  system_id: opts.systemId,
  timestamp: isoUtcMicros(NOW_MS),
  files: files.map((f) => ({ name: f.name, path: `${prefix}/${f.name}`, size_bytes: 0, compression: opts.compression, checksum: '' })),
  metadata: { uploader: 'session-buddy', version: '1.0.0' },
};
const manifestText = JSON.stringify(manifest, null, 2); // same layout as Python json.dumps(indent=2), no trailing newline
fs.writeFileSync(path.join(DIR, 'manifest.json'), manifestText);
if (opts.tree) {
  const root = path.join(DIR, 'bucket');
  fs.mkdirSync(path.join(root, prefix), { recursive: true });
  for (const f of files) {
    const raw = fs.readFileSync(f.local);
    const body = opts.compression === 'gzip' ? gzipSync(raw, { level: 9 }) : raw; // key keeps the bare name, no .gz
    fs.writeFileSync(path.join(root, prefix, f.name), body);
    f.object = { key: `${prefix}/${f.name}`, bytes: body.length,
      roundtrip: createHash('sha256').update(opts.compression === 'gzip' ? gunzipSync(body) : body).digest('hex') === createHash('sha256').update(raw).digest('hex') };
  }
  fs.writeFileSync(path.join(root, prefix, 'manifest.json'), manifestText);
}

// ---------------------------------------------------------------- verification read-back
const ro = await DuckDBInstance.create(OUT, { access_mode: 'READ_ONLY' });
const rc = await ro.connect();
await rc.run(`SET TimeZone = 'UTC'`);
const q = async (sql) => (await rc.runAndReadAll(sql)).getRowObjectsJson();
const tables = (await q(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1`)).map((r) => r.table_name);
const counts = [];
for (const t of tables) counts.push({ table: t, rows: Number((await q(`SELECT count(*) AS n FROM "${t}"`))[0].n) });
console.log(`reflection.duckdb -> ${OUT}  (N=${N}, tz=${opts.tz}, seed=${opts.seed})`);
console.table(counts.filter((c) => c.rows > 0));
console.log(`empty tables present (schema only): ${counts.filter((c) => c.rows === 0).map((c) => c.table).join(', ')}`);
console.table(await q(`SELECT coalesce(project, '(null)') AS project, count(*) AS conversations_v2 FROM conversations_v2 GROUP BY ALL ORDER BY 2 DESC`));
console.table(await q(`SELECT 'conversations_v2' AS t, count(embedding) AS with_emb, round(min(sqrt(array_inner_product(embedding, embedding))), 6) AS min_norm,
  round(max(sqrt(array_inner_product(embedding, embedding))), 6) AS max_norm, min("timestamp")::VARCHAR AS oldest, max("timestamp")::VARCHAR AS newest FROM conversations_v2
  UNION ALL SELECT 'reflections_v2', count(embedding), round(min(sqrt(array_inner_product(embedding, embedding))), 6),
  round(max(sqrt(array_inner_product(embedding, embedding))), 6), min("timestamp")::VARCHAR, max("timestamp")::VARCHAR FROM reflections_v2`));
rc.closeSync(); ro.closeSync();
if (opts.withKg) {
  const k = await DuckDBInstance.create(files[1].local, { access_mode: 'READ_ONLY' }); const kc = await k.connect();
  console.table((await kc.runAndReadAll(`SELECT 'kg_entities' AS t, count(*) AS n FROM kg_entities UNION ALL SELECT 'kg_relationships', count(*) FROM kg_relationships`)).getRowObjectsJson());
  kc.closeSync(); k.closeSync();
}
console.log(`manifest.json -> ${path.join(DIR, 'manifest.json')}`);
console.log(manifestText);
if (opts.tree) for (const f of files) console.log(`object ${f.object.key}: ${f.object.bytes} bytes (${opts.compression}), round-trip identical: ${f.object.roundtrip}`);
