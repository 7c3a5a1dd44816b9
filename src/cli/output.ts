/**
 * Where the commands write: an output stream (stdout, stderr, or a stand-in for them) with
 * back-pressure respected, or a file written atomically: an interrupted or failed run never leaves
 * a half-written file behind, never clobbers the previous one, and never writes over one of the
 * files the command read.
 */
import { promises as fs, unlinkSync, write as writeToDescriptor, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { fileSystemError, isFileSystemError, UserInputError } from '../errors.js';

/** A stream the CLI writes text to; `isTTY` and `columns` when it is a terminal. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** Write the pieces to `stream` in order, waiting for it to drain, so large outputs piped to a slow reader stay intact. */
export async function writePieces(stream: OutputStream, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (!stream.write(piece)) await once(stream, 'drain');
  }
}

/**
 * The temporary files being written in this process. The launcher (bin/loyalty-sim.js) removes
 * them when the process is interrupted (SIGINT, SIGTERM) or exits before they were put in place.
 */
const temporaryFiles = new Set<string>();
let temporaryFileCount = 0;

/** Remove every temporary file still being written; synchronous, for signal and exit handlers. */
export function removeTemporaryFilesSync(): void {
  for (const file of temporaryFiles) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone (renamed into place or removed): nothing to do.
    }
  }
  temporaryFiles.clear();
}

/** A file a command writes, opened before the command's work so a path that cannot be written fails at once. */
export interface OutputFile {
  /** The path as the user gave it. */
  readonly path: string;
  /** Write the pieces and put the file in place (under its name only once everything was written). */
  commit(pieces: Iterable<string>): Promise<void>;
  /** Give up: remove the temporary file (nothing happens after commit). */
  discard(): Promise<void>;
}

