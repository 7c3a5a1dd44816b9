import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_FILE_BYTES, MAX_YAML_NESTING } from '../../src/config/config-text.js';
import { loadConfigFile, loadScenario } from '../../src/config/load.js';
import { UserInputError } from '../../src/errors.js';
import { FIXTURES, located, problemsOf } from './config-problems.js';

function fileWith(content: string | Buffer, name = 'scenario.yaml'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-hostile-'));
  writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
}

async function problemsIn(content: string | Buffer): Promise<string[]> {
  const file = fileWith(content);
  return (await problemsOf(loadConfigFile(file))).map((p) => located(p).slice(path.dirname(file).length + 1));
}

async function errorOf(load: Promise<unknown>): Promise<UserInputError> {
  try {
    await load;
  } catch (err) {
    if (err instanceof UserInputError) return err;
    throw err;
  }
  throw new Error('expected the load to fail');
}

describe('hostile YAML files end in a located message', () => {
  it('a NUL byte, at its line and column', async () => {
    expect(await problemsIn('name: x\nseed: 4\0\n')).toEqual(['scenario.yaml:2:8: the file contains a NUL byte: it is binary data, not YAML text']);
  });

  it('text that is not UTF-8 (ISO 8859-1), at its line', async () => {
    const bytes = Buffer.concat([Buffer.from('name: x\nname2: M'), Buffer.from([0xfc]), Buffer.from('ller\n')]);
    expect(await problemsIn(bytes)).toEqual(['scenario.yaml:2:9: the file is not UTF-8 text']);
  });

  it(`flow collections nested more than ${MAX_YAML_NESTING} deep (yaml runs out of memory at about 10,000)`, async () => {
    const depth = 100_000;
    expect(await problemsIn(`programs: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)).toEqual([
      `scenario.yaml:1:${10 + MAX_YAML_NESTING}: mappings and lists nest more than ${MAX_YAML_NESTING} levels deep here`,
    ]);
  });

  it(`block mappings nested more than ${MAX_YAML_NESTING} deep`, async () => {
    let text = '';
    for (let level = 0; level < 1000; level++) text += `${' '.repeat(level)}a:\n`;
    expect(await problemsIn(text)).toEqual([`scenario.yaml:${MAX_YAML_NESTING + 1}:${MAX_YAML_NESTING + 1}: mappings and lists nest more than ${MAX_YAML_NESTING} levels deep here`]);
  });

  it('nesting at the limit is left to the schema', async () => {
    const depth = MAX_YAML_NESTING - 1;
    expect(await problemsIn(`name: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)).toEqual([
      "scenario.yaml:1:1: this is neither a scenario (it would have programs:) nor a program (it would have type:)",
    ]);
  });

  it('quotes and comments do not count as nesting', async () => {
    const brackets = '['.repeat(200);
    const text = `name: "${brackets}"\ndescription: '${brackets}'\n# ${brackets}\ntype: none\n`;
    expect((await loadConfigFile(fileWith(text))).kind).toBe('program');
  });

  it('the text of a block scalar does not count as nesting', async () => {
    const text = `name: x\ndescription: |\n  ${'[ { - '.repeat(100)}\n    ${'- '.repeat(100)}\n\ntype: none\n`;
    expect((await loadConfigFile(fileWith(text))).kind).toBe('program');
    const deepAfter = `description: >-\n  text\nprograms: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    expect(await problemsIn(deepAfter)).toEqual([`scenario.yaml:3:${10 + MAX_YAML_NESTING}: mappings and lists nest more than ${MAX_YAML_NESTING} levels deep here`]);
  });

  it('an alias bomb, at its first alias', async () => {
    let text = 'a: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n';
    for (let level = 1; level <= 9; level++) text += `l${level}: &l${level} [${Array(10).fill(`*l${level - 1}`).join(', ')}]\n`;
    expect(await problemsIn(text)).toEqual(['scenario.yaml:2:10: YAML aliases expand to more than 1000 values (an alias bomb)']);
  });

  it(`a file larger than ${MAX_CONFIG_FILE_BYTES} bytes is refused without reading it all`, async () => {
    const error = await errorOf(loadConfigFile(fileWith(`name: x\ndescription: ${'x'.repeat(MAX_CONFIG_FILE_BYTES)}\n`)));
    expect(error.message).toMatch(/ is larger than 1 MiB, the most a scenario or program file may be$/);
  });

  it.runIf(process.platform === 'linux')('/dev/zero: refused at the size limit', async () => {
    const error = await errorOf(loadConfigFile('/dev/zero'));
    expect(error.format()).toBe(
      "/dev/zero: '/dev/zero' is larger than 1 MiB, the most a scenario or program file may be\n  Give a scenario or program YAML file; purchase data belongs in a CSV named by data.file.",
    );
  });
});

describe('a program file where a scenario is expected', () => {
  it('says so at its type key instead of listing missing scenario keys', async () => {
    const file = path.join(FIXTURES, 'programs/good-points.yaml');
    const problems = await problemsOf(loadScenario(file));
    expect(problems.map(located)).toEqual([`${file}:2:1: this is a program file, not a scenario`]);
    expect(problems[0].hint).toBe(`Pass a scenario that lists it under programs (- file: good-points.yaml), or check it with: loyalty-sim validate ${file}`);
  });
});
