/**
 * The published JSON Schema of `run --json` (scenarios/report.schema.json, written by
 * scripts/report-schema.js from SimulationReport's types): committed as generated, and a standard
 * validator (ajv, strict) accepts every recorded report and a fresh one with --sensitivity, and
 * refuses a report with a renamed field, a missing required field or a string for a number.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/config/load.js';
import { renderJson } from '../../src/report/json-reporter.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/report-model.js';
import { runScenario } from '../../src/run/run-scenario.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA_FILE = path.join(ROOT, 'scenarios/report.schema.json');
const GOLDEN_FOLDER = path.join(ROOT, 'test/cli/fixtures');
/** Every recorded run report: one per bundled scenario, and the report-formats golden (with the sensitivity section). */
const GOLDENS = [
  ...readdirSync(path.join(GOLDEN_FOLDER, 'scenario-reports'))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `scenario-reports/${name}`),
  'report-formats/run-out-dir/report.json',
];

type JsonObject = { [key: string]: unknown };

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as JsonObject;
const readGolden = (name: string): JsonObject => JSON.parse(readFileSync(path.join(GOLDEN_FOLDER, name), 'utf8')) as JsonObject;

/** Every `type` keyword of the schema, with its JSON pointer. */
function typeKeywords(node: unknown, pointer = '#'): Array<{ pointer: string; type: unknown }> {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((item, index) => typeKeywords(item, `${pointer}/${index}`));
  const type = (node as JsonObject).type;
  // A keyword's value is a string or a list of them; an object under `type` is a property named so.
  const own = typeof type === 'string' || Array.isArray(type) ? [{ pointer, type }] : [];
  return [...own, ...Object.entries(node).flatMap(([key, value]) => typeKeywords(value, `${pointer}/${key}`))];
}

/** Every null in a JSON value. */
function countNulls(value: unknown): number {
  if (value === null) return 1;
  if (typeof value !== 'object') return 0;
  return Object.values(value).reduce<number>((sum, item) => sum + countNulls(item), 0);
}

function errorsOf(validate: ValidateFunction, report: unknown): ErrorObject[] {
  return validate(report) ? [] : (validate.errors ?? []);
}

describe('scenarios/report.schema.json', () => {
  it(
    'is committed exactly as scripts/report-schema.js generates it (regenerate with `npm run schemas`)',
    async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/report-schema.js')], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
      expect(stdout).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
    },
    180_000,
  );

  it('is draft-07, pins schemaVersion to REPORT_SCHEMA_VERSION and names it in $id and title', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect((schema.properties as JsonObject).schemaVersion).toMatchObject({ type: 'number', const: REPORT_SCHEMA_VERSION });
    expect(schema.$id).toBe(`urn:loyalty-sim:run-report:schema-version:${REPORT_SCHEMA_VERSION}`);
    expect(schema.title).toContain(`schemaVersion ${REPORT_SCHEMA_VERSION}`);
    expect(schema.description).toContain('Every number may be null');
  });

  it('lets every number be null, as the JSON writer writes NaN and infinities, and nothing else', () => {
    const types = typeKeywords(schema);
    const numbers = types.filter(({ type }) => [type].flat().includes('number'));
    // schemaVersion is a const, so its null is refused whatever its type says.
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers.filter(({ type, pointer }) => !(Array.isArray(type) && type.includes('null')) && pointer !== '#/properties/schemaVersion')).toEqual([]);
    expect(types.filter(({ type }) => [type].flat().includes('null') && ![type].flat().includes('number'))).toEqual([]);
  });
});

describe('a report validated against the schema with ajv (strict)', () => {
  // allowUnionTypes: strict mode otherwise refuses type: ["number", "null"].
  const validate = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
  let fresh: JsonObject;

  beforeAll(async () => {
    const report = await runScenario(await loadScenario(path.join(ROOT, 'scenarios/airline-tiers.yaml')), { iterations: 20, seed: 7, workers: 1, sensitivity: true });
    fresh = JSON.parse(renderJson(report)) as JsonObject;
  }, 180_000);

  it('accepts every recorded scenario report, nulls included', () => {
    expect(GOLDENS.length).toBeGreaterThanOrEqual(9);
    for (const name of GOLDENS) expect({ name, errors: errorsOf(validate, readGolden(name)) }).toEqual({ name, errors: [] });
    // The recorded reports write some figures as null (e.g. a break-even no value reaches).
    expect(GOLDENS.map((name) => countNulls(readGolden(name))).every((nulls) => nulls > 0)).toBe(true);
  });

  it('accepts a fresh report with the sensitivity section', () => {
    expect(fresh.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(fresh.sensitivity).toMatchObject({ tornado: expect.any(Array), decision: expect.any(Object) });
    expect(errorsOf(validate, fresh)).toEqual([]);
  });

  it('refuses a renamed field: the objects are closed', () => {
    const { horizonDays, ...rest } = fresh;
    const errors = errorsOf(validate, { ...rest, horizonDay: horizonDays });
    expect(errors).toContainEqual(expect.objectContaining({ instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'horizonDay' } }));
    expect(errors).toContainEqual(expect.objectContaining({ instancePath: '', keyword: 'required', params: { missingProperty: 'horizonDays' } }));
  });

  it('refuses a report whose program lacks a required field', () => {
    const programs = structuredClone(fresh.programs) as JsonObject[];
    delete programs[0].breakEven;
    expect(errorsOf(validate, { ...fresh, programs })).toEqual([
      expect.objectContaining({ instancePath: '/programs/0', keyword: 'required', params: { missingProperty: 'breakEven' } }),
    ]);
  });

  it('refuses a string where a number belongs', () => {
    const baseline = structuredClone(fresh.baseline) as { revenue: { mean: unknown } };
    baseline.revenue.mean = String(baseline.revenue.mean);
    expect(errorsOf(validate, { ...fresh, baseline })).toEqual([
      expect.objectContaining({ instancePath: '/baseline/revenue/mean', keyword: 'type', params: { type: ['number', 'null'] } }),
    ]);
  });

  it('refuses another schemaVersion', () => {
    expect(errorsOf(validate, { ...fresh, schemaVersion: REPORT_SCHEMA_VERSION + 1 })).toEqual([
      expect.objectContaining({ instancePath: '/schemaVersion', keyword: 'const', params: { allowedValue: REPORT_SCHEMA_VERSION } }),
    ]);
  });
});

describe('README, section "The JSON report"', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### The JSON report\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  /** The table's rows: the names in backticks of its first column, and its second column. */
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [fields, holds] = line.slice(1, -1).trim().split(' | ');
      return { fields: [...fields.matchAll(/`(\w+)(\[\])?`/g)].map((match) => match[1]), holds };
    });
  const definitions = schema.definitions as Record<string, { properties: JsonObject }>;

  it('lists every top-level field of the report, in the schema and nothing else', () => {
    expect(start).toBeGreaterThan(-1);
    expect(rows.flatMap((row) => row.fields).sort()).toEqual(Object.keys(schema.properties as JsonObject).sort());
  });

  it("names every field of a program and the schema's version", () => {
    const programs = rows.find((row) => row.fields.includes('programs'))!;
    expect([...programs.holds.matchAll(/`(\w+)`/g)].map((match) => match[1]).sort()).toEqual(Object.keys(definitions.ProgramReport.properties).sort());
    expect(rows.find((row) => row.fields.includes('schemaVersion'))!.holds).toBe(`the report's schema version, today ${REPORT_SCHEMA_VERSION}`);
  });
});
