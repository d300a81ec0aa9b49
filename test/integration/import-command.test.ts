import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN_LOOKUP } from '../../bot/auth/staff-token.js';
import { migrateToLatest, openDatabase, type CaseRecordDatabase } from '../../store/database.js';
import { ParticipantRepository } from '../../store/participant.repository.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { REPO_ROOT, childEnv } from '../bot-process.js';
import { bundleForNode, type NodeBundle } from '../node-bundle.js';
import { createTestDatabase, testRedisUrl } from '../test-database.js';

/** Each run is a process of its own that loads the app (seconds of CPU on a busy machine), as the production-start tests allow for. */
const PROCESS_TIMEOUT = 120_000;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `start.ts import …` as a process of its own, bundled once with esbuild and run by plain node as
 * `node dist/start.js import …` runs after the build (under tsx every run would transform the whole source tree
 * again), against PostgreSQL and Redis, with a CSV file in a temporary folder.
 */
describe('node dist/start.js import participants|appointments FILE', () => {
  let database: { url: string; drop: () => Promise<void> };
  let caseRecord: CaseRecordDatabase;
  let dir: string;
  let startBundle: NodeBundle | undefined;
  const queuePrefix = `import${randomBytes(3).toString('hex')}`;

  const cli = (...args: string[]): Promise<Ran> =>
    new Promise((resolve, reject) => {
      if (!startBundle) throw new Error('start.ts is bundled in beforeAll');
      const child = spawn(process.execPath, [startBundle.file, 'import', ...args], {
        cwd: REPO_ROOT,
        env: childEnv({ DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: queuePrefix, DATA_DIR: dir, LOG_LEVEL: 'warn' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const appointments = () => caseRecord.db.selectFrom('appointments').selectAll().orderBy('external_ref').execute();

  beforeAll(async () => {
    startBundle = await bundleForNode(join(REPO_ROOT, 'start.ts'));
    database = await createTestDatabase('import_cli');
    dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    caseRecord = await openDatabase({ databaseUrl: database.url });
    await migrateToLatest(caseRecord.db);
    const staff = new StaffRepository(caseRecord.db);
    await staff.upsertBootstrapAdmin(BOOTSTRAP_ADMIN_LOOKUP, 'h');
    const priya = await staff.create({ name: 'Priya', role: 'key_worker', team: 'North', email: 'priya@example.org', tokenLookup: randomUUID(), tokenHash: 'h' });
    const tom = await staff.create({ name: 'Tom', role: 'key_worker', team: 'North', email: 'tom@example.org', tokenLookup: randomUUID(), tokenHash: 'h' });
    const person = (firstName: string, phone: string, externalRef: string, keyWorkerId: string) =>
      new ParticipantRepository(caseRecord.db).create({
        firstName,
        phone,
        externalRef,
        channel: 'sms',
        language: 'en',
        keyWorkerId,
        team: 'North',
        referredAt: null,
        consentBasis: 'test',
        consentAt: new Date(),
      });
    await person('Ann', '+447700900760', 'P-1', priya.id);
    await person('Bea', '+447700900761', 'P-2', tom.id);
  }, 60_000);
  afterAll(async () => {
    await caseRecord?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await startBundle?.remove();
  });

  const year = new Date().getUTCFullYear() + 1;
  const APPOINTMENTS = [
    'external_ref,appointment_ref,starts_at,title,mandatory,notes',
    `P-1,A-1,14/06/${year} 10:30,CV workshop,yes,first`,
    `P-2,A-2,15/06/${year} 10:30,Not Priya's,no,`,
    `P-1,A-3,16/06/${year} 10:30,=HYPERLINK("http://127.0.0.1"),maybe,"two\nlines"`,
  ].join('\n');

  it('a dry run as a key worker reports, writes the rejected rows beside the file (formula-safe), books nothing, and exits 2', async () => {
    const input = file('appointments.csv', APPOINTMENTS);
    const ran = await cli('appointments', input, '--dry-run', '--as', 'PRIYA@example.org');
    expect(ran.code, ran.stderr).toBe(2);
    expect(ran.stdout).toContain('DRY RUN, nothing was written or sent');
    expect(ran.stdout).toContain('Rows: 3; would be created: 1, updated: 0, unchanged: 0, rejected: 2');
    expect(ran.stdout).toContain('Columns ignored (not ours): notes');
    expect(await appointments()).toEqual([]);

    const rejected = readFileSync(`${input}.rejected.csv`, 'utf8');
    expect(rejected.startsWith('\uFEFF')).toBe(true);
    const rows = parse(rejected, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['external_ref', 'appointment_ref', 'starts_at', 'title', 'mandatory', 'notes', 'row', 'field', 'message']);
    expect(rows[1]?.slice(0, 2)).toEqual(['P-2', 'A-2']);
    expect(rows[1]?.slice(6, 8)).toEqual(['3', 'external_ref']);
    expect(rows[2]?.slice(3)).toEqual(["'=HYPERLINK(\"http://127.0.0.1\")", 'maybe', 'two\nlines', '4', 'mandatory', 'mandatory must be yes or no']);
  }, PROCESS_TIMEOUT);

  it('the real run books the good row; fixed rows imported again go in, the rejected file is removed, exit 0', async () => {
    const input = join(dir, 'appointments.csv');
    const ran = await cli('appointments', input, '--as', 'priya@example.org');
    expect(ran.code, ran.stderr).toBe(2);
    expect(ran.stdout).toContain('created: 1, updated: 0, unchanged: 0, rejected: 2');
    expect((await appointments()).map((a) => [a.external_ref, a.title, a.mandatory])).toEqual([['A-1', 'CV workshop', true]]);

    writeFileSync(input, `external_ref,appointment_ref,starts_at,title,mandatory\nP-1,A-1,14/06/${year} 11:00,CV workshop,yes\nP-1,A-3,16/06/${year} 10:30,Interview practice,no\n`);
    const again = await cli('appointments', input, '--as', 'priya@example.org');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('created: 1, updated: 1, unchanged: 0, rejected: 0');
    expect(again.stdout).toContain('removed the earlier');
    expect(existsSync(`${input}.rejected.csv`)).toBe(false);
    const [moved] = await appointments();
    expect(moved?.version).toBe(2);
  }, 2 * PROCESS_TIMEOUT);

  it('participants, as the bootstrap admin by default', async () => {
    const input = file('people.csv', 'First Name,Phone,Consent,External-Ref\nCai,07700 900762,no,P-3\n');
    const ran = await cli('participants', input);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('as Administrator (admin)');
    expect(ran.stdout).toContain('created: 1');
    expect(await new ParticipantRepository(caseRecord.db).findByExternalRef('P-3')).toMatchObject({ first_name: 'Cai', consent_contact: false });
  }, PROCESS_TIMEOUT);

  it('nothing imported (exit 1, said on stderr): a missing column, an unknown member of staff, a bad command line', async () => {
    const [missing, nobody, usage] = await Promise.all([
      cli('appointments', file('bad.csv', 'external_ref,title\nP-1,x\n')),
      cli('appointments', join(dir, 'appointments.csv'), '--as', 'nobody@example.org'),
      cli('meetings', 'x.csv'),
    ]);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('no appointment_ref, starts_at columns')]);
    expect([nobody.code, nobody.stderr]).toEqual([1, expect.stringContaining('No active member of staff')]);
    expect([usage.code, usage.stderr]).toEqual([1, expect.stringContaining('Usage: node dist/start.js import')]);
  }, PROCESS_TIMEOUT);
});
