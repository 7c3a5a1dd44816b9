/**
 * Output helpers shared by the commands: atomic file writes (an interrupted or failed run never
 * leaves a half-written file behind, and never clobbers the previous one) and stdout writes that
 * respect back-pressure.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { UserInputError } from '../errors.js';

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

/** Write `content` to `target` via a temporary file in the same folder and a rename. */
export async function writeFileAtomic(target: string, content: string, option = 'output'): Promise<void> {
  await assertDirectoryExists(target, option);
  const tmp = temporaryPathFor(target);
  try {
    await fs.writeFile(tmp, content, 'utf8');
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Stream many lines to `target` atomically: `writeLines` receives a `write` function that honours
 * back-pressure; the file appears under its name only once everything was written.
 */
export async function writeLinesAtomic(
  target: string,
  writeLines: (write: (chunk: string) => Promise<void>) => Promise<void>,
  option = 'output',
): Promise<void> {
  await assertDirectoryExists(target, option);
  const tmp = temporaryPathFor(target);
  const stream = createWriteStream(tmp, { encoding: 'utf8' });
  const write = async (chunk: string): Promise<void> => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  try {
    await writeLines(write);
    stream.end();
    await once(stream, 'finish');
    await fs.rename(tmp, target);
  } catch (err) {
    stream.destroy();
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** Write to stdout and wait for it to drain, so large outputs piped to a slow reader stay intact. */
export async function writeStdout(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}
