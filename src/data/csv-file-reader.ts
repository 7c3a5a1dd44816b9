/**
 * Reading a CSV input record by record, once, as a stream: a regular file, a pipe
 * (`summarize <(cat in.csv)`, `/dev/stdin`), a FIFO or a character device. Chunks of 4 MiB go
 * through one reused buffer, so memory stays at the buffer size whatever the input size; a record
 * cut by a chunk boundary is moved to the front of the buffer and completed by the next read.
 * Nothing is read twice and no read is positioned, so inputs that cannot seek work too.
 *
 * The first bytes (up to the end of the first line, at least what the first read returned) are
 * handed to `setUp`, which decides the dialect (delimiter, byte-order mark) before any record is
 * tokenized.
 *
 * Every byte is checked to be UTF-8 text before it is tokenized: a NUL byte or a byte sequence that
 * is not UTF-8, anywhere in the input, is a UserInputError naming the line and the byte offset.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { UserInputError } from '../errors.js';
import { CsvTokenizer, type RecordHandler } from './csv-tokenizer.js';
import { assertLooksLikeText, byteOrderMarkLength, detectDelimiter } from './csv-dialect.js';

const CHUNK_BYTES = 4 * 1024 * 1024;
/** A record longer than this is almost surely a quote that is never closed. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** The first bytes of an input are waited for until this size or the end of the first line. */
const HEAD_BYTES = 64 * 1024;
/** When an input gives no data for this long (a FIFO nobody writes to), `onWaiting` is called once. */
export const WAITING_NOTICE_MS = 2000;

const LF = 10;

/** What the reader needs from the caller once the first bytes are known. */
export interface CsvReadSetup {
  tokenizer: CsvTokenizer;
  /** Bytes to skip at the start (a byte-order mark). */
  skipBytes: number;
}

export interface CsvReadOptions {
  /** Called once when the input has given no data for WAITING_NOTICE_MS (a FIFO without a writer). */
  onWaiting?: () => void;
}

/** How the input turned out to be. */
export interface CsvInputInfo {
  /** A regular file (it can be read again); false for pipes, FIFOs and devices. */
  isRegularFile: boolean;
  /** Bytes read. */
  bytes: number;
}

/** A failed open or read as the user's error, naming the file. */
function inputError(err: unknown, file: string): unknown {
  if (err instanceof UserInputError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return err;
  switch (code) {
    case 'ENOENT':
      return new UserInputError('no such file', { file }, 'Check the path of the purchase-history CSV file.');
    case 'EACCES':
    case 'EPERM':
      return new UserInputError('permission denied', { file }, 'Check that you may read the file (ls -l), or copy it somewhere you can.');
    case 'EISDIR':
      return new UserInputError('is a folder, not a CSV file', { file }, 'Give the path of the purchase-history CSV file.');
    case 'ELOOP':
      return new UserInputError('the path is a loop of symbolic links', { file }, 'Point the link at the CSV file itself.');
    case 'ENAMETOOLONG':
      return new UserInputError('the file name is too long for the file system', { file }, 'Use a shorter path (move or rename the file).');
    case 'ENOTDIR':
      return new UserInputError('a part of the path is a file, not a folder', { file }, 'Check the path of the purchase-history CSV file.');
    default:
      return new UserInputError(`cannot be read (${code}: ${(err as Error).message})`, { file }, 'Check the file and the device it is on.');
  }
}

/** Open an input for reading; call `onWaiting` if opening and the first bytes take longer than WAITING_NOTICE_MS. */
async function openInput(file: string): Promise<{ handle: FileHandle; isRegularFile: boolean }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw inputError(err, file);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new UserInputError('is a folder, not a CSV file', { file }, 'Give the path of the purchase-history CSV file.');
    return { handle, isRegularFile: stat.isFile() };
  } catch (err) {
    await handle.close();
    throw inputError(err, file);
  }
}

/**
 * Read the whole input once, handing the first bytes to `setUp` (which returns the tokenizer and
 * the bytes to skip) and every record, the header included, to `onRecord`. Errors thrown by
 * `setUp` or `onRecord` end the read and are passed on.
 */
export async function readCsvRecords(
  file: string,
  setUp: (head: Buffer, input: CsvInputInfo) => CsvReadSetup,
  onRecord: RecordHandler,
  options: CsvReadOptions = {},
): Promise<CsvInputInfo> {
  let waiting: NodeJS.Timeout | undefined;
  if (options.onWaiting) {
    const onWaiting = options.onWaiting;
    waiting = setTimeout(() => onWaiting(), WAITING_NOTICE_MS);
    waiting.unref();
  }
  const stopWaiting = (): void => {
    if (waiting !== undefined) clearTimeout(waiting);
    waiting = undefined;
  };
  let input: { handle: FileHandle; isRegularFile: boolean };
  try {
    input = await openInput(file);
  } catch (err) {
    stopWaiting();
    throw err;
  }
  const { handle } = input;
  const text = new TextCheck(file);
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let atEnd = false;
    const readMore = async (): Promise<void> => {
      if (filled === buffer.length) {
        // The unconsumed record fills the whole buffer: make room for a longer record.
        if (buffer.length >= MAX_RECORD_BYTES) {
          throw new UserInputError(
            `a record starting here is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB`,
            { file, line: tokenizer?.nextLine ?? 1 },
            'Is a quote (") never closed? A quoted field runs until the next quote.',
          );
        }
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null));
      } catch (err) {
        throw inputError(err, file);
      }
      stopWaiting();
      filled += bytesRead;
      atEnd = bytesRead === 0;
    };

    // The head: until the end of the first line, HEAD_BYTES, or the end of the input.
    let tokenizer: CsvTokenizer | undefined;
    do await readMore();
    while (!atEnd && filled < HEAD_BYTES && buffer.indexOf(LF) < 0);
    const setup = setUp(buffer.subarray(0, filled), { isRegularFile: input.isRegularFile, bytes: filled });
    tokenizer = setup.tokenizer;
    let start = setup.skipBytes;
    text.skip(start);

    for (;;) {
      // Check the text up to the last line feed (whole characters; the rest is checked when complete).
      const checkEnd = atEnd ? filled : buffer.lastIndexOf(LF, filled - 1) + 1;
      text.check(buffer, start, checkEnd, tokenizer.nextLine);
      const consumed = tokenizer.tokenize(buffer, start, filled, atEnd, onRecord);
      if (atEnd) return { isRegularFile: input.isRegularFile, bytes: text.offset(filled) };
      // Keep the incomplete record for the next read.
      buffer.copy(buffer, 0, consumed, filled);
      text.shift(consumed);
      filled -= consumed;
      start = 0;
      await readMore();
    }
  } finally {
    stopWaiting();
    await handle.close();
  }
}

