/** Worker-thread entry of the load generator (see load-generator.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon, { type AutocannonRequest } from 'autocannon';
import { encodeTwilioForm, inboundParams, signTwilioRequest } from '../test/twilio-signer.js';
import type { LoadSpec, LoadSummary } from './load-generator.js';

interface SignedForm {
  body: string;
  signature: string;
}

const spec = workerData as LoadSpec;
let sent = 0;
let signedDuringRun = 0;

function signForm(n: number): SignedForm {
  const from = spec.phones[n % spec.phones.length] as string;
  const whatsapp = spec.whatsappEvery > 0 && n % spec.whatsappEvery === 0;
  const params = inboundParams({ from, body: `Yes, see you then (${n})`, ...(whatsapp && { whatsapp: true }) });
  return { body: encodeTwilioForm(params), signature: signTwilioRequest(spec.authToken, spec.signedUrl, params) };
}

const presigned: SignedForm[] = Array.from({ length: spec.presign }, (_, n) => signForm(n));

function nextForm(): SignedForm {
  const n = sent++;
  const ready = presigned[n];
  if (ready) {
    presigned[n] = undefined as unknown as SignedForm; // let it be collected
    return ready;
  }
  signedDuringRun++;
  return signForm(n);
}

const request: AutocannonRequest = {
  method: 'POST',
  path: new URL(spec.url).pathname,
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'TwilioProxy/1.1' },
  setupRequest: (req) => {
    const form = nextForm();
    return { ...req, body: form.body, headers: { ...req.headers, 'X-Twilio-Signature': form.signature } };
  },
};

const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSeconds,
  timeout: 10,
  requests: [request],
  ...(spec.overallRate !== undefined && { overallRate: spec.overallRate }),
  ...(spec.warmupSeconds && { warmup: { connections: spec.connections, duration: spec.warmupSeconds } }),
});

const statusCodes: Record<string, number> = {};
for (const [code, stats] of Object.entries(result.statusCodeStats)) statusCodes[code] = stats.count;

const summary: LoadSummary = {
  requestsPerSecond: result.requests.average,
  completed: result.requests.total,
  durationSeconds: result.duration,
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  latencyMaxMs: result.latency.max,
  ok2xx: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes,
  signedDuringRun,
  formsBuilt: sent,
};
parentPort?.postMessage(summary);
