/**
 * From zod's validation issues to located, readable problems: each issue's key path is looked up
 * in the YAML it came from to get a line and column, messages say what was expected and what was
 * found, and all problems of a file are reported together as one UserInputError.
 */
import type * as z from 'zod';
import { UserInputError } from '../errors.js';
import type { KeyPath } from '../schema/issue-text.js';
import { type ConfigIssue, type YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

/** True when a union branch failed because the value has another type altogether (not because of its content). */
function isTypeMismatch(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value') return true;
  if (issue.code === 'invalid_union') return issue.errors.length > 0 && issue.errors.every((branch) => branch.some(isTypeMismatch));
  return false;
}

/**
 * Zod reports a failed union as one issue holding each branch's issues. When exactly one branch
 * matched the value's type (a mapping given where a number or a distribution mapping is allowed),
 * its issues are the precise ones; otherwise the union's own message says what was expected.
 */
function flattenUnions(issue: Issue, prefix: KeyPath = []): { path: KeyPath; issue: Issue }[] {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const matching = issue.errors.filter((branch) => !branch.some(isTypeMismatch));
    if (matching.length === 1) return matching[0].flatMap((inner) => flattenUnions(inner, path));
  }
  return [{ path, issue }];
}

function hasKey(value: unknown, path: KeyPath): boolean {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || !(segment in current)) return false;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return true;
}

/** Where a key path of the validated value is written: which file, and the path inside that file. */
export type SourceResolver = (path: KeyPath) => { source: YamlSource; path: KeyPath };

/** Located problems from zod's issues for `value`, which was parsed from the sources `resolve` knows. */
export function locateIssues(issues: readonly Issue[], value: unknown, resolve: SourceResolver): ConfigIssue[] {
  const located: ConfigIssue[] = [];
  for (const { path, issue } of issues.flatMap((i) => flattenUnions(i))) {
    const { source, path: localPath } = resolve(path);
    const last = path[path.length - 1];
    if (issue.code === 'unrecognized_keys') {
      located.push(source.issueAt(localPath, issue.message, undefined, { key: issue.keys[0] }));
    } else if (typeof last === 'string' && path.length > 0 && !hasKey(value, path) && hasKey(value, path.slice(0, -1))) {
      located.push(source.issueAt(localPath.slice(0, -1), `missing required key '${last}'`));
    } else {
      located.push(source.issueAt(localPath, issue.message));
    }
  }
  return located;
}

/** Problems in order of file (`firstFile` first), then line, then column, without exact repeats. */
export function sortIssues(issues: readonly ConfigIssue[], firstFile?: string): ConfigIssue[] {
  const fileOrder = new Map<string, number>();
  if (firstFile !== undefined) fileOrder.set(firstFile, 0);
  for (const issue of issues) if (!fileOrder.has(issue.file)) fileOrder.set(issue.file, fileOrder.size);
  const seen = new Set<string>();
  return [...issues]
    .sort((a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || a.line - b.line || a.column - b.column)
    .filter((issue) => {
      const key = `${issue.file}:${issue.line}:${issue.column}:${issue.field}:${issue.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** `scenario.yaml:3:1: programs[0].enrolment: unknown key 'sahre' (did you mean 'share'?)` */
export function formatConfigIssue(issue: ConfigIssue): string {
  const location = { file: issue.file, line: issue.line, column: issue.column, field: issue.field || undefined };
  return new UserInputError(issue.message, location, issue.hint).format();
}

/**
 * Every problem found in a scenario or program file (and the program files it references). The
 * first is the error's own message and location; the others follow in the hint, one per line.
 */
export class ConfigError extends UserInputError {
  constructor(readonly issues: readonly ConfigIssue[]) {
    const [first, ...rest] = issues;
    const lines = [...(first.hint ? [first.hint] : []), ...rest.map((issue) => formatConfigIssue(issue).replaceAll('\n  ', '\n    '))];
    if (rest.length > 0) lines.push(`${issues.length} problems in total`);
    super(first.message, { file: first.file, line: first.line, column: first.column, field: first.field || undefined }, lines.join('\n  ') || undefined);
    this.name = 'ConfigError';
  }
}
