import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import restify, { type Request, type Response } from 'restify';
import { GroupCommit } from '../domain/concurrency/group-commit.js';
import { isValidTwilioSignature, type TwilioFormParams } from '../bot/twilio/signature.js';
import type { Db } from '../store/database.js';
import { listenOnLoopback } from './baseline-server.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

interface InboundRow {
  sid: string;
  from_phone: string;
  to_phone: string;
  body: string;
}

/**
 * The least a durable inbound webhook must do, as the limit the real one is measured against: the same restify and
 * body parser, the same Twilio signature check, then every text stored before the answer — one multi-row INSERT per
 * group commit (what arrives while the previous batch is being written goes in the next) into a table keyed by
 * MessageSid, and one Redis write per batch (the ids, for whoever reads them next). Nothing else: no participant
 * lookup, no case record, no job options.
 */
export async function startDurableBaselineServer(options: { db: Db; redis: Redis; redisKey: string; authToken: string; publicBaseUrl: string }): Promise<{
  url: string;
  stored(): Promise<number>;
  close(): Promise<void>;
}> {
  const { db, redis } = options;
  await sql`create table if not exists bench_durable_inbound (sid text primary key, from_phone text not null, to_phone text not null, body text not null, received_at timestamptz not null default now())`.execute(db);

  const commit = new GroupCommit(
    async (rows: InboundRow[]) => {
      await db.withTables<{ bench_durable_inbound: InboundRow }>().insertInto('bench_durable_inbound').values(rows).onConflict((oc) => oc.column('sid').doNothing()).execute();
      await redis.rpush(options.redisKey, ...rows.map((row) => row.sid));
      return rows.map(() => true);
    },
    { maxBatch: Number.POSITIVE_INFINITY, missing: (row) => new Error(`${row.sid} not stored`) },
  );

  const server = restify.createServer({ name: 'durable-baseline', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 64 * 1024 }));
  server.post('/twilio/inbound', async (req: Request, res: Response) => {
    const params = (req.body ?? {}) as TwilioFormParams;
    const signature = req.header('x-twilio-signature') || undefined;
    if (!isValidTwilioSignature({ authToken: options.authToken, publicBaseUrl: options.publicBaseUrl, path: req.url ?? '', params, signature })) {
      res.sendRaw(403, 'Forbidden', { 'Content-Type': 'text/plain' });
      return;
    }
    const field = (name: string) => String(params[name] ?? '');
    try {
      await commit.submit({ sid: field('MessageSid'), from_phone: field('From'), to_phone: field('To'), body: field('Body') });
      res.sendRaw(200, EMPTY_TWIML, { 'Content-Type': 'text/xml' });
    } catch {
      res.sendRaw(503, 'Try again', { 'Content-Type': 'text/plain' });
    }
  });
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    stored: async () => Number((await sql<{ n: string }>`select count(*)::text as n from bench_durable_inbound`.execute(db)).rows[0]?.n ?? 0),
    close: async () => {
      await listening.close();
      await sql`drop table if exists bench_durable_inbound`.execute(db);
      await redis.del(options.redisKey);
    },
  };
}
