/** Points on a paid program in YAML: a bad multiplier or missing blocks fail with file:line:column. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { FIXTURES, locatedProblemsOf as problemsOf } from './config-problems.js';

describe('points on a paid program are validated', () => {
  it.each([
    ['paid-points-multiplier-negative.yaml', 'paid-points-multiplier-negative.yaml:12:25: programs[0].paid.pointsMultiplier: must not be negative, got -2'],
    ['paid-multiplier-without-points.yaml', 'paid-multiplier-without-points.yaml:12:25: programs[0].paid.pointsMultiplier: a points multiplier needs a points block: the points base it multiplies'],
  ])('%s', async (file, expected) => {
    expect(await problemsOf(file)).toEqual([path.join(FIXTURES, expected)]);
  });
});

describe('loyalty-sim run with a negative points multiplier', () => {
  it('exits 2 with file:line:column and no stack trace', async () => {
    const file = path.join(FIXTURES, 'paid-points-multiplier-negative.yaml');
    const result = await runCliInProcess(['run', file, '--no-progress']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${file}:12:25: programs[0].paid.pointsMultiplier: must not be negative, got -2`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});
