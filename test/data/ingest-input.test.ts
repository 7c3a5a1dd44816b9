/**
 * Inputs that are not plain files (pipes and FIFOs, read once as a stream), inputs that cannot be
 * opened (each a UserInputError naming the file), and text that is not UTF-8 anywhere in the file
 * (located by line and byte).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPurchaseHistory, type IngestOptions } from '../../src/data/ingest.js';
import { firstInvalidUtf8 } from '../../src/data/csv-file-reader.js';
import { ingestText, writeCsv, failure } from './write-csv.js';

const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-input-'));


/** Ingest `text` written into a fresh FIFO by this process once the ingest has opened it. */
async function ingestThroughFifo(text: string, options: IngestOptions = {}, beforeWriting?: Promise<unknown>) {
  const fifo = path.join(folder, `fifo-${Math.random().toString(36).slice(2)}`);
  execFileSync('mkfifo', [fifo]);
  const result = ingestPurchaseHistory(fifo, options);
  if (beforeWriting) await beforeWriting;
  const writer = await open(fifo, 'w');
  await writer.write(text);
  await writer.close();
  return { fifo, result: await result };
}

// Out of date order (c1's second row is dated before its first), so that the customers out of
// order are rebuilt: from a second read of a regular file, from the row log of a FIFO.
const HISTORY = `customer_id,date,amount
c1,2024-02-10,30
c2,2024-01-05,12.5
c1,2024-01-01,10
c2,2024-01-05,7.5
c3,2024-02-01,0
c1,2024-03-01,20
`;

describe('a pipe or FIFO as input', () => {
  it('is read once as a stream, with the same result as the same text in a file', async () => {
    const fromFile = await ingestText(HISTORY, { period: 'day' });
    const { fifo, result } = await ingestThroughFifo(HISTORY, { period: 'day' });
    expect(result.quality.customersOutOfDateOrder).toBe(1);
    expect({ ...result.quality, file: '' }).toEqual({ ...fromFile.quality, file: '' });
    expect(result.quality.file).toBe(fifo);
    expect(result.summaries).toEqual(fromFile.summaries);
    // c1: 01-01 (10), 02-10 (30), 03-01 (20): x = 2, t_x = T = 60 days, mean 25.
    const k = result.summaries.ids.indexOf('c1');
    expect([result.summaries.x[k], result.summaries.tx[k], result.summaries.T[k], result.summaries.monetaryValue[k]]).toEqual([2, 60, 60, 25]);
  });

  it('says once that it waits when nothing arrives for 2 s, then reads what comes', async () => {
    const waited: string[] = [];
    let noticed!: () => void;
    const notice = new Promise<void>((resolve) => (noticed = resolve));
    const onWaiting = (file: string) => {
      waited.push(file);
      noticed();
    };
    const { fifo, result } = await ingestThroughFifo(HISTORY, { onWaiting }, notice);
    expect(waited).toEqual([fifo]);
    expect(result.summaries.ids).toHaveLength(3);
  });

  it('says nothing when the data are there', async () => {
    const waited: string[] = [];
    await ingestText(HISTORY, { onWaiting: (file) => waited.push(file) });
    expect(waited).toEqual([]);
  });
});

describe('inputs that cannot be opened', () => {
  const regular = writeCsv(HISTORY, 'regular.csv');
  const loop = path.join(folder, 'loop.csv');
  symlinkSync(loop, loop);
  const directory = path.join(folder, 'a-folder.csv');
  mkdirSync(directory);
  it.each([
    ['a missing file', path.join(folder, 'missing.csv'), 'no such file'],
    ['a folder', directory, 'is a folder, not a CSV file'],
    ['a symbolic link loop', loop, 'the path is a loop of symbolic links'],
    ['a name of 300 characters', path.join(folder, `${'n'.repeat(300)}.csv`), 'the file name is too long for the file system'],
    ['a file used as a folder', path.join(regular, 'inside.csv'), 'a part of the path is a file, not a folder'],
  ])('%s is a user error naming the file', async (_what, file, message) => {
    const error = await failure(ingestPurchaseHistory(file));
    expect(error.message).toBe(message);
    expect(error.location.file).toBe(file);
    expect(error.hint).toBeTruthy();
  });
});

