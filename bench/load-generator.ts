import { Worker } from 'node:worker_threads';

/** What the load generator is asked to do: signed inbound SMS/WhatsApp forms against one URL. */
export interface LoadSpec {
  /** Where the server listens, e.g. http://127.0.0.1:1234/twilio/inbound. */
  url: string;
  /** The URL Twilio signs (PUBLIC_BASE_URL + path). */
  signedUrl: string;
  authToken: string;
  /** Senders to cycle through (drama range). */
  phones: string[];
  connections: number;
  durationSeconds: number;
  /** Fixed request rate across all connections; unset means as fast as the server answers (autocannon only). */
  overallRate?: number;
  /**
   * autocannon (default): closed loop; with `overallRate` each connection sends its share at the start of every
   * second as fast as answers come, so a fixed rate arrives in bursts. open-loop: evenly spaced requests at
   * `overallRate`, latency counted from when each was due.
   */
  pacing?: 'autocannon' | 'open-loop';
  warmupSeconds?: number;
  /** Forms signed before the run starts. */
  presign: number;
  /**
   * true: every request has its own MessageSid (beyond the presigned forms each is signed as it is sent);
   * false: the presigned forms are sent over and over (for the baseline, which stores nothing).
   */
  uniqueSids: boolean;
  /** Every n-th message comes in on WhatsApp (0: never). */
  whatsappEvery: number;
}

export interface LoadSummary {
  requestsPerSecond: number;
  completed: number;
  durationSeconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The first few distinct socket errors, if any. */
  errorMessages: string[];
  /** The warm-up run, when there was one: 2xx answers and failures (non-2xx, errors, timeouts). */
  warmup2xx: number;
  warmupFailures: number;
  /** Requests signed during the run because the presigned pool ran out. */
  signedDuringRun: number;
  /** Forms built (warm-up included), each with its own MessageSid. */
  formsBuilt: number;
}

/**
 * Runs autocannon in a worker thread, so the load generator does not share an event loop with the server under
 * test (which runs in this thread). Both the app and the baseline are measured this way.
 */
export function runLoad(spec: LoadSpec): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: spec });
    let settled = false;
    worker.once('message', (summary: LoadSummary) => {
      settled = true;
      resolve(summary);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code} before reporting`));
    });
  });
}
