/** Bad paid, referral and shared-code definitions: file:line:column and the field (CLI: exit 2). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { FIXTURES, locatedProblemsOf as problemsOf } from './config-problems.js';

describe('paid, referral and shared-code definitions are validated', () => {
  it.each([
    ['negative-fee.yaml', 'negative-fee.yaml:11:12: programs[0].paid.fee: must not be negative, got -220'],
    ['hurdle-below-zero.yaml', 'hurdle-below-zero.yaml:13:15: programs[0].paid.hurdle: must not be negative, got -0.5'],
    ['paid-unknown-period.yaml', 'paid-unknown-period.yaml:12:15: programs[0].paid.period: expected one of "month", "year", got \'weekly\''],
    ['paid-without-fee.yaml', "paid-without-fee.yaml:10:5: programs[0].paid: missing required key 'fee'"],
    ['referral-negative-rate.yaml', 'referral-negative-rate.yaml:13:26: programs[0].referral.perMemberPerMonth: must not be negative, got -0.02'],
    ['leak-over-100.yaml', 'leak-over-100.yaml:12:18: programs[0].discount.leakShare: 120% is over 100%'],
  ])('%s', async (file, expected) => {
    expect(await problemsOf(file)).toEqual([path.join(FIXTURES, expected)]);
  });
});

describe('loyalty-sim run with a bad paid definition', () => {
  it('exits 2 with file:line:column and no stack trace', async () => {
    const result = await runCliInProcess(['run', path.join(FIXTURES, 'negative-fee.yaml'), '--no-progress']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${path.join(FIXTURES, 'negative-fee.yaml')}:11:12: programs[0].paid.fee: must not be negative, got -220`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});