describe('text that is not UTF-8, anywhere in the file', () => {
  const header = 'customer_id,date,amount\n';
  const row = (k: number) => `c${String(k).padStart(5, '0')},2024-01-01,1\n`; // 20 bytes

  it('finds ISO 8859-1 text far into the file, with its line and byte', async () => {
    // 5,000 rows of 20 bytes (100,000 bytes, past the first 64 KiB), then M\xfcller on line 5,002.
    const rows = Array.from({ length: 5000 }, (_, k) => row(k)).join('');
    const latin1 = Buffer.concat([Buffer.from(header + rows, 'utf8'), Buffer.from('M\xfcller,2024-01-02,5\n', 'latin1')]);
    const error = await failure(ingestText(latin1));
    expect(error.location.line).toBe(5002);
    // Header 24 bytes + 100,000 bytes of rows + 'M': the 0xFC byte is byte 100,026.
    expect(error.message).toBe('the file is not UTF-8 text: byte 100,026 (0xFC) is not UTF-8; it is probably in a Windows or ISO 8859 code page');
    expect(error.hint).toContain('iconv -f WINDOWS-1252 -t UTF-8');
  });

  it('finds a NUL byte after the first 64 KiB, with its line and byte', async () => {
    const rows = Array.from({ length: 4000 }, (_, k) => row(k)).join('');
    const error = await failure(ingestText(`${header}${rows}c1,2024-01-01,1\0\n`));
    expect(error.location.line).toBe(4002);
    // 24 + 80,000 + 15 bytes before the NUL: byte 80,040.
    expect(error.message).toBe('this is not a CSV text file (binary data at byte 80,040)');
  });

  it('reads a character cut by the 4 MiB read boundary, and finds a bad byte just after it', async () => {
    const CHUNK = 4 * 1024 * 1024;
    let text = header;
    let k = 0;
    while (text.length + 20 <= CHUNK - 2) text += row(k++);
    // A row whose 2-byte 'é' starts at byte CHUNK - 1: the read boundary falls inside it.
    const pad = CHUNK - 1 - text.length;
    const special = `${'x'.repeat(pad)}é,2024-01-02,3\n`;
    const valid = Buffer.from(`${text}${special}${row(k)}`, 'utf8');
    expect(valid[CHUNK - 1]).toBe(0xc3);
    const result = await ingestText(valid);
    expect(result.summaries.ids).toContain(`${'x'.repeat(pad)}é`);
    expect(result.quality.rowsRead).toBe(k + 2);
    // The same, with a lone continuation byte at CHUNK + 20 (in the second read).
    const bad = Buffer.concat([valid.subarray(0, CHUNK + 20), Buffer.from([0xa9]), valid.subarray(CHUNK + 20)]);
    const error = await failure(ingestText(bad));
    expect(error.message).toContain(`byte ${(CHUNK + 21).toLocaleString('en-US')} (0xA9)`);
    expect(error.location.line).toBe(k + 3);
  });

  it('knows well-formed UTF-8 from overlong forms, surrogates and cut sequences', () => {
    const at = (bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes), 0, bytes.length);
    expect(at([0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80])).toBe(10); // A é € 😀
    expect(at([0x41, 0xc0, 0xaf])).toBe(1); // overlong '/'
    expect(at([0xed, 0xa0, 0x80])).toBe(0); // a surrogate
    expect(at([0x41, 0x42, 0xe2, 0x82])).toBe(2); // cut at the end
    expect(at([0xf4, 0x90, 0x80, 0x80])).toBe(0); // above U+10FFFF
  });
});
