import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publishedJsonSchema } from '../../src/config/json-schema.js';
import { loadScenario } from '../../src/config/load.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const start = readme.indexOf('\n## Scenario and program files');
const end = readme.indexOf('\n## ', start + 1);
const section = readme.slice(start, end === -1 ? undefined : end);

/** Every key any object in a JSON Schema may have. */
function propertyNames(node: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => propertyNames(item, names));
  else if (node !== null && typeof node === 'object') {
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties) Object.keys(properties).forEach((name) => names.add(name));
    Object.values(node).forEach((value) => propertyNames(value, names));
  }
  return names;
}

describe('README, section "Scenario and program files"', () => {
  it('exists', () => {
    expect(start).toBeGreaterThan(-1);
  });

  it('documents every key of both file types', () => {
    const prose = section.replace(/```[\s\S]*?```/g, '');
    const documented = new Set((prose.match(/`[^`\n]+`/g) ?? []).flatMap((span) => span.match(/\w+/g) ?? []));
    const keys = [...propertyNames(publishedJsonSchema('scenario')), ...propertyNames(publishedJsonSchema('program'))];
    expect(keys.filter((key) => !documented.has(key))).toEqual([]);
  });

  it('shows an example scenario that loads', async () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-sim-readme-'));
    writeFileSync(path.join(dir, 'scenario.yaml'), example!);
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'data', 'sample-retailer.csv'), 'customer_id,date,amount\n');
    cpSync(path.join(ROOT, 'scenarios', 'programs'), path.join(dir, 'programs'), { recursive: true });
    const { scenario } = await loadScenario(path.join(dir, 'scenario.yaml'));
    expect(scenario.programs.map((p) => p.type)).toEqual(['discount', 'bonus']);
  });
});
