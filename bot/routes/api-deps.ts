import type { Logger } from 'pino';
import type { Config } from '../../domain/config.schema.js';
import type { Clock } from '../../domain/time/clock.js';
import type { Db } from '../../store/database.js';
import type { JobQueues } from '../../workers/queues.js';
import type { InboundIntake } from '../inbound-intake.js';

/** What the key-worker API needs, passed in by the composition root. */
export interface ApiDeps {
  db: Db;
  clock: Clock;
  config: Config;
  queues: JobQueues;
  intake: InboundIntake;
  logger: Logger;
}