/**
 * The UTF-8 check of the bytes that stream by: which bytes of the buffer are checked already, and
 * the input offset of the buffer's first byte.
 */
class TextCheck {
  /** Input offset of buffer[0]. */
  private base = 0;
  /** Buffer bytes before this are checked. */
  private checkedTo = 0;

  constructor(private readonly file: string) {}

  /** The first `bytes` of the input are a byte-order mark. */
  skip(bytes: number): void {
    this.checkedTo = bytes;
  }

  /** The input offset of buffer position `at`. */
  offset(at: number): number {
    return this.base + at;
  }

  /** The first `consumed` buffer bytes were dropped (the buffer now starts with the next record). */
  shift(consumed: number): void {
    this.base += consumed;
    this.checkedTo = Math.max(0, this.checkedTo - consumed);
  }

  /**
   * Check buffer[from, to) where not checked yet; `lineAtFrom` is the line number of buffer[from]
   * (the tokenizer's next line: `from` is where its next record starts).
   */
  check(buffer: Buffer, from: number, to: number, lineAtFrom: number): void {
    const start = Math.max(from, this.checkedTo);
    if (to <= start) return;
    const nul = buffer.indexOf(0, start);
    const nulAt = nul >= 0 && nul < to ? nul : -1;
    const end = nulAt >= 0 ? nulAt : to;
    if (!isUtf8(buffer.subarray(start, end))) {
      const bad = firstInvalidUtf8(buffer, start, end);
      throw new UserInputError(
        `the file is not UTF-8 text: byte ${formatOffset(this.base + bad + 1)} (0x${buffer[bad].toString(16).toUpperCase().padStart(2, '0')}) is not UTF-8; it is probably in a Windows or ISO 8859 code page`,
        { file: this.file, line: lineAtFrom + countLineFeeds(buffer, from, bad) },
        'Save it as "CSV UTF-8" (Excel) or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv.',
      );
    }
    if (nulAt >= 0) {
      throw new UserInputError(
        `this is not a CSV text file (binary data at byte ${formatOffset(this.base + nulAt + 1)})`,
        { file: this.file, line: lineAtFrom + countLineFeeds(buffer, from, nulAt) },
        'Export the purchase history as CSV (comma, semicolon or tab separated) in UTF-8; spreadsheets (.xlsx) and archives cannot be read, and text files hold no NUL bytes.',
      );
    }
    this.checkedTo = to;
  }
}

function formatOffset(offset: number): string {
  return offset.toLocaleString('en-US');
}

function countLineFeeds(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let p = from; p < to; p++) if (bytes[p] === LF) count++;
  return count;
}

/**
 * Offset of the first byte in bytes[from, to) that does not belong to a well-formed UTF-8 sequence
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF); `to` when all are.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from: number, to: number): number {
  let p = from;
  while (p < to) {
    const b = bytes[p];
    if (b < 0x80) {
      p++;
      continue;
    }
    let length: number;
    let min: number;
    let max: number;
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      min = 0x80;
      max = 0xbf;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      min = b === 0xe0 ? 0xa0 : 0x80;
      max = b === 0xed ? 0x9f : 0xbf;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      min = b === 0xf0 ? 0x90 : 0x80;
      max = b === 0xf4 ? 0x8f : 0xbf;
    } else {
      return p;
    }
    if (p + length > to) return p;
    if (bytes[p + 1] < min || bytes[p + 1] > max) return p;
    for (let k = 2; k < length; k++) if (bytes[p + k] < 0x80 || bytes[p + k] > 0xbf) return p;
    p += length;
  }
  return to;
}

/**
 * The setup of a small table read whole (a ledger, a members list): an empty file refused with
 * `emptyHint`, a binary file refused, the byte-order mark skipped and the delimiter detected
 * (unless given). `onTokenizer` receives the tokenizer the records are then read with.
 */
export function smallCsvSetup(file: string, emptyHint: string, onTokenizer: (tokenizer: CsvTokenizer) => void, delimiter?: string): (head: Buffer) => CsvReadSetup {
  return (head) => {
    const skipBytes = byteOrderMarkLength(head);
    if (head.subarray(skipBytes).toString('utf8').trim() === '') throw new UserInputError('the file is empty', { file }, emptyHint);
    assertLooksLikeText(head, file);
    const tokenizer = new CsvTokenizer((delimiter ?? detectDelimiter(head, skipBytes)).charCodeAt(0));
    onTokenizer(tokenizer);
    return { tokenizer, skipBytes };
  };
}
