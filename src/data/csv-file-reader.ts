/**
 * Reading a CSV file record by record in large chunks through one reused buffer: memory stays
 * at the buffer size whatever the file size. A record cut by a chunk boundary is moved to the
 * front of the buffer and completed by the next read.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { UserInputError } from '../errors.js';
import { CsvTokenizer, type RecordHandler } from './csv-tokenizer.js';

const CHUNK_BYTES = 4 * 1024 * 1024;
/** A record longer than this is almost surely a quote that is never closed. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Open a file for reading; a missing or unreadable file is the user's error. */
async function openForReading(file: string): Promise<FileHandle> {
  try {
    const handle = await open(file, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      await handle.close();
      throw new UserInputError('is a folder, not a CSV file', { file }, 'Give the path of the purchase-history CSV file.');
    }
    return handle;
  } catch (err) {
    if (err instanceof UserInputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserInputError('no such file', { file }, 'Check the path of the purchase-history CSV file.');
    if (code === 'EACCES' || code === 'EPERM') throw new UserInputError('permission denied', { file });
    if (code === 'EISDIR') throw new UserInputError('is a folder, not a CSV file', { file });
    throw err;
  }
}

/** The first `length` bytes of a file (fewer if the file is shorter). */
export async function readFileHead(file: string, length: number): Promise<Buffer> {
  const handle = await openForReading(file);
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Tokenize the whole file from byte `skipBytes` (a byte-order mark) and call `onRecord` for every
 * record, the header included. Errors thrown by `onRecord` end the read and are passed on.
 */
export async function readCsvRecords(file: string, tokenizer: CsvTokenizer, skipBytes: number, onRecord: RecordHandler): Promise<void> {
  const handle = await openForReading(file);
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let position = skipBytes;
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        // The unconsumed record fills the whole buffer: make room for a longer record.
        if (buffer.length >= MAX_RECORD_BYTES) {
          throw new UserInputError(
            `a record starting here is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB`,
            { file, line: tokenizer.nextLine },
            'Is a quote (") never closed? A quoted field runs until the next quote.',
          );
        }
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
      position += bytesRead;
      filled += bytesRead;
      const atEnd = bytesRead === 0;
      const consumed = tokenizer.tokenize(buffer, 0, filled, atEnd, onRecord);
      if (atEnd) return;
      // Keep the incomplete record for the next read.
      buffer.copy(buffer, 0, consumed, filled);
      filled -= consumed;
    }
  } finally {
    await handle.close();
  }
}
