import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { EscalateSafeguardingAlert } from '../app/safeguarding/escalate-safeguarding-alert.action.js';
import { EngagementBot } from '../bot/twilio/engagement.bot.js';
import { TwilioBotAdapter } from '../bot/twilio/twilio-bot.adapter.js';
import { classifyStatusErrorCode } from '../bot/twilio/send-errors.js';
import { classifySendFailure, createMessageTransport, createSentMessageLookup } from '../bot/twilio/twilio-transport.js';
import { whatsappFallbackFor } from '../bot/twilio/whatsapp-fallback.js';
import { runTurn } from '../dialogs/conversation.js';
import type { Clock } from '../domain/time/clock.js';
import type { SentMessageLookup } from '../domain/sending/send-reconcile.js';
import type { Config } from '../domain/config.schema.js';
import type { MessageTransport } from '../domain/sending/delivery.js';
import { DEFAULT_CRM_RETRY_POLICY } from '../domain/case-record/crm-retry-schedule.js';
import type { DueEscalation } from '../store/alert.repository.js';
import { CaseRecordDeliveryRepository } from '../store/case-record-delivery.repository.js';
import type { CaseRecordDatabase } from '../store/database.js';
import { RetentionRepository } from '../store/retention.repository.js';
import { ApplyPendingWritebacks } from '../app/conversation/apply-pending-writebacks.action.js';
import type { PostToSink } from '../domain/case-record/case-record-sink.js';
import { postToSink } from './case-record-sink.client.js';
import { startCrmSinkFeed } from './crm-sink-feed.worker.js';
import { createCrmSinkWorker } from './crm-sink.worker.js';
import { DeliverCaseRecordEvents } from '../app/crm-sink/deliver-case-record-events.action.js';
import { FeedCrmSink } from '../app/crm-sink/feed-crm-sink.action.js';
import { createCampaignFanoutWorker } from './campaign-fanout.worker.js';
import { createCampaignWorker } from './campaign.worker.js';
import { createCheckInWorker } from './check-in.worker.js';
import { createEscalationWorker } from './escalation.worker.js';
import { FanOutCampaign } from '../app/campaigns/fan-out-campaign.action.js';
import { FireCampaignMessage } from '../app/campaigns/fire-campaign-message.action.js';
import { FireCheckIn } from '../app/in-work/fire-check-in.action.js';
import { FireFollowUp } from '../app/appointments/fire-follow-up.action.js';
import { FireReminder } from '../app/appointments/fire-reminder.action.js';
import { createFollowUpWorker } from './follow-up.worker.js';
import { handBackUnstartedJobs } from './hand-back-unstarted.js';
import { JobsInFlight, startWorkersHealthServer } from './health-server.js';
import { createOutboundWorker, sendPacing } from './outbound.worker.js';
import { RequestSpacer } from './request-spacer.js';
import { JobQueues, createProducerConnection, createWorkerConnection, firstConnectionAttempt, isRedisConnectionError, watchRedis } from './queues.js';
import { createReminderWorker } from './reminder.worker.js';
import { RaiseStalledReferrals } from '../app/alerts/raise-stalled-referrals.action.js';
import { RunInboundTurn } from './run-inbound-turn.use-case.js';
import { SendOutboundMessage } from '../app/sending/send-outbound.action.js';
import { startSweep } from './sweep.worker.js';
import { Sweep } from '../app/operations/sweep.action.js';
import { ReconcileCutSends } from '../app/sending/reconcile-cut-sends.action.js';
import { createTurnWorker } from './turn.worker.js';
import { createWritebackWorker } from './writeback.worker.js';

export interface WorkersRole {
  queues: JobQueues;
  sweep: Sweep;
  /** The health and metrics port's URL, when it was asked for (the role on its own). */
  healthUrl: string | undefined;
  /** Jobs running in this process now (what a shutdown past its deadline would cut). */
  inFlight(): Array<{ queue: string; jobId: string }>;
  close(): Promise<void>;
}

