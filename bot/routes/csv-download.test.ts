import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CsvValue } from '../../app/exports/csv-export.js';
import { csvDownload } from './csv-download.js';

async function* rowsOf(rows: CsvValue[][]): AsyncGenerator<readonly CsvValue[]> {
  for (const row of rows) yield row;
}

async function text(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('a CSV download', () => {
  it('neutralises every cell that a spreadsheet would run, keeps numbers as numbers, and starts with a BOM', async () => {
    const answer = await csvDownload(
      { filename: 'x.csv', columns: ['a', 'b'], rows: rowsOf([['=1+1', '+44'], ['-2', '@SUM(A1)'], ['\tx', '\ry'], [-3, null], ['Siân, "quoted"', 'plain']]) },
      { bom: true },
    );
    expect(answer.headers).toEqual({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="x.csv"' });
    const bytes = await text(answer.body);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      ["a,b", "'=1+1,'+44", "'-2,'@SUM(A1)", "'\tx,\"'\ry\"", '-3,', '"Siân, ""quoted""",plain', ''].join('\r\n'),
    );
  });

  it('has no BOM when asked, and a header alone when there are no rows', async () => {
    const answer = await csvDownload({ filename: 'x.csv', columns: ['a'], rows: rowsOf([]) }, { bom: false });
    expect((await text(answer.body)).toString('utf8')).toBe('a\r\n');
  });

  it('fails before answering when the first page cannot be read', async () => {
    async function* broken(): AsyncGenerator<readonly CsvValue[]> {
      yield* [];
      throw new Error('database away');
    }
    await expect(csvDownload({ filename: 'x.csv', columns: ['a'], rows: broken() }, { bom: true })).rejects.toThrow('database away');
  });
});
