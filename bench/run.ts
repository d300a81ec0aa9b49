/**
 * `npm run bench`: runs each benchmark in turn and prints one JSON object per result line on stdout
 * (CONTRACT.md "Benchmarks"); progress goes to stderr. Only loopback (127.0.0.1) services are used.
 */
import { progress, type BenchResult } from './bench-result.js';
import { campaignFanoutBench } from './campaign-fanout.bench.js';
import { crmSinkBench } from './crm-sink.bench.js';
import { embeddedBurstBench } from './embedded-burst.bench.js';
import { inboundWebhookBench } from './inbound-webhook.bench.js';
import { participantsImportBench } from './participants-import.bench.js';
import { reminderSuite } from './reminder-suite.js';
import { safeguardingBench } from './safeguarding.bench.js';
import { soakBench } from './soak.bench.js';
import { writebackBench } from './writeback.bench.js';

// reminder_scheduling, rss_mb and reminder_drift share one set-up (100,000 booked appointments): the first asked for runs all three.
const reminders = reminderSuite();

const BENCHMARKS: Array<{ name: string; run: () => Promise<BenchResult[]>; onlyWhenNamed?: boolean }> = [
  { name: 'inbound_webhook', run: inboundWebhookBench },
  { name: 'writeback', run: writebackBench },
  { name: 'reminder_scheduling', run: () => reminders.results('reminder_scheduling') },
  { name: 'rss_mb', run: () => reminders.results('rss_mb') },
  { name: 'reminder_drift', run: () => reminders.results('reminder_drift') },
  { name: 'crm_sink', run: crmSinkBench },
  { name: 'campaign_fanout', run: campaignFanoutBench },
  { name: 'safeguarding', run: safeguardingBench },
  { name: 'import_participants', run: participantsImportBench },
  { name: 'embedded_burst', run: embeddedBurstBench },
  // Only when asked for (`npm run bench -- soak`): it runs for SOAK_DURATION_S and more.
  { name: 'soak', run: soakBench, onlyWhenNamed: true },
];

const only = process.argv.slice(2);
let failed = false;
for (const benchmark of BENCHMARKS) {
  if (only.length > 0 ? !only.includes(benchmark.name) : benchmark.onlyWhenNamed) continue;
  const started = Date.now();
  progress(`${benchmark.name}: starting`);
  try {
    for (const result of await benchmark.run()) process.stdout.write(`${JSON.stringify(result)}\n`);
    progress(`${benchmark.name}: done in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    failed = true;
    progress(`${benchmark.name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
