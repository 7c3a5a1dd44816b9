import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { publishedJsonSchema, publishedJsonSchemaText } from '../../src/config/json-schema.js';

const root = new URL('../../', import.meta.url);
const read = (relative: string) => readFileSync(new URL(relative, root), 'utf8');
const readYaml = (relative: string): unknown => parse(read(relative));

describe('the published JSON Schemas', () => {
  it('are committed exactly as generated (regenerate with `npm run schemas`)', () => {
    expect(read('scenarios/scenario.schema.json')).toBe(publishedJsonSchemaText('scenario'));
    expect(read('scenarios/program.schema.json')).toBe(publishedJsonSchemaText('program'));
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const scenarioValidator = ajv.compile(publishedJsonSchema('scenario'));
  const programValidator = new Ajv2020({ allErrors: true, strict: false }).compile(publishedJsonSchema('program'));

  it('accept every shipped scenario and program file in a standard validator', () => {
    for (const file of ['scenarios/default.yaml', 'scenarios/population-only.yaml', 'scenarios/rail-card.yaml', 'test/config/fixtures/with-data.yaml']) {
      expect({ file, valid: scenarioValidator(readYaml(file)), errors: scenarioValidator.errors ?? null }).toEqual({ file, valid: true, errors: null });
    }
    for (const file of ['scenarios/programs/discount-5.yaml', 'scenarios/programs/points-5.yaml', 'test/config/fixtures/programs/good-points.yaml']) {
      expect({ file, valid: programValidator(readYaml(file)), errors: programValidator.errors ?? null }).toEqual({ file, valid: true, errors: null });
    }
  });

  it('reject what JSON Schema can express: unknown keys, wrong types, values out of range', () => {
    for (const file of ['unknown-key.yaml', 'wrong-type.yaml', 'negative-rate.yaml']) {
      expect(scenarioValidator(readYaml(`test/config/fixtures/${file}`))).toBe(false);
    }
    expect(programValidator(readYaml('test/config/fixtures/programs/bad-share.yaml'))).toBe(false);
  });
});