async function statOrUndefined(file: string, follow: boolean): Promise<Stats | undefined> {
  try {
    return follow ? await fs.stat(file) : await fs.lstat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Refuse `target` when it is one of `inputs` (the files the command read), however the path is
 * spelled: the same path once resolved (`x/../s.yaml`, an absolute path), or the same device and
 * inode (a hard link, a symbolic link).
 */
async function assertNotAnInput(target: string, resolved: string, stat: Stats | undefined, inputs: readonly string[], option: string): Promise<void> {
  for (const input of inputs) {
    const inputPath = path.resolve(input);
    let same = inputPath === path.resolve(target) || inputPath === resolved;
    if (!same && stat?.isFile()) {
      const inputStat = await statOrUndefined(inputPath, true).catch(() => undefined);
      same = inputStat !== undefined && inputStat.dev === stat.dev && inputStat.ino === stat.ino;
    }
    if (same) {
      const relative = path.relative(process.cwd(), inputPath);
      const shown = path.isAbsolute(input) && !relative.startsWith('..') ? relative : input;
      throw new UserInputError(
        `'${target}' is the input file '${shown}': writing there would overwrite it`,
        { field: option },
        'Give another file name for the output.',
      );
    }
  }
}

/** The descriptor `/dev/stdout`, `/dev/stderr`, `/dev/fd/3` or `/proc/self/fd/1` names in this process, else undefined. */
function descriptorOf(resolved: string): number | undefined {
  if (resolved === '/dev/stdout') return 1;
  if (resolved === '/dev/stderr') return 2;
  const match = /^\/dev\/fd\/(\d+)$|^\/proc\/(self|\d+)\/fd\/(\d+)$/.exec(resolved);
  if (match === null || (match[2] !== undefined && match[2] !== 'self' && Number(match[2]) !== process.pid)) return undefined;
  return Number(match[1] ?? match[3]);
}

/**
 * Where `target` is and what it is if it exists, checked to be a writable place for a file.
 * `direct`: an existing device, FIFO or socket, or a file descriptor's path (`/dev/stdout`), is
 * written as it is; anything else is written through a temporary file renamed onto `resolved`
 * (its symbolic links followed, so a link stays a link).
 */
async function locateTarget(target: string, option: string): Promise<{ resolved: string; stat: Stats | undefined; direct: boolean }> {
  if (target.trim() === '') {
    throw new UserInputError('the file name is empty', { field: option }, `Give the name of the file to write, e.g. ${option} report.json.`);
  }
  try {
    let resolved = path.resolve(target);
    const link = await statOrUndefined(resolved, false);
    const stat = link?.isSymbolicLink() ? await fs.stat(resolved) : link;
    if (stat?.isDirectory()) {
      throw new UserInputError(`'${target}' is a folder`, { field: option }, `Give the path of a file, e.g. ${path.join(target, 'report.json')}.`);
    }
    const direct = stat !== undefined && (!stat.isFile() || descriptorOf(resolved) !== undefined);
    if (stat === undefined) {
      const dir = path.dirname(resolved);
      const dirStat = await statOrUndefined(dir, true);
      if (dirStat === undefined) {
        throw new UserInputError(`the folder '${dir}' does not exist`, { field: option }, 'Create the folder first or choose another output path.');
      }
      if (!dirStat.isDirectory()) {
        throw new UserInputError(`'${dir}' is a file, not a folder`, { field: option }, 'Check the folders in the output path.');
      }
    } else if (!direct && link!.isSymbolicLink()) {
      resolved = await fs.realpath(resolved);
    }
    return { resolved, stat, direct };
  } catch (err) {
    if (isFileSystemError(err)) throw fileSystemError(err, target, 'write', option);
    throw err;
  }
}

/** Writes up to `length` bytes of `bytes` from `offset`, resolving to the number written. */
type WriteBytes = (bytes: Buffer, offset: number, length: number) => Promise<number>;

const writeToHandle =
  (handle: fs.FileHandle): WriteBytes =>
  async (bytes, offset, length) =>
    (await handle.write(bytes, offset, length)).bytesWritten;

const writeFileDescriptor = promisify(writeToDescriptor);

/** Write to a descriptor this process was given (it may be a non-blocking pipe or socket: wait while it is full). */
const writeToFd =
  (fd: number): WriteBytes =>
  async (bytes, offset, length) => {
    for (;;) {
      try {
        return (await writeFileDescriptor(fd, bytes, offset, length)).bytesWritten;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  };

/** Write all of `text`. */
async function writeAll(write: WriteBytes, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += await write(bytes, offset, bytes.length - offset);
}

/** Write the pieces in chunks of about 1 MiB: few system calls, and the event loop (signals) gets a turn between them. */
async function writeChunks(write: WriteBytes, pieces: Iterable<string>): Promise<void> {
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= 1 << 20) {
      await writeAll(write, chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) await writeAll(write, chunk);
}

/**
 * Open `target` for writing. `option` names the command-line option in messages; `inputs` are the
 * files the command reads, which the output may not be. A regular file (or a new one) is written
 * to a temporary file in the same folder and renamed into place by commit(); a device or a FIFO
 * (`/dev/null`) or a file descriptor's path (`/dev/stdout`: to the descriptor as it is, a pipe or
 * a file opened by `>>`) is written directly. Every fault (a folder, a missing folder, no
 * permission, a full disk, a link loop, a name too long) is a UserInputError naming the option.
 */
export async function openOutputFile(target: string, option: string, inputs: readonly string[] = []): Promise<OutputFile> {
  const { resolved, stat, direct } = await locateTarget(target, option);
  await assertNotAnInput(target, resolved, stat, inputs, option);
  const fault = (err: unknown) => (isFileSystemError(err) ? fileSystemError(err, target, 'write', option) : err);

  const descriptor = descriptorOf(resolved);
  if (direct && descriptor !== undefined) {
    // The descriptor as it is (a pipe, a socket, a file opened by `>>`), left open for the process.
    return {
      path: target,
      async commit(pieces) {
        try {
          await writeChunks(writeToFd(descriptor), pieces);
        } catch (err) {
          throw fault(err);
        }
      },
      discard: async () => {},
    };
  }
  if (direct) {
    const handle = await fs.open(resolved, 'w').catch((err) => Promise.reject(fault(err)));
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    };
    return {
      path: target,
      async commit(pieces) {
        try {
          await writeChunks(writeToHandle(handle), pieces);
          await close();
        } catch (err) {
          await close().catch(() => {});
          throw fault(err);
        }
      },
      discard: () => close().catch(() => {}),
    };
  }

  const base = path.basename(resolved);
  const temporary = path.join(path.dirname(resolved), `.${base.slice(0, 100)}.${process.pid}.${++temporaryFileCount}.tmp`);
  temporaryFiles.add(temporary);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temporary, 'wx');
    // A file written over keeps its permissions.
    if (stat !== undefined) await handle.chmod(stat.mode & 0o7777);
  } catch (err) {
    temporaryFiles.delete(temporary);
    await fs.rm(temporary, { force: true }).catch(() => {});
    throw fault(err);
  }
  let settled = false;
  const discard = async () => {
    if (settled) return;
    settled = true;
    await handle.close().catch(() => {});
    await fs.rm(temporary, { force: true }).catch(() => {});
    temporaryFiles.delete(temporary);
  };
  return {
    path: target,
    async commit(pieces) {
      if (settled) throw new Error(`the output file '${target}' was already written or discarded`);
      try {
        await writeChunks(writeToHandle(handle), pieces);
        await handle.close();
        await fs.rename(temporary, resolved);
        settled = true;
        temporaryFiles.delete(temporary);
      } catch (err) {
        await discard();
        throw fault(err);
      }
    },
    discard,
  };
}

/**
 * Write `pieces` to the file `target` atomically (see openOutputFile), refusing it when it is one of
 * `inputs`. For commands that have the whole output at hand when they open the file.
 */
export async function writeFileAtomic(target: string, pieces: Iterable<string>, option: string, inputs: readonly string[] = []): Promise<void> {
  const file = await openOutputFile(target, option, inputs);
  try {
    await file.commit(pieces);
  } finally {
    await file.discard();
  }
}
