/**
 * Where the commands write: an output stream (stdout, stderr, or a stand-in for them) with
 * back-pressure respected, or a file written atomically (an interrupted or failed run never leaves
 * a half-written file behind, and never clobbers the previous one).
 */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { UserInputError } from '../errors.js';

/** A stream the CLI writes text to; `isTTY` and `columns` when it is a terminal. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** Write the pieces to `stream` in order, waiting for it to drain, so large outputs piped to a slow reader stay intact. */
export async function writePieces(stream: OutputStream, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (!stream.write(piece)) await once(stream, 'drain');
  }
}

function temporaryPathFor(target: string): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return path.join(dir, `.${base}.${process.pid}.${Date.now()}.tmp`);
}

async function assertDirectoryExists(target: string, option: string): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UserInputError(`the folder '${dir}' does not exist`, { field: option }, 'Create the folder first or choose another output path.');
  }
}

/**
 * Write the pieces to `target` through a temporary file in the same folder and a rename: the file
 * appears under its name only once everything was written. `option` names the command-line option
 * in an error (a missing folder).
 */
export async function writeFileAtomic(target: string, pieces: Iterable<string>, option: string): Promise<void> {
  await assertDirectoryExists(target, option);
  const tmp = temporaryPathFor(target);
  const stream = createWriteStream(tmp, { encoding: 'utf8' });
  try {
    await writePieces(stream, pieces);
    stream.end();
    await once(stream, 'finish');
    await fs.rename(tmp, target);
  } catch (err) {
    stream.destroy();
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
