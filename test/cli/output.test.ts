/**
 * openOutputFile (src/cli/output.ts): a file is written beside its target and appears under its
 * name only on commit; a file written over keeps its permissions, a symbolic link stays a link;
 * the temporary file is gone after a discard or removeTemporaryFilesSync (what the launcher calls
 * on a signal).
 */
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openOutputFile, removeTemporaryFilesSync, writeFileAtomic } from '../../src/cli/output.js';

const folders: string[] = [];
function freshFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-output-unit-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('openOutputFile', () => {
  it('leaves the previous file as it was until commit, then replaces it, keeping its permissions', async () => {
    const dir = freshFolder();
    const target = path.join(dir, 'report.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    const out = await openOutputFile(target, '--out');
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(new RegExp(`^\\.report\\.json\\.${process.pid}\\.\\d+\\.tmp$`));
    expect(readFileSync(target, 'utf8')).toBe('old');
    await out.commit(['new ', 'content']);
    expect(readFileSync(target, 'utf8')).toBe('new content');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes through a symbolic link to a file and keeps the link', async () => {
    const dir = freshFolder();
    writeFileSync(path.join(dir, 'real.csv'), 'old');
    symlinkSync('real.csv', path.join(dir, 'link.csv'));
    await writeFileAtomic(path.join(dir, 'link.csv'), ['a,b\n'], '--out');
    expect(lstatSync(path.join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'link.csv'))).toBe('real.csv');
    expect(readFileSync(path.join(dir, 'real.csv'), 'utf8')).toBe('a,b\n');
  });

  it('a discard or removeTemporaryFilesSync leaves the folder as it was', async () => {
    const dir = freshFolder();
    writeFileSync(path.join(dir, 'kept.txt'), 'kept');
    const discarded = await openOutputFile(path.join(dir, 'a.csv'), '--out');
    await discarded.discard();
    expect(readdirSync(dir)).toEqual(['kept.txt']);
    await openOutputFile(path.join(dir, 'b.csv'), '--out');
    await openOutputFile(path.join(dir, 'kept.txt'), '--out');
    expect(readdirSync(dir)).toHaveLength(3);
    removeTemporaryFilesSync();
    expect(readdirSync(dir)).toEqual(['kept.txt']);
    expect(readFileSync(path.join(dir, 'kept.txt'), 'utf8')).toBe('kept');
  });

  it('refuses an input given by another spelling of its path before creating anything', async () => {
    const dir = freshFolder();
    writeFileSync(path.join(dir, 'in.csv'), 'x');
    await expect(openOutputFile(path.join(dir, 'sub', '..', 'in.csv'), '--customers-out', [path.join(dir, 'in.csv')])).rejects.toThrow(
      /is the input file '.*in\.csv': writing there would overwrite it/,
    );
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });
});
