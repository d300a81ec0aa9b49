import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseRecordRepository } from '../../store/case-record.repository.js';
import type { Db } from '../../store/database.js';
import { eventually, TestApp } from '../test-app.js';

interface FeedPage {
  events: Array<{ id: string; type: string; participantId: string; at: string; data: Record<string, unknown> }>;
  next: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /api/events: every event exactly once, in commit order, while writers run', () => {
  let app: TestApp;
  let participants: string[];
  let source = 0;

  beforeAll(async () => {
    app = await TestApp.start({ workers: false });
    participants = [];
    for (let i = 0; i < 4; i++) participants.push((await app.createParticipant(`07700 90076${i}`)).id);
  });
  afterAll(async () => app?.close());

  const write = (db: Db, participantId: string) =>
    new CaseRecordRepository(db).append({ participantId, type: 'checkin.response', at: new Date(), data: { n: source }, sourceKey: `feed-${source++}` });

  it('pages through events from the start, answering the given cursor as next when nothing is new', async () => {
    // Events become readable once every older transaction on the server has ended (other test files share it).
    const first = await eventually(async () => {
      const page = await app.api<FeedPage>('GET', '/api/events?limit=2');
      expect(page.status).toBe(200);
      return page.body.events.length === 2 && page;
    }, 10_000, 'the first page');
    expect(first.body.events[0]).toEqual({
      id: expect.any(String),
      type: 'participant.created',
      at: expect.any(String),
      participantId: participants[0],
      data: expect.any(Object),
    });
    let next = first.body.next;
    for (;;) {
      const page = await app.api<FeedPage>('GET', `/api/events?after=${next}&limit=100`);
      if (page.body.events.length === 0) {
        expect(page.body.next).toBe(next);
        break;
      }
      next = page.body.next;
    }
    expect((await app.api('GET', '/api/events?after=12;drop&limit=5')).status).toBe(400);
    expect((await app.api('GET', '/api/events?limit=5000')).status).toBe(400);
  });

  it('never skips an event whose transaction commits after a later one, and never repeats one', async () => {
    const ours: string[] = [];
    const cursorsInOrder: string[] = [];
    let cursor: string | undefined;
    // One reader: pages are read one after another (the two loops below take turns), each from the last next.
    let turn: Promise<unknown> = Promise.resolve();
    const readPage = (limit = 7): Promise<string[]> => {
      const read = turn.then(async () => {
        const page = await app.api<FeedPage>('GET', `/api/events?limit=${limit}${cursor ? `&after=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        ours.push(...page.body.events.map((e) => e.id));
        cursor = page.body.next;
        cursorsInOrder.push(cursor);
        return page.body.events.map((e) => e.id);
      });
      turn = read.catch(() => undefined);
      return read;
    };
    // What a reader paging by id alone would see.
    const naive: string[] = [];
    let naiveCursor = '0';
    let naiveTurn: Promise<unknown> = Promise.resolve();
    const readNaive = (): Promise<void> => {
      const read = naiveTurn.then(async () => {
        const rows = await sql<{ id: string }>`select id from case_record_events where id > ${naiveCursor}::bigint order by id limit 7`.execute(app.db);
        naive.push(...rows.rows.map((r) => r.id));
        naiveCursor = rows.rows.at(-1)?.id ?? naiveCursor;
      });
      naiveTurn = read.catch(() => undefined);
      return read;
    };
    await readPage(1000);
    while ((await readPage(1000)).length > 0);
    const naiveStart = await sql<{ id: string }>`select coalesce(max(id), 0)::text as id from case_record_events`.execute(app.db);
    naiveCursor = naiveStart.rows[0]?.id ?? '0';

    let writing = true;
    // Writers: short transactions of one to three events, some rolled back, with pauses inside them.
    const writers = participants.map(async (participantId, w) => {
      for (let i = 0; i < 25; i++) {
        await app.db
          .transaction()
          .execute(async (tx) => {
            const n = 1 + ((i + w) % 3);
            for (let k = 0; k < n; k++) {
              await write(tx, participantId);
              await sleep((i * 7 + w * 13 + k * 5) % 25);
            }
            if ((i + w) % 9 === 4) throw new Error('roll back');
          })
          .catch(() => undefined);
      }
    });
    // Each time: A writes first (a lower id and xid) and stays open while B writes and commits; a reader between
    // the two commits sees B's event but not A's.
    const crossings = (async () => {
      for (let round = 0; round < 6; round++) {
        let releaseA: () => void = () => undefined;
        const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
        let aId: string | undefined;
        const a = app.db.transaction().execute(async (tx) => {
          aId = await write(tx, participants[0] as string);
          await aMayCommit;
        });
        try {
          while (!aId) await sleep(1);
          const bId = (await write(app.db, participants[1] as string)) as string;
          expect(Number(bId)).toBeGreaterThan(Number(aId));
          await readNaive();
          const page = await readPage();
          // B has committed, but A (older) has not: B must wait for it.
          expect(page).not.toContain(bId);
        } finally {
          releaseA();
          await a;
        }
        await readNaive();
      }
    })();
    const reader = (async () => {
      while (writing) {
        await readPage();
        await readNaive();
        await sleep(3);
      }
    })();
    await Promise.all([...writers, crossings]);
    writing = false;
    await reader;

    // Drain: until every committed event has been read (other test files' transactions may hold the horizon back).
    const committed = async () =>
      (await app.db.selectFrom('case_record_events').select('id').orderBy('xid').orderBy('id').execute()).map((r) => r.id);
    const all = await committed();
    const deadline = Date.now() + 20_000;
    while (ours.length < all.length && Date.now() < deadline) {
      if ((await readPage(100)).length === 0) await sleep(50);
    }
    for (;;) {
      const before = naive.length;
      await readNaive();
      if (naive.length === before) break;
    }

    expect(new Set(ours).size).toBe(ours.length);
    expect(ours).toEqual(all);
    // The writers really interleaved: paging by id alone missed events that committed late.
    const missedByNaive = all.filter((id) => Number(id) > Number(naiveStart.rows[0]?.id ?? 0) && !naive.includes(id));
    expect(missedByNaive.length).toBeGreaterThanOrEqual(6);
    // Rolled-back events never appear, and the cursors only ever moved forward.
    const sources = await app.db.selectFrom('case_record_events').select('source_key').where('source_key', 'like', 'feed-%').execute();
    expect(sources.length).toBeLessThan(source);
    const asPairs = cursorsInOrder.map((c) => c.split('-').map(BigInt) as [bigint, bigint]);
    for (let i = 1; i < asPairs.length; i++) {
      const [x0, i0] = asPairs[i - 1] as [bigint, bigint];
      const [x1, i1] = asPairs[i] as [bigint, bigint];
      expect(x1 > x0 || (x1 === x0 && i1 >= i0)).toBe(true);
    }
  });
});