/** Composition root of the workers role: turns, write-back, sending, escalation and the sweep. */
export async function startWorkers(deps: {
  config: Config;
  database: CaseRecordDatabase;
  logger: Logger;
  clock: Clock;
  transport?: MessageTransport;
  /** Where sends cut mid-call are looked up. @defaultValue Twilio's Messages list (nothing in sandbox mode) */
  lookup?: SentMessageLookup;
  /** How deliveries reach the programme's CRM. @defaultValue an HTTP POST (fetch) */
  postToSink?: PostToSink;
  /** Serve /healthz, /readyz and /metrics on WORKERS_PORT (the role on its own; `all` has the web role's). */
  healthServer?: boolean;
}): Promise<WorkersRole> {
  const { config, logger, clock } = deps;
  const db = deps.database.db;
  const producer = createProducerConnection(config.REDIS_URL);
  producer.on('error', () => undefined);
  const redisWatch = watchRedis(producer, { address: config.REDIS_URL, logger, role: 'workers' });
  await firstConnectionAttempt(producer);
  const workerConnection = createWorkerConnection(config.REDIS_URL);
  workerConnection.on('error', () => undefined);
  const queues = new JobQueues(producer, config.QUEUE_PREFIX);
  const enqueueSends = (ids: string[]) => queues.enqueueSends(ids);
  const whatsappFallback = whatsappFallbackFor(config);

  const runInboundTurn = new RunInboundTurn({
    db,
    adapter: new TwilioBotAdapter(),
    bot: new EngagementBot(runTurn),
    clock,
    programmeName: config.PROGRAMME_NAME,
    timeZone: config.PROGRAMME_TIMEZONE,
  });
  const enqueueEscalations = (escalations: DueEscalation[]) => queues.enqueueEscalations(escalations, clock.now());
  const applyWriteback = new ApplyPendingWritebacks({ db, clock, enqueueSends, enqueueEscalations });
  const escalate = new EscalateSafeguardingAlert({ db, clock, publicBaseUrl: config.PUBLIC_BASE_URL, programmeName: config.PROGRAMME_NAME });
  const requestSpacer = new RequestSpacer(producer, config.QUEUE_PREFIX, sendPacing(config.OUTBOUND_RATE_PER_SECOND).duration);
  const send = new SendOutboundMessage({
    db,
    transport: deps.transport ?? createMessageTransport(config),
    classify: classifySendFailure,
    clock,
    statusCallbackUrl: config.sandbox ? undefined : `${config.PUBLIC_BASE_URL}/twilio/status`,
    whatsappFallback,
    enqueueSends,
    awaitSendSlot: async () => void (await requestSpacer.nextSlot()),
  });
  const fireReminder = new FireReminder({
    db,
    clock,
    timeZone: config.PROGRAMME_TIMEZONE,
    programmeName: config.PROGRAMME_NAME,
    dailyCap: config.DAILY_MESSAGE_CAP,
  });
  const fireFollowUp = new FireFollowUp({ db, clock, timeZone: config.PROGRAMME_TIMEZONE, programmeName: config.PROGRAMME_NAME });
  const scheduledSender = {
    db,
    clock,
    timeZone: config.PROGRAMME_TIMEZONE,
    programmeName: config.PROGRAMME_NAME,
    dailyCap: config.DAILY_MESSAGE_CAP,
  };
  const fireCheckIn = new FireCheckIn(scheduledSender);
  const fireCampaignMessage = new FireCampaignMessage(scheduledSender);
  const fanOutCampaign = new FanOutCampaign({ db, queues, now: () => clock.now() });
  const reconcile = new ReconcileCutSends({
    db,
    lookup: deps.lookup ?? createSentMessageLookup(config),
    classifyStatusErrorCode,
    clock,
    enqueueSends,
    requestTimeoutMs: config.TWILIO_REQUEST_TIMEOUT_MS,
    countOutcome: (outcome) => queues.countReconcileOutcome(outcome),
    whatsappFallback,
  });
  const sweep = new Sweep({ db, queues, clock, reconcile, horizonMs: Math.max(10 * 60_000, 4 * config.SWEEP_INTERVAL_MS) });

  const deliverCaseRecords = new DeliverCaseRecordEvents({
    db,
    clock,
    post: deps.postToSink ?? postToSink,
    timeoutMs: config.CRM_SINK_TIMEOUT_MS,
    retry: { ...DEFAULT_CRM_RETRY_POLICY, baseMs: config.CRM_SINK_RETRY_BASE_MS, maxMs: config.CRM_SINK_RETRY_MAX_MS },
  });
  const enqueueCrmDeliveries = queues.enqueueCrmDeliveries.bind(queues);

  const base = { connection: workerConnection, prefix: config.QUEUE_PREFIX, logger, lockMs: config.JOB_LOCK_MS };
  const workers: Worker[] = [
    createTurnWorker(base, runInboundTurn, (writebackId) => queues.enqueueWriteback({ writebackId }), (turns) => queues.enqueueTurns(turns)),
    createWritebackWorker(base, applyWriteback),
    createOutboundWorker({ ...base, ratePerSecond: config.OUTBOUND_RATE_PER_SECOND, retryBaseMs: config.OUTBOUND_RETRY_BASE_MS, countOutcome: (outcome) => queues.countSendOutcome(outcome) }, send),
    createReminderWorker(base, fireReminder, enqueueSends),
    createFollowUpWorker({ ...base, queues, now: () => clock.now() }, fireFollowUp),
    createCheckInWorker(base, fireCheckIn, enqueueSends),
    createCampaignWorker(base, fireCampaignMessage, enqueueSends),
    createCampaignFanoutWorker(base, fanOutCampaign),
    createCrmSinkWorker({ ...base, queues, now: () => clock.now(), concurrency: config.CRM_SINK_CONCURRENCY }, deliverCaseRecords),
    createEscalationWorker({ ...base, now: () => clock.now() }, escalate, enqueueSends),
  ];
  const retention = async () => {
    const before = new Date(clock.now().getTime() - config.RETENTION_MESSAGE_DAYS * 86_400_000);
    const repository = new RetentionRepository(db);
    return (await repository.clearBodiesBefore(before, 5000)) + (await repository.clearWordsBefore(before, 5000));
  };
  const sweeper = startSweep({ ...base, queues, intervalMs: config.SWEEP_INTERVAL_MS }, sweep, new RaiseStalledReferrals({ db, clock }), retention);
  const crmFeed = startCrmSinkFeed(
    {
      logger,
      intervalMs: config.CRM_SINK_POLL_MS,
      // Finished deliveries are kept a week for questions ("did the CRM get it?"), then forgotten; events stay.
      prune: () => new CaseRecordDeliveryRepository(db).pruneFinished(new Date(clock.now().getTime() - 7 * 86_400_000), 5000),
    },
    new FeedCrmSink({ db, clock, enqueue: enqueueCrmDeliveries }),
  );
  for (const worker of [...workers, sweeper.worker]) {
    // Redis being away is reported by the watch, a few lines in all, not once per reconnection of every worker.
    worker.on('error', (error) => {
      if (isRedisConnectionError(error)) redisWatch.noteError(error);
      else logger.warn({ err: error, queue: worker.name }, 'worker error');
    });
    worker.on('failed', (job, error) => logger.warn({ queue: worker.name, jobId: job?.id, err: error.message }, 'job failed'));
  }
  const inFlight = new JobsInFlight();
  inFlight.track([...workers, sweeper.worker]);
  const health = deps.healthServer
    ? await startWorkersHealthServer({
        port: config.WORKERS_PORT,
        host: config.HOST,
        database: deps.database,
        redis: producer,
        redisAddress: config.REDIS_URL,
        workers: [...workers, sweeper.worker],
        inFlight,
      })
    : undefined;
  // Whatever a previous run left pending is picked up at once, not at the first scheduled sweep.
  void sweep.execute().catch((error: unknown) => logger.warn({ err: error }, 'start-up sweep failed'));

  return {
    queues,
    sweep,
    healthUrl: health?.url,
    inFlight: () => inFlight.list(),
    close: async () => {
      await sweeper.stop();
      await crmFeed.stop();
      await Promise.all(workers.map((w) => w.close()));
      const handedBack = await handBackUnstartedJobs([...workers, sweeper.worker], queues.all(), queues.connection).catch((error: unknown) => {
        logger.warn({ err: error }, 'could not hand back the jobs fetched as the workers closed (they come back when their locks expire)');
        return 0;
      });
      if (handedBack > 0) logger.info({ handedBack }, 'jobs fetched as the workers closed went back to wait');
      await queues.close();
      redisWatch.stop();
      producer.disconnect();
      workerConnection.disconnect();
      await health?.close();
    },
  };
}
