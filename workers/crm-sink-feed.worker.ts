import type { Logger } from 'pino';
import type { FeedCrmSink } from '../app/crm-sink/feed-crm-sink.action.js';

const WARN_EVERY_MS = 60_000;

/**
 * Runs the CRM feed on a timer in every workers process (each has its own cursor; their jobs coincide by id), and
 * now and then forgets deliveries finished long ago. Not a BullMQ job: it must keep going while Redis is away, and
 * a look costs one indexed query when nothing is new.
 */
export function startCrmSinkFeed(
  deps: { logger: Logger; intervalMs: number; prune: () => Promise<number>; pruneEveryMs?: number },
  feed: FeedCrmSink,
): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let lastWarning = 0;
  let lastPrune = Date.now();
  const pruneEveryMs = deps.pruneEveryMs ?? 10 * 60_000;

  const warn = (error: unknown, what: string) => {
    if (Date.now() - lastWarning < WARN_EVERY_MS) return;
    lastWarning = Date.now();
    deps.logger.warn({ err: error }, what);
  };
  const tick = async () => {
    try {
      await feed.execute();
    } catch (error) {
      warn(error, 'CRM feed could not start deliveries; will try again (the sweep also re-adds them)');
    }
    if (Date.now() - lastPrune >= pruneEveryMs) {
      lastPrune = Date.now();
      try {
        const pruned = await deps.prune();
        if (pruned > 0) deps.logger.info({ pruned }, 'finished CRM deliveries forgotten');
      } catch (error) {
        warn(error, 'could not forget finished CRM deliveries');
      }
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, deps.intervalMs);
    timer.unref();
  };
  current = tick().finally(schedule);

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
