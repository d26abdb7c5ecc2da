import { Redis } from 'ioredis';
import type { Logger } from '../../monitoring/logger.ts';
import type { Metrics } from '../../monitoring/metrics.ts';

export type RedisSettings = {
  host: string;
  port: number;
  password: string | undefined;
  tls: boolean;
  db: number;
  prefix: string;
};

/**
 * The Redis connections of a process (commands, and one for subscriptions). Redis is optional:
 * commands fail at once while it is down (no offline queue), the state is in `akosha_redis_up`
 * and logged on each change, and ioredis reconnects in the background.
 */
export type RedisLink = {
  readonly commands: Redis;
  readonly subscriber: Redis;
  readonly prefix: string;
  up(): boolean;
  /** Called with true each time it (re)connects, false when it is lost. */
  onChange(listener: (up: boolean) => void): void;
  stop(): Promise<void>;
};

export function connectRedis(s: RedisSettings, logger: Logger, metrics: Pick<Metrics, 'redisUp'>): RedisLink {
  const options = {
    host: s.host,
    port: s.port,
    password: s.password,
    db: s.db,
    ...(s.tls ? { tls: {} } : {}),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => 500,
    lazyConnect: false,
  };
  const commands = new Redis(options);
  // The subscription is queued until connected, and renewed after each reconnect.
  const subscriber = new Redis({ ...options, maxRetriesPerRequest: null, enableOfflineQueue: true });
  const listeners: ((up: boolean) => void)[] = [];
  let state: boolean | null = null;
  const set = (up: boolean) => {
    metrics.redisUp.set(up ? 1 : 0);
    if (state === up) return;
    state = up;
    if (up) logger.info('redis up', { host: s.host, port: s.port });
    else
      logger.warning('redis down: no shared cache; budgets and events are local until it returns', {
        host: s.host,
      });
    for (const l of listeners) l(up);
  };
  metrics.redisUp.set(0);
  commands.on('ready', () => set(true));
  commands.on('end', () => set(false));
  commands.on('close', () => set(false));
  // Errors are reported through the state above; ioredis keeps reconnecting.
  commands.on('error', () => {});
  subscriber.on('error', () => {});
  return {
    commands,
    subscriber,
    prefix: s.prefix,
    up: () => commands.status === 'ready',
    onChange: (l) => void listeners.push(l),
    async stop() {
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
