/** Worker-thread entry of the load generator (see load-generator.ts). */
import { Agent, request as httpRequest } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon, { type AutocannonOptions, type AutocannonRequest, type RawResult } from 'autocannon';
import { encodeTwilioForm, inboundParams, signTwilioRequest } from '../test/twilio-signer.js';
import type { LoadSpec, LoadSummary } from './load-generator.js';

interface SignedForm {
  body: string;
  signature: string;
}

const FORM_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'TwilioProxy/1.1' };

const spec = workerData as LoadSpec;
let sent = 0;
let signedDuringRun = 0;
const errorMessages = new Set<string>();

function noteError(error: unknown): void {
  if (errorMessages.size < 5) errorMessages.add(error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`.trim() : String(error));
}

function signForm(n: number): SignedForm {
  const from = spec.phones[n % spec.phones.length] as string;
  const whatsapp = spec.whatsappEvery > 0 && n % spec.whatsappEvery === 0;
  const params = inboundParams({ from, body: `Yes, see you then (${n})`, ...(whatsapp && { whatsapp: true }) });
  return { body: encodeTwilioForm(params), signature: signTwilioRequest(spec.authToken, spec.signedUrl, params) };
}

const presigned: SignedForm[] = Array.from({ length: spec.presign }, (_, n) => signForm(n));

function nextForm(): SignedForm {
  const n = sent++;
  if (!spec.uniqueSids) return presigned[n % presigned.length] as SignedForm;
  const ready = presigned[n];
  if (ready) {
    presigned[n] = undefined as unknown as SignedForm; // let it be collected
    return ready;
  }
  signedDuringRun++;
  return signForm(n);
}

/** autocannon: closed loop, `connections` requests in flight; with `overallRate`, each connection's share per second. */
async function withAutocannon(): Promise<LoadSummary> {
  const request: AutocannonRequest = {
    method: 'POST',
    path: new URL(spec.url).pathname,
    headers: FORM_HEADERS,
    setupRequest: (req) => {
      const form = nextForm();
      return { ...req, body: form.body, headers: { ...req.headers, 'X-Twilio-Signature': form.signature } };
    },
  };
  const options: AutocannonOptions = {
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 10,
    requests: [request],
    // With a rate, autocannon "corrects" for coordinated omission with an expected interval of ceil(1 / rate per
    // connection) = 1 ms, which records a 40 ms answer as 40 samples (40, 39, … 1 ms): the p99 would then describe
    // that arithmetic, not the answers. Record each answer once.
    ...(spec.overallRate !== undefined && { overallRate: spec.overallRate, ignoreCoordinatedOmission: true }),
    ...(spec.warmupSeconds && { warmup: { connections: spec.connections, duration: spec.warmupSeconds } }),
  };
  // Off the main thread autocannon hands back the raw result: its histograms still encoded.
  const instance = autocannon(options);
  instance.on('reqError', noteError);
  const raw = (await instance) as RawResult;
  const result = autocannon.aggregateResult([raw], options);
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(raw.statusCodeStats)) statusCodes[code] = stats.count;
  return {
    requestsPerSecond: raw.totalCompletedRequests / raw.duration,
    completed: raw.totalCompletedRequests,
    durationSeconds: raw.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    ok2xx: raw['2xx'],
    non2xx: raw.non2xx,
    errors: raw.errors,
    timeouts: raw.timeouts,
    statusCodes,
    errorMessages: [...errorMessages],
    warmup2xx: raw.warmup?.['2xx'] ?? 0,
    warmupFailures: raw.warmup ? raw.warmup.non2xx + raw.warmup.errors + raw.warmup.timeouts : 0,
    signedDuringRun,
    formsBuilt: sent,
  };
}

/**
 * Open loop: request i is due at start + i / rate, whatever happened to the earlier ones, over at most
 * `connections` keep-alive sockets; latency counts from the due time, so queueing behind a slow answer is included.
 */
async function paced(): Promise<LoadSummary> {
  const rate = spec.overallRate ?? 100;
  const total = Math.round(rate * spec.durationSeconds);
  const url = new URL(spec.url);
  // fifo: the sockets take turns, so none sits idle long enough for the server's keep-alive timeout to close it
  // under a request (a race of the client, not something Twilio would see).
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections, scheduling: 'fifo' });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let due = 0;
  const start = performance.now();

  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      const form = nextForm();
      const req = httpRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { ...FORM_HEADERS, 'X-Twilio-Signature': form.signature, 'Content-Length': Buffer.byteLength(form.body) },
          timeout: 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - dueAt);
            const code = String(res.statusCode ?? 0);
            statusCodes[code] = (statusCodes[code] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('timeout', () => {
        timeouts++;
        req.destroy(new Error('timed out'));
      });
      req.on('error', (error) => {
        noteError(error);
        if (!req.destroyed || req.errored?.message !== 'timed out') errors++;
        resolve();
      });
      req.end(form.body);
    });

  const inFlight: Array<Promise<void>> = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      while (due < total && start + (due * 1000) / rate <= now) {
        inFlight.push(send(start + (due * 1000) / rate));
        due++;
      }
      if (due >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  await Promise.all(inFlight);
  const durationSeconds = (performance.now() - start) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0;
  const ok2xx = Object.entries(statusCodes).reduce((n, [code, count]) => n + (code.startsWith('2') ? count : 0), 0);
  return {
    requestsPerSecond: latencies.length / durationSeconds,
    completed: latencies.length,
    durationSeconds: Math.round(durationSeconds * 100) / 100,
    latencyP50Ms: Math.round(at(0.5) * 10) / 10,
    latencyP99Ms: Math.round(at(0.99) * 10) / 10,
    latencyMaxMs: Math.round(at(1) * 10) / 10,
    ok2xx,
    non2xx: latencies.length - ok2xx,
    errors,
    timeouts,
    statusCodes,
    errorMessages: [...errorMessages],
    warmup2xx: 0,
    warmupFailures: 0,
    signedDuringRun,
    formsBuilt: sent,
  };
}

parentPort?.postMessage(spec.pacing === 'open-loop' ? await paced() : await withAutocannon());
