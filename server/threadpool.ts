// Imported first by server/main.ts, before anything queues work on libuv's thread pool (which
// reads this variable once, when it starts). Every statement of @duckdb/node-api, and every file
// read, runs on that pool, 4 threads by default: four long statements at once (a migration's
// four copies) held all four, and an ingest's key lookup or a search's hit reads waited behind
// them (up to 7.5 s at 1M; 0.8 s with 16 threads). An operator's own value is kept.
process.env.UV_THREADPOOL_SIZE ??= '16';
