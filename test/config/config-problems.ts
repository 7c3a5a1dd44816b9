/** Shared by the config tests: the fixtures folder and the problems a rejected file reports. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/config/issues.js';
import { loadScenario } from '../../src/config/load.js';
import type { ConfigIssue } from '../../src/config/yaml-source.js';

/** test/config/fixtures/, relative to the working folder as messages name it. */
export const FIXTURES = path.relative(process.cwd(), fileURLToPath(new URL('./fixtures/', import.meta.url)));

/** The issues of a load that must fail with a ConfigError. */
export async function problemsOf(load: Promise<unknown>): Promise<ConfigIssue[]> {
  try {
    await load;
  } catch (err) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  throw new Error('expected the file to be rejected');
}

/** `file:line:column: field: message`, the way the CLI prints a problem (without the hint). */
export function located(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.field ? `${issue.field}: ` : ''}${issue.message}`;
}

/** The located problems of scenario fixture `file`. */
export async function locatedProblemsOf(file: string): Promise<string[]> {
  return (await problemsOf(loadScenario(path.join(FIXTURES, file)))).map(located);
}
