import { describe, expect, it } from 'vitest';
import { streamCsvRecords, UnreadableImportError } from './csv-import.js';

const records = async (bytes: Uint8Array) => {
  const all: string[][] = [];
  for await (const record of streamCsvRecords(bytes)) all.push(record);
  return all;
};

describe('streamCsvRecords: one CSV reader for every import', () => {
  it('reads UTF-8, dropping a byte-order mark, with CRLF and a quoted newline kept inside its cell', async () => {
    const text = '\uFEFFfirst_name,notes\r\nZoë,"line one\r\nline two"\r\nAnn,\r\n';
    expect(await records(new TextEncoder().encode(text))).toEqual([
      ['first_name', 'notes'],
      ['Zoë', 'line one\r\nline two'],
      ['Ann', ''],
    ]);
  });

  it('reads a file that is not UTF-8 as Windows-1252, separated by semicolons', async () => {
    const bytes = Uint8Array.from([...Buffer.from('first_name;notes\n', 'latin1'), 0x5a, 0x6f, 0xeb, 0x3b, 0x80, 0x0a]);
    expect(await records(bytes)).toEqual([
      ['first_name', 'notes'],
      ['Zoë', '€'],
    ]);
  });

  it('joins a character that a 64 KB piece of the upload splits in two, in either encoding', async () => {
    // 'ë' is two bytes in UTF-8: the padding puts its first byte last in the first 64 KB piece.
    const padding = 'x'.repeat(64 * 1024 - 'name\n'.length - 1);
    const utf8 = new TextEncoder().encode(`name\n${padding}ë\nZoë\n`);
    expect(utf8[64 * 1024 - 1]).toBe(0xc3);
    expect(await records(utf8)).toEqual([['name'], [`${padding}ë`], ['Zoë']]);
    const latin = Uint8Array.from([...Buffer.from(`name\n${padding}`, 'latin1'), 0xeb, 0x80, 0x0a]);
    expect(await records(latin)).toEqual([['name'], [`${padding}ë€`]]);
  });

  it('says a file is not CSV when a quote is never closed', async () => {
    await expect(records(new TextEncoder().encode('a,b\n"open,1\n'))).rejects.toBeInstanceOf(UnreadableImportError);
  });
});
