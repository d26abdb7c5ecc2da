import { type AppEvents, createLocalEventBus, type EventBus, type Topic } from '../../resolvers/event-bus.ts';
import type { RedisLink } from './connection.ts';

// Events across processes: published on a Redis channel that every process subscribes to, so
// a subscriber on one process sees ingestions and job progress of another. While Redis is down,
// events stay in the process that made them.

const DATE_FIELDS = new Set(['at', 'startedAt', 'finishedAt', 'createdAt', 'updatedAt']);
const revive = (key: string, value: unknown) =>
  DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value;

/** The channel every process publishes its events on. */
export const busChannel = (link: Pick<RedisLink, 'prefix'>) => `${link.prefix}events`;

/** A message of the channel: {"topic": …, "event": …} (dates as ISO text); null when it is not one. */
export function parseBusMessage(text: string): { topic: Topic; event: AppEvents[Topic] } | null {
  try {
    const m = JSON.parse(text, revive) as { topic?: unknown; event?: unknown };
    return typeof m.topic === 'string' && m.event !== null && typeof m.event === 'object'
      ? (m as { topic: Topic; event: AppEvents[Topic] })
      : null;
  } catch {
    return null;
  }
}

export function redisEventBus(link: RedisLink): EventBus {
  const local = createLocalEventBus();
  const channel = busChannel(link);
  void link.subscriber.subscribe(channel).catch(() => {});
  link.subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const m = parseBusMessage(text);
    if (m) local.publish(m.topic, m.event as never);
  });
  return {
    publish(topic, event) {
      if (!link.up()) {
        local.publish(topic, event);
        return;
      }
      // Every process, this one included, receives it from the channel.
      link.commands
        .publish(channel, JSON.stringify({ topic, event }))
        .catch(() => local.publish(topic, event));
    },
    subscribe: (topic) => local.subscribe(topic),
  };
}
