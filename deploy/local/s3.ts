import S3rver from 's3rver';

/** A real S3-compatible server (s3rver) on 127.0.0.1, which a test can stop and start again on the same port. */
export async function startS3(directory: string, bucket = 'akosha-cold') {
  let server: S3rver | null = null;
  let port = 0;
  const start = async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port,
      directory,
      silent: true,
      configureBuckets: [{ name: bucket }],
    });
    port = (await server.run()).port;
  };
  const stop = async () => {
    const s = server;
    server = null;
    if (!s) return;
    s.httpServer?.closeAllConnections();
    await s.close();
  };
  await start();
  return {
    bucket,
    endpoint: () => `http://127.0.0.1:${port}`,
    env: () => ({
      AKOSHA_S3_BUCKET: bucket,
      AKOSHA_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      AKOSHA_S3_REGION: 'us-east-1',
      AKOSHA_S3_ACCESS_KEY_ID: 'S3RVER',
      AKOSHA_S3_SECRET_ACCESS_KEY: 'S3RVER',
    }),
    start,
    stop,
  };
}
