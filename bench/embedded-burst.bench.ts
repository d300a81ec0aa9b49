/**
 * embedded_burst: the embedded default as `npm start` runs it — PGlite in the same process as the web role and the
 * workers — with 200 participants texting at once (a campaign's replies arriving together), three bursts five
 * seconds apart while the workers are still busy with the last one. What is measured is how long Twilio waits for
 * each webhook's answer (the acknowledgement: signature checked, text stored, turn queued), p50 and p99 over the
 * 600 texts. Twilio is the test suite's fake (replies go to it), Redis the machine's. Issue 20's target: p99 < 250 ms.
 * `baseline`: the same bursts on PostgreSQL, the same process otherwise.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { PUBLIC_BASE_URL, TestApp } from '../test/test-app.js';
import { inboundParams, signedTwilioForm } from '../test/twilio-signer.js';
import { progress, round, type BenchResult } from './bench-result.js';
import { withCpuProfile } from './cpu-profile.js';
import { percentile, pool, sleep } from './reminder-fixture.js';

// Twilio is somewhere else: the burst is sent from a thread of its own, signed beforehand, so the client's work
// does not share the server's event loop. It answers with each request's time to its answer (ms).
// Each request goes as its HTTP/1.1 bytes, built beforehand, on a TCP connection of its own, and the thread reads
// the answer itself. It used to call fetch, whose own work took 130-250 ms of this thread's CPU on the two-core
// machine just to start 200 requests: the first connection reached the server only after that, and it was counted
// in every early request's wait although it is the client's work (BENCH_BURST_CLIENT=fetch still sends that way).
const SENDER_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const sockets = [];
function send(bytes) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect({ host: workerData.host, port: workerData.port, noDelay: true }, () => socket.write(bytes));
    sockets.push(socket);
    let answer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      answer = Buffer.concat([answer, chunk]);
      const head = answer.indexOf('\\r\\n\\r\\n');
      if (head < 0) return;
      const headers = answer.subarray(0, head).toString('latin1');
      // restify answers chunked: the answer is whole at the last chunk (and no trailers); else at its length.
      const length = /\\r\\ncontent-length: *(\\d+)/i.exec(headers)?.[1];
      const whole = length === undefined ? answer.subarray(head + 4).toString('latin1').endsWith('\\r\\n0\\r\\n\\r\\n') : answer.length >= head + 4 + Number(length);
      if (!whole) return;
      const status = Number(headers.split(' ')[1]);
      if (status !== 200) reject(new Error('a text got ' + status));
      else resolve(performance.now() - started);
    });
    socket.on('error', reject);
  });
}
(async () => {
  const times = await Promise.all(workerData.requests.map((bytes) => send(Buffer.from(bytes))));
  // As fetch would keep them, the connections stay open until every answer is in.
  for (const socket of sockets) socket.destroy();
  parentPort.postMessage(times);
})().catch((error) => { throw error; });
`;

const FETCH_SENDER_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const times = await Promise.all(workerData.requests.map(async ({ headers, body }) => {
    const started = performance.now();
    const response = await fetch(workerData.url, { method: 'POST', headers, body });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error('a text got ' + response.status);
    return performance.now() - started;
  }));
  parentPort.postMessage(times);
})().catch((error) => { throw error; });
`;

interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

function signedBurst(authToken: string, burst: number): SignedRequest[] {
  const signedUrl = `${PUBLIC_BASE_URL}/twilio/inbound`;
  return PHONES.map((phone, i) => {
    const params = inboundParams({ from: phone, body: REPLIES[(i + burst) % REPLIES.length] as string });
    return signedTwilioForm(signedUrl, params, authToken);
  });
}

/** One request as it goes on the wire: the request line, the headers fetch would send for it, the body. */
function wireRequest(url: URL, { headers, body }: SignedRequest): Uint8Array {
  const head = [`POST ${url.pathname} HTTP/1.1`, `Host: ${url.host}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return new Uint8Array(Buffer.from([...head, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n')));
}

function sendBurst(url: string, requests: SignedRequest[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const thread =
      process.env.BENCH_BURST_CLIENT === 'fetch'
        ? new Worker(FETCH_SENDER_THREAD, { eval: true, workerData: { url, requests } })
        : new Worker(SENDER_THREAD, {
            eval: true,
            workerData: { host: target.hostname, port: Number(target.port), requests: requests.map((request) => wireRequest(target, request)) },
          });
    thread.once('message', (times: number[]) => {
      resolve(times);
      void thread.terminate();
    });
    thread.once('error', reject);
  });
}

const BENCH = 'embedded_burst';
const PEOPLE = 200;
const BURSTS = 3;
const GAP_MS = 5_000;
const PHONES = Array.from({ length: PEOPLE }, (_, i) => `+447700900${String(300 + i).padStart(3, '0')}`);
const REPLIES = ['Yes I can come', 'Can we move it please', 'thanks, see you then', 'I cant make it, my son is ill', 'ok'];

async function bursts(engine: 'pglite' | 'postgres'): Promise<number[]> {
  const app = await TestApp.start({ engine, env: { OUTBOUND_RATE_PER_SECOND: '50' } });
  try {
    await pool(PEOPLE, 4, async (i) => {
      await app.createParticipant(PHONES[i] as string, undefined, { firstName: `Bench${i}` });
    });
    const latencies: number[] = [];
    for (let burst = 0; burst < BURSTS; burst++) {
      if (burst > 0) await sleep(GAP_MS);
      const requests = signedBurst(app.twilio.authToken, burst);
      const loopBefore = performance.eventLoopUtilization();
      const cpuBefore = process.cpuUsage();
      // BENCH_PROFILE_BURST=<prefix>: a CPU profile of this thread (web role and workers) for each PGlite burst.
      const profile = engine === 'pglite' && process.env.BENCH_PROFILE_BURST ? `${process.env.BENCH_PROFILE_BURST}-${burst + 1}.cpuprofile` : undefined;
      const answered = await withCpuProfile(profile, `burst ${burst + 1}`, () => sendBurst(`${app.url}/twilio/inbound`, requests));
      const loop = performance.eventLoopUtilization(loopBefore);
      const cpu = process.cpuUsage(cpuBefore);
      latencies.push(...answered);
      // The event loop's busy share while the burst was answered says whether the main thread is what they wait for.
      progress(
        `${engine}: burst ${burst + 1} of ${PEOPLE} texts answered, slowest ${round(Math.max(...answered))} ms; ` +
          `event loop busy ${Math.round(loop.utilization * 100)}% of ${round(loop.idle + loop.active)} ms, process CPU ${round((cpu.user + cpu.system) / 1000)} ms`,
      );
    }
    return latencies.sort((a, b) => a - b);
  } finally {
    await app.close();
  }
}

export async function embeddedBurstBench(): Promise<BenchResult[]> {
  const embedded = await bursts('pglite');
  const postgres = await bursts('postgres');
  progress(
    `acknowledgements of ${BURSTS} bursts of ${PEOPLE} texts: PGlite p50 ${round(percentile(embedded, 50))} ms, p99 ${round(percentile(embedded, 99))} ms; ` +
      `PostgreSQL p50 ${round(percentile(postgres, 50))} ms, p99 ${round(percentile(postgres, 99))} ms`,
  );
  return [
    { bench: BENCH, metric: 'ack_p99_ms', value: round(percentile(embedded, 99)), unit: 'ms', baseline: round(percentile(postgres, 99)) },
    { bench: BENCH, metric: 'ack_p50_ms', value: round(percentile(embedded, 50)), unit: 'ms', baseline: round(percentile(postgres, 50)) },
  ];
}
