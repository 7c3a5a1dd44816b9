/**
 * Writes on stdout the JSON Schema (draft-07) of the report `loyalty-sim run --json` writes,
 * derived from its TypeScript type SimulationReport (src/report/report-model.ts) by
 * ts-json-schema-generator; `npm run schemas` commits it as scenarios/report.schema.json.
 *
 * The generated schema is then made to say what the JSON writer (src/report/json-writer.ts)
 * really writes:
 * - every number may be null (the writer writes NaN and +-Infinity as null);
 * - schemaVersion is the constant REPORT_SCHEMA_VERSION, read from report-model.ts;
 * - the root carries $id, title and a description naming the report and its schema version.
 * Objects stay closed (additionalProperties: false) and the JSDoc comments stay as descriptions,
 * as the generator writes them. The output is deterministic: the generator's key order (the
 * types' declaration order), two-space indentation and a final newline.
 *
 * Usage: node scripts/report-schema.js > scenarios/report.schema.json
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFormatter, createParser, createProgram, DEFAULT_CONFIG, SchemaGenerator } from 'ts-json-schema-generator';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT_MODEL = path.join(ROOT, 'src/report/report-model.ts');
const REPORT_TYPE = 'SimulationReport';
const VERSION_CONSTANT = 'REPORT_SCHEMA_VERSION';

const NULL_NUMBERS =
  'Every number may be null: the JSON writer writes a figure that is not finite (NaN, +-Infinity: it does not apply or is unknown) as null.';

/** Keywords whose value is one subschema, a list of them, or a map of name to subschema. */
const SUBSCHEMA = new Set(['items', 'additionalProperties', 'not']);
const SUBSCHEMA_LISTS = new Set(['anyOf', 'allOf', 'oneOf']);
const SUBSCHEMA_MAPS = new Set(['properties', 'definitions']);
/** Keywords whose value holds no subschema. */
const LEAF_KEYWORDS = new Set(['$schema', '$ref', 'type', 'required', 'description', 'enum', 'const', 'minItems', 'maxItems']);

/** The value of the exported numeric constant `name` of `file`, as the type checker knows it. */
function numericConstant(program, file, name) {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((candidate) => candidate.getName() === name);
  const type = symbol && checker.getTypeOfSymbol(symbol);
  if (type === undefined || !type.isNumberLiteral()) throw new Error(`${path.relative(ROOT, file)} exports no numeric constant ${name}`);
  return type.value;
}

/** `type` with null added when it admits a number. */
function withNullForNumbers(type) {
  const types = Array.isArray(type) ? type : [type];
  if (!types.some((t) => t === 'number' || t === 'integer') || types.includes('null')) return type;
  return [...types, 'null'];
}

/**
 * A copy of `schema` in which every number may also be null. Throws on a keyword it does not know
 * (it could hold a number schema left unchanged) and on a number given by enum or const.
 */
function allowNullNumbers(schema, where) {
  const copy = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (SUBSCHEMA.has(keyword)) {
      copy[keyword] = typeof value === 'boolean' ? value : allowNullNumbers(value, `${where}/${keyword}`);
    } else if (SUBSCHEMA_LISTS.has(keyword)) {
      copy[keyword] = value.map((item, index) => allowNullNumbers(item, `${where}/${keyword}/${index}`));
    } else if (SUBSCHEMA_MAPS.has(keyword)) {
      copy[keyword] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, allowNullNumbers(item, `${where}/${keyword}/${name}`)]));
    } else if (keyword === 'type') {
      copy[keyword] = withNullForNumbers(value);
    } else if (LEAF_KEYWORDS.has(keyword)) {
      const values = keyword === 'enum' ? value : keyword === 'const' ? [value] : [];
      if (values.some((v) => typeof v === 'number')) throw new Error(`${where}: a number given by ${keyword}, which the writer may write as null`);
      copy[keyword] = value;
    } else {
      throw new Error(`${where}: keyword '${keyword}' is not handled by scripts/report-schema.js`);
    }
  }
  return copy;
}

/** The published schema of `run --json`'s report, as an object. */
export function reportJsonSchema() {
  const config = { ...DEFAULT_CONFIG, path: REPORT_MODEL, tsconfig: path.join(ROOT, 'tsconfig.json'), type: REPORT_TYPE, topRef: false };
  const program = createProgram(config);
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const version = numericConstant(program, REPORT_MODEL, VERSION_CONSTANT);
  const { $schema, definitions, description: typeDescription, ...report } = allowNullNumbers(generator.createSchema(REPORT_TYPE), '#');
  const { schemaVersion, ...fields } = report.properties;
  if (schemaVersion === undefined) throw new Error(`${REPORT_TYPE} has no schemaVersion`);
  return {
    $schema,
    $id: `urn:loyalty-sim:run-report:schema-version:${version}`,
    title: `loyalty-sim run --json report, schemaVersion ${version}`,
    description: [
      `The report \`loyalty-sim run --json\` writes (${REPORT_TYPE} in src/report/report-model.ts), schemaVersion ${version}.`,
      ...(typeDescription === undefined ? [] : [typeDescription]),
      NULL_NUMBERS,
      'Generated from the TypeScript types by scripts/report-schema.js (npm run schemas).',
    ].join(' '),
    ...report,
    properties: { schemaVersion: { type: 'number', const: version, description: schemaVersion.description }, ...fields },
    definitions,
  };
}

/** The schema as committed in scenarios/: two-space indented JSON with a final newline. */
export function reportJsonSchemaText() {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(reportJsonSchemaText());
}
